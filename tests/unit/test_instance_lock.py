"""The instance lock (an flock in the runtime folder), without Qt."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from app.gui.handover import InstanceLock
from app.paths import DataPaths


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
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; from app.gui.handover import InstanceLock;"
         "from app.paths import DataPaths; lock = InstanceLock(DataPaths(Path(sys.argv[1])));"
         "print(lock.try_acquire(), flush=True); sys.stdin.readline()", str(paths.root)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
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
