"""Opening the history safely: refuse newer files, set damaged ones aside, restore, and say so.

A damaged history.db (not a database, malformed, failing `integrity_check`) is never silently
replaced. It is renamed `history.db.corrupt-YYYYMMDDTHHMMSSZ` (with its -wal/-shm beside it under
the same new name), the newest daily backup that passes `integrity_check` is restored, and the
returned notice tells the user what happened. With no good backup a new, empty history is started,
and the notice says that too. The replacement is prepared first, so a failure half-way (disk full)
leaves the damaged file where it was, to be handled on the next attempt.

An emptied history.db (0 bytes, or a database without tables) where a history existed (Steady's
daily copies are there, or a WAL that was never folded in) is damage too: taken as a new history,
its empty copies would rotate the good ones out of backups/ within a week. An empty file with no
such trace is a first start that was cut short, and opens as a new history without a word.

A `-wal` beside history.db that is not its own (app.history.dbfile.foreign_wal) is never replayed:
it is renamed `history.db-wal.corrupt-...` before any connection could fold it in, and said.
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
from app.core.private_files import create_private, keep_private
from app.history.backup import backup_to, daily_backups, history_existed, is_good_backup
from app.history.dbfile import SIDE_FILES, check_file, move_side_files, refuse_special_files, side_file
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
    #: A `-wal` that was not this history's (see dbfile.foreign_wal), where it went, and why.
    wal_set_aside: Path | None = None
    wal_problem: str | None = None


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

    Raises NewerSchemaError (file untouched), NotAFileError (a folder, a named pipe or a device
    at history.db or beside it; untouched) and OSError / sqlite3.OperationalError when the
    folder cannot be read or written; app.history.resilient turns those into a calm notice.
    """
    db = paths.history
    refuse_special_files(db)  # NotAFileError: practice goes on, the user is told (resilient)
    for private in (db, *(side_file(db, suffix) for suffix in SIDE_FILES)):
        keep_private(private)
    aside: Path | None = None
    restored: Path | None = None
    problem: str | None = None
    wal_aside: Path | None = None
    wal_problem: str | None = None
    notices: list[str] = []
    if db.exists():
        found = check_file(db, full=True)
        if found.foreign_wal is not None:
            wal_problem = found.foreign_wal
            wal_aside = _set_wal_aside(db, clock)
            notices.append(_wal_notice(side_file(db, "-wal"), wal_aside))
            found = check_file(db, full=True)
        if found.problem is None and found.version > SCHEMA_VERSION:
            raise NewerSchemaError(db, found.version)
        emptied = found.problem is None and found.empty and history_existed(paths)
        if found.problem is not None or emptied:
            problem = found.problem or EMPTIED
            aside, restored = _replace_damaged(paths, clock, tz)
            notices.append(_notice(aside, restored, emptied))
    else:
        paths.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        create_private(db)  # 0600 whatever the umask; SQLite gives its -wal and -shm the same
    store = HistoryStore(db, clock, tz, connect=connect, write_hook=write_hook)
    interrupted = 0
    if recover_interrupted:
        try:
            interrupted = store.recover_interrupted()
        except (OSError, sqlite3.OperationalError):
            interrupted = 0  # a read-only history still opens; the resilient layer reports it
    notice = " ".join(notices) or None
    return OpenResult(store, notice, aside, restored, problem, interrupted, wal_aside, wal_problem)


def _set_wal_aside(db: Path, clock: WallClock) -> Path:
    """The WAL under its dated name; its index (-shm, rebuilt by SQLite, holding nothing of the
    user's) goes, so that nothing of the other history is mixed in."""
    stamp = datetime.fromtimestamp(clock.now(), tz=UTC)
    aside = set_aside(side_file(db, "-wal"), now=stamp)
    side_file(db, "-shm").unlink(missing_ok=True)
    return aside


EMPTIED = "empty where a history existed"


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
            HistoryStore(tmp, clock, tz).close()  # in mkstemp's empty 0600 file
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


def _wal_notice(wal: Path, aside: Path) -> str:
    return (
        f"Steady found a file beside your practice history ({wal.name}) that does not belong "
        "to it, perhaps left by another copy, so it was not mixed in: your history is as it was "
        f"last saved here. That file has been kept as {aside.name} in {aside.parent}, in case "
        "you need it."
    )


def _notice(aside: Path, restored: Path | None, emptied: bool = False) -> str:
    found = "was found empty" if emptied else "could not be read"
    if restored is not None:
        day = _backup_day(restored)
        when = f"{day.day} {day:%B %Y}" if day else restored.name
        kind = "empty" if emptied else "damaged"
        return (
            f"Your practice history {found}, so Steady has brought it back from the "
            f"backup of {when}. Anything recorded after that backup is missing. The {kind} "
            f"file has been kept as {aside.name} in {aside.parent}, in case it can be rescued."
        )
    return (
        f"Your practice history {found}, and there was no backup to bring it back "
        "from. Steady has started a new, empty history. The old file has not been deleted: "
        f"it is kept as {aside.name} in {aside.parent}, in case it can be rescued."
    )
