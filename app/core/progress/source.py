"""How the Progress model reaches the history and its files: the `ProgressSource` protocol.

The model lives in app/core, below app.history and app.paths, so it is handed one object that
does what only those layers can (app/gui/progress/history_source.py, over app.history.transfer
and app.history.backup); tests hand it the same object over a history in a temporary folder.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import NamedTuple, Protocol

from app.core.progress.figures import ProgressHistory


class CopyProblem(enum.Enum):
    """Why a copy of the history was not made, in the terms the delete-all question needs."""

    NOTHING_TO_COPY = "nothing to copy"
    NOT_WRITTEN = "the destination could not be written"
    NOT_MADE = "the copy itself failed"


class CopyFailure(NamedTuple):
    problem: CopyProblem
    message: str  # the history's own words for it


class ProgressSource(Protocol):
    """The history the page shows, and its files."""

    def history(self) -> ProgressHistory:
        """The history to read and delete from (may raise: the page then says it cannot be read)."""
        ...

    def change_stamp(self) -> Hashable | None:
        """Changes whenever the history does (or the date does); None while it cannot be read."""
        ...

    def flush(self) -> None:
        """Write what waits in memory, so that an export or a copy holds it too."""
        ...

    def start_folder(self) -> Path:
        """Where a save dialog opens."""
        ...

    def copy_name(self) -> str:
        """The suggested file name of a copy, as `steady backup` names it."""
        ...

    def export(self, fmt: str, path: Path) -> str | None:
        """Write the history as `fmt` ("csv" or "json") to `path`; None, or why it failed."""
        ...

    def save_copy(self, path: Path) -> CopyFailure | None:
        """Copy the history database to `path`; None when it worked."""
        ...

    def record_counts(self) -> Mapping[str, int]:
        """Rows per table ("sessions", "moments", "reminder_events"); empty when unknown."""
        ...

    @property
    def backups_folder(self) -> Path: ...

    def daily_copies(self) -> int:
        """How many daily copies Steady keeps in `backups_folder`."""
        ...

    def delete_daily_copies(self) -> int:
        """Remove them; returns how many went. Raises OSError when they could not be removed."""
        ...
