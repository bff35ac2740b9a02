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
import stat
import sys
import time
from typing import TYPE_CHECKING, Any, NamedTuple

from app.core.private_folder import NotPrivate, check_owner, current_uid

if TYPE_CHECKING:
    from app.paths import DataPaths

ACK = b"ok\n"


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
        try:
            raw: Any = json.loads(data.decode("utf-8"))
            command = raw.get("command")
            exercise = raw.get("exercise_id")
        except (ValueError, AttributeError):
            return None
        if command not in ("open", "breathe", "now") or not (exercise is None or isinstance(exercise, str)):
            return None
        return LaunchRequest(command, exercise)



def send_request_plain(socket_name: str, request: LaunchRequest, timeout_s: float = 1.0) -> bool:
    """Hand `request` over without Qt; True once the running instance acknowledged it.

    False when nothing listens there (yet). Raises NotPrivate when what is there is not the
    user's own Steady: a link, or a socket of, or listened on by, another user. Those hear
    nothing: a start in a hard moment is nobody else's business.
    """
    if not hasattr(_socket, "AF_UNIX"):
        return False
    try:
        _check_own_socket(socket_name)
    except NotPrivate:
        raise
    except OSError:  # nothing there yet, or nothing reachable
        return False
    try:
        client = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    except OSError:
        return False
    received = b""
    try:
        client.settimeout(timeout_s)
        client.connect(socket_name)
        _check_own_listener(client, socket_name)
        client.sendall(request.to_bytes())
        while not received.endswith(b"\n") and len(received) < 64:
            chunk = client.recv(64)
            if not chunk:
                break
            received += chunk
    except NotPrivate:
        raise
    except OSError:
        return False
    finally:
        client.close()
    return received == ACK


def _check_own_socket(socket_name: str) -> None:
    """Raise NotPrivate unless `socket_name` is a socket (not a link to one) of the user's."""
    info = os.lstat(socket_name)
    if stat.S_ISLNK(info.st_mode):
        raise NotPrivate(f"{socket_name}: Steady's hand-over point is a link to another place, so your request was "
                         "not sent. Remove the link, then start Steady again.")
    if not stat.S_ISSOCK(info.st_mode):
        raise NotPrivate(f"{socket_name}: something that is not Steady's hand-over point is in its place. Remove it, "
                         "then start Steady again.")
    check_owner(socket_name, info, "hand-over point")


def _check_own_listener(client: Any, socket_name: str) -> None:
    """Raise NotPrivate when the process listening at the other end runs as another user.

    The file's owner says who made it; SO_PEERCRED says who answers (Linux), which a socket
    handed from one process to another cannot hide.
    """
    uid = current_uid()
    option = getattr(_socket, "SO_PEERCRED", None)
    if uid is None or option is None:
        return
    credentials = client.getsockopt(_socket.SOL_SOCKET, option, 12)  # struct ucred: pid, uid, gid
    peer = int.from_bytes(credentials[4:8], sys.byteorder)
    if peer != uid:
        raise NotPrivate(f"{socket_name}: the program answering at Steady's hand-over point runs as another user "
                         f"(user id {peer}), so your request was not sent. Close that program, or set XDG_RUNTIME_DIR "
                         "to a folder of your own (mode 700), then start Steady again.")


class InstanceLock:
    """The per-data-folder lock (DataPaths.lock_file), held for as long as this process runs."""

    def __init__(self, paths: "DataPaths") -> None:
        self.paths = paths
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        import fcntl

        if self._fd is not None:
            return True
        # O_NOFOLLOW: a symlink planted at this name must not make us truncate its target, and
        # a file of someone else's is not trusted. OSError (a folder in the way, no such folder,
        # NotPrivate) goes to the caller.
        path = self.paths.lock_file
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
        try:
            check_owner(path, os.fstat(fd), "lock file")
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except BaseException:
            os.close(fd)
            raise
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

