"""Logout, shutdown and a closed terminal (SIGTERM, SIGHUP) end Steady the way Quit does.

A real `steady breathe` process is asked to end mid-session: the session must be in the history
as stopped, with the time practised up to the signal, and the process must exit 0 at once (not
be killed by the signal, leaving the session `running` at its last 15 s checkpoint).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.processes import log_text, start_steady

#: Generous: a loaded 2-core machine may take many seconds to start Qt.
START_TIMEOUT_MS = 120_000
EXIT_TIMEOUT_S = 60


def sessions(data: Path) -> list[tuple[str, float]]:
    """(status, practised seconds) of every session, read without disturbing the running app."""
    db = data / "history.db"
    if not db.is_file():
        return []  # not created yet (or a test's named pipe, never opened here)
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return [(r[0], r[1]) for r in conn.execute("SELECT status, practised_seconds FROM sessions")]
        finally:
            conn.close()
    except sqlite3.Error:
        return []  # not created yet


def breathe_then_signal(
    qtbot, data: Path, ready: Callable[[], bool], number: int = signal.SIGTERM,
    before_the_signal: Callable[[], object] = lambda: None,
) -> tuple[int, str, float]:
    """`steady breathe calm-exhale` until `ready()`, then `number`: its exit status, its stderr,
    and how long the process lived (an upper bound on what it can have practised)."""
    started = time.monotonic()
    proc = start_steady("breathe", "calm-exhale", "--data-dir", str(data))
    try:
        qtbot.waitUntil(ready, timeout=START_TIMEOUT_MS)
        before_the_signal()
        proc.send_signal(number)
        _out, err = proc.communicate(timeout=EXIT_TIMEOUT_S)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    return proc.returncode, err, time.monotonic() - started


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_mid_session_ends_steady_like_quit(qtbot, tmp_path: Path, number: int) -> None:
    data = tmp_path / "data"
    code, err, lifetime = breathe_then_signal(qtbot, data, lambda: sessions(data) == [("running", 0.0)], number)

    assert code == 0, err
    assert "Traceback" not in err
    [(status, practised)] = sessions(data)
    assert status == "stopped"
    assert 0 < practised <= lifetime  # the time up to the signal, not the last checkpoint (0)
    assert signal.Signals(number).name in log_text(data)


def history_waits_in_memory(data: Path) -> Callable[[], bool]:
    """With a named pipe at history.db the session's records wait in memory, and the log says so
    (what Steady does with such a file is tested in tests/unit/test_history_files.py)."""
    data.mkdir()
    os.mkfifo(data / "history.db")
    return lambda: "history not saved" in log_text(data)


def test_history_that_cannot_be_saved_does_not_hold_up_the_end(qtbot, tmp_path: Path) -> None:
    """At logout nobody answers "close anyway?": Steady exits, and the log says what was lost."""
    data = tmp_path / "data"
    code, err, _lifetime = breathe_then_signal(qtbot, data, history_waits_in_memory(data))

    assert code == 0, err
    assert "history records that could not be saved" in log_text(data)


def test_history_waiting_in_memory_is_written_when_the_signal_comes(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    clear_the_way = (data / "history.db").unlink  # a retry may save it before the signal: either way
    code, err, lifetime = breathe_then_signal(qtbot, data, history_waits_in_memory(data),
                                              before_the_signal=clear_the_way)

    assert code == 0, err
    [(status, practised)] = sessions(data)
    assert status == "stopped" and 0 < practised <= lifetime
