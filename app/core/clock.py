"""Clocks are passed in, never read from globals, so tests advance time instead of sleeping.

There are two kinds of time, and mixing them up is a real bug, not a style issue:

- :class:`MonotonicClock`: seconds that only move forward, at a steady rate, from an arbitrary
  start. For intervals: breathing phases, timer deadlines, cue boundaries. Sleep, NTP and the
  user setting the time do not move it.
- :class:`WallClock`: seconds since the epoch (UTC). For the calendar: when a session happened,
  when a reminder is due, what a backup is called. It jumps when the time is set.

Both have the same shape (``now() -> float``), so a structural protocol could not tell them
apart: a wall clock would satisfy a "monotonic" protocol. They are therefore two classes, and
code says which kind it needs by naming the class (``clock: MonotonicClock``); mypy then refuses
the other kind. :class:`Clock` is the one protocol both satisfy, for code that truly does not
care which (a recorder of times). Tests use ``tests.helpers.stubs.FakeClock``, both kinds at once.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import datetime


class Clock(Protocol):
    """Anything that tells the current time in seconds, of whichever kind."""

    def now(self) -> float:
        """Seconds on this clock's scale (monotonic seconds, or seconds since the epoch)."""
        ...


class MonotonicClock:
    """Monotonic seconds (``time.monotonic``); this class is the real one, and the kind's type."""

    def now(self) -> float:
        return time.monotonic()


class WallClock:
    """Seconds since the epoch, UTC (``time.time``); this class is the real one, and the kind's type."""

    def now(self) -> float:
        return time.time()

    def datetime(self) -> datetime:
        """The current moment as an aware UTC datetime."""
        import datetime as dt  # not at import: the clock is on the way to the first frame

        return dt.datetime.fromtimestamp(self.now(), tz=dt.UTC)

