"""Writing a user's file so that a crash or a full disk never leaves it half-written.

Write to a temporary file beside the target, flush and fsync it, then rename it over the
target and fsync the folder. Either the old file or the whole new one survives; never a mix.
Every file Steady writes for the user (settings, exercises, anchors, exports, backups) goes
through `replacing`, so this is done one way everywhere. A kill between the two steps leaves
the temporary file behind; remove_orphans clears those at the next start.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.core.private_folder import owned_by_user

#: Temporary files are `.NAME.XXXXXXXX.tmp` beside NAME: tempfile.mkstemp's eight random
#: characters between the prefix and this suffix, which remove_orphans recognises.
TEMP_SUFFIX = ".tmp"
_RANDOM_LENGTH = 8
_RANDOM_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")

#: A temporary file older than this was left by a save that was killed: no save takes an hour,
#: and one that is under way (in this or another process) keeps its file young.
ORPHAN_AGE_S = 3600.0


@contextmanager
def replacing(path: Path, mode: int = 0o600) -> Iterator[Path]:
    """Yield a temporary path beside `path`; when the block succeeds it becomes `path` atomically.

    The block writes the temporary file however it likes (open it, or let SQLite fill it).
    OSError (EROFS, ENOSPC, ...) reaches the caller untouched, and the temporary file is removed.
    """
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace `path` with `data` atomically; raises OSError (EROFS, ENOSPC, ...) untouched."""
    with replacing(path, mode) as tmp:
        tmp.write_bytes(data)


def atomic_write_text(path: Path, text: str, mode: int = 0o600) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), mode)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_orphans(folder: Path, now: float, names: Iterable[str] | None = None) -> list[Path]:
    """Remove the temporary files `replacing` left in `folder` when a save was killed; returns them.

    Only Steady's own: a regular file (never a link) of the user's, named as `replacing` names
    them (only for the target file names in `names`, where other programs save too), last
    changed ORPHAN_AGE_S or more before `now` (wall-clock seconds). Anything else stays.
    """
    wanted = None if names is None else frozenset(names)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        target = _target_of(entry.name)
        if target is None or (wanted is not None and target not in wanted):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or not owned_by_user(info):
                continue
            if now - info.st_mtime < ORPHAN_AGE_S:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _target_of(name: str) -> str | None:
    """NAME for a temporary file name `.NAME.XXXXXXXX.tmp`, else None."""
    if not (name.startswith(".") and name.endswith(TEMP_SUFFIX)):
        return None
    stem = name[1 : -len(TEMP_SUFFIX)]
    target, dot, random = stem.rpartition(".")
    if not dot or not target or len(random) != _RANDOM_LENGTH or not _RANDOM_CHARACTERS.issuperset(random):
        return None
    return target
