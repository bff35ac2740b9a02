"""The gentle check-in a user asks for by choosing to wait: a promise kept by the wall clock.

It is promised for a time of day ("at about 2:20 pm"), so the wall clock decides when it is due.
A timer counts on the monotonic clock, which stands still while the computer sleeps: after a
suspend it alone would come late by the length of the sleep. So a coarse re-check runs once a
minute while (and only while) a check-in is pending and compares the wall clock with the due
time; the single-shot timer still brings it on time when nothing unusual happened. It outlives
the flow that asked for it (the feature owns it), and is dropped when Steady quits, as the user
was told: nothing keeps running in the background to deliver it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from app.core.clock import WallClock
from app.core.moment.time_words import clock_words
from app.core.timers import TimerFactory

log = logging.getLogger("steady")

MS_PER_MINUTE = 60_000
#: How often a pending check-in compares the wall clock with its due time (after a sleep).
RECHECK_MS = 60_000
#: A check-in this much later than promised says "a while ago" rather than the minutes chosen.
LATE_SECONDS = 300.0


class CheckIn:
    """At most one pending check-in; `on_due(words)` says it when it comes."""

    def __init__(
        self, wall_clock: WallClock, timers: TimerFactory, on_due: Callable[[str], object], owner: object = None
    ) -> None:
        self._wall_clock = wall_clock
        self._on_due = on_due
        self.timer = timers(self._come, single_shot=True, owner=owner)
        self.recheck = timers(self._recheck, single_shot=False, owner=owner)
        #: The minutes chosen for the pending (or last) check-in.
        self.minutes = 0
        #: When the pending check-in is due, on the wall clock.
        self.due: float | None = None

    def schedule(self, minutes: int) -> str:
        """Check in after `minutes` (replacing one pending); the words that promise it."""
        self.minutes = minutes
        self.due = self._wall_clock.now() + minutes * 60
        self.timer.start(minutes * MS_PER_MINUTE)
        self.recheck.start(RECHECK_MS)
        log.info("check-in in %d minutes", minutes)
        return (
            f"Steady will check in at about {clock_words(self.due)}, here in this window. "
            "If you close Steady before then, the check-in is dropped."
        )

    @property
    def pending(self) -> bool:
        return self.timer.is_active() or self.recheck.is_active()

    def drop(self) -> None:
        """Steady quits: the check-in is dropped, as the user was told."""
        if self.pending:
            log.info("Steady quit before the check-in; it is dropped, as the user was told")
        self.timer.stop()
        self.recheck.stop()
        self.due = None

    def _recheck(self) -> None:
        """Once a minute while one is pending: has the wall clock reached the promised time?"""
        if self.due is None:
            self.recheck.stop()
        elif self._wall_clock.now() >= self.due:
            log.info("check-in due by the wall clock (the computer slept, or the clock moved)")
            self._come()

    def _come(self) -> None:
        self.timer.stop()
        self.recheck.stop()
        due, self.due = self.due, None
        late = due is not None and self._wall_clock.now() - due > LATE_SECONDS
        chose = "You chose to wait a while ago." if late else f"You chose to wait, {self.minutes} minutes ago."
        self._on_due(f"{chose} How are you now? Whatever you feel, it makes sense. You can breathe again, or simply carry on.")
