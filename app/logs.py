"""Logging to DATA_DIR/logs: a log rotated at start-up when large, crash traces from faulthandler, an exception hook.

A Python exception in a slot must never stop a running pacer: the hook logs the trace and asks
the window for a gentle notice instead of letting Qt abort. Without a writable data folder the
log goes to stderr only, and the app says so once.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO

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
        log.addHandler(logging.StreamHandler(sys.stderr))
        return f"Steady cannot write to its data folder ({paths.root}), so nothing you change is being saved."
    try:
        paths.logs.mkdir(mode=0o700, parents=True, exist_ok=True)
        log_file = paths.logs / "steady.log"
        rotate_if_large(log_file)
        handler = logging.FileHandler(log_file, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        _crash_file = open(paths.logs / "crash.log", "a", encoding="utf-8")
        faulthandler.enable(_crash_file)
    except OSError as error:
        log.addHandler(logging.StreamHandler(sys.stderr))
        return f"Steady cannot write its log files ({error.strerror})."
    return None


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
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, error, trace)))
        try:
            show_notice("Something went wrong behind the scenes. Your breathing goes on; details are in the log.")
        except Exception:  # noqa: BLE001 - the notice itself failed; the log already has the trace
            pass

    sys.excepthook = hook
