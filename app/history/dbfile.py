"""Looking at a history file without changing it: header, schema version, integrity, its WAL.

SQLite replays whatever `-wal` file lies beside a database, as long as the WAL is consistent in
itself: nothing in either file says that they belong together. A WAL from another copy of the
history (a sync tool, a backup copied back over history.db with the old WAL left beside it)
would silently replace the user's sessions. `foreign_wal` tells such a WAL apart before any
connection that could fold it in is opened: Steady never deletes a record without folding the
deletion into the database file at once (app.history.operations), so a WAL of this history
never holds fewer records than the file alone.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import tempfile
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")
#: The first four bytes of a WAL file (big-endian), SQLite's file format documentation.
WAL_MAGIC = (0x377F0682, 0x377F0683)
WAL_HEADER_BYTES = 32
#: The tables whose rows the user made; their ids never go away except by a deletion.
RECORD_TABLES = ("sessions", "moments", "reminder_events")


class NotAFileError(OSError):
    """history.db, or a file SQLite keeps beside it, is a folder, a named pipe, a device or a socket.

    Found before anything opens it: SQLite's first read of a named pipe waits for a writer that
    never comes (the window froze), a device such as /dev/zero swallows every write, a folder
    cannot be opened. What is there is never moved or changed: it may be the user's.
    """

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path} is {kind}, not a file")
        self.filename = str(path)
        self.kind = kind

    def __str__(self) -> str:
        return f"{self.filename} is {self.kind}, not a file"


def refuse_special_files(path: Path) -> None:
    """Raise NotAFileError when `path` or one of its side files exists and is not a regular file
    (a symlink counts as what it points to)."""
    for candidate in (Path(path), *(side_file(Path(path), suffix) for suffix in SIDE_FILES)):
        try:
            mode = os.stat(candidate).st_mode
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(mode):
            raise NotAFileError(candidate, _kind_of(mode))


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "something other than a file"


def readonly_uri(path: Path, mode: str = "mode=ro") -> str:
    return "file:" + urllib.parse.quote(str(Path(path).absolute())) + "?" + mode


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
    #: Why the `-wal` beside the file is not its own (see `foreign_wal`); nothing else was looked at.
    foreign_wal: str | None = None


def check_file(path: Path, *, full: bool = True) -> FileCheck:
    """Its WAL, header, `user_version` and `integrity_check` (or `quick_check` when not `full`).

    Raises OSError when the file cannot be read at all (missing, permissions, I/O), and
    NotAFileError (one) when it or a side file is not a regular file.
    """
    path = Path(path)
    refuse_special_files(path)
    stranger = foreign_wal(path)
    if stranger is not None:
        return FileCheck(0, None, foreign_wal=stranger)
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


def foreign_wal(path: Path) -> str | None:
    """Why the `-wal` beside `path` does not belong to it, or None (none there, or it fits).

    The history as the file alone holds it (opened `immutable`, which ignores the WAL) is
    compared with the history the WAL would make of it (opened read-only, which folds nothing
    in): a WAL that fails the integrity check, or drops records the file has, is not this
    history's. When the file alone fails its quick check, or holds no history yet, it needs its
    WAL (a crash during a checkpoint, a first day never folded in), which is then its own. (This
    runs only when a WAL was left by a crash: about 0.1 s more at 40,000 sessions.)
    Only a crash in the instant between a deletion and its fold-in makes the history's own WAL
    look foreign: it is then kept aside like another's, and the deleted record stays.
    """
    wal = side_file(Path(path), "-wal")
    try:
        with open(wal, "rb") as handle:
            header = handle.read(WAL_HEADER_BYTES)
        if os.path.getsize(path) < len(SQLITE_MAGIC):
            return None  # no history in the file for a WAL to replace (and SQLite, opening it, would delete the WAL)
    except FileNotFoundError:
        return None
    if len(header) < WAL_HEADER_BYTES or int.from_bytes(header[:4], "big") not in WAL_MAGIC:
        return None  # SQLite ignores a WAL without a valid header: it can replace nothing
    try:
        return _compare_with_wal(Path(path))
    except _CannotOpen:
        pass  # no read-only open here (a folder Steady may not write, no -shm yet)
    with tempfile.TemporaryDirectory(prefix="steady-wal-") as scratch:
        copy = Path(scratch) / Path(path).name
        shutil.copyfile(path, copy)
        shutil.copyfile(wal, side_file(copy, "-wal"))
        try:
            return _compare_with_wal(copy)
        except _CannotOpen:
            return None  # cannot be looked at, even in a copy: SQLite's own checks are all there is


#: SQLite's primary result codes that say "could not open or lock", not "what is there is wrong".
_OPENING_CODES = {3, 5, 6, 8, 14}  # PERM, BUSY, LOCKED, READONLY, CANTOPEN


class _CannotOpen(Exception):
    """The pair could not be opened read-only here (not: what it holds is wrong)."""


def _compare_with_wal(path: Path) -> str | None:
    """The comparison; _CannotOpen when the pair cannot be opened read-only at all."""
    tables = _intact_record_tables(path)
    if not tables:
        return None
    conn = sqlite3.connect(readonly_uri(path), uri=True, isolation_level=None)
    try:
        conn.execute("ATTACH DATABASE ? AS alone", (readonly_uri(path, "immutable=1"),))
        rows = [str(r[0]) for r in conn.execute("PRAGMA main.integrity_check(3)").fetchall()]
        if rows != ["ok"]:
            return "with it, the history fails its integrity check: " + "; ".join(rows)
        dropped = sum(
            conn.execute(
                f"SELECT count(*) FROM alone.{table} WHERE id NOT IN (SELECT id FROM main.{table})"
            ).fetchone()[0]
            for table in tables
        )
    except sqlite3.DatabaseError as error:
        if (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF in _OPENING_CODES:
            raise _CannotOpen from error
        return f"with it, the history cannot be read ({error})"
    finally:
        conn.close()
    return f"it would remove {dropped} records the history holds" if dropped else None


def _intact_record_tables(path: Path) -> list[str]:
    """The record tables of the file alone (its WAL ignored), or [] when it holds none or fails
    its quick check (then it needs its WAL to be whole)."""
    try:
        conn = sqlite3.connect(readonly_uri(path, "immutable=1"), uri=True, isolation_level=None)
    except sqlite3.Error:
        return []
    try:
        found = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        tables = [table for table in RECORD_TABLES if table in found]
        if tables and conn.execute("PRAGMA quick_check(1)").fetchone()[0] == "ok":
            return tables
        return []
    except sqlite3.DatabaseError:
        return []
    finally:
        conn.close()


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
