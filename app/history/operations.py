"""Every read and write the app makes on its history, written once for two runners.

`HistoryOperations` holds the public methods (`begin_session`, `checkpoint`, ..., `list_sessions`,
`streaks`, ...) but runs nothing itself. A write is checked and stamped when it is made, so a bad
argument raises at its call site and the stamp is the time it really happened; it then becomes a
:class:`Write`, a typed callable holding its SQL, handed to `apply()`. A read is a query handed
to `read()` with what to show when it cannot run.

- :class:`app.history.store.HistoryStore` runs a write at once, in one transaction, and raises.
- :class:`app.history.resilient.ResilientHistory` runs it through its store, or keeps the very
  same `Write` waiting in memory when the disk will not take it and runs it later.

So the signatures exist once, the two classes cannot drift apart, and nothing is replayed by
looking a method up by its name.
"""

from __future__ import annotations

import sqlite3
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import Any, Generic, NamedTuple, TypeVar

from app.core.clock import WallClock
from app.core.history_records import (
    AnchorShown,
    DayMinutes,
    MomentRow,
    MomentStats,
    ReminderEventRow,
    SessionRow,
    Streaks,
)
from app.history.checks import (
    AnchorLike,
    as_anchor,
    check_choice,
    check_rating,
    check_seconds,
    seconds_or_none,
)
from app.history.queries import (
    daily_minutes,
    list_moments,
    list_reminder_events,
    list_sessions,
    moment_stats,
    streaks,
)
from app.history.schema import MOMENT_RESPONSES, REMINDER_OUTCOMES, SESSION_SOURCES
from app.history.timefmt import local_date, local_iso, utc_iso, zone_name

R = TypeVar("R")
#: Something to run on the history's connection (inside a transaction, for a write).
Query = Callable[[sqlite3.Connection], R]


class UnknownRecordError(KeyError):
    """A write referred to a session or moment that is not in the history."""


def new_id() -> str:
    """Ids are chosen by the writer, so a write kept waiting already has the id others refer to."""
    return uuid.uuid4().hex


class RecordKey(NamedTuple):
    """The record a write changes: "session", "moment", "reminder", or "delete" and its id."""

    kind: str
    id: str


def _replaces_nothing(_waiting: Write[Any]) -> bool:
    return False


@dataclass(frozen=True)
class Write(Generic[R]):
    """One checked, stamped change to the history, ready to run in one transaction."""

    #: The transaction's name, as the store's write hook and the logs see it.
    op: str
    #: The record it changes: `ResilientHistory.unsaved_count()` counts distinct records.
    record: RecordKey
    #: Its SQL; returns what the method returns when the write runs at once.
    run: Query[R]
    #: Work that cannot run inside a transaction (VACUUM), done after the commit.
    after_commit: Query[object] | None = None
    #: Writes still waiting in memory that this one makes pointless (an older checkpoint).
    replaces: Callable[[Write[Any]], bool] = _replaces_nothing


