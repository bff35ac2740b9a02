"""Fakes for the seams the product declares: time (a clock, and an event loop whose timers fire
when that clock is advanced) and sound (a player that records what it was asked to play).

The real counterparts are app.core.clock.MonotonicClock/WallClock, app.timers.qt_timer and
app.audio.player.CommandPlayer; tests of those exist too (tests/unit/test_clock.py,
tests/gui/test_timers.py, tests/gui/test_audio_real_player.py). With these, a test of anything
that waits runs in microseconds and gives the same result on a loaded machine as on an idle one.
They live here, not in the product; bench/ and scripts/ may import them too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from app.audio.cues import Cue
from app.core.clock import Clock, MonotonicClock, WallClock


class FakeClock(MonotonicClock, WallClock):
    """A clock that moves only when told to; stands in for either kind, in tests and simulations."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = float(start)

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        """Move time forward (a negative value models a wall clock set back)."""
        self._now += seconds

    def set(self, value: float) -> None:
        self._now = float(value)


@dataclass
class RecorderPlayer:
    """Records (cue, clock time) instead of playing (the app.audio.player.Player protocol)."""

    clock: Clock = field(default_factory=MonotonicClock)
    played: list[tuple[Cue, float]] = field(default_factory=list)

    def play(self, cue: Cue) -> None:
        self.played.append((cue, self.clock.now()))

    @property
    def cues(self) -> list[Cue]:
        return [cue for cue, _ in self.played]


class FakeTimer:
    """One timer of a :class:`FakeTimers` loop (the app.core.timers.Timer protocol)."""

    def __init__(self, loop: FakeTimers, callback: Callable[[], object], single_shot: bool, precise: bool) -> None:
        self.loop = loop
        self.callback = callback
        self.single_shot = single_shot
        self.precise = precise
        self.interval_ms = 0
        #: Clock time at which the callback is due, or None when stopped.
        self.due: float | None = None
        self.fired = 0

    def start(self, msec: int) -> None:
        self.interval_ms = max(0, int(msec))
        self.due = self.loop.clock.now() + self.interval_ms / 1000.0
        self.loop.arm(self)

    def stop(self) -> None:
        self.due = None

    def is_active(self) -> bool:
        return self.due is not None

    def fire(self) -> None:
        """Run the callback now (as the event loop would at the due time)."""
        self.due = None if self.single_shot else self.loop.clock.now() + max(self.interval_ms, 1) / 1000.0
        self.fired += 1
        self.callback()


class FakeTimers:
    """A TimerFactory plus a tiny event loop on a FakeClock.

    `advance(seconds)` moves the clock forward, stopping at each timer's due time (earliest
    first, in the order they were started when tied) to fire it, exactly as a perfectly punctual
    event loop would. `stall(seconds)` moves the clock without firing anything, as when the
    process was stopped or the machine slept.
    """

    def __init__(self, clock: FakeClock | None = None) -> None:
        self.clock = clock if clock is not None else FakeClock()
        self.timers: list[FakeTimer] = []
        self._order = 0
        self._armed_order: dict[int, int] = {}

    def __call__(
        self, callback: Callable[[], object], *, single_shot: bool = True, precise: bool = False, owner: object = None
    ) -> FakeTimer:
        timer = FakeTimer(self, callback, single_shot, precise)
        self.timers.append(timer)
        return timer

    def arm(self, timer: FakeTimer) -> None:
        self._order += 1
        self._armed_order[id(timer)] = self._order

    def active(self) -> list[FakeTimer]:
        return [t for t in self.timers if t.due is not None]

    def next_due(self) -> FakeTimer | None:
        active = self.active()
        if not active:
            return None
        return min(active, key=lambda t: (t.due, self._armed_order.get(id(t), 0)))

    def advance(self, seconds: float, max_fires: int = 100_000) -> int:
        """Move time forward by `seconds`, firing every timer that falls due; returns how many fired."""
        end = self.clock.now() + seconds
        fired = 0
        while fired < max_fires:
            timer = self.next_due()
            if timer is None or timer.due is None or timer.due > end:
                break
            if timer.due > self.clock.now():
                self.clock.set(timer.due)
            timer.fire()
            fired += 1
        else:
            raise RuntimeError(f"more than {max_fires} timer callbacks in {seconds} s: a busy loop?")
        if end > self.clock.now():
            self.clock.set(end)
        return fired

    def run_until(self, condition: Callable[[], bool], limit_seconds: float = 3600.0) -> None:
        """Fire timers in order until `condition()` holds; fails if it never does within the limit."""
        end = self.clock.now() + limit_seconds
        while not condition():
            timer = self.next_due()
            if timer is None or timer.due is None or timer.due > end:
                raise AssertionError(f"condition not met within {limit_seconds} s of fake time")
            self.advance(max(0.0, timer.due - self.clock.now()))

    def stall(self, seconds: float) -> None:
        """Time passes but nothing runs (a stopped process, a sleeping machine)."""
        self.clock.advance(seconds)
