"""Logging to DATA_DIR/logs: a log rotated at start-up when large, crash traces from faulthandler, an exception hook.

Log lines often carry outside data (an exercise id handed over by a later start, a file name,
an error about a user's file). Every handler formats messages with `PrintableFormatter`, which
shows control characters and line breaks in a message as escapes (app.core.printable), so
nothing logged can start a line of its own or act on a terminal showing the log; a traceback
keeps its own lines below its message.

A Python exception in a slot must never stop a running pacer: the hook logs the trace and asks
the window for a gentle notice instead of letting Qt abort. Without a writable data folder the
log goes to stderr only, and the app says so once.
"""

from __future__ import annotations

import errno
import faulthandler
import logging
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO

from app.core.printable import printable
from app.core.private_files import keep_private
from app.core.user_file import kind_of
from app.paths import DataPaths

log = logging.getLogger("steady")
LOG_MAX_BYTES = 512 * 1024
LOG_KEEP = 3
_crash_file: IO[str] | None = None


def setup_logging(paths: DataPaths, writable: bool) -> str | None:
    """Start file logging; returns a message for the user when logs cannot be written."""
    global _crash_file
    log.setLevel(logging.INFO)
    if not writable:
        _add_handler(logging.StreamHandler(sys.stderr))
        return f"Steady cannot write to its data folder ({paths.root}), so nothing you change is being saved."
    try:
        paths.logs.mkdir(mode=0o700, parents=True, exist_ok=True)
        log_file = paths.logs / "steady.log"
        rotate_if_large(log_file)
        crash_file = paths.logs / "crash.log"
        for private in (paths.logs, *paths.logs.glob("steady.log*"), crash_file):
            keep_private(private)  # the user's alone, also when made before this rule
        _add_handler(logging.StreamHandler(open_for_appending(log_file)), "%(asctime)s %(levelname)s %(name)s: %(message)s")
        _crash_file = open_for_appending(crash_file)  # held for faulthandler
        faulthandler.enable(_crash_file)
    except OSError as error:
        _add_handler(logging.StreamHandler(sys.stderr))
        return f"Steady cannot write its log files ({error.strerror})."
    return None


class PrintableFormatter(logging.Formatter):
    """Formats each message with its control characters and line breaks shown as escapes."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's name
        record.message = printable(record.message)
        return super().formatMessage(record)


def _add_handler(handler: logging.Handler, fmt: str = "%(message)s") -> None:
    handler.setFormatter(PrintableFormatter(fmt))
    log.addHandler(handler)


_APPEND_FLAGS = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK | os.O_NOCTTY | os.O_NOFOLLOW | os.O_CLOEXEC


def open_for_appending(path: Path) -> IO[str]:
    """A log file opened to add lines to, created 0600; OSError when what is there is not a
    regular file. Opening a named pipe for writing waits for a reader forever, and a link could
    send the log anywhere, so neither is followed: the open does not block (``O_NONBLOCK``) or
    follow a link (``O_NOFOLLOW``), and what was opened is checked (`os.fstat`)."""
    try:
        fd = os.open(path, _APPEND_FLAGS, 0o600)
    except OSError as error:
        raise _not_a_log_file(path) if _exists_as_other(path) else error from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise _not_a_log_file(path, info)
    os.set_blocking(fd, True)
    return os.fdopen(fd, "a", encoding="utf-8")


def _exists_as_other(path: Path) -> bool:
    try:
        return not stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _not_a_log_file(path: Path, info: os.stat_result | None = None) -> OSError:
    found = os.lstat(path) if info is None else info
    what = "a link" if stat.S_ISLNK(found.st_mode) else kind_of(found)
    return OSError(errno.EINVAL, f"{path.name} is {what}, not a file")


def rotate_if_large(log_file: Path, max_bytes: int = LOG_MAX_BYTES, keep: int = LOG_KEEP) -> None:
    """Rotate at start-up: steady.log -> steady.log.1 -> ... (cheaper than logging.handlers on the start path)."""
    try:
        if log_file.stat().st_size < max_bytes:
            return
    except FileNotFoundError:
        return
    for index in range(keep - 1, 0, -1):
        older = log_file.with_name(f"{log_file.name}.{index}")
        if older.exists():
            os.replace(older, log_file.with_name(f"{log_file.name}.{index + 1}"))
    os.replace(log_file, log_file.with_name(f"{log_file.name}.1"))


def install_exception_hook(show_notice: Callable[[str], None]) -> None:
    """Log uncaught exceptions and show a gentle notice; never exit the app."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log.error("unexpected error", exc_info=(kind, error, trace))
        try:
            show_notice("Something went wrong behind the scenes. Your breathing goes on; details are in the log.")
        except Exception:  # noqa: BLE001 - the notice itself failed; the log already has the trace
            pass

    sys.excepthook = hook
