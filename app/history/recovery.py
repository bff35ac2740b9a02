"""Opening the history safely: refuse newer files, set damaged ones aside, restore, and say so.

A damaged history.db (not a database, malformed, failing `integrity_check`) is never silently
replaced. It is renamed `history.db.corrupt-YYYYMMDDTHHMMSSZ` (with its -wal/-shm beside it under
the same new name), the newest daily backup that passes `integrity_check` is restored, and the
returned notice tells the user what happened. With no good backup a new, empty history is started,
and the notice says that too. The replacement is prepared first, so a failure half-way (disk full)
leaves the damaged file where it was, to be handled on the next attempt.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path

from app.core.clock import WallClock
from app.core.corrupt import set_aside
from app.history.backup import backup_to, daily_backups, is_good_backup
from app.history.dbfile import check_file, move_side_files
from app.history.schema import SCHEMA_VERSION, NewerSchemaError
from app.history.store import Connector, HistoryStore, WriteHook, default_connect
from app.paths import DataPaths


@dataclass
class OpenResult:
    store: HistoryStore
    notice: str | None = None
    set_aside: Path | None = None
    restored_from: Path | None = None
    problem: str | None = None
    interrupted_sessions: int = 0


def open_history(
    paths: DataPaths,
    clock: WallClock,
    tz: tzinfo | None = None,
    *,
    connect: Connector = default_connect,
    write_hook: WriteHook | None = None,
    recover_interrupted: bool = True,
) -> OpenResult:
    """Open DATA_DIR/history.db, creating, migrating or recovering it as needed.

    Raises NewerSchemaError (file untouched) and OSError / sqlite3.OperationalError when the
    folder cannot be read or written; app.history.resilient turns those into a calm notice.
    """
    db = paths.history
    aside: Path | None = None
    restored: Path | None = None
    problem: str | None = None
    notice: str | None = None
    if db.exists():
        found = check_file(db, full=True)
        if found.problem is None and found.version > SCHEMA_VERSION:
            raise NewerSchemaError(db, found.version)
        if found.problem is not None:
            problem = found.problem
            aside, restored = _replace_damaged(paths, clock, tz)
            notice = _notice(aside, restored)
    else:
        paths.root.mkdir(mode=0o700, parents=True, exist_ok=True)
    store = HistoryStore(db, clock, tz, connect=connect, write_hook=write_hook)
    interrupted = 0
    if recover_interrupted:
        try:
            interrupted = store.recover_interrupted()
        except (OSError, sqlite3.OperationalError):
            interrupted = 0  # a read-only history still opens; the resilient layer reports it
    return OpenResult(store, notice, aside, restored, problem, interrupted)


def _replace_damaged(
    paths: DataPaths, clock: WallClock, tz: tzinfo | None
) -> tuple[Path, Path | None]:
    db = paths.history
    fd, tmp_name = tempfile.mkstemp(prefix=".history.", suffix=".restore", dir=db.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    restored: Path | None = None
    try:
        for _day, candidate in daily_backups(paths.backups):
            if is_good_backup(candidate):
                backup_to(candidate, tmp)
                restored = candidate
                break
        if restored is None:
            tmp.unlink()
            HistoryStore(tmp, clock, tz).close()
        stamp = datetime.fromtimestamp(clock.now(), tz=UTC)
        aside = set_aside(db, now=stamp)
        move_side_files(db, aside)
        for suffix in ("-wal", "-shm"):
            Path(str(tmp) + suffix).unlink(missing_ok=True)
        os.replace(tmp, db)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return aside, restored


def _backup_day(path: Path) -> date | None:
    for day, candidate in daily_backups(path.parent):
        if candidate == path:
            return day
    return None


def _notice(aside: Path, restored: Path | None) -> str:
    if restored is not None:
        day = _backup_day(restored)
        when = f"{day.day} {day:%B %Y}" if day else restored.name
        return (
            "Your practice history could not be read, so Steady has brought it back from the "
            f"backup of {when}. Anything recorded after that backup is missing. The damaged "
            f"file has been kept as {aside.name} in {aside.parent}, in case it can be rescued."
        )
    return (
        "Your practice history could not be read, and there was no backup to bring it back "
        "from. Steady has started a new, empty history. The old file has not been deleted: "
        f"it is kept as {aside.name} in {aside.parent}, in case it can be rescued."
    )