class HistoryOperations(ABC):
    """The history as the app uses it; subclasses decide how writes and reads are run."""

    clock: WallClock
    tz: tzinfo

    @abstractmethod
    def apply(self, write: Write[R]) -> R | None:
        """Run `write` (None when it was kept waiting instead)."""

    @abstractmethod
    def read(self, query: Query[R], otherwise: Callable[[], R]) -> R:
        """Run `query`; `otherwise()` is what a history that cannot be read shows."""

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
    ) -> str:
        """Record that a session started (status `running`); returns its id."""
        check_choice("source", source, SESSION_SOURCES)
        planned = seconds_or_none(planned_seconds)
        sid = session_id or new_id()
        when, zone = self._stamp(at), self.tz
        values = (sid, exercise_id, exercise_name, utc_iso(when), local_iso(when, zone),
                  zone_name(zone), planned, source, utc_iso(when))
        self.apply(Write("begin_session", RecordKey("session", sid), _executing(
            "INSERT INTO sessions (id, exercise_id, exercise_name, started_utc, started_local,"
            " tz, planned_seconds, practised_seconds, status, source, updated_utc)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'running', ?, ?) ON CONFLICT (id) DO NOTHING",
            values,
        )))
        return sid

    def checkpoint(self, session_id: str, practised_seconds: float, *, at: float | None = None) -> None:
        """Save how long a running session has been practised (call at least every 30 s)."""
        self._update_session("checkpoint", session_id, practised_seconds, None, at)

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
        self._update_session("end_session", session_id, practised_seconds, status, at)

    def _update_session(
        self, op: str, session_id: str, practised: float, status: str | None, at: float | None
    ) -> None:
        record = RecordKey("session", session_id)
        params = (check_seconds(practised), utc_iso(self._stamp(at)), status, session_id)
        self.apply(Write(
            op, record,
            _changing_one(
                "UPDATE sessions SET practised_seconds = ?, updated_utc = ?,"
                " status = coalesce(?, status) WHERE id = ?",
                params, session_id,
            ),
            replaces=lambda waiting: waiting.record == record and waiting.op == "checkpoint",
        ))

    def delete_session(self, session_id: str) -> bool | None:
        """Forget one session (moments and reminders that pointed at it keep their own data).

        True when it was there, False when it was not, None when the deletion waits in memory.
        """
        return self._delete("session", "sessions", session_id)

    def _delete(self, kind: str, table: str, record_id: str) -> bool | None:
        """One record gone; its own writes still waiting in memory go with it."""
        record = RecordKey(kind, record_id)

        def run(conn: sqlite3.Connection) -> bool:
            return conn.execute(f"DELETE FROM {table} WHERE id = ?", (record_id,)).rowcount > 0

        return self.apply(Write(f"delete_{kind}", RecordKey("delete", record_id), run,
                                after_commit=_fold_wal_in,
                                replaces=lambda waiting: waiting.record == record))

    # ----------------------------------------------------------------- moments
    def record_moment(
        self,
        *,
        session_id: str | None = None,
        distress_before: int | None = None,
        distress_after: int | None = None,
        signals: Sequence[str] = (),
        trigger: str | None = None,
        anchors: Sequence[AnchorLike] = (),
        response: str = "none",
        draft_text: str | None = None,
        ended_step: str | None = None,
        moment_id: str | None = None,
        at: float | None = None,
    ) -> str:
        """Record a triggered moment; returns its id. Keep `draft_text` only if the user kept it."""
        check_choice("response", response, MOMENT_RESPONSES)
        before, after = check_rating(distress_before), check_rating(distress_after)
        listed, shown = list(signals), [as_anchor(a) for a in anchors]
        mid = moment_id or new_id()
        when, zone = self._stamp(at), self.tz
        values = (mid, session_id, utc_iso(when), local_iso(when, zone), zone_name(zone), before,
                  after, trigger, response, draft_text, ended_step, utc_iso(when))

        def run(conn: sqlite3.Connection) -> None:
            inserted = conn.execute(
                "INSERT INTO moments (id, session_id, started_utc, started_local, tz,"
                " distress_before, distress_after, trigger_text, response, draft_text,"
                " ended_step, updated_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO NOTHING",
                values,
            ).rowcount
            if inserted:
                _replace_children(conn, mid, listed, shown)

        self.apply(Write("record_moment", RecordKey("moment", mid), run))
        return mid

    def update_moment(self, moment_id: str, *, at: float | None = None, **changes: Any) -> None:
        """Change fields of a moment as the flow goes on.

        Keys: session_id, distress_before, distress_after, trigger, response, draft_text,
        ended_step, signals (replaces the list), anchors (replaces the list).
        """
        unknown = set(changes) - set(_MOMENT_COLUMNS) - {"signals", "anchors"}
        if unknown:
            raise TypeError(f"update_moment got unknown fields: {', '.join(sorted(unknown))}")
        columns: list[str] = []
        values: list[Any] = []
        for key, column in _MOMENT_COLUMNS.items():
            if key not in changes:
                continue
            value = changes[key]
            if key in ("distress_before", "distress_after"):
                value = check_rating(value)
            if key == "response":
                check_choice("response", value, MOMENT_RESPONSES)
            columns.append(f"{column} = ?")
            values.append(value)
        signals = list(changes["signals"]) if "signals" in changes else None
        shown = [as_anchor(a) for a in changes["anchors"]] if "anchors" in changes else None
        change = _changing_one(
            f"UPDATE moments SET {', '.join([*columns, 'updated_utc = ?'])} WHERE id = ?",
            (*values, utc_iso(self._stamp(at)), moment_id), moment_id,
        )

        def run(conn: sqlite3.Connection) -> None:
            change(conn)
            if signals is not None or shown is not None:
                _replace_children(conn, moment_id, signals, shown)

        self.apply(Write("update_moment", RecordKey("moment", moment_id), run))

    def delete_moment(self, moment_id: str) -> bool | None:
        """Forget one moment; True/False whether it was there, None when the deletion waits."""
        return self._delete("moment", "moments", moment_id)

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
        values = (eid, slot_id, utc_iso(scheduled_for), outcome, merged_into, session_id,
                  utc_iso(self._stamp(at)))
        self.apply(Write("record_reminder_event", RecordKey("reminder", eid), _executing(
            "INSERT INTO reminder_events (id, slot_id, scheduled_for_utc, outcome, merged_into,"
            " session_id, recorded_utc) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            values,
        )))
        return eid

    # ----------------------------------------------------------------- privacy
    def delete_all(self) -> None:
        """Forget everything: rows are overwritten (secure_delete), the WAL emptied, file shrunk.

        Backups in DATA_DIR/backups are separate files: see app.history.backup.delete_backups.
        """
        self.apply(Write("delete_all", RecordKey("delete", "*"), _delete_every_row,
                         after_commit=_shrink, replaces=lambda _waiting: True))

    # ----------------------------------------------------------------- reads
    def list_sessions(
        self, start: date | None = None, end: date | None = None, *, limit: int | None = None
    ) -> list[SessionRow]:
        """Sessions whose local date is within [start, end] (either may be open), newest first."""
        return self.read(lambda conn: list_sessions(conn, start, end, limit), list)

    def list_moments(
        self, start: date | None = None, end: date | None = None, *, limit: int | None = None
    ) -> list[MomentRow]:
        return self.read(lambda conn: list_moments(conn, start, end, limit), list)

    def list_reminder_events(self, *, limit: int | None = None) -> list[ReminderEventRow]:
        return self.read(lambda conn: list_reminder_events(conn, limit), list)

    def today(self, tz: tzinfo | None = None) -> date:
        return local_date(self.clock.now(), tz or self.tz)

    def daily_minutes(
        self, days: int, today: date | None = None, tz: tzinfo | None = None
    ) -> list[DayMinutes]:
        """Minutes practised on each of the `days` local dates ending `today`, oldest first.

        A session counts on the local date where it started (in the zone the user was in then);
        `tz` only decides which date "today" is when `today` is not given.
        """
        day = today or self.today(tz)
        return self.read(lambda conn: daily_minutes(conn, days, day), lambda: _no_minutes(days, day))

    def streaks(
        self, today: date | None = None, tz: tzinfo | None = None, *, min_seconds: float = 1.0
    ) -> Streaks:
        day = today or self.today(tz)
        return self.read(lambda conn: streaks(conn, day, min_seconds),
                         lambda: Streaks(0, 0, False, None))

    def moment_stats(
        self,
        start: date | None = None,
        end: date | None = None,
        *,
        top: int = 5,
        pairs_limit: int = 365,
    ) -> MomentStats:
        """Distress before/after and what helped most, over moments in [start, end]."""
        return self.read(lambda conn: moment_stats(conn, start, end, top, pairs_limit), MomentStats)


