"""Plays each breath's cue on time, from a single re-armed timer; needs no window and no painting.

The driver asks its :class:`~app.audio.cues.CueScheduler` for the next cue, arms one
single-shot precise timer (made by the injected ``timers``) for ``boundary - lead_seconds``,
plays the cue when it fires and arms again. Every decision is recomputed from the session's clock when the timer fires, so a
late timer costs only that moment, and a stalled process never plays a burst of stale cues.
It keeps working with the window minimized or hidden (audio-only mode), because nothing here
waits for a paint.

Whoever owns the session tells the driver about pause and resume (``pause()``/``resume()``) so
it reacts at once; if nobody does, it notices by itself within ``poll_interval_ms``.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Signal

from app.audio.cues import Cue, CueScheduler
from app.audio.player import DEFAULT_LEAD_SECONDS, Player
from app.core.clock import MonotonicClock
from app.core.engine import BreathingSession, SessionStatus
from app.core.timers import TimerFactory


class CueDriver(QObject):
    """Drives `player` from `session`'s phase boundaries.

    Args:
        session: the running (or about to run) BreathingSession.
        clock: the clock the session reads (a monotonic one: its times are compared with
            timer delays).
        player: anything with play(cue).
        timers: makes the driver's one timer (`context.timers`: real Qt timers in the app, the
            fake event loop in tests).
        lead_seconds: how early to start a cue, i.e. the player's start-up time
            (bench/audio.py measures it); may be changed at any time.
    """

    #: The PlannedCue (cue, boundary, play_at) just handed to the player; the audio bench
    #: compares these with what it heard.
    cuePlayed = Signal(object)
    #: The end-of-session cue was played.
    finished = Signal()

    #: While there is nothing to schedule (paused, not started), check again this often.
    poll_interval_ms = 250
    #: Never sleep longer than this before re-checking (clock jumps, suspend, changed sessions).
    max_wait_ms = 1000

    def __init__(
        self,
        session: BreathingSession,
        clock: MonotonicClock,
        player: Player,
        *,
        timers: TimerFactory,
        lead_seconds: float = DEFAULT_LEAD_SECONDS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.clock = clock
        self.player = player
        self.scheduler = CueScheduler(session, lead_seconds)
        self._timer = timers(self._on_timeout, single_shot=True, precise=True, owner=self)
        self._active = False
        self._held = False

    @property
    def lead_seconds(self) -> float:
        return self.scheduler.lead_seconds

    @lead_seconds.setter
    def lead_seconds(self, value: float) -> None:
        self.scheduler.lead_seconds = max(0.0, value)
        if self._active and not self._held:
            self._arm()

    @property
    def active(self) -> bool:
        return self._active

    # -- control -------------------------------------------------------------------------
    def start(self) -> None:
        """Begin following the session (start the session itself before or after; both work)."""
        self._active = True
        self._held = False
        self._on_timeout()

    def pause(self) -> None:
        """The session was paused: cancel the armed cue until resume()."""
        self._held = True
        self._timer.stop()

    def resume(self) -> None:
        """The session was resumed, or told to keep going: schedule from where it is now."""
        self._active = True
        self._held = False
        self._on_timeout()

    def stop(self) -> None:
        self._active = False
        self._timer.stop()

    # -- the timer ------------------------------------------------------------------------
    def _on_timeout(self) -> None:
        if not self._active or self._held:
            return
        planned = self.scheduler.take_due(self.clock.now())
        if planned is not None:
            self.player.play(planned.cue)
            self.cuePlayed.emit(planned)
            if planned.cue == Cue.END:
                self.finished.emit()
        self._arm()

    def _arm(self) -> None:
        planned = self.scheduler.next()
        if planned is None:
            status = self.session.status
            if status == SessionStatus.STOPPED or (status == SessionStatus.FINISHED and not self.session.overtime):
                self._active = False
                self._timer.stop()
                return
            self._timer.start(self.poll_interval_ms)
            return
        delay = planned.play_at - self.clock.now()
        delay_ms = math.ceil(delay * 1000.0) if math.isfinite(delay) else 0
        self._timer.start(min(max(0, delay_ms), self.max_wait_ms))
