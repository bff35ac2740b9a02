"""The instance lock (an flock in the runtime folder), without Qt."""

from __future__ import annotations

import os
import subprocess
import sys

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
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from app.gui.handover import InstanceLock;"
         "from app.paths import DataPaths; lock = InstanceLock(DataPaths(Path(sys.argv[1])));"
         "print(lock.try_acquire(), flush=True); time.sleep(60)", str(paths.root)],
        stdout=subprocess.PIPE, text=True,
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
