"""Copies of the history: on demand (`steady backup`) and once a day into DATA_DIR/backups.

Copies are made with SQLite's online backup API, so they are consistent even while Steady is
writing, then switched to a single-file journal mode, checked, and moved into place atomically.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

from app.core.atomic import replacing
from app.history.dbfile import check_file, connect_readonly
from app.history.schema import SCHEMA_VERSION
from app.paths import DataPaths

DAILY_NAME = re.compile(r"^history-(\d{4}-\d{2}-\d{2})\.db$")
KEEP_DAILY = 7


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


def is_good_backup(path: Path) -> bool:
    """A backup worth restoring: a readable, intact history this Steady understands."""
    try:
        found = check_file(path, full=True)
    except OSError:
        return False
    return found.problem is None and 0 < found.version <= SCHEMA_VERSION


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


def daily_backup(data_paths: DataPaths, today: date, keep: int = KEEP_DAILY) -> Path | None:
    """Write backups/history-TODAY.db if it is not there yet, then keep the newest `keep`.

    Returns the new file, or None when there was nothing to do (already done today, or no
    history yet). Only files named like Steady's own daily copies are ever deleted, and only
    after today's copy has been written and checked. OSError propagates (disk full, read-only).
    """
    if not data_paths.history.is_file():
        return None
    folder = data_paths.backups
    target = folder / f"history-{today.isoformat()}.db"
    if target.exists():
        return None
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    backup_to(data_paths.history, target)
    for _day, old in daily_backups(folder)[keep:]:
        old.unlink(missing_ok=True)
    return target


def delete_backups(folder: Path) -> int:
    """Delete Steady's daily copies (for "delete all history"); returns how many went."""
    removed = 0
    for _day, path in daily_backups(folder):
        path.unlink(missing_ok=True)
        removed += 1
    return removed
