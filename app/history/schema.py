"""The history database's tables and the ordered list of migrations that builds them.

`PRAGMA user_version` holds the number of migrations applied. A database written by a newer
Steady (a higher number than :data:`SCHEMA_VERSION`) is refused and left exactly as it is, so
that going back to an older Steady never damages history recorded by a newer one.

Design notes:
- ids are text chosen by the writer (uuid4 hex), not autoincrement numbers, so a write that has
  to wait in memory (disk full, read-only) already has its id and later writes can refer to it;
  replaying a write is idempotent.
- times are ISO 8601 text of fixed width, so they sort as text: `started_utc` always ends in
  `+00:00`; `started_local` carries the offset that applied where the user was; `tz` names the
  zone. `local_date` is derived from `started_local` (generated column) and indexed: daily totals
  and streaks are counted by the date the user lived, and they use the index.
- signals and anchors are child tables (not JSON) so that statistics are plain SQL.
"""

from __future__ import annotations

import sqlite3
from typing import Final

SESSION_STATUSES: Final = ("finished", "stopped", "running")
SESSION_SOURCES: Final = ("practice", "moment", "reminder", "breathe")
MOMENT_RESPONSES: Final = ("wait", "draft", "soothe", "reach-out", "none")
REMINDER_OUTCOMES: Final = ("fired", "started", "snoozed", "skipped", "merged")


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


_V1 = f"""
CREATE TABLE sessions (
    id                TEXT PRIMARY KEY,
    exercise_id       TEXT NOT NULL,
    exercise_name     TEXT NOT NULL,
    started_utc       TEXT NOT NULL,
    started_local     TEXT NOT NULL,
    tz                TEXT NOT NULL,
    planned_seconds   REAL,
    practised_seconds REAL NOT NULL DEFAULT 0 CHECK (practised_seconds >= 0),
    status            TEXT NOT NULL CHECK (status IN {_in(SESSION_STATUSES)}),
    source            TEXT NOT NULL CHECK (source IN {_in(SESSION_SOURCES)}),
    updated_utc       TEXT NOT NULL,
    local_date        TEXT GENERATED ALWAYS AS (substr(started_local, 1, 10)) VIRTUAL
);
CREATE INDEX sessions_by_local_date ON sessions (local_date, practised_seconds);
CREATE INDEX sessions_by_started ON sessions (started_utc);
CREATE INDEX sessions_running ON sessions (status) WHERE status = 'running';

CREATE TABLE moments (
    id              TEXT PRIMARY KEY,
    session_id      TEXT REFERENCES sessions (id) ON DELETE SET NULL,
    started_utc     TEXT NOT NULL,
    started_local   TEXT NOT NULL,
    tz              TEXT NOT NULL,
    distress_before INTEGER CHECK (distress_before BETWEEN 0 AND 10),
    distress_after  INTEGER CHECK (distress_after BETWEEN 0 AND 10),
    trigger_text    TEXT,
    response        TEXT NOT NULL DEFAULT 'none' CHECK (response IN {_in(MOMENT_RESPONSES)}),
    draft_text      TEXT,
    ended_step      TEXT,
    updated_utc     TEXT NOT NULL,
    local_date      TEXT GENERATED ALWAYS AS (substr(started_local, 1, 10)) VIRTUAL
);
CREATE INDEX moments_by_started ON moments (started_utc);
CREATE INDEX moments_by_session ON moments (session_id);

CREATE TABLE moment_signals (
    moment_id TEXT NOT NULL REFERENCES moments (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    signal    TEXT NOT NULL,
    PRIMARY KEY (moment_id, position)
) WITHOUT ROWID;
CREATE INDEX moment_signals_by_signal ON moment_signals (signal);

CREATE TABLE moment_anchors (
    moment_id   TEXT NOT NULL REFERENCES moments (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    anchor_id   TEXT,
    anchor_text TEXT NOT NULL,
    favourited  INTEGER NOT NULL DEFAULT 0 CHECK (favourited IN (0, 1)),
    PRIMARY KEY (moment_id, position)
) WITHOUT ROWID;

CREATE TABLE reminder_events (
    id                TEXT PRIMARY KEY,
    slot_id           TEXT NOT NULL,
    scheduled_for_utc TEXT NOT NULL,
    outcome           TEXT NOT NULL CHECK (outcome IN {_in(REMINDER_OUTCOMES)}),
    merged_into       TEXT,
    session_id        TEXT REFERENCES sessions (id) ON DELETE SET NULL,
    recorded_utc      TEXT NOT NULL
);
CREATE INDEX reminder_events_by_scheduled ON reminder_events (scheduled_for_utc);
CREATE INDEX reminder_events_by_session ON reminder_events (session_id);
"""

#: Each entry moves the database from version i to i + 1. Append; never edit a released entry.
MIGRATIONS: Final[tuple[str, ...]] = (_V1,)
SCHEMA_VERSION: Final = len(MIGRATIONS)


class NewerSchemaError(Exception):
    """The history file was written by a newer Steady; it is refused and left untouched."""

    def __init__(self, path: object, found: int, supported: int = SCHEMA_VERSION) -> None:
        self.path = path
        self.found = found
        self.supported = supported
        super().__init__(self.user_message)

    @property
    def user_message(self) -> str:
        return (
            f"Your history at {self.path} was saved by a newer version of Steady "
            f"(history format {self.found}; this version reads up to {self.supported}). "
            "It has been left exactly as it is. Please update Steady to see and add to it."
        )


def read_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: object = "history.db") -> int:
    """Bring `conn`'s database up to :data:`SCHEMA_VERSION`, one transaction per step.

    Raises :class:`NewerSchemaError` (before writing anything) for a newer database.
    Returns the version the database had before.
    """
    found = read_version(conn)
    if found > SCHEMA_VERSION:
        raise NewerSchemaError(path, found)
    for version in range(found, SCHEMA_VERSION):
        with _Transaction(conn):
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
    return found


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (executescript would commit on its own)."""
    parts: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            parts.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        parts.append(buffer.strip())
    return parts


class _Transaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
