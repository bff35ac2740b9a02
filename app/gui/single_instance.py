"""The running instance's end of the hand-over: it listens for later starts of Steady.

Who is the instance is decided before Qt is loaded (app.gui.handover: the lock, and the client
every later start uses). The instance listens on a Unix socket in the runtime folder, watched
with QtCore's QSocketNotifier, so Steady never loads QtNetwork (about 3 MB of resident memory
for one small socket). It listens after its first frame; starts in between keep trying.
"""

from __future__ import annotations

import os
import socket

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from app.gui.handover import ACK as _ACK
from app.gui.handover import (
    MAX_REQUEST_BYTES,
    LaunchRequest,
)
from app.logs import log

#: A start that connects but says nothing is dropped after this long.
REQUEST_TIMEOUT_MS = 2000
#: After a failed accept (no file descriptors left), how long the server rests before retrying.
ACCEPT_RETRY_MS = 1000


class RequestServer(QObject):
    """Listens for later starts of Steady and emits what they asked for."""

    requestReceived = Signal(object)

    def __init__(self, socket_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = socket_name
        self._socket: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._clients: dict[int, _Client] = {}

    def listen(self) -> bool:
        """Start listening; False when the socket cannot be made (the caller tells the user)."""
        try:
            os.unlink(self._path)  # a socket left by a dead instance: this process holds the lock
        except FileNotFoundError:
            pass
        except OSError:
            return False
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            server.bind(self._path)
            os.chmod(self._path, 0o600)  # only this user may connect (not umask: it is process-wide)
            server.listen(16)
        except OSError:
            server.close()
            return False
        server.setblocking(False)
        self._socket = server
        self._notifier = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)
        return True

    def close(self) -> None:
        for client in list(self._clients.values()):
            client.close()
        if self._socket is not None:
            if self._notifier is not None:
                self._notifier.setEnabled(False)
            self._socket.close()
            self._socket = None
            try:
                os.unlink(self._path)
            except OSError:
                pass

    def _accept(self) -> None:
        while self._socket is not None:
            try:
                connection, _address = self._socket.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as error:
                # Out of file descriptors or the like: the pending start stays queued and the
                # notifier would fire again at once, so rest a second instead of spinning.
                log.warning("could not accept a later start: %s", error)
                if self._notifier is not None:
                    self._notifier.setEnabled(False)
                    QTimer.singleShot(ACCEPT_RETRY_MS, self, self._listen_again)
                return
            connection.setblocking(False)
            client = _Client(connection, self)
            self._clients[id(client)] = client

    def _listen_again(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(True)

    def _received(self, client: _Client, line: bytes) -> None:
        request = LaunchRequest.from_bytes(line)
        if request is None:  # what it said stays out of the log: its size is enough to tell
            log.warning("refused a hand-over message that is not a start request (%d bytes)", len(line))
        else:
            try:
                client.connection.send(_ACK)
            except OSError:
                pass
        self._forget(client)
        if request is not None:
            self.requestReceived.emit(request)

    def _forget(self, client: _Client) -> None:
        client.close()
        self._clients.pop(id(client), None)


class _Client(QObject):
    """One connected start: reads its line, or is dropped after REQUEST_TIMEOUT_MS."""

    def __init__(self, connection: socket.socket, server: RequestServer) -> None:
        super().__init__(server)
        self.connection = connection
        self._server = server
        self._buffer = bytearray()
        self._notifier = QSocketNotifier(connection.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)
        self._timeout = QTimer(self, singleShot=True, interval=REQUEST_TIMEOUT_MS)
        self._timeout.timeout.connect(lambda: server._forget(self))
        self._timeout.start()

    def _read(self) -> None:
        try:
            chunk = self.connection.recv(MAX_REQUEST_BYTES)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        self._buffer.extend(chunk)
        if b"\n" in self._buffer:
            self._server._received(self, bytes(self._buffer).split(b"\n", 1)[0])
        elif not chunk or len(self._buffer) > MAX_REQUEST_BYTES:
            self._server._forget(self)

    def close(self) -> None:
        if self._notifier.isEnabled():
            self._notifier.setEnabled(False)
        self._timeout.stop()
        try:
            self.connection.close()
        except OSError:
            pass
        self.deleteLater()
