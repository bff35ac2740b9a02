"""One running Steady per data folder; later starts hand their command to it and exit.

The lock is a QLockFile with stale-lock time 0, so only a dead owner's PID frees it: a lock
left by `kill -9` never blocks the next start, and two starts at once cannot both win
(`tryLock` is atomic). The owner listens on a local socket in the runtime folder; a loser keeps
trying to connect (the winner may not be listening yet) and retries the lock in case the
winner died, so a burst of starts leaves exactly one instance. QtNetwork is imported only when a
socket is needed: the instance listens after its first frame, and a later start retries until then.
"""

from __future__ import annotations

import time

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QLockFile, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

from app.gui.handover import ACK as _ACK
from app.gui.handover import LaunchRequest  # noqa: F401 - re-exported for the window and tests
from app.paths import DataPaths

class InstanceLock:
    """The per-data-folder lock in the runtime folder."""

    def __init__(self, paths: DataPaths) -> None:
        self.paths = paths
        self._lock = QLockFile(str(paths.lock_file))
        self._lock.setStaleLockTime(0)

    def try_acquire(self) -> bool:
        return self._lock.tryLock(0)

    def release(self) -> None:
        self._lock.unlock()


def send_request(socket_name: str, request: LaunchRequest, timeout_ms: int = 1000) -> bool:
    """Hand `request` to the running instance; True once it acknowledged."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(socket_name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(QByteArray(request.to_bytes()))
    socket.flush()
    if socket.bytesToWrite() and not socket.waitForBytesWritten(timeout_ms):
        return False
    received = b""
    deadline = time.monotonic() + timeout_ms / 1000
    while not received.endswith(b"\n") and time.monotonic() < deadline:
        if not socket.waitForReadyRead(max(1, int((deadline - time.monotonic()) * 1000))):
            break
        received += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return received == _ACK


def become_primary_or_hand_over(lock: InstanceLock, request: LaunchRequest, patience_s: float = 10.0) -> bool:
    """True when this process is now the instance; False when another one took `request`.

    Raises TimeoutError if neither happened within `patience_s` (a wedged instance).
    """
    deadline = time.monotonic() + patience_s
    delay = 0.005
    while True:
        if lock.try_acquire():
            return True
        if send_request(lock.paths.socket_name, request):
            return False
        if time.monotonic() > deadline:
            raise TimeoutError("another Steady holds the lock but does not answer")
        time.sleep(delay)
        delay = min(delay * 2, 0.1)


class RequestServer(QObject):
    """Listens for later starts of Steady and emits what they asked for."""

    requestReceived = Signal(object)

    def __init__(self, socket_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = socket_name
        self._server = None

    def listen(self) -> bool:
        from PySide6.QtNetwork import QLocalServer

        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        QLocalServer.removeServer(self._name)
        return self._server.listen(self._name)

    def close(self) -> None:
        if self._server is not None:
            from PySide6.QtNetwork import QLocalServer

            self._server.close()
            QLocalServer.removeServer(self._name)

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            buffer = bytearray()

            def read(sock: QLocalSocket = socket, buf: bytearray = buffer) -> None:
                buf.extend(bytes(sock.readAll().data()))
                if b"\n" in buf or len(buf) > 4096:
                    sock.readyRead.disconnect()
                    request = LaunchRequest.from_bytes(bytes(buf).split(b"\n", 1)[0])
                    if request is not None:
                        sock.write(QByteArray(_ACK))
                        sock.flush()
                        self.requestReceived.emit(request)
                    sock.disconnectFromServer()

            socket.readyRead.connect(read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                read()
