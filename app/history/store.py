"""`HistoryStore`: practice history in SQLite (stdlib sqlite3), one connection, no Qt.

Durability: WAL journal with `synchronous=FULL`, so a write that returned has been fsynced and
survives the process being killed (and a power cut, as far as the disk honours fsync). Every
write is one short `BEGIN IMMEDIATE ... COMMIT` transaction.

The reads and writes themselves (and their argument checks and time stamps) are written once in
:mod:`app.history.operations`; this class runs them on its connection and raises what fails.
:class:`app.history.resilient.ResilientHistory` runs the same writes through a store, or keeps
them waiting while the disk will not take them.

Opening a file that may be damaged, restoring backups and telling the user is the job of
:func:`app.history.recovery.open_history`; this class assumes the file is healthy.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import tzinfo
from pathlib import Path

from app.core.clock import WallClock
from app.core.history_records import MomentRow, ReminderEventRow, SessionRow
from app.history.operations import HistoryOperations, Query, R, UnknownRecordError, Write
from app.history.queries import (
    SESSION_COLUMNS,
    iter_moments,
    iter_reminder_events,
    iter_sessions,
    moments_where,
)
from app.history.schema import SCHEMA_VERSION, NewerSchemaError, migrate, read_version
from app.history.timefmt import system_zone, utc_iso

Connector = Callable[[str], sqlite3.Connection]
WriteHook = Callable[[str], None]


def default_connect(path: str) -> sqlite3.Connection:
    """Autocommit mode: the store issues BEGIN/COMMIT itself."""
    return sqlite3.connect(path, isolation_level=None, timeout=5.0)


class HistoryStore(HistoryOperations):
    """The practice history in one SQLite file. Not thread-safe: use it from one thread."""

    def __init__(
        self,
        path: Path,
        clock: WallClock,
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

    # ----------------------------------------------------------------- running operations
    def apply(self, write: Write[R]) -> R:
        """Run `write` now in one transaction; whatever fails (disk, a bad reference) raises."""
        with self._writing(write.op) as conn:
            result = write.run(conn)
        if write.after_commit is not None:
            write.after_commit(self._conn)
        return result

    def read(self, query: Query[R], otherwise: Callable[[], R]) -> R:
        """Run `query` on the connection; a store that cannot read raises (`otherwise` unused)."""
        return query(self._conn)

    # ----------------------------------------------------------------- store only
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
            f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        return SessionRow(*row) if row else None

    def get_moment(self, moment_id: str) -> MomentRow | None:
        found = moments_where(self._conn, "m.id = ?", (moment_id,))
        return found[0] if found else None

    def iter_sessions(self) -> Iterator[SessionRow]:
        """Every session, oldest first (for export)."""
        return iter_sessions(self._conn)

    def iter_moments(self) -> Iterator[MomentRow]:
        return iter_moments(self._conn)

    def iter_reminder_events(self) -> Iterator[ReminderEventRow]:
        return iter_reminder_events(self._conn)

    def counts(self) -> dict[str, int]:
        return {
            table: int(self._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("sessions", "moments", "reminder_events")
        }


__all__ = ["HistoryStore", "UnknownRecordError", "default_connect"]
