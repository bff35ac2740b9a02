"""Taking the history out: `export_history` and `backup_history`, each with a typed result.

`steady export` and `steady backup` (app.history.commands) and the Progress page all call these,
so what is checked (no history yet, a damaged or newer file, a destination that is not a regular
file, a copy over the history itself) and the words that explain it are written once. Exporting
a new user's folder is no failure: an empty export, with `ExportResult.note` saying why. A failure
is a value, not text to parse: `Failure.kind` says what went wrong for code that decides,
`Failure.message` says it in plain words for people (the command prints it after
"steady export:", the page after "could not be exported:").

Neither changes history.db: export reads a consistent in-memory snapshot (migrated there if the
file is from an older Steady); backup uses SQLite's backup API, safe while Steady is running.
"""

from __future__ import annotations

import enum
import os
import sqlite3
import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TextIO

from app.core.atomic import replacing
from app.core.clock import WallClock
from app.history.backup import BackupError, backup_to, history_existed
from app.history.dbfile import (
    NotAFileError,
    check_file,
    connect_readonly,
    foreign_wal,
    refuse_special_files,
    side_file,
)
from app.history.export import FORMATS, export_sessions
from app.history.schema import SCHEMA_VERSION, NewerSchemaError
from app.history.store import HistoryStore
from app.history.timefmt import system_zone
from app.paths import DataPaths


class FailureKind(enum.Enum):
    NO_HISTORY = "no-history"  # nothing has been recorded yet (a backup; export exports nothing)
    UNREADABLE = "unreadable"  # damaged, or the file cannot be read
    NEWER = "newer"  # written by a newer Steady; left as it is
    BAD_DESTINATION = "bad-destination"  # its folder is missing, or it is not a regular file
    OVER_HISTORY = "over-history"  # a copy named the history file itself
    COPY_FAILED = "copy-failed"  # SQLite could not copy it, or the copy failed its check
    WRITE_FAILED = "write-failed"  # the destination could not be written (disk full, ...)


@dataclass(frozen=True)
class Failure:
    kind: FailureKind
    message: str


@dataclass(frozen=True)
class ExportResult:
    """How many sessions and moments (and, in JSON, reminder events) were written, or why not.

    `note` is for a successful export the user should know about: a new user's data folder
    has no history yet, and gets an empty export (a header row, or empty lists) so that scripts
    do not fail.
    """

    counts: dict[str, int] = field(default_factory=dict)
    failure: Failure | None = None
    note: str | None = None


@dataclass(frozen=True)
class BackupResult:
    destination: Path
    failure: Failure | None = None


class _Refused(Exception):
    def __init__(self, kind: FailureKind, message: str) -> None:
        super().__init__(message)
        self.failure = Failure(kind, message)


