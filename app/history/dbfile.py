"""Looking at a history file without changing it: header, schema version, integrity."""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")


def readonly_uri(path: Path) -> str:
    return "file:" + urllib.parse.quote(str(Path(path).absolute())) + "?mode=ro"


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that cannot write the file (falls back to read-write only to replay a WAL)."""
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True, isolation_level=None)
        conn.execute("PRAGMA schema_version").fetchone()
        return conn
    except sqlite3.OperationalError:
        # A WAL file without its -shm in a folder we may not write: the read-only open fails;
        # a normal connection can still read it (and changes nothing the user could see).
        return sqlite3.connect(str(path), isolation_level=None)


@dataclass(frozen=True)
class FileCheck:
    """What a look at a history file found. `problem` is None for a healthy file.

    `empty` is True for a file with nothing in it (0 bytes, or an SQLite file without a single
    table): a start cut short for a new user, but a loss where a history existed (the caller
    decides which, see app.history.recovery).
    """

    version: int
    problem: str | None
    empty: bool = False


def check_file(path: Path, *, full: bool = True) -> FileCheck:
    """Header, `user_version` and `integrity_check` (or `quick_check` when not `full`).

    Raises OSError when the file cannot be read at all (missing, permissions, I/O).
    """
    path = Path(path)
    with open(path, "rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if os.path.getsize(path) == 0:
        return FileCheck(0, None, empty=True)
    if header != SQLITE_MAGIC:
        return FileCheck(0, "not a database (the file does not start like an SQLite file)")
    try:
        conn = connect_readonly(path)
    except sqlite3.DatabaseError as error:
        return FileCheck(0, f"cannot be opened ({error})")
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = int(conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
        pragma = "integrity_check" if full else "quick_check"
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}(20)").fetchall()]
    except sqlite3.DatabaseError as error:
        return FileCheck(0, f"malformed ({error})")
    finally:
        conn.close()
    if rows != ["ok"]:
        return FileCheck(version, "integrity check failed: " + "; ".join(rows[:3]))
    return FileCheck(version, None, empty=tables == 0)


def side_file(path: Path, suffix: str) -> Path:
    """`history.db-wal` and the like: SQLite's files that belong with `path`."""
    return path.with_name(path.name + suffix)


def move_side_files(original: Path, moved_to: Path) -> list[Path]:
    """Move `-wal`/`-shm`/`-journal` beside their database's new name (so they stay a pair)."""
    moved = []
    for suffix in SIDE_FILES:
        side = side_file(original, suffix)
        if side.exists():
            target = side_file(moved_to, suffix)
            os.rename(side, target)
            moved.append(target)
    return moved
