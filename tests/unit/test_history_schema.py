"""Schema versioning: fresh files get every migration, newer files are refused untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.history import SCHEMA_VERSION, HistoryStore, NewerSchemaError, ResilientHistory, open_history
from app.history.schema import MIGRATIONS, migrate
from app.paths import DataPaths
from tests.helpers.stubs import FakeClock

LONDON = ZoneInfo("Europe/London")


def test_fresh_database_is_at_current_version_with_durable_settings(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.db", FakeClock(1.7e9), LONDON)
    conn = store.connection
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"sessions", "moments", "moment_signals", "moment_anchors", "reminder_events"} <= tables
    store.close()


def test_migrate_is_idempotent(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "h.db", isolation_level=None)
    assert migrate(conn) == 0
    assert migrate(conn) == SCHEMA_VERSION
    conn.close()


def _newer_file(path: Path) -> bytes:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    return path.read_bytes()


def test_newer_database_is_refused_and_left_byte_for_byte(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    before = _newer_file(paths.history)
    with pytest.raises(NewerSchemaError) as caught:
        open_history(paths, FakeClock(1.7e9), LONDON)
    assert "newer version of Steady" in caught.value.user_message
    assert str(SCHEMA_VERSION + 5) in caught.value.user_message
    with pytest.raises(NewerSchemaError):
        HistoryStore(paths.history, FakeClock(1.7e9), LONDON)
    assert paths.history.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.db"]


def test_resilient_history_reports_a_newer_file_and_keeps_going(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    before = _newer_file(paths.history)
    messages: list[str] = []
    history = ResilientHistory.open(paths, FakeClock(1.7e9), LONDON, on_unavailable=messages.append)
    sid = history.begin_session("calm", "Calm", 60)
    history.end_session(sid, 60)
    assert len(messages) == 1 and "newer version" in messages[0]
    assert history.unsaved_count() == 1
    assert history.flush_pending() is False
    assert history.close() == 1
    assert paths.history.read_bytes() == before


def test_history_package_and_commands_do_not_import_qt() -> None:
    import subprocess
    import sys

    code = ("import importlib, pkgutil, sys, app.history, app.history.commands, app.history.export,"
            " app.history.backup;"
            "[importlib.import_module(m.name) for m in pkgutil.iter_modules(app.history.__path__, 'app.history.')];"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2], check=True)
    assert done.stdout.strip() == "[]"
