"""`steady export` and `steady backup`: no Qt, results on stdout, problems on stderr.

Exit codes follow CONVENTIONS.md: 0 done, 1 nothing to work on or a failure. Neither command
changes history.db: export reads a consistent in-memory snapshot (migrated there if the file is
from an older Steady); backup uses SQLite's backup API, which is safe while Steady is running.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from datetime import datetime
from pathlib import Path
from typing import TextIO

from app.core.atomic import replacing
from app.core.clock import WallClock
from app.history.backup import BackupError, backup_to
from app.history.dbfile import check_file, connect_readonly
from app.history.export import FORMATS, export_sessions
from app.history.schema import SCHEMA_VERSION, NewerSchemaError
from app.history.store import HistoryStore
from app.history.timefmt import EpochClock, system_zone
from app.paths import DataPaths

PROGRAM = "steady"


class CommandError(Exception):
    """A problem to print on stderr (already worded for the user); exit code 1."""


def open_snapshot(path: Path, clock: EpochClock) -> HistoryStore:
    """A read-only, in-memory copy of the history at `path`, migrated to the current schema."""
    if not path.is_file():
        raise CommandError(f"there is no history yet at {path} (nothing has been recorded)")
    try:
        found = check_file(path, full=False)
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror or error}") from error
    if found.problem is not None:
        raise CommandError(
            f"{path} could not be read ({found.problem}). Open Steady to restore it from a "
            "backup, or export from a backup file with --data-dir."
        )
    if found.version > SCHEMA_VERSION:
        raise CommandError(NewerSchemaError(path, found.version).user_message)
    memory = sqlite3.connect(":memory:", isolation_level=None)
    source = connect_readonly(path)
    try:
        source.backup(memory)
    finally:
        source.close()
    return HistoryStore(path, clock, connect=lambda _name: memory)


def run_export(
    data_dir: Path,
    fmt: str,
    output: str | None,
    *,
    clock: EpochClock | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """`steady export --format csv|json [--output FILE]`; FILE "-" or none means stdout."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    if fmt not in FORMATS:
        print(f"{PROGRAM} export: unknown format {fmt!r}; use csv or json", file=err)
        return 1
    try:
        store = open_snapshot(DataPaths(Path(data_dir)).history, clock or WallClock())
        try:
            if output in (None, "-"):
                export_sessions(store, fmt, out)
                out.flush()
                return 0
            target = _file_target(Path(output))
            counts = _export_to_file(store, fmt, target)
        finally:
            store.close()
    except CommandError as error:
        print(f"{PROGRAM} export: {error}", file=err)
        return 1
    except OSError as error:
        print(f"{PROGRAM} export: cannot write {output}: {error.strerror or error}", file=err)
        return 1
    parts = [f"{counts['sessions']} sessions", f"{counts['moments']} moments"]
    if "reminders" in counts:
        parts.append(f"{counts['reminders']} reminder events")
    print(f"Exported {', '.join(parts)} to {output}", file=out)
    return 0


def _file_target(path: Path) -> Path:
    """The user named this file: overwrite it if it is a regular file, refuse anything else."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise CommandError(f"the folder {path.parent} does not exist") from None
        return path
    if not stat.S_ISREG(info.st_mode):
        raise CommandError(f"{path} exists and is not a regular file; name a file to write")
    return path


def _export_to_file(store: HistoryStore, fmt: str, target: Path) -> dict[str, int]:
    with replacing(target) as tmp, open(tmp, "w", encoding="utf-8", newline="") as handle:
        return export_sessions(store, fmt, handle)


def default_backup_name(clock: EpochClock) -> str:
    stamp = datetime.fromtimestamp(clock.now(), tz=system_zone()).strftime("%Y%m%d-%H%M%S")
    return f"steady-history-{stamp}.db"


def run_backup(
    data_dir: Path,
    file: str | None,
    *,
    clock: EpochClock | None = None,
    cwd: Path | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """`steady backup [FILE]`: a checked copy of history.db (default: a dated file here)."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    clock = clock or WallClock()
    source = DataPaths(Path(data_dir)).history
    if not source.is_file():
        print(f"{PROGRAM} backup: there is no history to back up yet ({source} does not exist)",
              file=err)
        return 1
    here = Path(cwd) if cwd is not None else Path.cwd()
    try:
        if file is None:
            target = _unused(here / default_backup_name(clock))
        else:
            named = Path(file) if Path(file).is_absolute() else here / file
            target = _unused(named / default_backup_name(clock)) if named.is_dir() else _file_target(named)
        if target.exists() and os.path.samefile(target, source):
            raise CommandError("the backup cannot be written over the history itself")
        backup_to(source, target)
    except CommandError as error:
        print(f"{PROGRAM} backup: {error}", file=err)
        return 1
    except (BackupError, sqlite3.DatabaseError) as error:
        print(f"{PROGRAM} backup: the history could not be copied: {error}", file=err)
        return 1
    except OSError as error:
        print(f"{PROGRAM} backup: cannot write the backup: {error.strerror or error}", file=err)
        return 1
    print(f"Backed up your history to {target}", file=out)
    return 0


def _unused(path: Path) -> Path:
    candidate, counter = path, 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{path.stem}-{counter}{path.suffix}")
    return candidate
