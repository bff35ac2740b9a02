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
from tests.helpers.stubs import FakeClock
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


#: Under the given umask, as the app does: logs set up, the history opened and written, the daily
#: copy made; prints the mode of history.db and its side files while they exist (before close).
PRIVATE_RUN = """
import os, sys
os.umask(int(sys.argv[2], 8))
from pathlib import Path
from tests.helpers.stubs import FakeClock
from app.history import ResilientHistory
from app.logs import log, setup_logging
from app.paths import DataPaths

paths = DataPaths(Path(sys.argv[1]))
paths.ensure()
assert setup_logging(paths, writable=True) is None
log.info("a line in the log")
history = ResilientHistory.open(paths, FakeClock(1714550400.0))
history.begin_session("calm", "Calm", 60)
for name in ("history.db", "history.db-wal", "history.db-shm"):
    print(name, oct(os.stat(paths.root / name).st_mode & 0o777))
history.close()
"""


def modes(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder`, by its path relative to it, with its mode."""
    return {str(p.relative_to(folder)): oct(p.stat().st_mode & 0o777) for p in sorted(folder.rglob("*"))}


def run_private(data: Path, umask: str) -> dict[str, str]:
    done = subprocess.run([sys.executable, "-c", PRIVATE_RUN, str(data), umask], capture_output=True,
                          text=True, timeout=TIMEOUT, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return dict(line.split() for line in done.stdout.splitlines())


@pytest.mark.parametrize("umask", ["022", "000"])
def test_history_backups_and_logs_are_the_users_alone(tmp_path: Path, umask: str) -> None:
    data = tmp_path / "data"
    while_open = run_private(data, umask)

    assert while_open == {"history.db": "0o600", "history.db-wal": "0o600", "history.db-shm": "0o600"}
    found = modes(data)
    assert {name: mode for name, mode in found.items() if name.startswith(("history", "backups", "logs"))} == {
        "history.db": "0o600",
        "backups": "0o700",
        "backups/history-2024-05-01.db": "0o600",
        "logs": "0o700",
        "logs/crash.log": "0o600",
        "logs/steady.log": "0o600",
    }


def test_files_found_readable_by_others_are_tightened(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run_private(data, "022")
    (data / "backups" / "history-2024-04-30.db").write_bytes((data / "history.db").read_bytes())
    (data / "history.db-wal").write_bytes(b"")  # left by a kill, as SQLite made it then
    (data / "logs" / "steady.log.1").write_text("an older log\n")
    for path in [data / "backups", data / "logs", *data.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)

    run_private(data, "022")

    loose = {name: mode for name, mode in modes(data).items() if int(mode, 8) & 0o077}
    assert {name: mode for name, mode in loose.items() if not name.startswith("exercises")} == {}
