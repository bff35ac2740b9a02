"""The instance lock (an flock in the runtime folder), without Qt."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from app.gui.handover import InstanceLock
from app.paths import DataPaths
from tests.helpers.processes import start_lock_holder


def test_one_holder_at_a_time_and_release_frees_it(tmp_path):
    paths = DataPaths(tmp_path / "data")
    first, second = InstanceLock(paths), InstanceLock(paths)
    assert first.try_acquire() and first.try_acquire()  # holding it already counts
    assert not second.try_acquire()
    assert oct(os.stat(paths.lock_file).st_mode & 0o777) == "0o600"
    first.release()
    assert second.try_acquire()
    second.release()


def test_a_lock_held_by_a_killed_process_is_free_at_once(tmp_path):
    paths = DataPaths(tmp_path / "data")
    holder = start_lock_holder(paths.root)
    try:
        assert holder.stdout.readline().strip() == "True"
        assert not InstanceLock(paths).try_acquire()
    finally:
        holder.kill()  # SIGKILL: no chance to clean up
        holder.wait()
    assert InstanceLock(paths).try_acquire()


def test_the_lock_never_needs_qt():
    code = "import sys; import app.gui.handover, app.gui.launch; sys.exit('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_a_symlink_at_the_lock_is_not_followed(tmp_path):
    paths = DataPaths(tmp_path / "data")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    paths.lock_file.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(victim, paths.lock_file)
    try:
        with pytest.raises(OSError):
            InstanceLock(paths).try_acquire()
        assert victim.read_text() == "keep me"
    finally:
        os.unlink(paths.lock_file)


def test_something_in_the_way_of_the_lock_is_a_clear_message(tmp_path, monkeypatch):
    from tests.helpers.processes import run_steady

    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    lock = DataPaths(data).lock_file
    lock.mkdir()  # a folder where the lock file belongs
    result = run_steady("now", "--data-dir", str(data), XDG_RUNTIME_DIR=str(runtime))
    assert result.returncode == 1
    assert "cannot use the lock file" in result.stderr and str(lock) in result.stderr
    assert "Traceback" not in result.stderr


# -- nobody else's lock or socket is trusted (issue 12, "Neighbours") -----------------------------

import textwrap  # noqa: E402
from pathlib import Path  # noqa: E402

from app.gui.handover import LaunchRequest, send_request_plain  # noqa: E402
from tests.helpers.neighbours import Eavesdropper, HeldLock, neighbour_uid  # noqa: E402


def test_a_lock_file_of_someone_elses_is_refused_plainly(tmp_path):
    paths = DataPaths(tmp_path / "data")
    planted = HeldLock(paths.lock_file, neighbour_uid())
    planted.close()  # not even held: its owner alone makes it untrustworthy
    with pytest.raises(OSError) as refused:
        InstanceLock(paths).try_acquire()
    assert str(paths.lock_file) in str(refused.value) and "another user" in str(refused.value)


def _refused_unheard(socket_name: str, ears: Eavesdropper, why: str) -> None:
    """`steady now` sent to `socket_name` is refused, saying `why`, and `ears` heard nothing."""
    try:
        with pytest.raises(OSError) as refused:
            send_request_plain(socket_name, LaunchRequest("now"))
        assert socket_name in str(refused.value) and why in str(refused.value)
    finally:
        ears.close()
    assert ears.heard == []


def test_a_socket_of_someone_elses_hears_nothing(tmp_path):
    paths = DataPaths(tmp_path / "data")
    _refused_unheard(paths.socket_name, Eavesdropper(Path(paths.socket_name), neighbour_uid()), "another user")


def test_a_symlink_at_the_socket_is_not_followed(tmp_path):
    paths = DataPaths(tmp_path / "data")
    real = tmp_path / "real.sock"
    ears = Eavesdropper(real, os.getuid())  # even a socket of the user's own, somewhere else
    os.symlink(real, paths.socket_name)
    _refused_unheard(paths.socket_name, ears, "link")


#: Binds a socket at argv[1] as root (so the file is root's), then drops to uid argv[2] before
#: listening: only the peer's credentials (SO_PEERCRED) can tell that someone else answers.
_LISTEN_AS_ANOTHER_USER = textwrap.dedent("""
    import os, socket, sys
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(sys.argv[1])
    os.setgid(int(sys.argv[2])); os.setuid(int(sys.argv[2]))
    server.listen(4)
    print("listening", flush=True)
    connection, _ = server.accept()
    connection.settimeout(30)
    try:
        heard = connection.recv(4096)
        connection.sendall(b"ok\\n")
    except OSError:
        heard = b""
    print(repr(heard), flush=True)
