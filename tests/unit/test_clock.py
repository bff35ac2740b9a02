"""Two kinds of time, two clock types: the real clocks tell the time, and mypy keeps them apart."""

from __future__ import annotations

import time
from datetime import UTC

import pytest

from app.core.clock import Clock, MonotonicClock, WallClock
from tests.helpers.stubs import FakeClock


def test_the_real_clocks_tell_their_own_kind_of_time() -> None:
    monotonic, wall = MonotonicClock(), WallClock()
    first = monotonic.now()
    assert monotonic.now() >= first
    before = time.time()
    stamp = wall.now()
    assert before <= stamp <= time.time()
    moment = wall.datetime()
    assert moment.tzinfo is UTC and abs(moment.timestamp() - time.time()) < 60


def test_the_fake_clock_moves_only_when_told_and_stands_in_for_either_kind() -> None:
    clock = FakeClock(10.0)
    assert clock.now() == 10.0 == clock.now()
    clock.advance(2.5)
    clock.advance(-0.5)  # a wall clock set back
    assert clock.now() == 12.0
    clock.set(1_700_000_000)
    assert clock.datetime().year == 2023
    assert isinstance(clock, MonotonicClock) and isinstance(clock, WallClock)
    recorded: list[Clock] = [clock, MonotonicClock(), WallClock()]  # the shared protocol takes any
    assert len(recorded) == 3


MIXED_UP = """\
from datetime import timezone
from pathlib import Path
from app.core.clock import MonotonicClock, WallClock
from tests.helpers.stubs import FakeClock
from app.core.engine import BreathingSession
from app.core.model import Exercise
from app.history.store import HistoryStore


def check(exercise: Exercise) -> None:
    BreathingSession(exercise, MonotonicClock())
    BreathingSession(exercise, FakeClock())
    HistoryStore(Path("h.db"), WallClock(), timezone.utc)
    HistoryStore(Path("h.db"), FakeClock(), timezone.utc)
    BreathingSession(exercise, WallClock())
    HistoryStore(Path("h.db"), MonotonicClock(), timezone.utc)
"""


@pytest.mark.slow
def test_mypy_refuses_one_kind_of_clock_where_the_other_is_meant() -> None:
    api = pytest.importorskip("mypy.api", reason="mypy is not installed")
    out, err, status = api.run([
        "--config-file=", "--cache-dir=/dev/null", "--follow-imports=silent", "--ignore-missing-imports",
        "--no-error-summary", "--hide-error-context", "-c", MIXED_UP,
    ])
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert status == 1, (out, err)
    assert len(errors) == 2, out
    assert errors[0].startswith("<string>:15:") and '"WallClock"' in errors[0] and '"MonotonicClock"' in errors[0]
    assert errors[1].startswith("<string>:16:") and '"MonotonicClock"' in errors[1] and '"WallClock"' in errors[1]