def export_history(
    paths: DataPaths, fmt: str, destination: Path | TextIO, *, clock: WallClock
) -> ExportResult:
    """Write the history as `fmt` ("csv" or "json") to a file, replaced atomically, or a stream.

    An existing regular file named as `destination` is replaced; anything else there (a folder,
    a device, a pipe) is refused. `clock` stamps the JSON export.
    """
    if fmt not in FORMATS:
        raise ValueError(f"export format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    try:
        store, note = _open_snapshot(paths, clock)
        try:
            if isinstance(destination, Path):
                counts = _export_to_file(store, fmt, _file_target(destination))
            else:
                counts = export_sessions(store, fmt, destination)
                destination.flush()
        finally:
            store.close()
    except _Refused as refused:
        return ExportResult(failure=refused.failure)
    except OSError as error:
        return ExportResult(failure=_cannot_write(destination, error))
    return ExportResult(counts, note=note)


def backup_history(paths: DataPaths, destination: Path) -> BackupResult:
    """Copy the history to the file `destination` (an existing regular file is replaced)."""
    source = paths.history
    try:
        _refuse_special_files(source)
        if not source.is_file():
            raise _Refused(FailureKind.NO_HISTORY,
                           f"there is no history to back up yet ({source} does not exist)")
        target = _file_target(destination)
        if target.exists() and os.path.samefile(target, source):
            raise _Refused(FailureKind.OVER_HISTORY, "a copy cannot be saved over the history itself")
        stranger = foreign_wal(source)
        if stranger is not None:
            raise _foreign_wal_refusal(source, stranger)
        backup_to(source, target)
    except _Refused as refused:
        return BackupResult(destination, refused.failure)
    except (BackupError, sqlite3.DatabaseError) as error:
        return BackupResult(destination, Failure(FailureKind.COPY_FAILED,
                                                 f"the history could not be copied: {error}"))
    except OSError as error:
        return BackupResult(destination, _cannot_write(destination, error))
    return BackupResult(destination)


def default_backup_name(clock: WallClock) -> str:
    """`steady-history-YYYYMMDD-HHMMSS.db` in the user's local time."""
    stamp = datetime.fromtimestamp(clock.now(), tz=system_zone()).strftime("%Y%m%d-%H%M%S")
    return f"steady-history-{stamp}.db"


def _open_snapshot(paths: DataPaths, clock: WallClock) -> tuple[HistoryStore, str | None]:
    """A read-only, in-memory copy of the history, migrated to the current schema; an empty one
    (and a note saying so) where nothing has been recorded yet."""
    path = paths.history
    nothing_yet = f"there is no history yet in {paths.root}, so the export is empty"
    _refuse_special_files(path)
    if not os.path.lexists(path):
        return _in_memory(clock), nothing_yet
    try:
        found = check_file(path, full=False)
    except OSError as error:
        raise _Refused(FailureKind.UNREADABLE,
                       f"cannot read {path}: {error.strerror or error}") from error
    if found.foreign_wal is not None:
        raise _foreign_wal_refusal(path, found.foreign_wal)
    if found.problem is not None:
        raise _Refused(
            FailureKind.UNREADABLE,
            f"{path} could not be read ({found.problem}). Open Steady to restore it from a "
            "backup, or export from a backup file with --data-dir.",
        )
    if found.version > SCHEMA_VERSION:
        raise _Refused(FailureKind.NEWER, NewerSchemaError(path, found.version).user_message)
    if found.empty:
        if history_existed(paths):
            raise _Refused(FailureKind.UNREADABLE,
                           f"{path} is empty, though Steady's daily copies show there was a "
                           "history. Open Steady to bring it back from the newest copy.")
        return _in_memory(clock), nothing_yet
    memory = sqlite3.connect(":memory:", isolation_level=None)
    source = connect_readonly(path)
    try:
        source.backup(memory)
    finally:
        source.close()
    return HistoryStore(path, clock, connect=lambda _name: memory), None


def _in_memory(clock: WallClock) -> HistoryStore:
    """A new, empty history that lives in memory only: nothing is written to the data folder."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    return HistoryStore(Path(":memory:"), clock, connect=lambda _name: memory)


def _refuse_special_files(path: Path) -> None:
    """A named pipe would hang the read, a device give nothing; say what is there instead."""
    try:
        refuse_special_files(path)
    except NotAFileError as error:
        raise _Refused(FailureKind.UNREADABLE,
                       f"{error}; Steady keeps your history in a file there. Move it away "
                       "and try again.") from None


def _foreign_wal_refusal(path: Path, reason: str) -> _Refused:
    """Reading through a WAL that is not the history's would show (and copy) another history."""
    wal = side_file(path, "-wal")
    return _Refused(
        FailureKind.UNREADABLE,
        f"{wal} does not belong to {path} ({reason.splitlines()[0]}), so neither was read. "
        "Open Steady, which keeps that file aside and tells you, then try again.",
    )


def _file_target(path: Path) -> Path:
    """The user named this file: overwrite it if it is a regular file, refuse anything else."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise _Refused(FailureKind.BAD_DESTINATION,
                           f"the folder {path.parent} does not exist") from None
        return path
    if not stat.S_ISREG(info.st_mode):
        raise _Refused(FailureKind.BAD_DESTINATION,
                       f"{path} exists and is not a regular file; name a file to write")
    return path


def _export_to_file(store: HistoryStore, fmt: str, target: Path) -> dict[str, int]:
    with replacing(target) as tmp, open(tmp, "w", encoding="utf-8", newline="") as handle:
        return export_sessions(store, fmt, handle)


def _cannot_write(destination: Path | TextIO, error: OSError) -> Failure:
    name = destination if isinstance(destination, Path) else getattr(destination, "name", "the output")
    return Failure(FailureKind.WRITE_FAILED, f"cannot write {name}: {error.strerror or error}")
