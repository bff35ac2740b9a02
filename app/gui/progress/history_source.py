"""The Progress model's `ProgressSource` over the real history and its files (no Qt).

The model (app/core/progress) sits below app.history and app.paths, so this is where the two
meet: reads and deletes go to the app's ResilientHistory, export and copies to
`app.history.transfer` (the code behind `steady export` and `steady backup`), daily copies to
`app.history.backup`, and dialogs start in `app.paths.dialog_dir()`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Hashable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.clock import WallClock
from app.core.progress.source import CopyFailure, CopyProblem
from app.history.backup import daily_backups, delete_backups
from app.paths import DataPaths, dialog_dir

if TYPE_CHECKING:
    from app.history import ResilientHistory
    from app.history.transfer import FailureKind


class HistorySource:
    """`ProgressSource` for one data folder; `history` is asked each time (it opens lazily)."""

    def __init__(self, paths: DataPaths, history: Callable[[], ResilientHistory], wall_clock: WallClock) -> None:
        self._paths = paths
        self._history = history
        self._wall_clock = wall_clock

    def history(self) -> ResilientHistory:
        return self._history()

    def change_stamp(self) -> Hashable | None:
        """SQLite's count of rows this connection changed, the writes still waiting in memory,
        and today's date (for a page left open past midnight); None while no store is open.

        Every feature writes through the same connection, so a session, a moment or a reminder
        all move the counter, and reading it costs nothing.
        """
        history = self._history()
        store = history.store
        if store is None:
            return None
        return (id(store), store.connection.total_changes, history.unsaved_count(), history.today())

    def flush(self) -> None:
        self._history().flush_pending()

    def start_folder(self) -> Path:
        return dialog_dir()

    # app.history.transfer (and its csv export) is imported by the first export or copy, not
    # when the page opens.
    def copy_name(self) -> str:
        from app.history import transfer

        return transfer.default_backup_name(self._wall_clock)

    def export(self, fmt: str, path: Path) -> str | None:
        from app.history import transfer

        failure = transfer.export_history(self._paths, fmt, path, clock=self._wall_clock).failure
        return failure.message if failure is not None else None

    def save_copy(self, path: Path) -> CopyFailure | None:
        from app.history import transfer

        failure = transfer.backup_history(self._paths, path).failure
        if failure is None:
            return None
        return CopyFailure(_copy_problem(failure.kind), failure.message)

    def record_counts(self) -> Mapping[str, int]:
        store = self._history().store
        if store is None:
            return {}
        try:
            return store.counts()
        except (sqlite3.Error, OSError):
            return {}

    @property
    def backups_folder(self) -> Path:
        return self._paths.backups

    def daily_copies(self) -> int:
        return len(daily_backups(self._paths.backups))

    def delete_daily_copies(self) -> int:
        return delete_backups(self._paths.backups)


def _copy_problem(kind: FailureKind) -> CopyProblem:
    """How the history's own failure reads in the terms of the delete-all question."""
    from app.history.transfer import FailureKind

    if kind is FailureKind.NO_HISTORY:
        return CopyProblem.NOTHING_TO_COPY
    if kind in (FailureKind.BAD_DESTINATION, FailureKind.WRITE_FAILED):
        return CopyProblem.NOT_WRITTEN
    return CopyProblem.NOT_MADE