""")


def test_a_socket_whose_listener_runs_as_someone_else_hears_nothing(tmp_path):
    paths = DataPaths(tmp_path / "data")
    uid = neighbour_uid()
    listener = subprocess.Popen([sys.executable, "-c", _LISTEN_AS_ANOTHER_USER, paths.socket_name, str(uid)],
                                stdout=subprocess.PIPE, text=True)
    try:
        assert listener.stdout.readline().strip() == "listening"
        assert os.lstat(paths.socket_name).st_uid == os.getuid()  # the file itself looks like the user's
        with pytest.raises(OSError) as refused:
            send_request_plain(paths.socket_name, LaunchRequest("now"))
        assert "another user" in str(refused.value)
        out, _ = listener.communicate(timeout=30)  # it heard the connection close, and nothing else
        assert "now" not in out
    finally:
        if listener.poll() is None:
            listener.kill()
            listener.wait(timeout=10)


# -- the lock in the data folder itself (issue 12) ------------------------------------------------

def test_a_read_only_data_folder_still_gets_the_runtime_lock(tmp_path):
    """A data folder on a read-only mount (a real one, in a private mount namespace: chmod does
    not stop root): the lock in the runtime folder alone still admits exactly one holder."""
    import shutil

    if shutil.which("unshare") is None or shutil.which("mount") is None:
        pytest.skip("unshare or mount is not installed, so no read-only mount can be made")
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    code = ("import sys; from pathlib import Path; from app.gui.handover import InstanceLock; from app.paths import DataPaths;"
            "paths = DataPaths(Path(sys.argv[1])); first, second = InstanceLock(paths), InstanceLock(paths);"
            "print(first.try_acquire(), second.try_acquire(), sorted(p.name for p in paths.root.iterdir()))")
    script = f'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && exec "{sys.executable}" -c "$2" "$1"'
    result = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(data), code], capture_output=True, text=True, timeout=60)
    if result.returncode != 0 and not result.stdout:  # unshare or mount refused: no private read-only mount here
        pytest.skip(f"cannot make a read-only mount here: {result.stderr.strip()}")
    assert result.stdout.split() == ["True", "False", "[]"], result.stderr


def test_the_data_folder_lock_admits_one_holder_whatever_the_runtime_folder(tmp_path, monkeypatch):
    paths = DataPaths(tmp_path / "data")
    first = InstanceLock(paths)
    assert first.try_acquire()
    for runtime in ("desktop", "terminal"):
        (tmp_path / runtime).mkdir(mode=0o700)
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / runtime))
        assert not InstanceLock(paths).try_acquire()
    first.release()
    assert InstanceLock(paths).try_acquire()


@pytest.mark.parametrize("planted", ["link to a file", "link to /dev/zero", "fifo"])
def test_something_else_at_the_data_folder_lock_is_never_followed_read_or_waited_on(tmp_path, planted):
    paths = DataPaths(tmp_path / "data")
    paths.root.mkdir(mode=0o700)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    if planted == "fifo":
        os.mkfifo(paths.folder_lock)
    else:
        paths.folder_lock.symlink_to(victim if planted == "link to a file" else "/dev/zero")
    lock = InstanceLock(paths)
    assert lock.try_acquire()  # with the runtime lock alone, as on a read-only folder
    lock.release()
    assert victim.read_text() == "keep me" and os.path.lexists(paths.folder_lock)
