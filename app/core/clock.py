"""Clocks are passed in, never read from globals, so tests advance time instead of sleeping.

The engine, sessions and schedules ask a clock for "now"; production code hands them
:class:`MonotonicClock` (for intervals, immune to wall-clock changes) or :class:`WallClock`
(for calendar times), tests hand them :class:`FakeClock`.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import datetime


class Clock(Protocol):
    """Anything that tells the current time in seconds."""

    def now(self) -> float:
        """Seconds on this clock's scale (monotonic seconds, or seconds since the epoch)."""
        ...


class MonotonicClock:
    """The real monotonic clock: never jumps when the user or NTP changes the time."""

    def now(self) -> float:
        return time.monotonic()


class WallClock:
    """The real wall clock in seconds since the epoch (UTC)."""

    def now(self) -> float:
        return time.time()

    def datetime(self) -> datetime:
        """The current moment as an aware UTC datetime."""
        import datetime as dt  # not at import: the clock is on the way to the first frame

        return dt.datetime.fromtimestamp(self.now(), tz=dt.timezone.utc)


class FakeClock:
    """A clock that moves only when told to; for tests and simulations."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = float(start)

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        """Move time forward (a negative value models a wall clock set back)."""
        self._now += seconds

    def set(self, value: float) -> None:
        self._now = float(value)
