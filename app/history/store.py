"""`HistoryStore`: practice history in SQLite (stdlib sqlite3), one connection, no Qt.

Durability: WAL journal with `synchronous=FULL`, so a write that returned has been fsynced and
survives the process being killed (and a power cut, as far as the disk honours fsync). Every
write is one short `BEGIN IMMEDIATE ... COMMIT` transaction.

Time: every stamp comes from the injected clock (epoch seconds), or from an explicit `at=`
(used by :mod:`app.history.resilient` to replay writes that waited in memory with the time they
really happened). Local dates are those of the zone where the user was when it happened.

Opening a file that may be damaged, restoring backups and telling the user is the job of
:func:`app.history.recovery.open_history`; this class assumes the file is healthy.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, tzinfo
from pathlib import Path
from typing import Any

from app.core.clock import WallClock
from app.history import queries
from app.history.records import (
    AnchorShown,
    DayMinutes,
    MomentRow,
    MomentStats,
    ReminderEventRow,
    SessionRow,
    Streaks,
)
from app.history.schema import (
    MOMENT_RESPONSES,
    REMINDER_OUTCOMES,
    SESSION_SOURCES,
    SCHEMA_VERSION,
    NewerSchemaError,
    migrate,
    read_version,
)
from app.history.timefmt import local_date, local_iso, system_zone, utc_iso, zone_name


#: The history's stamps are wall-clock time (app.core.clock.WallClock, or a FakeClock in tests).
EpochClock = WallClock


Connector = Callable[[str], sqlite3.Connection]
WriteHook = Callable[[str], None]


class UnknownRecordError(KeyError):
    """A write referred to a session or moment that is not in the history."""


def default_connect(path: str) -> sqlite3.Connection:
    """Autocommit mode: the store issues BEGIN/COMMIT itself."""
    return sqlite3.connect(path, isolation_level=None, timeout=5.0)


def new_id() -> str:
    return uuid.uuid4().hex


_UNSET: Any = object()
_MOMENT_FIELDS = {
    "session_id": "session_id",
    "distress_before": "distress_before",
    "distress_after": "distress_after",
    "trigger": "trigger_text",
    "response": "response",
    "draft_text": "draft_text",
    "ended_step": "ended_step",
}


class HistoryStore:
    """The practice history in one SQLite file. Not thread-safe: use it from one thread."""

    def __init__(
        self,
        path: Path,
        clock: EpochClock,
        tz: tzinfo | None = None,
        *,
        connect: Connector = default_connect,
        write_hook: WriteHook | None = None,
    ) -> None:
        self.path = Path(path)
        self.clock = clock
        self.tz = tz if tz is not None else system_zone()
        self.write_hook = write_hook
        self._conn = connect(str(self.path))
        try:
            found = read_version(self._conn)
            if found > SCHEMA_VERSION:
                raise NewerSchemaError(self.path, found)
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = FULL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA secure_delete = ON")
            self._conn.execute("PRAGMA busy_timeout = 5000")
            self._conn.execute("PRAGMA journal_size_limit = 1048576")
            migrate(self._conn, self.path)
        except BaseException:
            self._conn.close()
            raise

    # ----------------------------------------------------------------- plumbing
    @property
    def connection(self) -> sqlite3.Connection:
        """For backups and benchmarks; everything else goes through the methods."""
        return self._conn

    def close(self) -> None:
        try:
            self._conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass
        self._conn.close()

    def compact_wal(self) -> None:
        """Copy the WAL into the database and truncate it: frees disk space after ENOSPC."""
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _writing(self, op: str) -> Iterator[sqlite3.Connection]:
        if self.write_hook is not None:
            self.write_hook(op)
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            raise

    def _stamp(self, at: float | None) -> float:
        return self.clock.now() if at is None else at

    # ----------------------------------------------------------------- sessions
    def begin_session(
        self,
        exercise_id: str,
        exercise_name: str,
        planned_seconds: float | None = None,
        source: str = "practice",
        *,
        session_id: str | None = None,
        at: float | None = None,
        tz: tzinfo | None = None,
    ) -> str:
        """Record that a session started (status `running`); returns its id."""
        check_choice("source", source, SESSION_SOURCES)
        sid = session_id or new_id()
        when = self._stamp(at)
        zone = tz or self.tz
        with self._writing("begin_session") as conn:
            conn.execute(
                "INSERT INTO sessions (id, exercise_id, exercise_name, started_utc, started_local,"
                " tz, planned_seconds, practised_seconds, status, source, updated_utc)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'running', ?, ?) ON CONFLICT (id) DO NOTHING",
                (sid, exercise_id, exercise_name, utc_iso(when), local_iso(when, zone),
                 zone_name(zone), seconds_or_none(planned_seconds), source, utc_iso(when)),
            )
        return sid

    def checkpoint(self, session_id: str, practised_seconds: float, *, at: float | None = None) -> None:
        """Save how long a running session has been practised (call at least every 30 s)."""
        self._update_session(session_id, practised_seconds, None, at, "checkpoint")

    def end_session(
        self,
        session_id: str,
        practised_seconds: float,
        status: str = "finished",
        *,
        at: float | None = None,
    ) -> None:
        if status not in ("finished", "stopped"):
            raise ValueError(f"a session ends as 'finished' or 'stopped', not {status!r}")
        self._update_session(session_id, practised_seconds, status, at, "end_session")

    def _update_session(
        self, session_id: str, practised: float, status: str | None, at: float | None, op: str
    ) -> None:
        seconds = check_seconds(practised)
        when = utc_iso(self._stamp(at))
        with self._writing(op) as conn:
            cursor = conn.execute(
                "UPDATE sessions SET practised_seconds = ?, updated_utc = ?,"
                " status = coalesce(?, status) WHERE id = ?",
                (seconds, when, status, session_id),
            )
            if cursor.rowcount == 0:
                raise UnknownRecordError(session_id)

    def recover_interrupted(self, *, at: float | None = None) -> int:
        """Sessions left `running` by a crash become `stopped` at their last checkpoint.

        Call once at start-up (before any new session begins); returns how many were closed.
        """
        when = utc_iso(self._stamp(at))
        with self._writing("recover_interrupted") as conn:
            cursor = conn.execute(
                "UPDATE sessions SET status = 'stopped', updated_utc = ? WHERE status = 'running'",
                (when,),
            )
            return cursor.rowcount

    def get_session(self, session_id: str) -> SessionRow | None:
        row = self._conn.execute(
            f"SELECT {queries.SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        return SessionRow(*row) if row else None

    def list_sessions(
        self, start: date | None = None, end: date | None = None, *, limit: int | None = None
    ) -> list[SessionRow]:
        """Sessions whose local date is within [start, end] (either may be open), newest first."""
        return queries.list_sessions(self._conn, start, end, limit)

    def iter_sessions(self) -> Iterator[SessionRow]:
        """Every session, oldest first (for export)."""
        return queries.iter_sessions(self._conn)

    def delete_session(self, session_id: str) -> bool:
        """Forget one session (moments and reminders that pointed at it keep their own data)."""
        with self._writing("delete_session") as conn:
            return conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount > 0

    # ----------------------------------------------------------------- moments
    def record_moment(
        self,
        *,
        session_id: str | None = None,
        distress_before: int | None = None,
        distress_after: int | None = None,
        signals: Sequence[str] = (),
        trigger: str | None = None,
        anchors: Sequence[AnchorShown | str | Mapping[str, Any]] = (),
        response: str = "none",
        draft_text: str | None = None,
        ended_step: str | None = None,
        moment_id: str | None = None,
        at: float | None = None,
        tz: tzinfo | None = None,
    ) -> str:
        """Record a triggered moment; returns its id. Keep `draft_text` only if the user kept it."""
        check_choice("response", response, MOMENT_RESPONSES)
        before, after = check_rating(distress_before), check_rating(distress_after)
        shown = [as_anchor(a) for a in anchors]
        mid = moment_id or new_id()
        when = self._stamp(at)
        zone = tz or self.tz
        with self._writing("record_moment") as conn:
            inserted = conn.execute(
                "INSERT INTO moments (id, session_id, started_utc, started_local, tz,"
                " distress_before, distress_after, trigger_text, response, draft_text,"
                " ended_step, updated_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO NOTHING",
                (mid, session_id, utc_iso(when), local_iso(when, zone), zone_name(zone), before,
                 after, trigger, response, draft_text, ended_step, utc_iso(when)),
            ).rowcount
            if inserted:
                _replace_children(conn, mid, list(signals), shown)
        return mid

    def update_moment(self, moment_id: str, *, at: float | None = None, **changes: Any) -> None:
        """Change fields of a moment as the flow goes on.

        Keys: session_id, distress_before, distress_after, trigger, response, draft_text,
        ended_step, signals (replaces the list), anchors (replaces the list).
        """
        unknown = set(changes) - set(_MOMENT_FIELDS) - {"signals", "anchors"}
        if unknown:
            raise TypeError(f"update_moment got unknown fields: {', '.join(sorted(unknown))}")
        columns: list[str] = []
        values: list[Any] = []
        for key, column in _MOMENT_FIELDS.items():
            if key not in changes:
                continue
            value = changes[key]
            if key in ("distress_before", "distress_after"):
                value = check_rating(value)
            if key == "response":
                check_choice("response", value, MOMENT_RESPONSES)
            columns.append(f"{column} = ?")
            values.append(value)
        signals = changes.get("signals", _UNSET)
        anchors = changes.get("anchors", _UNSET)
        shown = None if anchors is _UNSET else [as_anchor(a) for a in anchors]
        when = utc_iso(self._stamp(at))
        with self._writing("update_moment") as conn:
            cursor = conn.execute(
                f"UPDATE moments SET {', '.join(columns + ['updated_utc = ?'])} WHERE id = ?",
                (*values, when, moment_id),
            )
            if cursor.rowcount == 0:
                raise UnknownRecordError(moment_id)
            if signals is not _UNSET or shown is not None:
                _replace_children(
                    conn, moment_id, None if signals is _UNSET else list(signals), shown
                )

    def get_moment(self, moment_id: str) -> MomentRow | None:
        found = queries.moments_where(self._conn, "m.id = ?", (moment_id,))
        return found[0] if found else None

    def list_moments(
        self, start: date | None = None, end: date | None = None, *, limit: int | None = None
    ) -> list[MomentRow]:
        return queries.list_moments(self._conn, start, end, limit)

    def iter_moments(self) -> Iterator[MomentRow]:
        return queries.iter_moments(self._conn)

    def delete_moment(self, moment_id: str) -> bool:
        with self._writing("delete_moment") as conn:
            return conn.execute("DELETE FROM moments WHERE id = ?", (moment_id,)).rowcount > 0

    # ----------------------------------------------------------------- reminders
    def record_reminder_event(
        self,
        slot_id: str,
        scheduled_for: float,
        outcome: str,
        *,
        merged_into: str | None = None,
        session_id: str | None = None,
        event_id: str | None = None,
        at: float | None = None,
    ) -> str:
        """Log what became of one reminder (`scheduled_for` in epoch seconds); returns its id."""
        check_choice("outcome", outcome, REMINDER_OUTCOMES)
        eid = event_id or new_id()
        with self._writing("record_reminder_event") as conn:
            conn.execute(
                "INSERT INTO reminder_events (id, slot_id, scheduled_for_utc, outcome, merged_into,"
                " session_id, recorded_utc) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO NOTHING",
                (eid, slot_id, utc_iso(scheduled_for), outcome, merged_into, session_id,
                 utc_iso(self._stamp(at))),
            )
        return eid

    def list_reminder_events(self, *, limit: int | None = None) -> list[ReminderEventRow]:
        return queries.list_reminder_events(self._conn, limit)

    def iter_reminder_events(self) -> Iterator[ReminderEventRow]:
        return queries.iter_reminder_events(self._conn)

    # ----------------------------------------------------------------- statistics
    def today(self, tz: tzinfo | None = None) -> date:
        return local_date(self.clock.now(), tz or self.tz)

    def daily_minutes(
        self, days: int, today: date | None = None, tz: tzinfo | None = None
    ) -> list[DayMinutes]:
        """Minutes practised on each of the `days` local dates ending `today`, oldest first.

        A session counts on the local date where it started (in the zone the user was in then);
        `tz` only decides which date "today" is when `today` is not given.
        """
        return queries.daily_minutes(self._conn, days, today or self.today(tz))

    def streaks(
        self, today: date | None = None, tz: tzinfo | None = None, *, min_seconds: float = 1.0
    ) -> Streaks:
        return queries.streaks(self._conn, today or self.today(tz), min_seconds)

    def moment_stats(
        self,
        start: date | None = None,
        end: date | None = None,
        *,
        top: int = 5,
        pairs_limit: int = 365,
    ) -> MomentStats:
        """Distress before/after and what helped most, over moments in [start, end]."""
        return queries.moment_stats(self._conn, start, end, top, pairs_limit)

    def counts(self) -> dict[str, int]:
        return {
            table: int(self._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("sessions", "moments", "reminder_events")
        }

    # ----------------------------------------------------------------- privacy
    def delete_all(self) -> None:
        """Forget everything: rows are overwritten (secure_delete), the WAL emptied, file shrunk.

        Backups in DATA_DIR/backups are separate files: see app.history.backup.delete_backups.
        """
        with self._writing("delete_all") as conn:
            for table in ("moment_signals", "moment_anchors", "moments", "reminder_events",
                          "sessions"):
                conn.execute(f"DELETE FROM {table}")
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._conn.execute("VACUUM")
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def check_choice(name: str, value: object, allowed: Iterable[str]) -> None:
    options = tuple(allowed)
    if value not in options:
        raise ValueError(f"{name} must be one of {', '.join(options)}; got {value!r}")


def check_seconds(value: float) -> float:
    seconds = float(value)
    if not seconds >= 0 or seconds == float("inf"):
        raise ValueError(f"seconds must be a finite number of at least 0; got {value!r}")
    return seconds


def seconds_or_none(value: float | None) -> float | None:
    return None if value is None else check_seconds(value)


def check_rating(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValueError(f"a distress rating is a whole number from 0 to 10; got {value!r}")
    return value


def as_anchor(value: AnchorShown | str | Mapping[str, Any]) -> AnchorShown:
    if isinstance(value, AnchorShown):
        return value
    if isinstance(value, str):
        return AnchorShown(text=value)
    return AnchorShown(
        text=str(value["text"]),
        anchor_id=value.get("anchor_id", value.get("id")),
        favourited=bool(value.get("favourited", False)),
    )


def _replace_children(
    conn: sqlite3.Connection,
    moment_id: str,
    signals: list[str] | None,
    anchors: list[AnchorShown] | None,
) -> None:
    if signals is not None:
        conn.execute("DELETE FROM moment_signals WHERE moment_id = ?", (moment_id,))
        unique = list(dict.fromkeys(str(s) for s in signals))
        conn.executemany(
            "INSERT INTO moment_signals (moment_id, position, signal) VALUES (?, ?, ?)",
            [(moment_id, i, s) for i, s in enumerate(unique)],
        )
    if anchors is not None:
        conn.execute("DELETE FROM moment_anchors WHERE moment_id = ?", (moment_id,))
        conn.executemany(
            "INSERT INTO moment_anchors (moment_id, position, anchor_id, anchor_text, favourited)"
            " VALUES (?, ?, ?, ?, ?)",
            [(moment_id, i, a.anchor_id, a.text, int(a.favourited)) for i, a in enumerate(anchors)],
        )


__all__ = ["HistoryStore", "UnknownRecordError", "default_connect", "new_id"]
