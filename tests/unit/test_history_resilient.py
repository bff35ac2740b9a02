"""When history cannot be written, practice goes on: writes wait in memory and are saved later.

Failures are injected at the storage layer (a write hook or a connection factory that raises what
a read-only or full disk raises), since chmod does not stop root. One test fills a real tiny tmpfs.
"""

from __future__ import annotations

import errno
import json
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.history import ResilientHistory, UnknownRecordError
from app.history.store import default_connect
from app.paths import DataPaths
from tests.helpers.stubs import FakeClock

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2024, 5, 1, 8, 0, tzinfo=UTC).timestamp()
REPO = Path(__file__).resolve().parents[2]


class Faults:
    """A write hook: raises `error` (when set) before every write transaction."""

    def __init__(self) -> None:
        self.error: BaseException | None = None
        self.calls = 0

    def __call__(self, op: str) -> None:
        self.calls += 1
        if self.error is not None:
            raise self.error


def open_history(tmp_path: Path, faults: Faults, **callbacks) -> tuple[ResilientHistory, FakeClock, list[str], list[str]]:
    clock = FakeClock(NOW)
    down: list[str] = []
    up: list[str] = []
    history = ResilientHistory.open(DataPaths(tmp_path), clock, LONDON, write_hook=faults,
                                    on_unavailable=down.append, on_available=up.append, **callbacks)
    return history, clock, down, up


@pytest.mark.parametrize("error, words", [
    (OSError(errno.EROFS, "Read-only file system"), "read-only"),
    (sqlite3.OperationalError("attempt to write a readonly database"), "read-only"),
    (OSError(errno.ENOSPC, "No space left on device"), "disk is full"),
    (sqlite3.OperationalError("database or disk is full"), "disk is full"),
    (sqlite3.OperationalError("disk I/O error"), "disk reported a problem"),
])
def test_failed_writes_wait_in_memory_and_are_saved_later(tmp_path: Path, error, words) -> None:
    faults = Faults()
    history, clock, down, up = open_history(tmp_path, faults)
    before = history.begin_session("calm", "Calm", 300)
    history.end_session(before, 300)

    faults.error = error
    sid = history.begin_session("sigh", "Cyclic sighing", 120, "moment")
    started = clock.now()
    for practised in (30, 60, 90):
        clock.advance(30)
        history.checkpoint(sid, practised)
    clock.advance(30)
    history.end_session(sid, 120)
    mid = history.record_moment(session_id=sid, distress_before=8, signals=["tight chest"])
    history.update_moment(mid, distress_after=4)
    history.record_reminder_event("evening", NOW, "started", session_id=sid)

    assert len(down) == 1 and words in down[0] and "not being saved" in down[0]
    assert "carries on" in down[0]
    assert history.unsaved_count() == 3  # one session, one moment, one reminder event
    assert [s.id for s in history.list_sessions()] == [before]  # reads still work
    assert history.flush_pending() is False and len(down) == 1  # told once, not every retry

    faults.error = None
    clock.advance(600)
    assert history.flush_pending() is True
    assert history.unsaved_count() == 0 and up == ["Your history is being saved again."]
    store = history.store
    row = store.get_session(sid)
    assert (row.status, row.practised_seconds) == ("finished", 120)
    assert row.started_utc == datetime.fromtimestamp(started, UTC).isoformat(timespec="milliseconds")
    assert store.get_moment(mid).distress_after == 4
    assert store.list_reminder_events()[0].session_id == sid
    assert history.close() == 0


def test_checkpoints_of_one_session_are_coalesced(tmp_path: Path) -> None:
    faults = Faults()
    history, clock, _down, _up = open_history(tmp_path, faults)
    faults.error = OSError(errno.ENOSPC, "full")
    sid = history.begin_session("calm", "Calm", 3600)
    for practised in range(30, 3600, 30):
        clock.advance(30)
        history.checkpoint(sid, practised)
    assert history.unsaved_count() == 1
    assert len(history._pending) == 2  # begin + the latest checkpoint
    faults.error = None
    assert history.flush_pending()
    assert history.store.get_session(sid).practised_seconds == 3570


def test_arguments_are_still_checked_while_unavailable(tmp_path: Path) -> None:
    faults = Faults()
    history, _clock, _down, _up = open_history(tmp_path, faults)
    faults.error = OSError(errno.EROFS, "ro")
    with pytest.raises(ValueError):
        history.begin_session("calm", "Calm", 60, "elsewhere")
    with pytest.raises(ValueError):
        history.record_moment(distress_before=12)
    faults.error = None
    with pytest.raises(UnknownRecordError):  # a bug in the caller is not a storage failure
        history.checkpoint("never-begun", 30)


def test_missing_folder_at_start_then_it_appears(tmp_path: Path) -> None:
    blocked = {"yes": True}

    def connect(path: str) -> sqlite3.Connection:
        if blocked["yes"]:
            raise sqlite3.OperationalError("unable to open database file")
        return default_connect(path)

    down: list[str] = []
    notices: list[str] = []
    history = ResilientHistory.open(DataPaths(tmp_path / "data"), FakeClock(NOW), LONDON,
                                    connect=connect, on_unavailable=down.append,
                                    on_notice=notices.append)
    assert history.store is None and len(down) == 1 and "missing" in down[0]
    sid = history.begin_session("calm", "Calm", 60)
    history.end_session(sid, 60)
    assert history.list_sessions() == [] and history.streaks().current == 0
    assert len(history.daily_minutes(7)) == 7
    assert history.unsaved_count() == 1 and history.flush_pending() is False
    blocked["yes"] = False
    assert history.flush_pending() is True
    assert history.store.get_session(sid).status == "finished"
    assert notices == []


