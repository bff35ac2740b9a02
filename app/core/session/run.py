"""Runs one BreathingSession for a pacer: its two timers, what it announces, and its end.

Two timers drive the view, and neither counts anything. A frame timer (about 60 Hz) only asks
the view to repaint: its callback *is* the view's ``update``, so with Qt timers a tick runs no
Python at all (the pacer reads the engine's state when it paints). A single-shot timer is aimed
at the clock time of the next phase boundary: phase changes happen only there, so that is where
they are detected, painted and announced, on time even when frames are late; it is re-armed for
the next one. Both stop while paused and after the end, so a finished or paused pacer costs no
CPU. The timers come from an injected :class:`~app.core.timers.TimerFactory` (real Qt timers in
the app, the fake event loop in tests), like the clock.

Observers hear about the run through plain callbacks (:meth:`SessionRun.observe`): the phase
entered, the status, the end. The Qt face (app.gui.session_panel.controller.PacerController) turns
them into signals; the recording and the panel model listen directly.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Protocol

from app.core.clock import MonotonicClock
from app.core.engine import BreathingSession, BreathState, SessionStatus
from app.core.model import Exercise
from app.core.timers import Timer, TimerFactory

#: Where each frame's state comes from: the run's `state`, or None for an idle pacer.
StateSource = Callable[[], BreathState | None]
#: Given a state, the lung levels at the start and end of its phase (for the pacer's easing).
LevelSpan = Callable[[BreathState], tuple[float, float]]
#: Told a state: the phase entered, the new status, or the end.
StateObserver = Callable[[BreathState], object]

#: Milliseconds between frames while running.
FRAME_MS = 16
#: QTimer refuses intervals above 2^31-1 ms; a far boundary is approached in steps.
_MAX_TIMER_MS = 2**31 - 1


class PacerView(Protocol):
    """What a run draws on (widgets.pacer.PacerWidget is one)."""

    def set_state_source(self, source: StateSource | None, level_span: LevelSpan | None = None) -> None: ...

    def update(self) -> None:
        """Repaint soon (every frame: must be cheap)."""
        ...

    def repaint(self) -> None:
        """Paint now (a boundary: the new phase is on screen before it is announced)."""
        ...

    def announce(self, state: BreathState | None, aloud: bool = True) -> None: ...


class SessionRun:
    """One BreathingSession, its timers, its view and its observers; see the module docstring.

    `owner` bounds the timers' lifetime (the Qt face passes itself, so they die with it).
    """

    def __init__(self, exercise: Exercise, clock: MonotonicClock, timers: TimerFactory, *, owner: object = None) -> None:
        self.session = BreathingSession(exercise, clock)
        self._clock = clock
        self._timers = timers
        self._owner = owner
        self._levels = tuple(stage.phase_levels() for stage in exercise.stages)
        self._view: PacerView | None = None
        self.frame_timer: Timer | None = None
        self.boundary_timer: Timer = timers(self._on_boundary, single_shot=True, precise=True, owner=owner)
        self._phase_key: tuple[int, int, int] | None = None
        self._status = self.session.status
        self._finish_reported = False
        self._armed_boundary: float | None = None
        self._on_phase: list[StateObserver] = []
        self._on_status: list[StateObserver] = []
        self._on_end: list[StateObserver] = []

    @property
    def exercise(self) -> Exercise:
        return self.session.exercise

    # -- wiring --------------------------------------------------------------------------
    def observe(
        self,
        *,
        on_phase: StateObserver | None = None,
        on_status: StateObserver | None = None,
        on_end: StateObserver | None = None,
    ) -> None:
        """Be told of each phase entered while running (only the current one after a late
        look), each change of status, and the end (once per run, again after keep going)."""
        for observers, callback in ((self._on_phase, on_phase), (self._on_status, on_status), (self._on_end, on_end)):
            if callback is not None:
                observers.append(callback)

    def attach(self, view: PacerView) -> None:
        """Let `view` draw this run: state source, eased levels, frames, announcements."""
        self._view = view
        view.set_state_source(self.state, self.phase_levels)
        if self.frame_timer is None:
            self.frame_timer = self._timers(view.update, single_shot=False, precise=True, owner=self._owner)
        view.announce(self.state(), aloud=False)

    def detach(self) -> None:
        """The view is gone (its window was deleted first): draw nothing more, run on."""
        self._view = None
        if self.frame_timer is not None:
            self.frame_timer.stop()
            self.frame_timer = None

    # -- queries -------------------------------------------------------------------------
    def state(self) -> BreathState:
        """The session right now, from the clock."""
        return self.session.state()

    def phase_levels(self, state: BreathState) -> tuple[float, float]:
        """Lung level at the start and end of the state's phase, for the pacer's easing."""
        return self._levels[state.stage_index][state.phase_index]

    def next_boundary(self) -> float | None:
        """Clock time of the next phase boundary while running (for cues scheduled ahead)."""
        return self.session.state().next_boundary

    @property
    def running(self) -> bool:
        return self.session.status == SessionStatus.RUNNING

    # -- control -------------------------------------------------------------------------
    def start(self) -> None:
        self.session.start()
        self.poll()

    def pause(self) -> None:
        self.session.pause()
        self.poll()

    def resume(self) -> None:
        self.session.resume()
        self.poll()

    def toggle_pause(self) -> None:
        """Space: begin, pause or continue (nothing once the session has ended)."""
        self.session.toggle_pause()
        self.poll()

    def stop(self) -> None:
        """End early (a stop before the start does nothing); the practised time is kept."""
        self.session.stop()
        self.poll()

    def keep_going(self) -> None:
        """Carry on past the planned end; the end is reported again when this run ends."""
        was_ended = self._finish_reported
        self.session.keep_going()
        if was_ended and not self.session.state().ended:
            self._finish_reported = False
        self.poll()

    def finish_now(self) -> None:
        """End at once, as finished, instead of running on in overtime (the time really breathed counts)."""
        self.session.finish_now()
        self.poll()

    # -- the loop ------------------------------------------------------------------------
    def poll(self) -> BreathState:
        """Look at the session now: tell what changed, set the timers.

        The boundary timer and every control method call this; tests call it after moving a
        FakeClock. A late call sees only the phase the session is in now, so it tells once.
        """
        state = self.session.state()
        view = self._view
        status_changed = state.status != self._status
        if status_changed:
            self._status = state.status
            self._tell(self._on_status, state)
        if state.ended:
            self._stop_timers()
            if not self._finish_reported:
                self._finish_reported = True
                self._phase_key = None
                if view is not None:
                    view.announce(state)
                self._tell(self._on_end, state)
        elif state.status == SessionStatus.RUNNING:
            key = (state.stage_index, state.cycle_index, state.phase_index)
            if key != self._phase_key:
                self._phase_key = key
                if view is not None:
                    view.announce(state)
                self._tell(self._on_phase, state)
            elif status_changed and view is not None:
                view.announce(state)
            if self.frame_timer is not None and not self.frame_timer.is_active():
                self.frame_timer.start(FRAME_MS)
            self._arm_boundary(state.next_boundary)
        else:
            self._stop_timers()
            if status_changed and view is not None:
                view.announce(state)
        return state

    @staticmethod
    def _tell(observers: list[StateObserver], state: BreathState) -> None:
        for observer in list(observers):
            observer(state)

    def _on_boundary(self) -> None:
        boundary, self._armed_boundary = self._armed_boundary, None
        if boundary is not None and self._clock.now() < boundary:
            self._arm_boundary(boundary)  # woke a little early: wait out the rest (at least 1 ms)
            return
        if self._view is not None:
            self._view.repaint()  # paint the new phase first (the paint reads the engine itself) ...
        self.poll()  # ... then announce it and tell everyone else

    def _arm_boundary(self, boundary: float | None) -> None:
        if boundary is None:
            self.boundary_timer.stop()
            self._armed_boundary = None
            return
        if boundary == self._armed_boundary and self.boundary_timer.is_active():
            return
        self._armed_boundary = boundary
        delay_ms = math.ceil((boundary - self._clock.now()) * 1000.0)
        self.boundary_timer.start(min(_MAX_TIMER_MS, max(0, delay_ms)))

    def _stop_timers(self) -> None:
        if self.frame_timer is not None:
            self.frame_timer.stop()
        self.boundary_timer.stop()
        self._armed_boundary = None
        if self._view is not None:
            self._view.update()
