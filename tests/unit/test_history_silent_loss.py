"""History is never silently lost: an emptied file, another history's WAL, backups that rotate.

Each test builds the files a user could really end up with (a history truncated to nothing by a
crash or a sync tool, a `-wal` left from another copy) and opens them the way the app does, with
`ResilientHistory.open`, so what the user is told is what `on_notice` receives.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.history import ResilientHistory, open_history
from app.history.backup import daily_backup
from app.paths import DataPaths
from tests.helpers.stubs import FakeClock

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2024, 5, 1, 8, 0, tzinfo=UTC).timestamp()


def record(paths: DataPaths, names: list[str], clock: FakeClock | None = None) -> None:
    """Sessions named `names` written and closed the usual way (the WAL is folded in on close)."""
    store = open_history(paths, clock or FakeClock(NOW), LONDON).store
    for name in names:
        store.end_session(store.begin_session(name, name.title(), 60), 60)
    store.close()


def names_in(history: ResilientHistory) -> list[str]:
    return sorted(s.exercise_id for s in history.list_sessions())


def open_as_the_app(paths: DataPaths) -> tuple[ResilientHistory, list[str]]:
    told: list[str] = []
    history = ResilientHistory.open(paths, FakeClock(NOW), LONDON, on_notice=told.append,
                                    on_unavailable=told.append)
    return history, told


def side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def make_zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def make_empty_database(path: Path) -> None:
    """A valid SQLite file with nothing in it (what a tool that "resets" a database leaves)."""
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("DROP TABLE t")
    conn.close()


def make_headerless(path: Path) -> None:
    """What a crash on some file systems leaves: the right length, all zero bytes."""
    path.write_bytes(bytes(path.stat().st_size))


@pytest.mark.parametrize("emptied", [
    pytest.param(make_zero_bytes, id="zero-bytes"),
    pytest.param(make_empty_database, id="empty-database"),
    pytest.param(make_headerless, id="headerless"),
])
def test_an_emptied_history_beside_backups_is_set_aside_and_restored(tmp_path: Path, emptied) -> None:
    paths = DataPaths(tmp_path)
    record(paths, ["calm", "sigh"])
    assert daily_backup(paths, date(2024, 4, 30)) is not None
    emptied(paths.history)
    emptied_bytes = paths.history.read_bytes()

    history, told = open_as_the_app(paths)

    assert names_in(history) == ["calm", "sigh"]
    assert len(told) == 1 and "30 April 2024" in told[0]
    aside = tmp_path / "history.db.corrupt-20240501T080000Z"
    assert aside.name in told[0] and aside.read_bytes() == emptied_bytes
    history.close()


def test_an_emptied_history_with_its_wal_keeps_the_wal_and_says_so(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    store = open_history(paths, FakeClock(NOW), LONDON).store
    store.end_session(store.begin_session("calm", "Calm", 60), 60)  # in the WAL only: not closed
    wal = side(paths.history, "-wal")
    wal_bytes = wal.read_bytes()
    assert wal_bytes
    paths.history.write_bytes(b"")  # the database file lost, its WAL still there

    history, told = open_as_the_app(paths)

    assert len(told) == 1 and "new, empty history" in told[0]
    aside = tmp_path / "history.db.corrupt-20240501T080000Z"
    assert side(aside, "-wal").read_bytes() == wal_bytes  # kept beside the file it belongs to
    assert aside.name in told[0]
    history.close()
    store.close()


def test_a_brand_new_user_with_an_empty_file_is_told_nothing(tmp_path: Path) -> None:
    """A 0-byte file with no trace of an earlier history: a start that was cut short."""
    paths = DataPaths(tmp_path)
    paths.history.write_bytes(b"")

    history, told = open_as_the_app(paths)

    assert told == [] and names_in(history) == []
    assert not list(tmp_path.glob("*.corrupt-*"))
    history.close()


def snapshot(paths: DataPaths, into: Path) -> DataPaths:
    """The files of a history that is open right now, as a kill would leave them."""
    into.mkdir()
    for suffix in ("", "-wal"):
        source = side(paths.history, suffix)
        if source.exists():
            side(into / "history.db", suffix).write_bytes(source.read_bytes())
    return DataPaths(into)


def other_history_with_a_wal(tmp_path: Path) -> tuple[Path, object]:
    """Another history (another data folder, another machine) left open: its WAL holds its rows."""
    other = DataPaths(tmp_path / "other")
    record(other, ["theirs-1"])
    store = open_history(other, FakeClock(NOW), LONDON).store
    for name in ("theirs-2", "theirs-3"):
        store.end_session(store.begin_session(name, name, 60), 60)
    return side(other.history, "-wal"), store


def test_a_wal_from_another_history_is_set_aside_not_replayed(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    record(paths, ["calm", "sigh"])
    foreign, other = other_history_with_a_wal(tmp_path)
    wal_bytes = foreign.read_bytes()
    side(paths.history, "-wal").write_bytes(wal_bytes)  # a sync tool, or a restore that kept the WAL

    history, told = open_as_the_app(paths)

    assert names_in(history) == ["calm", "sigh"]
    aside = paths.root / "history.db-wal.corrupt-20240501T080000Z"
    assert aside.read_bytes() == wal_bytes
    assert len(told) == 1 and aside.name in told[0] and "history.db-wal" in told[0]
    history.close()
    again, told_again = open_as_the_app(paths)  # the history itself was never changed
    assert names_in(again) == ["calm", "sigh"] and told_again == []
    again.close()
    other.close()


def test_export_and_backup_never_read_another_historys_wal(tmp_path: Path, capsys) -> None:
    from app.cli import main

    paths = DataPaths(tmp_path / "data")
    record(paths, ["calm", "sigh"])
    foreign, other = other_history_with_a_wal(tmp_path)
    side(paths.history, "-wal").write_bytes(foreign.read_bytes())
    before = paths.history.read_bytes()

    assert main(["--data-dir", str(paths.root), "export", "--format", "csv"]) == 1
    out, err = capsys.readouterr()
    assert "theirs" not in out and "history.db-wal" in err and "Open Steady" in err
    assert main(["--data-dir", str(paths.root), "backup", str(tmp_path / "copy.db")]) == 1
    assert "history.db-wal" in capsys.readouterr().err
    assert not (tmp_path / "copy.db").exists()
    assert paths.history.read_bytes() == before
    other.close()


def test_the_historys_own_wal_is_replayed_after_a_kill(tmp_path: Path) -> None:
    """What a kill leaves (a WAL with the latest writes, a deletion among them) is all kept."""
    paths = DataPaths(tmp_path / "data")
    record(paths, ["calm", "sigh", "box"])
    live = open_history(paths, FakeClock(NOW), LONDON).store
    gone = next(s.id for s in live.list_sessions() if s.exercise_id == "box")
    live.delete_session(gone)
    live.end_session(live.begin_session("after", "After", 60), 60)
    killed = snapshot(paths, tmp_path / "killed")

    history, told = open_as_the_app(killed)

    assert names_in(history) == ["after", "calm", "sigh"] and told == []
    history.close()
    live.close()


def delete_every_record(path: Path) -> None:
    """The history emptied of rows (another tool, or a damaged disk that read back as nothing)."""
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM sessions")
    conn.commit()
    conn.close()


def damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[100:] = bytes(len(data) - 100)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("newest", ["empty", "damaged"])
def test_daily_copies_never_rotate_the_last_good_one_away(tmp_path: Path, newest: str) -> None:
    paths = DataPaths(tmp_path)
    record(paths, ["calm", "sigh"])
    good = daily_backup(paths, date(2024, 4, 1))
    assert good is not None
    good_bytes = good.read_bytes()
    if newest == "empty":
        delete_every_record(paths.history)

    for day in range(2, 20):
        made = daily_backup(paths, date(2024, 4, day))
        assert made is not None
        if newest == "damaged":
            damage(made)  # a disk that no longer reads back what was written

    assert good.read_bytes() == good_bytes
    assert len(list(paths.backups.iterdir())) == 8  # the newest seven, and the last good one


def test_opening_the_history_makes_todays_copy_once(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    record(paths, ["calm"])

    history, told = open_as_the_app(paths)  # 1 May 2024, 09:00 in London
    history.close()

    today = paths.backups / "history-2024-05-01.db"
    conn = sqlite3.connect(today)
    assert [r[0] for r in conn.execute("SELECT exercise_id FROM sessions")] == ["calm"]
    conn.close()
    assert told == []
    again, _told = open_as_the_app(paths)  # later the same day: nothing more
    again.close()
    assert [p.name for p in paths.backups.iterdir()] == [today.name]


def wals_of_other_histories(folder: Path, count: int, seed: int = 0):
    """(history with its own sessions, the names in it) each with another history's WAL beside it.

    The other histories vary as real ones do: some sessions with a moment, checkpointed or not,
    bigger or smaller than this one (a WAL that shrinks the file makes it unreadable).
    """
    rng = random.Random(seed)

    def fill(store, count: int, prefix: str) -> list[str]:
        names = []
        for index in range(count):
            session = store.begin_session(f"{prefix}{index}", prefix, 60)
            store.end_session(session, 30)
            names.append(f"{prefix}{index}")
            if rng.random() < 0.3:
                store.record_moment(session_id=session, trigger="t" * rng.randrange(400))
        return names

    for trial in range(count):
        paths = DataPaths(folder / f"mine-{trial}")
        paths.root.mkdir(parents=True)
        mine = open_history(paths, FakeClock(NOW), LONDON).store
        names = fill(mine, rng.randrange(1, 60), "mine")
        mine.close()
        other = open_history(DataPaths(folder / f"other-{trial}"), FakeClock(NOW), LONDON).store
        fill(other, rng.randrange(0, 20), "old")
        if rng.random() < 0.5:
            other.compact_wal()
        fill(other, rng.randrange(1, 40), "theirs")
        side(paths.history, "-wal").write_bytes(side(other.path, "-wal").read_bytes())
        other.close()
        yield paths, sorted(names)


def test_every_other_historys_wal_is_set_aside(tmp_path: Path) -> None:
    for paths, names in wals_of_other_histories(tmp_path, 12):
        result = open_history(paths, FakeClock(NOW), LONDON)
        assert result.wal_set_aside is not None, paths
        assert sorted(s.exercise_id for s in result.store.list_sessions()) == names
        result.store.close()


#: Runs in a read-only bind mount of the folder: the WAL check cannot open the pair read-only
#: there (no -shm can be made), so it compares them in a private copy.
IN_A_READ_ONLY_FOLDER = """
import sys
from pathlib import Path
from app.history.dbfile import foreign_wal
for name in sys.argv[1:]:
    print(name, foreign_wal(Path(name)) is not None)
"""


def test_the_wal_check_works_in_a_read_only_folder(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    if shutil.which("unshare") is None or subprocess.run(
        ["unshare", "-m", "true"], capture_output=True).returncode != 0:
        pytest.skip("cannot make a private mount namespace here for a read-only bind mount")
    folder = tmp_path / "ro"
    folder.mkdir()
    mine = DataPaths(folder / "mine")
    record(mine, ["calm"])
    foreign, other = other_history_with_a_wal(tmp_path)
    side(mine.history, "-wal").write_bytes(foreign.read_bytes())
    other.close()
    live = open_history(DataPaths(tmp_path / "live"), FakeClock(NOW), LONDON).store
    live.end_session(live.begin_session("calm", "Calm", 60), 60)
    own = snapshot(DataPaths(tmp_path / "live"), folder / "own").history  # as a kill leaves it
    live.close()
    script = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && shift && exec "$@"'
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", script, "sh", str(folder), sys.executable, "-c",
         IN_A_READ_ONLY_FOLDER, str(mine.history), str(own)],
        capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parents[2])
    if "mount" in done.stderr and done.returncode != 0:
        pytest.skip(f"no read-only bind mount here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(mine.history), "True", str(own), "False"]