def test_a_data_folder_that_cannot_exist_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("a file where the folder should be")
    down: list[str] = []
    history = ResilientHistory.open(DataPaths(tmp_path / "file" / "data"), FakeClock(NOW), LONDON,
                                    on_unavailable=down.append)
    history.begin_session("calm", "Calm", 60)
    assert len(down) == 1 and history.close() == 1


def test_history_file_deleted_while_running(tmp_path: Path) -> None:
    faults = Faults()
    history, _clock, down, _up = open_history(tmp_path, faults)
    history.begin_session("calm", "Calm", 60)
    for name in ("history.db", "history.db-wal", "history.db-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    sid = history.begin_session("sigh", "Sigh", 60)  # would have gone into an unlinked file
    assert len(down) == 1 and history.unsaved_count() == 1
    assert history.flush_pending() is True
    assert [s.id for s in history.list_sessions()] == [sid]


def test_a_failing_callback_does_not_stop_practice(tmp_path: Path) -> None:
    def broken(message: str) -> None:
        raise RuntimeError("the notice widget is gone")

    faults = Faults()
    history = ResilientHistory.open(DataPaths(tmp_path), FakeClock(NOW), LONDON,
                                    write_hook=faults, on_unavailable=broken)
    faults.error = OSError(errno.EROFS, "ro")
    history.begin_session("calm", "Calm", 60)
    assert history.unsaved_count() == 1


def _tmpfs_reason() -> str | None:
    if not sys.platform.startswith("linux"):
        return "tmpfs and mount namespaces are Linux only"
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return "unshare or mount is not installed"
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        return f"cannot mount a private tmpfs here: {probe.stderr.strip() or probe.returncode}"
    return None


def test_real_full_disk_on_a_tiny_tmpfs(tmp_path: Path) -> None:
    reason = _tmpfs_reason()
    if reason:
        pytest.skip(reason)
    folder = tmp_path / "small"
    folder.mkdir()
    child = REPO / "tests" / "helpers" / "history_full_disk.py"
    script = 'mount -t tmpfs -o size=768k tmpfs "$1" && exec "$2" "$3" "$1"'
    done = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(folder), sys.executable,
                           str(child)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    full = result["full"]
    assert len(full["reports"]) == 1 and "disk is full" in full["reports"][0]
    assert full["unsaved"] >= 1
    assert full["flushed"] is True and full["unsaved_after"] == 0
    assert full["back"] == ["Your history is being saved again."]
    assert result["missing"] == 0 and result["left"] == 0 and result["integrity"] == "ok"


def test_deleting_while_writes_wait_drops_them(tmp_path: Path) -> None:
    faults = Faults()
    history, _clock, _down, _up = open_history(tmp_path, faults)
    kept = history.begin_session("calm", "Calm", 60)
    faults.error = OSError(errno.ENOSPC, "full")
    gone = history.begin_session("sigh", "Sigh", 60)
    history.checkpoint(gone, 30)
    mid = history.record_moment(session_id=gone, distress_before=6)
    assert history.delete_session(gone) is None  # not known yet: it waits too
    assert history.delete_moment(mid) is None
    assert history.unsaved_count() == 2  # the two deletions; the writes they made pointless are gone
    faults.error = None
    assert history.flush_pending() is True
    assert [s.id for s in history.list_sessions()] == [kept] and history.list_moments() == []

    faults.error = OSError(errno.ENOSPC, "full")
    history.end_session(kept, 60)
    history.record_reminder_event("evening", NOW, "skipped")
    history.delete_all()
    assert history.unsaved_count() == 1
    faults.error = None
    assert history.flush_pending() is True
    assert history.list_sessions() == [] and history.list_reminder_events() == []


def test_store_and_resilient_history_share_each_operation() -> None:
    """A read or write is written once (app.history.operations), so the two cannot drift apart."""
    from app.history.operations import HistoryOperations
    from app.history.store import HistoryStore

    names = [name for name in vars(HistoryOperations) if not name.startswith("_")
             and name not in ("apply", "read")]
    assert "begin_session" in names and "moment_stats" in names
    for name in names:
        assert name not in vars(ResilientHistory) and name not in vars(HistoryStore), name


def test_history_problems_are_written_to_the_log_file(tmp_path: Path) -> None:
    """The log is where a user (or a helper) looks later; logging's last resort is stderr only."""
    import logging

    from app.logs import setup_logging

    paths = DataPaths(tmp_path)
    steady_log = logging.getLogger("steady")
    before = list(steady_log.handlers)
    try:
        assert setup_logging(paths, writable=True) is None
        faults = Faults()
        history, _clock, _down, _up = open_history(tmp_path, faults)
        faults.error = OSError(errno.ENOSPC, "No space left on device")
        history.begin_session("calm", "Calm", 60)
    finally:
        for handler in [h for h in steady_log.handlers if h not in before]:
            steady_log.removeHandler(handler)
            handler.close()
    assert "history not saved" in (paths.logs / "steady.log").read_text()