#: update_moment's keys and the columns they change (signals and anchors are child tables).
_MOMENT_COLUMNS = {
    "session_id": "session_id",
    "distress_before": "distress_before",
    "distress_after": "distress_after",
    "trigger": "trigger_text",
    "response": "response",
    "draft_text": "draft_text",
    "ended_step": "ended_step",
}


def _executing(sql: str, params: Sequence[Any]) -> Query[None]:
    def run(conn: sqlite3.Connection) -> None:
        conn.execute(sql, params)

    return run


def _changing_one(sql: str, params: Sequence[Any], record_id: str) -> Query[None]:
    """An UPDATE of one record that must exist: a missing one is the caller's mistake."""

    def run(conn: sqlite3.Connection) -> None:
        if conn.execute(sql, params).rowcount == 0:
            raise UnknownRecordError(record_id)

    return run


def _delete_every_row(conn: sqlite3.Connection) -> None:
    for table in ("moment_signals", "moment_anchors", "moments", "reminder_events", "sessions"):
        conn.execute(f"DELETE FROM {table}")


def _fold_wal_in(conn: sqlite3.Connection) -> None:
    """After a deletion: the database file loses the record at once and the WAL is emptied, so
    the deleted text does not linger there, and a WAL found after a crash never holds fewer
    records than the file (how app.history.dbfile.foreign_wal knows another history's WAL)."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def _shrink(conn: sqlite3.Connection) -> None:
    """After deleting everything: no old page is left in the WAL or the file's free list."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


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


def _no_minutes(days: int, today: date) -> list[DayMinutes]:
    """The days asked for, each with nothing practised: what an unreadable history shows."""
    return [DayMinutes(today - timedelta(days=days - 1 - i), 0.0) for i in range(max(days, 0))]
