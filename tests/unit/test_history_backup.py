"""Backups (API and daily), and recovery of a damaged history from the newest good backup."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from app.history import open_history
from app.history.backup import backup_to, daily_backup, daily_backups, delete_backups, is_good_backup
from app.history.dbfile import check_file
from app.paths import DataPaths
from tests.helpers.stubs import FakeClock

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2024, 5, 1, 8, 0, tzinfo=UTC).timestamp()


def make_history(paths: DataPaths, names: list[str]) -> FakeClock:
    clock = FakeClock(NOW)
    store = open_history(paths, clock, LONDON).store
    for name in names:
        store.end_session(store.begin_session(name, name.title(), 60), 60)
    store.close()
    return clock


def names_in(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in conn.execute("SELECT exercise_id FROM sessions"))
    finally:
        conn.close()


def test_backup_to_copies_a_live_history_and_it_can_be_restored(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    clock = make_history(paths, ["a", "b"])
    live = open_history(paths, clock, LONDON).store  # open, with a WAL: backup still consistent
    live.begin_session("c", "C", 60)
    dest = backup_to(paths.history, tmp_path / "copy.db")
    assert names_in(dest) == ["a", "b", "c"]
    assert check_file(dest).problem is None
    assert (dest.stat().st_mode & 0o777) == 0o600
    assert not Path(str(dest) + "-wal").exists()  # a single self-contained file
    live.close()
    restored = DataPaths(tmp_path / "other")
    restored.root.mkdir()
    backup_to(dest, restored.history)
    store = open_history(restored, clock, LONDON).store
    assert sorted(s.exercise_id for s in store.list_sessions()) == ["a", "b", "c"]
    store.close()


def test_daily_backup_once_a_day_keeps_seven(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    make_history(paths, ["a"])
    paths.backups.mkdir()
    foreign = paths.backups / "my-notes.db"
    foreign.write_text("not ours")
    first = daily_backup(paths, date(2024, 5, 1))
    assert first is not None and first.name == "history-2024-05-01.db"
    assert daily_backup(paths, date(2024, 5, 1)) is None  # once a day
    for day in range(2, 12):
        assert daily_backup(paths, date(2024, 5, day)) is not None
    kept = [d.isoformat() for d, _ in daily_backups(paths.backups)]
    assert kept == [f"2024-05-{d:02d}" for d in range(11, 4, -1)]
    assert foreign.exists()
    assert delete_backups(paths.backups) == 7 and foreign.exists()


def test_daily_backup_without_history_does_nothing(tmp_path: Path) -> None:
    assert daily_backup(DataPaths(tmp_path), date(2024, 5, 1)) is None


def corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[100:4096 * 3] = b"\x5a" * (4096 * 3 - 100)  # smash the schema and first pages
    path.write_bytes(bytes(data))


def test_corrupt_history_is_set_aside_and_newest_good_backup_restored(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    clock = make_history(paths, ["old"])
    daily_backup(paths, date(2024, 4, 29))
    store = open_history(paths, clock, LONDON).store
    store.end_session(store.begin_session("newer", "Newer", 60), 60)
    store.close()
    daily_backup(paths, date(2024, 4, 30))
    newest_bad = paths.backups / "history-2024-05-01.db"
    newest_bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)  # damaged backup: skipped
    assert not is_good_backup(newest_bad)
    corrupt(paths.history)
    Path(str(paths.history) + "-wal").write_bytes(b"stale wal")
    damaged_bytes = paths.history.read_bytes()

    result = open_history(paths, clock, LONDON)
    aside = tmp_path / "history.db.corrupt-20240501T080000Z"
    assert result.set_aside == aside and aside.read_bytes() == damaged_bytes
    assert Path(str(aside) + "-wal").read_bytes() == b"stale wal"
    assert result.restored_from == paths.backups / "history-2024-04-30.db"
    assert sorted(s.exercise_id for s in result.store.list_sessions()) == ["newer", "old"]
    assert "30 April 2024" in result.notice and aside.name in result.notice
    assert "could not be read" in result.notice
    result.store.close()


def test_not_a_database_without_backup_starts_empty_and_says_so(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    paths.history.write_text("these are not the bytes you are looking for\n" * 100)
    result = open_history(paths, FakeClock(NOW), LONDON)
    assert result.restored_from is None
    assert result.set_aside is not None and result.set_aside.read_text().startswith("these are not")
    assert "new, empty history" in result.notice and "not been deleted" in result.notice
    assert result.store.list_sessions() == []
    result.store.close()
    again = open_history(paths, FakeClock(NOW), LONDON)  # the new file is healthy: no notice
    assert again.notice is None
    again.store.close()


def test_integrity_failure_is_detected(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    make_history(paths, [f"s{i}" for i in range(200)])
    conn = sqlite3.connect(paths.history)
    conn.execute("PRAGMA writable_schema = ON")  # drop an index from the schema only:
    conn.execute("UPDATE sqlite_master SET sql = replace(sql, 'started_utc)', 'exercise_id)')"
                 " WHERE name = 'sessions_by_started'")
    conn.commit()
    conn.close()
    assert check_file(paths.history).problem is not None
    result = open_history(paths, FakeClock(NOW), LONDON)
    assert result.set_aside is not None and "could not be read" in result.notice
    result.store.close()
