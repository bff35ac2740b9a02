"""The history record of one session run: begun after the first frame, checkpointed, ended.

Every breathing session is recorded, wherever it runs (the Breathe page, the flow, a reminder):

- it is begun only once the pacer's first frame is on screen (opening the history must never
  delay that frame), and a session waiting behind its caution is begun when the user begins;
- while it runs, the practised time is saved every :data:`CHECKPOINT_MS` on an injected timer,
  so a crash loses at most that much;
- it ends as ``finished`` or ``stopped`` with the time really practised; "keep going" records it
  as running again, and its next end is written too.

The history is asked for through a callable, so it is opened only when the first record is
written; anything with the three methods of :class:`SessionHistory` will do
(app.history.ResilientHistory in the app).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from app.core.clock import WallClock
from app.core.engine import BreathState, SessionStatus
from app.core.session.run import SessionRun
from app.core.timers import TimerFactory

#: How often a running session's practised time is saved.
CHECKPOINT_MS = 15_000

log = logging.getLogger("steady.session")


class SessionHistory(Protocol):
    """The writes a session makes, as it makes them (app.history.operations has them, with more options)."""

    def begin_session(self, exercise_id: str, exercise_name: str, planned_seconds: float, source: str, *, at: float) -> str: ...

    def checkpoint(self, session_id: str, practised_seconds: float) -> None: ...

    def end_session(self, session_id: str, practised_seconds: float, status: str) -> None: ...


class SessionRecording:
    """Records `run` in the history; see the module docstring.

    `on_begin` runs when the session really begins (after the first frame and any caution),
    just before the history is opened: what starts with the session (its sound cues) starts on
    time. `on_recorded` is told the history's session id once it is written.
    """

    def __init__(
        self,
        run: SessionRun,
        history: Callable[[], SessionHistory],
        wall_clock: WallClock,
        timers: TimerFactory,
        source: str,
        *,
        owner: object = None,
        on_begin: Callable[[], object] | None = None,
        on_recorded: Callable[[str], object] | None = None,
    ) -> None:
        self.run = run
        self.source = source
        self.session_id: str | None = None
        self._history = history
        self._wall_clock = wall_clock
        self._on_begin = on_begin
        self._on_recorded = on_recorded
        self._started_at = wall_clock.now()
        self._painted = False
        self._ended = False
        self.checkpoints = timers(self.checkpoint, single_shot=False, owner=owner)
        self.checkpoints.start(CHECKPOINT_MS)
        run.observe(on_status=self._on_status, on_end=self._on_end)

    def first_frame(self) -> None:
        """The pacer's first frame is on screen: begin, unless the session waits behind its caution."""
        self._painted = True
        if self.run.state().status != SessionStatus.READY:
            self._begin()

    def checkpoint(self) -> None:
        """Save the practised time of a running session (the timer calls this)."""
        if self.session_id is not None and not self._ended:
            self._history().checkpoint(self.session_id, self.run.state().elapsed)

    def _on_status(self, state: BreathState) -> None:
        if self._painted and self.session_id is None and state.status != SessionStatus.READY:
            self._started_at = self._wall_clock.now()  # begun now, after reading the caution
            self._begin()
        elif state.status == SessionStatus.RUNNING and self._ended:  # keep going
            self._ended = False
            self.checkpoints.start(CHECKPOINT_MS)

    def _begin(self) -> None:
        if self.session_id is not None:
            return
        if self._on_begin is not None:
            self._on_begin()
        exercise = self.run.exercise
        self.session_id = self._history().begin_session(
            exercise.id, exercise.name, exercise.planned_seconds, self.source, at=self._started_at
        )
        if self._on_recorded is not None:
            self._on_recorded(self.session_id)
        if self._ended:
            self._write_end()

    def _on_end(self, _state: BreathState) -> None:
        self._ended = True
        self.checkpoints.stop()
        if self.session_id is not None:
            self._write_end()

    def _write_end(self) -> None:
        assert self.session_id is not None
        state = self.run.state()
        status = "finished" if state.status == SessionStatus.FINISHED else "stopped"
        try:
            self._history().end_session(self.session_id, state.elapsed, status)
        except ValueError as error:  # a programming error must not stop the user's practice
            log.error("could not record the end of session %s: %r", self.session_id, error)
