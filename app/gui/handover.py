"""Which process is Steady's instance, and handing a start request to it: standard library only.

One running Steady per data folder. The lock is an `flock` on a file in the runtime folder: the
kernel drops it when its process ends in any way, so a lock left by `kill -9` never blocks the
next start, and two starts at once cannot both win. A start that does not get the lock hands its
command to the instance and exits; it keeps trying (the instance may not be listening yet) and
retries the lock in case the instance died, so a burst of starts leaves exactly one instance.
All of this happens before Qt is imported: only the process that will show the window loads it.

The running instance listens on a Unix domain socket at DataPaths.socket_name
(app.gui.single_instance.RequestServer). The client here uses `_socket`, the C type the `socket`
module wraps: the wrapper's imports (selectors, array) cost a few milliseconds that a first
start pays on its way to the pacer's first frame.
"""

from __future__ import annotations

import _socket
import json
import os
import time
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from app.paths import DataPaths

ACK = b"ok\n"
#: A request is one short line; anything longer is not Steady talking.
MAX_REQUEST_BYTES = 4096
COMMANDS = ("open", "breathe", "now")


class LaunchRequest(NamedTuple):
    """What a start of Steady asks for: `open` (the window), `breathe` or `now`.

    A NamedTuple rather than a frozen dataclass: built in a tenth of the time on the way to the
    first frame.
    """

    command: str = "open"
    exercise_id: str | None = None

    def to_bytes(self) -> bytes:
        return json.dumps(self._asdict()).encode() + b"\n"

    @staticmethod
    def from_bytes(data: bytes) -> "LaunchRequest | None":
        """The request on one line, or None for anything that is not what `to_bytes` writes.

        The socket is only this user's, but whatever reaches it is still outside data: its
        length and shape are checked before JSON reads it (one flat object: one ``{``, no ``[``,
        so nothing can nest deeply enough to exhaust Python's recursion), then its keys (no
        other, none twice), the command, and the exercise id (the shape of an id, so that it can
        hold no line break or escape sequence to carry into the log or the window).
        """
        if len(data) > MAX_REQUEST_BYTES or data.count(b"{") != 1 or b"[" in data:
            return None
        try:
            raw: Any = json.loads(data.decode("utf-8"), object_pairs_hook=_each_key_once)
        except ValueError:
            return None
        if not isinstance(raw, dict) or not set(raw) <= set(LaunchRequest._fields):
            return None
        command, exercise = raw.get("command"), raw.get("exercise_id")
        if command not in COMMANDS or not (exercise is None or _is_exercise_id(exercise)):
            return None
        return LaunchRequest(command, exercise)


def _each_key_once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    if len({key for key, _value in pairs}) != len(pairs):
        raise ValueError("a key is given twice")
    return dict(pairs)


def _is_exercise_id(value: Any) -> bool:
    import re

    from app.core.ids import ID_REGEX  # only in the running instance, never on a start's way to its hand-over

    return isinstance(value, str) and re.fullmatch(ID_REGEX, value) is not None



def send_request_plain(socket_name: str, request: LaunchRequest, timeout_s: float = 1.0) -> bool:
    """Hand `request` over without Qt; True once the running instance acknowledged it."""
    if not hasattr(_socket, "AF_UNIX"):
        return False
    try:
        client = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    except OSError:
        return False
    received = b""
    try:
        client.settimeout(timeout_s)
        client.connect(socket_name)
        client.sendall(request.to_bytes())
        while not received.endswith(b"\n") and len(received) < 64:
            chunk = client.recv(64)
            if not chunk:
                break
            received += chunk
    except OSError:
        return False
    finally:
        client.close()
    return received == ACK


class InstanceLock:
    """The per-data-folder lock (DataPaths.lock_file), held for as long as this process runs."""

    def __init__(self, paths: "DataPaths") -> None:
        self.paths = paths
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        import fcntl

        if self._fd is not None:
            return True
        # O_NOFOLLOW: in a shared temp folder, a symlink planted at this name must not make us
        # truncate its target. OSError (a folder in the way, no such folder) goes to the caller.
        fd = os.open(self.paths.lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        try:  # the PID is for a person looking; the kernel holds the lock, so a full disk is no reason to stop
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None


def become_primary_or_hand_over(lock: InstanceLock, request: LaunchRequest, patience_s: float = 10.0) -> bool:
    """True when this process is now the instance; False when another one took `request`.

    Raises TimeoutError if neither happened within `patience_s` (a wedged instance).
    """
    deadline = time.monotonic() + patience_s
    delay = 0.005
    while True:
        if lock.try_acquire():
            return True
        if send_request_plain(lock.paths.socket_name, request):
            return False
        if time.monotonic() > deadline:
            raise TimeoutError("another Steady holds the lock but does not answer")
        time.sleep(delay)
        delay = min(delay * 2, 0.1)

