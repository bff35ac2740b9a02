"""Copies of the history: on demand (`steady backup`) and once a day into DATA_DIR/backups.

Copies are made with SQLite's online backup API, so they are consistent even while Steady is
writing, then switched to a single-file journal mode, checked, and moved into place atomically.
The app's daily copy runs on a worker thread (`DailyCopy`): about 0.15 s for ten years of
practice, which must not hold up the window at the first open of the day.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
from datetime import date
from pathlib import Path

from app.core.atomic import replacing
from app.core.private_files import keep_private
from app.history.dbfile import RECORD_TABLES, check_file, connect_readonly, side_file
from app.history.schema import SCHEMA_VERSION
from app.paths import DataPaths

DAILY_NAME = re.compile(r"^history-(\d{4}-\d{2}-\d{2})\.db$")
KEEP_DAILY = 7

log = logging.getLogger("steady.history")  # a child of the "steady" logger, so it reaches steady.log
#: Held while a daily copy is written or the copies are deleted: "delete all history" waits for
#: a copy being made on the worker thread, so no copy of the old history appears after it.
_DAILY_FILES = threading.Lock()


class BackupError(Exception):
    """A backup could not be made; the message is written for the user."""


def backup_to(store_path: Path, dest: Path) -> Path:
    """Copy the history at `store_path` to `dest` (replacing a file there); returns `dest`.

    Raises FileNotFoundError when there is no history, BackupError when the copy fails its
    check, and OSError (ENOSPC, EROFS, ...) when it cannot be written.
    """
    store_path, dest = Path(store_path), Path(dest)
    if not store_path.is_file():
        raise FileNotFoundError(store_path)
    with replacing(dest) as tmp:
        source = connect_readonly(store_path)
        try:
            target = sqlite3.connect(str(tmp), isolation_level=None)
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")
                result = target.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                target.close()
        finally:
            source.close()
        if result != "ok":
            raise BackupError(f"the copy of {store_path} did not pass its check ({result})")
    return dest


def is_good_backup(path: Path, *, full: bool = True) -> bool:
    """A backup worth restoring: a readable, intact history this Steady understands."""
    try:
        found = check_file(path, full=full)
    except OSError:
        return False
    return found.problem is None and found.foreign_wal is None and 0 < found.version <= SCHEMA_VERSION


def holds_records(path: Path) -> bool:
    """A good backup with at least one session, moment or reminder event in it."""
    if not is_good_backup(path, full=False):
        return False
    conn = connect_readonly(path)
    try:
        return any(
            conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None
            for table in RECORD_TABLES
        )
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def daily_backups(folder: Path) -> list[tuple[date, Path]]:
    """The dated copies Steady made (history-YYYY-MM-DD.db), newest first."""
    found: list[tuple[date, Path]] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = DAILY_NAME.match(entry.name)
        if not match or not entry.is_file():
            continue
        try:
            found.append((date.fromisoformat(match.group(1)), entry))
        except ValueError:
            continue
    return sorted(found, reverse=True)


def history_existed(data_paths: DataPaths) -> bool:
    """Traces of an earlier history beside an empty history.db: Steady's daily copies, or a WAL
    that was never folded in. Without them an empty file is a new user's first start."""
    if daily_backups(data_paths.backups):
        return True
    try:
        return side_file(data_paths.history, "-wal").stat().st_size > 0
    except OSError:
        return False


def daily_backup(data_paths: DataPaths, today: date, keep: int = KEEP_DAILY) -> Path | None:
    """Write backups/history-TODAY.db if it is not there yet, then keep the newest `keep`.

    Returns the new file, or None when there was nothing to do (already done today, or no
    history yet). Only files named like Steady's own daily copies are ever deleted, and only
    after today's copy has been written and checked. The newest earlier copy that is intact and
    holds records is never deleted, however old: a week of copies of an emptied history, or of
    copies the disk has since damaged, must not rotate the last good one away (today's copy is
    not counted: it is the one not yet proven). OSError propagates (disk full, read-only).
    """
    if not data_paths.history.is_file():
        return None
    folder = data_paths.backups
    target = folder / f"history-{today.isoformat()}.db"
    with _DAILY_FILES:
        keep_private(folder)
        for _day, copy in daily_backups(folder):
            keep_private(copy)  # made by the umask before Steady set modes itself, or copied in
        if target.exists():
            return None
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        backup_to(data_paths.history, target)  # 0600, as everything `replacing` writes
        copies = [path for _day, path in daily_backups(folder)]
        if len(copies) > keep:
            last_good = next((path for path in copies if path != target and holds_records(path)), None)
            for old in copies[keep:]:
                if old != last_good:
                    old.unlink(missing_ok=True)
    return target


class DailyCopy:
    """Today's `daily_backup`, made on a worker thread with its own connections.

    `wait()` when closing, so quitting never leaves half a copy; `delete_backups` waits for it
    by itself.
    """

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self.made: Path | None = None
        self.problem: str | None = None

    def start(self, data_paths: DataPaths, today: date) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, args=(data_paths, today),
                                        name="steady-daily-copy", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()

    def _run(self, data_paths: DataPaths, today: date) -> None:
        try:
            self.made = daily_backup(data_paths, today)
        except (OSError, sqlite3.Error, BackupError) as error:
            self.problem = f"today's copy of the history could not be made: {error!r}"
            log.warning("%s", self.problem)


def delete_backups(folder: Path) -> int:
    """Delete Steady's daily copies (for "delete all history"); returns how many went."""
    removed = 0
    with _DAILY_FILES:
        for _day, path in daily_backups(folder):
            path.unlink(missing_ok=True)
            removed += 1
    return removed
