"""Writing a user's file so that a crash or a full disk never leaves it half-written.

Write to a temporary file beside the target, flush and fsync it, then rename it over the
target and fsync the folder. Either the old file or the whole new one survives; never a mix.
Every file Steady writes for the user (settings, exercises, anchors, exports, backups) goes
through `replacing`, so this is done one way everywhere.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(path: Path, mode: int = 0o600) -> Iterator[Path]:
    """Yield a temporary path beside `path`; when the block succeeds it becomes `path` atomically.

    The block writes the temporary file however it likes (open it, or let SQLite fill it).
    OSError (EROFS, ENOSPC, ...) reaches the caller untouched, and the temporary file is removed.
    """
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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
