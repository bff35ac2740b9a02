"""Which process is Steady's instance, and handing a start request to it: standard library only.

One running Steady per data folder. The lock is an `flock` on two files (InstanceLock): one in
the private runtime folder (app.paths.runtime_dir) and one in the data folder itself, which
sessions with different runtime folders both see. The kernel drops a lock when its process ends
in any way, so a lock left by `kill -9` never blocks the next start, and two starts at once
cannot both win. A start that does not get the lock hands its command to the instance and exits;
it keeps trying (the instance may not be listening yet) and retries the lock in case the
instance died, so a burst of starts leaves exactly one instance. All of this happens before Qt
is imported: only the process that will show the window loads it.

The running instance listens on a Unix domain socket at DataPaths.socket_name
(app.gui.single_instance.RequestServer). Nothing here trusts what is not the user's: a lock
file, a socket (or its listener, by SO_PEERCRED) of another user is refused with a plain
message (app.core.private_folder.NotPrivate), and links are never followed. The client uses
`_socket`, the C type the `socket` module wraps: the wrapper's imports (selectors, array) cost
a few milliseconds that a first start pays on its way to the pacer's first frame.
"""

from __future__ import annotations

import _socket
import errno
import json
import os
import stat
import sys
import time
from typing import TYPE_CHECKING, Any, NamedTuple

from app.core.private_folder import NotPrivate, check_entry, check_owner, current_uid, owned_by_user

if TYPE_CHECKING:
    from pathlib import Path

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
    def from_bytes(data: bytes) -> LaunchRequest | None:
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
    check_entry(socket_name, os.lstat(socket_name), stat.S_ISSOCK, "a socket", "Steady's hand-over point")


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


#: How long a start keeps trying to reach a running Steady that holds the lock (it may still be
#: on its way to its first frame, after which it listens) before saying it cannot.
HANDOVER_PATIENCE_S = 10.0

#: The most a lock file is read for its holder's details (a PID and a socket path).
_LOCK_TEXT_LIMIT = 4096


class Holder(NamedTuple):
    """Who holds a lock, as far as this start can tell: where it listens, and its process."""

    socket_name: str | None
    pid: int | None = None


class _FileLock:
    """One file held with `flock`: the kernel drops it when the process ends in any way.

    The holder removes the file before letting go, so lock files do not pile up; a process that
    opened the old file just before then finds, once it holds it, that the name now leads to
    another file (or none), and tries again: two holders can never both think they won.
    """

    #: Opening again after the holder removed the file: a few tries, then it counts as held.
    ATTEMPTS = 8

    def __init__(self, fd: int, path: Path) -> None:
        self._fd: int | None = fd
        self._path = path

    @staticmethod
    def take(path: Path) -> _FileLock:
        """Hold the lock file at `path` (made 0600 if missing).

        Raises BlockingIOError when another process holds it, NotPrivate when it is not the
        user's, OSError when it cannot be used (a link: O_NOFOLLOW, so a planted link's target
        is never truncated; a folder in the way; a read-only file system).
        """
        import fcntl

        for _ in range(_FileLock.ATTEMPTS):
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
            try:
                info = os.fstat(fd)
                if not stat.S_ISREG(info.st_mode):
                    raise IsADirectoryError(errno.EISDIR, "not a regular file", str(path))
                check_owner(path, info, "Steady's lock file")
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                if _same_file(path, info):
                    return _FileLock(fd, path)
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)  # the holder removed it as we opened it: open the one there now
        raise BlockingIOError(errno.EWOULDBLOCK, "the lock keeps changing hands", str(path))

    def write(self, text: str) -> None:
        """Say who holds it, for a later start and for a person looking; a full disk is no reason to stop."""
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
            os.pwrite(self._fd, text.encode("utf-8"), 0)
        except OSError:
            pass

    def release(self) -> None:
        """Remove the file while still holding it, then let go (closing drops the lock)."""
        if self._fd is not None:
            try:
                os.unlink(self._path)
            except OSError:
                pass  # a read-only folder: the file stays, and is simply held again next time
            os.close(self._fd)
            self._fd = None


def _same_file(path: Path, info: os.stat_result) -> bool:
    """Whether `path` still names the file `info` describes (not removed or replaced meanwhile)."""
    try:
        now = os.lstat(path)
    except FileNotFoundError:
        return False
    return (now.st_dev, now.st_ino) == (info.st_dev, info.st_ino)


