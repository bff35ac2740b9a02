"""`steady export` and `steady backup`: formats, files, exit codes, messages, and the typed API
(`app.history.transfer`) that the commands and the Progress page share."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.history import AnchorShown, HistoryStore, open_history
from app.history.commands import run_backup, run_export
from app.history.export import CSV_COLUMNS, export_sessions
from app.history.schema import SCHEMA_VERSION
from app.history.transfer import FailureKind, backup_history, export_history
from app.paths import DataPaths
from tests.helpers.stubs import FakeClock

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2024, 5, 1, 8, 0, tzinfo=UTC).timestamp()


@pytest.fixture
def data(tmp_path: Path) -> tuple[DataPaths, HistoryStore]:
    paths = DataPaths(tmp_path / "data")
    clock = FakeClock(NOW)
    store = open_history(paths, clock, LONDON).store
    sid = store.begin_session("calm", "Calm, \"exhale\"", 300, "moment")
    clock.advance(120)
    store.end_session(sid, 120.5)
    store.record_moment(session_id=sid, distress_before=8, distress_after=5,
                        signals=["tight chest", "urge to text"], trigger="slow reply",
                        anchors=[AnchorShown("Worth stays", "worth", True), "It passes"],
                        response="wait")
    store.record_reminder_event("evening", NOW - 3600, "skipped")
    yield paths, store
    store.close()


def test_csv_has_header_and_one_row_per_session_and_moment(data) -> None:
    _paths, store = data
    out = io.StringIO()
    assert export_sessions(store, "csv", out) == {"sessions": 1, "moments": 1}
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert out.getvalue().splitlines()[0] == ",".join(CSV_COLUMNS)
    session, moment = rows
    assert session["record"] == "session" and session["exercise_name"] == 'Calm, "exhale"'
    assert session["practised_seconds"] == "120.5" and session["local_date"] == "2024-05-01"
    assert session["started_local"] == "2024-05-01T09:00:00.000+01:00"
    assert session["distress_before"] == "" and session["status"] == "finished"
    assert moment["record"] == "moment" and moment["session_id"] == session["id"]
    assert moment["signals"] == "tight chest; urge to text"
    assert moment["anchors_shown"] == "Worth stays; It passes"
    assert moment["anchors_favourited"] == "Worth stays"
    assert (moment["distress_before"], moment["distress_after"]) == ("8", "5")


def test_json_is_stable_and_complete(data) -> None:
    _paths, store = data
    out = io.StringIO()
    export_sessions(store, "json", out)
    doc = json.loads(out.getvalue())
    assert list(doc) == ["format", "format_version", "schema_version", "exported_utc",
                         "sessions", "moments", "reminders"]
    assert doc["schema_version"] == SCHEMA_VERSION
    assert doc["exported_utc"] == "2024-05-01T08:02:00.000+00:00"
    assert list(doc["sessions"][0]) == ["id", "local_date", "started_local", "started_utc", "tz",
                                        "exercise_id", "exercise_name", "planned_seconds",
                                        "practised_seconds", "status", "source", "updated_utc"]
    moment = doc["moments"][0]
    assert moment["signals"] == ["tight chest", "urge to text"]
    assert moment["anchors"][0] == {"id": "worth", "text": "Worth stays", "favourited": True}
    assert doc["reminders"][0]["outcome"] == "skipped"
    again = io.StringIO()
    export_sessions(store, "json", again)
    assert again.getvalue() == out.getvalue()


def test_json_of_an_empty_history_is_valid(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.db", FakeClock(NOW), LONDON)
    out = io.StringIO()
    export_sessions(store, "json", out)
    doc = json.loads(out.getvalue())
    assert doc["sessions"] == doc["moments"] == doc["reminders"] == []
    store.close()


def test_run_export_to_stdout_and_file(data, tmp_path: Path) -> None:
    paths, _store = data
    out, err = io.StringIO(), io.StringIO()
    assert run_export(paths.root, "json", None, clock=FakeClock(NOW), stdout=out, stderr=err) == 0
    assert json.loads(out.getvalue())["sessions"][0]["exercise_id"] == "calm" and err.getvalue() == ""
    target = tmp_path / "export.csv"
    target.write_text("old content")  # a regular file named by the user: overwritten
    out = io.StringIO()
    assert run_export(paths.root, "csv", str(target), stdout=out, stderr=err) == 0
    assert target.read_text().startswith("record,id,")
    assert "1 sessions" in out.getvalue() and str(target) in out.getvalue()


def test_run_export_problems(data, tmp_path: Path) -> None:
    paths, _store = data
    err = io.StringIO()
    assert run_export(paths.root, "json", str(tmp_path), stdout=io.StringIO(), stderr=err) == 1
    assert "not a regular file" in err.getvalue()
    err = io.StringIO()
    assert run_export(paths.root, "xml", None, stdout=io.StringIO(), stderr=err) == 1
    err = io.StringIO()  # a new user's folder is no failure: an empty export and a note
    assert run_export(tmp_path / "empty", "csv", None, stdout=io.StringIO(), stderr=err) == 0
    assert "no history yet" in err.getvalue()
    err = io.StringIO()
    missing_folder = str(tmp_path / "nope" / "x.csv")
    assert run_export(paths.root, "csv", missing_folder, stdout=io.StringIO(), stderr=err) == 1
    assert "does not exist" in err.getvalue()


def test_run_export_leaves_the_history_file_alone(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    store = HistoryStore(paths.history, FakeClock(NOW), LONDON)
    store.begin_session("calm", "Calm", 60)
    store.close()
    before = paths.history.read_bytes()
    assert run_export(paths.root, "csv", None, stdout=io.StringIO(), stderr=io.StringIO()) == 0
    assert paths.history.read_bytes() == before
    wal = tmp_path / "history.db-wal"  # SQLite's own side file for readers: left empty
    assert not wal.exists() or wal.stat().st_size == 0


def test_run_backup_default_name_and_named_file(data, tmp_path: Path) -> None:
    paths, _store = data
    here = tmp_path / "here"
    here.mkdir()
    out = io.StringIO()
    clock = FakeClock(NOW)
    assert run_backup(paths.root, None, clock=clock, cwd=here, stdout=out, stderr=io.StringIO()) == 0
    made = here / "steady-history-20240501-080000.db"
    local = datetime.fromtimestamp(NOW).astimezone()  # the default name uses the local zone
    if local.utcoffset().total_seconds() == 0:
        assert made.exists()
    [copy] = list(here.iterdir())
    assert str(copy) in out.getvalue()
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
    conn.close()
    assert run_backup(paths.root, None, clock=clock, cwd=here, stdout=io.StringIO(), stderr=io.StringIO()) == 0
    assert len(list(here.iterdir())) == 2  # same second: a new name, never a clobber
    named = tmp_path / "mine.db"
    named.write_text("old")
    assert run_backup(paths.root, str(named), stdout=io.StringIO(), stderr=io.StringIO()) == 0
    assert named.read_bytes().startswith(b"SQLite format 3")


def test_run_backup_problems(data, tmp_path: Path) -> None:
    paths, _store = data
    err = io.StringIO()
    assert run_backup(tmp_path / "none", None, cwd=tmp_path, stdout=io.StringIO(), stderr=err) == 1
    assert "no history to back up" in err.getvalue()
    err = io.StringIO()
    assert run_backup(paths.root, str(paths.history), stdout=io.StringIO(), stderr=err) == 1
    assert "over the history itself" in err.getvalue()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    err = io.StringIO()
    assert run_backup(paths.root, str(fifo), stdout=io.StringIO(), stderr=err) == 1
    assert "not a regular file" in err.getvalue()


def test_export_gives_seconds_to_a_tenth(data) -> None:
    _paths, store = data
    sid = store.begin_session("box", "Box", 96.0)
    store.end_session(sid, 85.76705225999967, "stopped")
    out = io.StringIO()
    export_sessions(store, "csv", out)
    assert "85.8" in out.getvalue() and "85.767" not in out.getvalue()


def test_export_history_reports_counts_and_writes_the_file(data, tmp_path: Path) -> None:
    paths, _store = data
    target = tmp_path / "mine.json"
    result = export_history(paths, "json", target, clock=FakeClock(NOW))
    assert result.failure is None
    assert result.counts == {"sessions": 1, "moments": 1, "reminders": 1}
    assert json.loads(target.read_text(encoding="utf-8"))["exported_utc"] == "2024-05-01T08:00:00.000+00:00"
    out = io.StringIO()
    assert export_history(paths, "csv", out, clock=FakeClock(NOW)).counts == {"sessions": 1, "moments": 1}
    assert out.getvalue().startswith("record,id,")
    with pytest.raises(ValueError):  # a caller's mistake, not a failure to report
        export_history(paths, "xml", out, clock=FakeClock(NOW))


def test_export_history_failures_are_typed(data, tmp_path: Path) -> None:
    paths, _store = data
    clock = FakeClock(NOW)
    nothing_yet = export_history(DataPaths(tmp_path / "empty"), "csv", tmp_path / "a.csv", clock=clock)
    assert nothing_yet.failure is None and "no history yet" in nothing_yet.note
    assert nothing_yet.counts == {"sessions": 0, "moments": 0}
    cases = [
        (paths, tmp_path, FailureKind.BAD_DESTINATION, "not a regular file"),
        (paths, tmp_path / "nope" / "x.csv", FailureKind.BAD_DESTINATION, "does not exist"),
    ]
    for where, destination, kind, words in cases:
        failure = export_history(where, "csv", destination, clock=clock).failure
        assert failure is not None and failure.kind is kind and words in failure.message

    damaged = DataPaths(tmp_path / "damaged")
    damaged.root.mkdir()
    damaged.history.write_bytes(b"not a database at all")
    failure = export_history(damaged, "csv", io.StringIO(), clock=clock).failure
    assert failure is not None and failure.kind is FailureKind.UNREADABLE
    assert str(damaged.history) in failure.message

    newer = DataPaths(tmp_path / "newer")
    newer.root.mkdir()
    with sqlite3.connect(newer.history) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    failure = export_history(newer, "csv", io.StringIO(), clock=clock).failure
    assert failure is not None and failure.kind is FailureKind.NEWER and "newer version" in failure.message


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_export_to_a_full_stream_is_a_write_failure(data) -> None:
    paths, _store = data
    # Unbuffered, so that nothing is left over for close() to raise on after the test.
    with io.TextIOWrapper(open("/dev/full", "wb", buffering=0), encoding="utf-8", write_through=True) as full:
        failure = export_history(paths, "csv", full, clock=FakeClock(NOW)).failure
    assert failure is not None and failure.kind is FailureKind.WRITE_FAILED
    assert "/dev/full" in failure.message and "No space left" in failure.message


def test_backup_history_results(data, tmp_path: Path) -> None:
    paths, _store = data
    copy = tmp_path / "copy.db"
    result = backup_history(paths, copy)
    assert result.failure is None and result.destination == copy
    assert copy.read_bytes().startswith(b"SQLite format 3")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    cases = [
        (DataPaths(tmp_path / "none"), copy, FailureKind.NO_HISTORY),
        (paths, paths.history, FailureKind.OVER_HISTORY),
        (paths, fifo, FailureKind.BAD_DESTINATION),
        (paths, tmp_path / "missing" / "copy.db", FailureKind.BAD_DESTINATION),
    ]
    for where, destination, kind in cases:
        failure = backup_history(where, destination).failure
        assert failure is not None and failure.kind is kind


@pytest.mark.parametrize("folder", ["missing", "without-history", "empty-history-file"])
def test_export_of_a_new_users_folder_is_empty_and_succeeds(tmp_path: Path, folder: str) -> None:
    """Scripts run on a new user's folder: an empty export, exit 0, and a note on stderr."""
    from tests.helpers.processes import run_steady

    data = tmp_path / "data"
    if folder != "missing":
        data.mkdir()
    if folder == "empty-history-file":
        (data / "history.db").write_bytes(b"")

    done = run_steady("export", "--format", "csv", "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    assert list(csv.reader(io.StringIO(done.stdout))) == [list(CSV_COLUMNS)]
    assert "no history yet" in done.stderr and str(data) in done.stderr

    done = run_steady("export", "--format", "json", "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["format"] == "steady-history" and doc["sessions"] == doc["moments"] == doc["reminders"] == []

    target = tmp_path / "export.csv"
    done = run_steady("export", "--format", "csv", "--output", str(target), "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8").splitlines() == [",".join(CSV_COLUMNS)]
    assert "0 sessions" in done.stdout and "no history yet" in done.stderr
    assert not (data / "history.db").exists() or folder == "empty-history-file"  # nothing created


def test_an_emptied_history_beside_daily_copies_is_not_exported_as_nothing(tmp_path: Path) -> None:
    """An empty history.db where Steady's copies show a history is damage, not a new user."""
    paths = DataPaths(tmp_path)
    store = open_history(paths, FakeClock(NOW), LONDON).store
    store.end_session(store.begin_session("calm", "Calm", 60), 60)
    store.close()
    from app.history.backup import daily_backup

    daily_backup(paths, datetime(2024, 4, 30).date())
    paths.history.write_bytes(b"")
    err = io.StringIO()
    assert run_export(paths.root, "csv", None, stdout=io.StringIO(), stderr=err) == 1
    assert "is empty" in err.getvalue() and "Open Steady" in err.getvalue()
