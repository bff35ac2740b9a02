"""Reading a file the user controls (an exercise, a flow, anchors, crisis lines, settings, state).

The one place Steady reads such a file, so that what can go wrong with it is reported the same
way everywhere, at 1:1 of the file: a folder where a file should be, a file that cannot be read.

What a path is gets checked before anything is read, because reading the wrong thing does not
fail, it waits or grows: a named pipe (FIFO) blocks its reader until someone writes to it, a link
to /dev/zero never ends, a sparse file of gigabytes takes no disk space. So the path is looked
at first (`os.stat`: a regular file, of at most `limit` bytes), opened without blocking
(``O_NONBLOCK``, so a pipe swapped in meanwhile cannot stall the open), looked at again on the
open file (`os.fstat`), and read for at most ``limit + 1`` bytes.
"""

from __future__ import annotations

import os
import stat

from app.core.problems import FileProblems, Problem

#: Largest user file read at all: a Steady file is a few KiB; this is far beyond any real one.
MAX_FILE_BYTES = 256 * 1024

_READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)

#: What each kind of thing that is not a file is called in a message.
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def too_big_problem(shown: str, size: int | None, limit: int = MAX_FILE_BYTES) -> Problem:
    """The problem of a file over `limit` bytes (`size` None: more than that, how much is not known)."""
    how_big = f"is {size:,} bytes" if size is not None else "grew while it was read to"
    return Problem(
        shown,
        1,
        1,
        f"the file {how_big}, more than the {_size_words(limit)} a Steady file may be; check that this is the right file",
    )


def _size_words(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB" if limit % (1024 * 1024) == 0 else f"{limit // 1024} KiB"


def kind_of(info: os.stat_result) -> str:
    """What a thing that is not a regular file is, in words ("a named pipe (FIFO)")."""
    return next((name for test, name in _KINDS if test(info.st_mode)), "not an ordinary file")


def _not_a_file(info: os.stat_result, path: str, shown: str) -> Problem | None:
    """Why what is at `path` is not a regular file to read, or None when it is one."""
    if stat.S_ISREG(info.st_mode):
        return None
    kind = kind_of(info)
    try:
        linked = stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        linked = False
    if kind == "a folder" and not linked:
        return Problem(shown, 1, 1, "this is a folder, not a file")
    what = f"a link to {kind}" if linked else kind
    return Problem(shown, 1, 1, f"this is {what}, not a file: Steady reads only ordinary files, so move it aside")


def _cannot_read(shown: str, error: OSError) -> FileProblems:
    return FileProblems([Problem(shown, 1, 1, f"cannot read this file: {error.strerror or error}")])


def read_user_file(path: os.PathLike[str] | str, display_path: str | None = None, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """The bytes of the regular file at `path`, or None when there is none; FileProblems when it
    cannot be read, is not a regular file, or holds more than `limit` bytes. Problems name the
    file as `display_path` (as the user gave it) or `path`."""
    name = os.fspath(path)
    shown = name if display_path is None else display_path
    try:
        info = os.stat(name)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _cannot_read(shown, error) from None
    _check(info, name, shown, limit)
    try:
        fd = os.open(name, _READ_FLAGS)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _cannot_read(shown, error) from None
    try:
        _check(os.fstat(fd), name, shown, limit)  # what was opened, in case the path changed since
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 64 * 1024))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as error:
        raise _cannot_read(shown, error) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:  # it grew while being read
        raise FileProblems([too_big_problem(shown, None, limit)])
    return data


def _check(info: os.stat_result, name: str, shown: str, limit: int) -> None:
    problem = _not_a_file(info, name, shown)
    if problem is None and info.st_size > limit:
        problem = too_big_problem(shown, info.st_size, limit)
    if problem is not None:
        raise FileProblems([problem])
