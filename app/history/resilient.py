"""`ResilientHistory`: the app keeps breathing when the history cannot be written.

When the disk is full, the folder is read-only or has gone, or the file was written by a newer
Steady, writes wait in memory (in order, with the time they really happened), the user is told
once in plain words through `on_unavailable(message)`, and `flush_pending()` (which the app calls
every so often) tries again. `unsaved_count()` says how many records would be lost on quit.

Its reads and writes are those of :class:`app.history.operations.HistoryOperations`, shared with
the store: a write is checked (so a programming error still raises where it was made) and
stamped when it is made, and a `Write` kept waiting is run later exactly as it was made. Only
storage failures are absorbed.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from collections.abc import Callable
from datetime import tzinfo
from typing import Any

from app.core.clock import WallClock
from app.history.backup import DailyCopy
from app.history.dbfile import NotAFileError
from app.history.operations import HistoryOperations, Query, R, Write
from app.history.recovery import OpenResult, open_history
from app.history.schema import NewerSchemaError
from app.history.store import Connector, HistoryStore, WriteHook, default_connect
from app.history.timefmt import system_zone
from app.paths import DataPaths

log = logging.getLogger("steady.history")  # a child of the "steady" logger, so it reaches steady.log

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
    if isinstance(error, NotAFileError):
        reason = (f"{error.filename} is {error.kind}, where Steady keeps your history in a file "
                  "(moving it away lets Steady save again)")
    elif code in (errno.ENOSPC, errno.EDQUOT) or "full" in text:
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


class ResilientHistory(HistoryOperations):
    """A history that never lets a storage failure reach the breathing screen."""

    def __init__(
        self,
        opener: Opener,
        clock: WallClock,
        tz: tzinfo | None = None,
        *,
        on_unavailable: Report | None = None,
        on_available: Report | None = None,
        on_notice: Report | None = None,
        daily_copy: DailyCopy | None = None,
    ) -> None:
        self.clock = clock
        self.tz = tz if tz is not None else system_zone()
        self.on_unavailable = on_unavailable
        self.on_available = on_available
        self.on_notice = on_notice
        self._opener = opener
        self._daily_copy = daily_copy or DailyCopy()
        self._store: HistoryStore | None = None
        self._pending: list[Write[Any]] = []
        self._reported = False
        self._last_error: BaseException | None = None
        self.dropped = 0
        self._try_open()

    @classmethod
    def open(
        cls,
        paths: DataPaths,
        clock: WallClock,
        tz: tzinfo | None = None,
        *,
        on_unavailable: Report | None = None,
        on_available: Report | None = None,
        on_notice: Report | None = None,
        connect: Connector = default_connect,
        write_hook: WriteHook | None = None,
    ) -> ResilientHistory:
        """The usual way in: DATA_DIR/history.db, recovered on first open only; the first open
        that works starts today's copy in backups/ on a worker thread (close() waits for it)."""
        zone = tz if tz is not None else system_zone()
        first = [True]

        def opener() -> OpenResult:
            recover = first[0]
            result = open_history(paths, clock, zone, connect=connect, write_hook=write_hook,
                                  recover_interrupted=recover)
            first[0] = False
            daily_copy.start(paths, result.store.today())
            return result

        daily_copy = DailyCopy()
        return cls(opener, clock, zone, on_unavailable=on_unavailable,
                   on_available=on_available, on_notice=on_notice, daily_copy=daily_copy)

    # ----------------------------------------------------------------- state
    @property
    def store(self) -> HistoryStore | None:
        return self._store

    @property
    def available(self) -> bool:
        return self._store is not None and not self._pending

    def unsaved_count(self) -> int:
        """How many sessions, moments and reminder events have changes not yet on disk."""
        return len({write.record for write in self._pending})

    def flush_pending(self) -> bool:
        """Try to save what is waiting; True when nothing is left waiting."""
        if self._store is None and not self._try_open():
            return False
        if self._store is not None and not self._store.path.exists():
            self._fail(FileNotFoundError(errno.ENOENT, "history file is gone", str(self._store.path)))
            if not self._try_open():
                return False
        store = self._store
        assert store is not None  # _try_open() returned True
        if self._pending:
            try:
                store.compact_wal()
            except Exception as error:  # noqa: BLE001 - only an attempt to free space
                log.debug("WAL checkpoint before replay failed: %r", error)
        while self._pending:
            write = self._pending[0]
            try:
                store.apply(write)
            except Exception as error:  # noqa: BLE001 - sorted into storage failure or bad write
                if is_storage_failure(error):
                    self._fail(error)
                    return False
                log.warning("dropping a history write that cannot be replayed: %s %r", write.op, error)
                self.dropped += 1
            self._pending.pop(0)
        if self._reported:
            self._reported = False
            self._call(self.on_available, SAVING_AGAIN)
        return True

    def close(self) -> int:
        """A last attempt to save, then close; returns how many records were not saved."""
        self._daily_copy.wait()
        self.flush_pending()
        left = self.unsaved_count()
        if self._store is not None:
            try:
                self._store.close()
            except sqlite3.Error:
                pass
            self._store = None
        return left

    # ----------------------------------------------------------------- running operations
    def apply(self, write: Write[R]) -> R | None:
        """Run `write` through the store, or keep it waiting (in order) when it cannot be saved.

        Only storage failures are absorbed: any other error is the caller's and raises here.
        """
        self._pending = [waiting for waiting in self._pending if not write.replaces(waiting)]
        if self._pending or self._store is None:
            self._pending.append(write)
            return None
        if not self._store.path.exists():
            self._pending.append(write)
            self._fail(FileNotFoundError(errno.ENOENT, "history file is gone", str(self._store.path)))
            return None
        try:
            return self._store.apply(write)
        except Exception as error:
            if not is_storage_failure(error):
                raise
            self._pending.append(write)
            self._fail(error)
            return None

    def read(self, query: Query[R], otherwise: Callable[[], R]) -> R:
        """What the store says, or `otherwise()` while the history cannot be read."""
        if self._store is None:
            return otherwise()
        try:
            return self._store.read(query, otherwise)
        except Exception as error:
            if not is_storage_failure(error):
                raise
            log.warning("history could not be read: %r", error)
            return otherwise()

    # ----------------------------------------------------------------- internals
    def _try_open(self) -> bool:
        try:
            opened = self._opener()
        except Exception as error:
            if not is_storage_failure(error):
                raise
            self._fail(error)
            return False
        if isinstance(opened, HistoryStore):
            self._store = opened
        else:
            self._store = opened.store
            for problem in (opened.problem, opened.wal_problem):
                if problem:
                    log.warning("history: %s", problem)
            if opened.notice:
                self._call(self.on_notice, opened.notice)
        return True

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

    @staticmethod
    def _call(callback: Report | None, message: str) -> None:
        if callback is None:
            return
        try:
            callback(message)
        except Exception:
            log.exception("history notice callback failed")

