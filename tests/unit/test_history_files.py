"""What is at DATA_DIR/history.db when it is not a file: a folder, a named pipe, a device.

A named pipe there froze the window (SQLite's first read waits for a writer that never comes); a
symlink to /dev/zero swallowed every write. The history is opened the way the app opens it, in a
child process with a generous timeout, so a hang fails the test instead of stopping the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.processes import ROOT, run_steady

#: Opens the history as the app does (ResilientHistory.open), records a session, says what happened.
AS_THE_APP = """
import sys
from pathlib import Path
from app.core.clock import FakeClock
from app.history import ResilientHistory
from app.paths import DataPaths

told = []
history = ResilientHistory.open(DataPaths(Path(sys.argv[1])), FakeClock(1714550400.0),
                                on_unavailable=told.append, on_notice=told.append)
history.begin_session("calm", "Calm", 60)
print(history.unsaved_count())
print("\\n".join(told))
history.close()
"""
TIMEOUT = 60


def make_fifo(path: Path) -> None:
    os.mkfifo(path)


def make_folder(path: Path) -> None:
    path.mkdir()
    (path / "notes.txt").write_text("the user's own things")


def make_device(path: Path) -> None:
    path.symlink_to("/dev/zero")


KINDS = [
    pytest.param(make_fifo, "a named pipe", id="fifo"),
    pytest.param(make_folder, "a folder", id="folder"),
    pytest.param(make_device, "a device", id="symlink-to-device"),
]


@pytest.mark.parametrize("make, words", KINDS)
def test_practice_goes_on_without_history_and_the_user_is_told(tmp_path: Path, make, words: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    make(data / "history.db")

    done = subprocess.run([sys.executable, "-c", AS_THE_APP, str(data)], capture_output=True,
                          text=True, timeout=TIMEOUT, cwd=ROOT)

    assert done.returncode == 0, done.stderr
    unsaved, told = done.stdout.split("\n", 1)
    assert unsaved == "1"  # kept in memory, saved once the way is clear
    assert f"{data / 'history.db'} is {words}" in told and "carries on" in told
    assert os.path.lexists(data / "history.db") and not list(data.glob("*.corrupt-*"))  # left alone


def test_a_named_pipe_beside_the_history_is_named_too(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    subprocess.run([sys.executable, "-c", AS_THE_APP, str(data)], check=True, timeout=TIMEOUT, cwd=ROOT)
    os.mkfifo(data / "history.db-wal")

    done = subprocess.run([sys.executable, "-c", AS_THE_APP, str(data)], capture_output=True,
                          text=True, timeout=TIMEOUT, cwd=ROOT)

    assert done.returncode == 0, done.stderr
    assert f"{data / 'history.db-wal'} is a named pipe" in done.stdout


@pytest.mark.parametrize("make, words", KINDS)
def test_export_and_backup_name_what_is_there(tmp_path: Path, make, words: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    make(data / "history.db")

    for command in (["export", "--format", "csv"], ["backup", str(tmp_path / "copy.db")]):
        done = run_steady(*command, "--data-dir", str(data), timeout=TIMEOUT)
        assert done.returncode == 1 and done.stdout == ""
        assert f"{data / 'history.db'} is {words}" in done.stderr, done.stderr
    assert not (tmp_path / "copy.db").exists()