class InstanceLock:
    """One running Steady per data folder, held for as long as this process runs.

    Two locks: one in the runtime folder (DataPaths.lock_file), which works on a read-only data
    folder, and one in the data folder itself (DataPaths.folder_lock), which two sessions with
    different runtime folders (a terminal and the desktop) both see. The folder lock names the
    holder's socket, so a start from another session can still hand its request over. Where the
    data folder cannot hold a lock (read-only, a link in the way, no locks on its file system),
    the runtime lock stands alone.
    """

    def __init__(self, paths: DataPaths) -> None:
        self.paths = paths
        self._held: tuple[_FileLock, _FileLock | None] | None = None
        #: Who held the lock at the last try that failed.
        self.holder = Holder(None)

    def try_acquire(self) -> bool:
        """True when this process holds both locks (or already did); False when a running Steady holds one.

        Raises NotPrivate or OSError when the runtime folder's lock cannot be used at all.
        """
        if self._held is not None:
            return True
        try:
            in_runtime = _FileLock.take(self.paths.lock_file)
        except BlockingIOError:
            self.holder = Holder(self.paths.socket_name)
            return False
        try:
            in_folder = self._take_folder_lock()
        except BlockingIOError:
            in_runtime.release()  # hold nothing while waiting: a start in this session must reach the instance
            self.holder = _holder_named_in(self.paths.folder_lock)
            return False
        except BaseException:
            in_runtime.release()
            raise
        in_runtime.write(f"{os.getpid()}\n")
        if in_folder is not None:
            in_folder.write(f"{os.getpid()}\n{self.paths.socket_name}\n")
        self._held = (in_runtime, in_folder)
        return True

    def _take_folder_lock(self) -> _FileLock | None:
        """The data folder's lock, or None where the folder cannot hold one; BlockingIOError when held."""
        self.paths.ensure()
        try:
            return _FileLock.take(self.paths.folder_lock)
        except BlockingIOError:
            raise
        except OSError:
            return None

    def release(self) -> None:
        if self._held is not None:
            for lock in self._held:
                if lock is not None:
                    lock.release()
            self._held = None


def _holder_named_in(lock_file: Path) -> Holder:
    """The PID and socket the holder of `lock_file` wrote in it; Holder(None) when unreadable.

    Only a regular file of the user's is read (never a link), and at most _LOCK_TEXT_LIMIT bytes.
    """
    try:
        fd = os.open(lock_file, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return Holder(None)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not owned_by_user(info):
            return Holder(None)
        text = os.read(fd, _LOCK_TEXT_LIMIT).decode("utf-8", "replace")
    except OSError:
        return Holder(None)
    finally:
        os.close(fd)
    lines = text.split("\n")
    pid = int(lines[0]) if lines[0].isascii() and lines[0].isdigit() and len(lines[0]) < 12 else None
    socket_name = lines[1] if len(lines) > 2 and os.path.isabs(lines[1]) and "\0" not in lines[1] else None
    return Holder(socket_name, pid)


def become_primary_or_hand_over(lock: InstanceLock, request: LaunchRequest, patience_s: float | None = None) -> bool:
    """True when this process is now the instance; False when another one took `request`.

    Raises TimeoutError if neither happened within `patience_s` (default HANDOVER_PATIENCE_S):
    a wedged instance, or one this start cannot reach (started in another session, with a
    runtime folder out of this one's sight); the message says which, in words for the user.
    """
    deadline = time.monotonic() + (HANDOVER_PATIENCE_S if patience_s is None else patience_s)
    delay = 0.005
    while True:
        if lock.try_acquire():
            return True
        socket_name = lock.holder.socket_name
        if socket_name is not None and send_request_plain(socket_name, request):
            return False
        if time.monotonic() > deadline:
            raise TimeoutError(_unreachable(lock))
        time.sleep(delay)
        delay = min(delay * 2, 0.1)


def _unreachable(lock: InstanceLock) -> str:
    if lock.holder.socket_name == lock.paths.socket_name:
        return "another Steady holds the lock but does not answer; close it or end its process, then try again"
    process = f" (process {lock.holder.pid})" if lock.holder.pid is not None else ""
    return (f"Steady already runs for {lock.paths.root}{process}, but this start cannot reach it: it was started "
            "in another session (another XDG_RUNTIME_DIR) or on another computer. Use that Steady, or close it, "
            "then try again")


def remove_stale_runtime_files(folder: Path) -> None:
    """Remove the locks and sockets in the runtime folder of Steadys that are gone.

    A Steady killed with kill -9 leaves its lock and socket; they do no harm (the next start
    for that data folder takes them over) but pile up when data folders change. A key is stale
    when its lock can be taken: no Steady runs for it, and none can start for it meanwhile, so
    its socket is removed while the lock is held, and the lock on release. Only names Steady
    makes (16 hex digits, .lock or .sock) are looked at; a lock this process holds, or one of
    someone else's, is left alone.
    """
    keys: set[str] = set()
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        key, suffix = name[:-5], name[-5:]
        if suffix in (".lock", ".sock") and len(key) == 16 and all(c in "0123456789abcdef" for c in key):
            keys.add(key)
    for key in sorted(keys):
        try:
            lock = _FileLock.take(folder / f"{key}.lock")
        except OSError:
            continue  # a Steady runs for that folder, or the file is not Steady's to remove
        try:
            socket_name = folder / f"{key}.sock"
            info = os.lstat(socket_name)
            if stat.S_ISSOCK(info.st_mode) and owned_by_user(info):
                os.unlink(socket_name)
        except OSError:
            pass
        finally:
            lock.release()


def clear_leftovers(paths: DataPaths, now: float) -> None:
    """Clear what killed runs left behind, after this instance's first frame.

    Temporary files of saves cut short (app.core.atomic.remove_orphans) in every folder Steady
    saves into, and the locks and sockets of Steadys that are gone. `now` is wall-clock time.
    """
    from app.core.atomic import remove_orphans
    from app.desktop_entry import FILE_NAME
    from app.paths import applications_dir, autostart_dir, cache_dir, runtime_dir

    for folder in (*paths.saved_folders(), cache_dir()):
        remove_orphans(folder, now)
    for folder in (applications_dir(), autostart_dir()):  # other programs save there too
        remove_orphans(folder, now, names=(FILE_NAME,))
    try:
        remove_stale_runtime_files(runtime_dir())
    except OSError:
        pass
