"""Write it, don't send it: a draft held for a cooling-off time, reread, and only then copied.

CONTENT.md: ask for what you need directly but softly, once calm. So the draft is held from its
first word for a while (the setting "Hold a drafted message for", 20 minutes by default,
adjustable on the pad), then the user is asked to reread it before Copy is offered. The time is
said as a time of day ("after 8:41 pm"), never as a countdown. Steady never sends anything. The
draft reaches the history only while "keep" is ticked: it is held in memory otherwise, and gone
when the flow is.

The cooling-off timer comes from the timer factory; after a suspend it may be late, so the view
asks :meth:`Draft.check_clock` when the pad is shown again, and the wall clock decides.
"""

from __future__ import annotations

from app.core.clock import WallClock
from app.core.moment.events import Listeners
from app.core.moment.record import MomentRecord
from app.core.moment.time_words import clock_words
from app.core.timers import Timer, TimerFactory

COOLED = "Time to reread it, slowly. Does it still say what you need, kindly?"
REREAD = "If you still want to send it, copy it and send it yourself. Waiting longer is fine too."
COPIED = "Copied. Steady sends nothing: it is yours to send, or not."


class Draft:
    def __init__(
        self, record: MomentRecord, wall_clock: WallClock, timers: TimerFactory, minutes: int, owner: object = None
    ) -> None:
        self._record = record
        self._wall_clock = wall_clock
        self._timers = timers
        self._owner = owner
        self._timer: Timer | None = None
        #: The draft as written (the pad's plain text).
        self.text = ""
        #: Kept in the history with the moment ("Keep this draft in my history").
        self.keep = False
        #: How long it is held, from its first word.
        self.minutes = minutes
        self.started_at: float | None = None
        #: The cooling-off time is over: the user may reread it.
        self.cooled = False
        #: The user reread it: Copy is offered.
        self.reread = False
        #: What the pad says about the draft now.
        self.status = ""
        #: Told after `status`, `cooled` or `reread` changed.
        self.changed: Listeners[[]] = Listeners()

    def held_until(self) -> float | None:
        return None if self.started_at is None else self.started_at + self.minutes * 60

    def set_text(self, text: str) -> None:
        """The user wrote (or a starter was put in): the first word starts the cooling-off time."""
        self.text = text
        if self.started_at is None and text.strip():
            self.started_at = self._wall_clock.now()
            self._arm()
        if self.keep:
            self.save()

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        self._arm()

    def set_keep(self, keep: bool) -> None:
        self.keep = keep
        self.save()

    def save(self) -> None:
        """The draft goes into the history only while "keep" is ticked (the flow calls this on leaving)."""
        self._record.update(draft_text=(self.text.strip() or None) if self.keep else None)

    def check_clock(self) -> None:
        """Cooled by the wall clock, even if the timer is late (after a suspend)."""
        until = self.held_until()
        if until is not None and not self.cooled and self._wall_clock.now() >= until:
            self._cool()

    def mark_reread(self) -> None:
        self.reread = True
        self._say(REREAD)

    def copied(self) -> None:
        """The view put the text on the clipboard."""
        self._say(COPIED)

    def _arm(self) -> None:
        until = self.held_until()
        if until is None or self.cooled:
            return
        if self._timer is None:
            self._timer = self._timers(self._cool, single_shot=True, owner=self._owner)
        self._timer.start(max(0, int((until - self._wall_clock.now()) * 1000)))
        self._say(
            f"It waits here while you stay on this step; you can reread it after {clock_words(until)}. "
            'To find it later, tick "Keep this draft".'
        )

    def _cool(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.cooled = True
        self._say(COOLED)

    def _say(self, text: str) -> None:
        self.status = text
        self.changed()
