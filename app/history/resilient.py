"""`ResilientHistory`: the app keeps breathing when the history cannot be written.

When the disk is full, the folder is read-only or has gone, or the file was written by a newer
Steady, writes wait in memory (in order, with the time they really happened), the user is told
once in plain words through `on_unavailable(message)`, and `flush_pending()` (which the app calls
every so often) tries again. `unsaved_count()` says how many records would be lost on quit.

Arguments are checked at call time, so a programming error still raises where it was made;
only storage failures are absorbed.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo
from typing import Any, TypeVar

from app.history.records import (
    AnchorShown,
    DayMinutes,
    MomentRow,
    MomentStats,
    ReminderEventRow,
    SessionRow,
    Streaks,
)
from app.history.recovery import OpenResult, open_history
from app.history.schema import (
    MOMENT_RESPONSES,
    REMINDER_OUTCOMES,
    SESSION_SOURCES,
    NewerSchemaError,
)
from app.history.store import (
    Connector,
    EpochClock,
    HistoryStore,
    WriteHook,
    as_anchor,
    check_choice,
    check_rating,
    check_seconds,
    default_connect,
    new_id,
    seconds_or_none,
)
from app.history.timefmt import local_date, system_zone
from app.paths import DataPaths

log = logging.getLogger(__name__)
T = TypeVar("T")

Opener = Callable[[], "OpenResult | HistoryStore"]
Report = Callable[[str], None]

SAVING_AGAIN = "Your history is being saved again."


def is_storage_failure(error: BaseException) -> bool:
    """Errors that mean "the disk or folder will not take this now", not a bug in the caller."""
    if isinstance(error, NewerSchemaError):
        return True
    if isinstance(error, (sqlite3.IntegrityError, sqlite3.ProgrammingError,
                          sqlite3.InterfaceError, sqlite3.NotSupportedError, sqlite3.DataError)):
        return False
    return isinstance(error, (OSError, sqlite3.DatabaseError))


def unavailable_message(error: BaseException) -> str:
    """Plain words for the user: what is wrong and that practice goes on."""
    if isinstance(error, NewerSchemaError):
        return error.user_message + " Until then, what you practise now is not being saved."
    text = str(error).lower()
    code = getattr(error, "errno", None)
    if code in (errno.ENOSPC, errno.EDQUOT) or "full" in text:
        reason = "the disk is full"
    elif code == errno.EROFS or "readonly" in text or "read-only" in text:
        reason = "the data folder can't be written to (it is read-only)"
    elif code in (errno.ENOENT, errno.ENOTDIR) or "unable to open" in text:
        reason = "the data folder is missing or can't be opened"
    elif code in (errno.EACCES, errno.EPERM):
        reason = "Steady isn't allowed to write to the data folder"
    else:
        reason = "the disk reported a problem"
    return (
        f"Your history is not being saved right now: {reason}. Your practice carries on. "
        "Steady is keeping what you do in memory and will save it as soon as it can."
    )


@dataclass
class _Write:
    method: str
    key: tuple[str, str]
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)


class ResilientHistory:
    """A history that never lets a storage failure reach the breathing screen."""

    def __init__(
        self,
        opener: Opener,
        clock: EpochClock,
        tz: tzinfo | None = None,
        *,
        on_unavailable: Report | None = None,
        on_available: Report | None = None,
        on_notice: Report | None = None,
    ) -> None:
        self.clock = clock
        self.tz = tz if tz is not None else system_zone()
        self.on_unavailable = on_unavailable
        self.on_available = on_available
        self.on_notice = on_notice
        self._opener = opener
        self._store: HistoryStore | None = None
        self._pending: list[_Write] = []
        self._reported = False
        self._last_error: BaseException | None = None
        self.dropped = 0
        self._try_open()

    @classmethod
    def open(
        cls,
        paths: DataPaths,
        clock: EpochClock,
        tz: tzinfo | None = None,
        *,
        on_unavailable: Report | None = None,
        on_available: Report | None = None,
        on_notice: Report | None = None,
        connect: Connector = default_connect,
        write_hook: WriteHook | None = None,
    ) -> ResilientHistory:
        """The usual way in: DATA_DIR/history.db, recovered on first open only."""
        zone = tz if tz is not None else system_zone()
        first = [True]

        def opener() -> OpenResult:
            recover = first[0]
            result = open_history(paths, clock, zone, connect=connect, write_hook=write_hook,
                                  recover_interrupted=recover)
            first[0] = False
            return result

        return cls(opener, clock, zone, on_unavailable=on_unavailable,
                   on_available=on_available, on_notice=on_notice)

    # ----------------------------------------------------------------- state
    @property
    def store(self) -> HistoryStore | None:
        return self._store

    @property
    def available(self) -> bool:
        return self._store is not None and not self._pending

    def unsaved_count(self) -> int:
        """How many sessions, moments and reminder events have changes not yet on disk."""
        return len({write.key for write in self._pending})

    def flush_pending(self) -> bool:
        """Try to save what is waiting; True when nothing is left waiting."""
        if self._store is None and not self._try_open():
            return False
        if self._store is not None and not self._store.path.exists():
            self._fail(FileNotFoundError(errno.ENOENT, "history file is gone", str(self._store.path)))
            if not self._try_open():
                return False
        if self._pending and self._store is not None:
            try:
                self._store.compact_wal()
            except Exception as error:  # noqa: BLE001 - only an attempt to free space
                log.debug("WAL checkpoint before replay failed: %r", error)
        while self._pending:
            write = self._pending[0]
            try:
                self._apply(write)
            except Exception as error:  # noqa: BLE001 - sorted into storage failure or bad write
                if is_storage_failure(error):
                    self._fail(error)
                    return False
                log.warning("dropping a history write that cannot be replayed: %s %r", write.method, error)
                self.dropped += 1
            self._pending.pop(0)
        if self._reported:
            self._reported = False
            self._call(self.on_available, SAVING_AGAIN)
        return True

    def close(self) -> int:
        """A last attempt to save, then close; returns how many records were not saved."""
        self.flush_pending()
        left = self.unsaved_count()
        if self._store is not None:
            try:
                self._store.close()
            except sqlite3.Error:
                pass
            self._store = None
        return left

    # ----------------------------------------------------------------- writes
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
        check_choice("source", source, SESSION_SOURCES)
        seconds_or_none(planned_seconds)
        sid = session_id or new_id()
        self._submit(_Write("begin_session", ("session", sid), (exercise_id, exercise_name,
                            planned_seconds, source),
                            {"session_id": sid, "at": self._at(at), "tz": self.tz}))
        return sid

    def checkpoint(self, session_id: str, practised_seconds: float, *, at: float | None = None) -> None:
        check_seconds(practised_seconds)
        key = ("session", session_id)
        self._pending = [w for w in self._pending if not (w.key == key and w.method == "checkpoint")]
        self._submit(_Write("checkpoint", key, (session_id, practised_seconds), {"at": self._at(at)}))

    def end_session(
        self, session_id: str, practised_seconds: float, status: str = "finished", *,
        at: float | None = None,
    ) -> None:
        if status not in ("finished", "stopped"):
            raise ValueError(f"a session ends as 'finished' or 'stopped', not {status!r}")
        check_seconds(practised_seconds)
        key = ("session", session_id)
        self._pending = [w for w in self._pending if not (w.key == key and w.method == "checkpoint")]
        self._submit(_Write("end_session", key, (session_id, practised_seconds, status),
                            {"at": self._at(at)}))

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
    ) -> str:
        check_choice("response", response, MOMENT_RESPONSES)
        check_rating(distress_before)
        check_rating(distress_after)
        shown = tuple(as_anchor(a) for a in anchors)
        mid = moment_id or new_id()
        self._submit(_Write("record_moment", ("moment", mid), (), {
            "session_id": session_id, "distress_before": distress_before,
            "distress_after": distress_after, "signals": tuple(signals), "trigger": trigger,
            "anchors": shown, "response": response, "draft_text": draft_text,
            "ended_step": ended_step, "moment_id": mid, "at": self._at(at), "tz": self.tz,
        }))
        return mid

    def update_moment(self, moment_id: str, *, at: float | None = None, **changes: Any) -> None:
        if "response" in changes:
            check_choice("response", changes["response"], MOMENT_RESPONSES)
        for key in ("distress_before", "distress_after"):
            if key in changes:
                check_rating(changes[key])
        if "anchors" in changes:
            changes["anchors"] = tuple(as_anchor(a) for a in changes["anchors"])
        if "signals" in changes:
            changes["signals"] = tuple(changes["signals"])
        self._submit(_Write("update_moment", ("moment", moment_id), (moment_id,),
                            {"at": self._at(at), **changes}))

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
        check_choice("outcome", outcome, REMINDER_OUTCOMES)
        eid = event_id or new_id()
        self._submit(_Write("record_reminder_event", ("reminder", eid), (slot_id, scheduled_for,
                            outcome), {"merged_into": merged_into, "session_id": session_id,
                                       "event_id": eid, "at": self._at(at)}))
        return eid

    def delete_session(self, session_id: str) -> None:
        key = ("session", session_id)
        self._pending = [w for w in self._pending if w.key != key]
        self._submit(_Write("delete_session", ("delete", session_id), (session_id,)))

    def delete_moment(self, moment_id: str) -> None:
        key = ("moment", moment_id)
        self._pending = [w for w in self._pending if w.key != key]
        self._submit(_Write("delete_moment", ("delete", moment_id), (moment_id,)))

    def delete_all(self) -> None:
        self._pending = []
        self._submit(_Write("delete_all", ("delete", "*")))

    # ----------------------------------------------------------------- reads
    def list_sessions(
        self, start: date | None = None, end: date | None = None, *, limit: int | None = None
    ) -> list[SessionRow]:
        return self._read(lambda s: s.list_sessions(start, end, limit=limit), [])

    def list_moments(
        self, start: date | None = None, end: date | None = None, *, limit: int | None = None
    ) -> list[MomentRow]:
        return self._read(lambda s: s.list_moments(start, end, limit=limit), [])

    def list_reminder_events(self, *, limit: int | None = None) -> list[ReminderEventRow]:
        return self._read(lambda s: s.list_reminder_events(limit=limit), [])

    def daily_minutes(
        self, days: int, today: date | None = None, tz: tzinfo | None = None
    ) -> list[DayMinutes]:
        day = today or local_date(self.clock.now(), tz or self.tz)
        empty = _empty_days(days, day)
        return self._read(lambda s: s.daily_minutes(days, day), empty)

    def streaks(self, today: date | None = None, tz: tzinfo | None = None) -> Streaks:
        day = today or local_date(self.clock.now(), tz or self.tz)
        return self._read(lambda s: s.streaks(day), Streaks(0, 0, False, None))

    def moment_stats(
        self, start: date | None = None, end: date | None = None, *, top: int = 5
    ) -> MomentStats:
        return self._read(lambda s: s.moment_stats(start, end, top=top), MomentStats())

    # ----------------------------------------------------------------- internals
    def _at(self, at: float | None) -> float:
        return self.clock.now() if at is None else at

    def _try_open(self) -> bool:
        try:
            opened = self._opener()
        except Exception as error:  # noqa: BLE001
            if not is_storage_failure(error):
                raise
            self._fail(error)
            return False
        if isinstance(opened, HistoryStore):
            self._store = opened
        else:
            self._store = opened.store
            if opened.notice:
                self._call(self.on_notice, opened.notice)
        return True

    def _submit(self, write: _Write) -> None:
        if self._pending or self._store is None:
            self._pending.append(write)
            return
        if not self._store.path.exists():
            self._pending.append(write)
            self._fail(FileNotFoundError(errno.ENOENT, "history file is gone", str(self._store.path)))
            return
        try:
            self._apply(write)
        except Exception as error:  # noqa: BLE001
            if not is_storage_failure(error):
                raise
            self._pending.append(write)
            self._fail(error)

    def _apply(self, write: _Write) -> None:
        assert self._store is not None
        getattr(self._store, write.method)(*write.args, **write.kwargs)

    def _fail(self, error: BaseException) -> None:
        self._last_error = error
        log.warning("history not saved: %r", error)
        if isinstance(error, FileNotFoundError) and self._store is not None:
            try:
                self._store.close()
            except sqlite3.Error:
                pass
            self._store = None
        if not self._reported:
            self._reported = True
            self._call(self.on_unavailable, unavailable_message(error))

    def _read(self, query: Callable[[HistoryStore], T], default: T) -> T:
        if self._store is None:
            return default
        try:
            return query(self._store)
        except Exception as error:  # noqa: BLE001
            if not is_storage_failure(error):
                raise
            log.warning("history could not be read: %r", error)
            return default

    @staticmethod
    def _call(callback: Report | None, message: str) -> None:
        if callback is None:
            return
        try:
            callback(message)
        except Exception:  # noqa: BLE001 - a broken notice must not stop practice
            log.exception("history notice callback failed")


def _empty_days(days: int, today: date) -> list[DayMinutes]:
    return [DayMinutes(today - timedelta(days=days - 1 - i), 0.0) for i in range(max(days, 0))]
