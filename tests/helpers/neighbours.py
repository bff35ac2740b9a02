"""Another local user, for tests of what Steady trusts in shared and runtime folders.

The suite runs as root here, so "another user" is simulated the way the hardening issue asks:
files are made by the test and handed to a different uid with os.chown. A test that needs a
process really running as someone else (SO_PEERCRED) starts one that drops to that uid itself.
Without root none of this can be simulated, and those tests skip saying so.
"""

from __future__ import annotations

import fcntl
import os
import socket
import threading
from pathlib import Path

import pytest

#: The neighbour's user id: anyone but the user running the tests.
NEIGHBOUR_UID = 4242 if os.getuid() != 4242 else 4243


def neighbour_uid() -> int:
    """The neighbour's uid; skips the test when files cannot be given to another user."""
    if not hasattr(os, "getuid") or os.getuid() != 0:
        pytest.skip("handing a file to another user (os.chown) needs root; run the suite as root to simulate a neighbour")
    return NEIGHBOUR_UID


class Eavesdropper:
    """A listening socket at `path` owned by `uid`: answers like Steady ("ok") and keeps what it hears."""

    def __init__(self, path: Path, uid: int) -> None:
        self.path = path
        self.heard: list[bytes] = []
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(str(path))
        os.chown(path, uid, uid)
        os.chmod(path, 0o777)
        self._server.listen(8)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self._server.accept()
            except OSError:
                return  # closed
            with connection:
                connection.settimeout(30)
                try:
                    self.heard.append(connection.recv(4096))
                    connection.sendall(b"ok\n")
                except OSError:
                    pass

    def close(self) -> None:
        try:
            self._server.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._server.close()
        self._thread.join(timeout=30)


class HeldLock:
    """A lock file at `path` owned by `uid`, opened by anyone (mode 666) and held with flock."""

    def __init__(self, path: Path, uid: int) -> None:
        self.path = path
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        os.fchmod(self._fd, 0o666)
        os.fchown(self._fd, uid, uid)
        fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def close(self) -> None:
        os.close(self._fd)


def neighbours_folder(path: Path, uid: int, mode: int = 0o777) -> Path:
    """A folder at `path` made by the neighbour (owned by `uid`, open to all by default)."""
    path.mkdir()
    os.chmod(path, mode)
    os.chown(path, uid, uid)
    return path
