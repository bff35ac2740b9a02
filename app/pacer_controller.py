"""Runs a BreathingSession for a pacer: timers, phase-change signals, and the end.

Two timers drive the view, and neither counts anything. A ~60 Hz frame timer only asks the
pacer to repaint (connected straight to QWidget.update, so no Python runs per tick; the pacer
reads the engine's state at paint time). A single-shot timer is aimed at the clock time of the
next phase boundary: phase changes happen only there, so that is where they are detected,
painted and announced, on time even when frames are late; it is re-armed for the next one.
Both stop while paused and after the end, so a finished or paused pacer costs no CPU.

Later features (sound cues, history) connect to the signals here, or read `session` and
`next_boundary()`; the widget itself stays free of rules.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal

from app.core.clock import MonotonicClock
from app.core.engine import BreathingSession, BreathState, SessionStatus
from app.core.model import Exercise

if TYPE_CHECKING:
    from widgets.pacer import PacerWidget

#: QTimer refuses intervals above 2^31-1 ms; a far boundary is approached in steps.
_MAX_TIMER_MS = 2**31 - 1
#: Extra milliseconds after the boundary to aim at; 0 because an early wake-up simply retries.
_BOUNDARY_SLACK_MS = 0


class PacerController(QObject):
    """Owns one BreathingSession and keeps an attached PacerWidget in step with it.

    Signals:
        phaseChanged(BreathState): once per phase entered while running (for late frames,
            only the phase the session is in now).
        statusChanged(str): the SessionStatus value, whenever it changes.
        finished(BreathState): once, when the planned end is reached or the session is stopped.
    """

    phaseChanged = Signal(object)
    statusChanged = Signal(str)
    finished = Signal(object)

    #: Frame interval in ms; a class attribute so benches and tests can change it.
    frame_interval_ms = 16

    def __init__(self, exercise: Exercise, clock: MonotonicClock | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock if clock is not None else MonotonicClock()
        self.session = BreathingSession(exercise, self._clock)
        self._levels = tuple(stage.phase_levels() for stage in exercise.stages)
        self._pacer: PacerWidget | None = None
        self._phase_key: tuple[int, int, int] | None = None
        self._status = self.session.status
        self._finish_reported = False
        self._armed_boundary: float | None = None

        self.frame_timer = QTimer(self)
        self.frame_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.frame_timer.setInterval(self.frame_interval_ms)

        self.boundary_timer = QTimer(self)
        self.boundary_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.boundary_timer.setSingleShot(True)
        self.boundary_timer.timeout.connect(self._on_boundary)

    @property
    def exercise(self) -> Exercise:
        return self.session.exercise

    # -- wiring --------------------------------------------------------------------------
    def attach(self, pacer: PacerWidget) -> None:
        """Let `pacer` draw this session: state source, eased levels, announcements, Space."""
        self._pacer = pacer
        pacer.set_state_source(self.state, self.phase_levels)
        pacer.toggleRequested.connect(self.toggle_pause)
        # Straight to the C++ slot: a frame costs no Python until the pacer's paintEvent.
        self.frame_timer.timeout.connect(pacer.update)
        pacer.announce(self.state(), aloud=False)

    @property
    def pacer(self) -> PacerWidget | None:
        """The attached pacer, or None once it has been deleted (windows close first)."""
        if self._pacer is not None and not shiboken6.isValid(self._pacer):
            self._pacer = None
        return self._pacer

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
        self.session.toggle_pause()
        self.poll()

    def stop(self) -> None:
        """End early (a stop before the start does nothing); the practised time is kept."""
        self.session.stop()
        self.poll()

    def keep_going(self) -> None:
        """Carry on past the planned end; `finished` comes again when this run ends."""
        was_ended = self._finish_reported
        self.session.keep_going()
        if was_ended and not self.session.state().ended:
            self._finish_reported = False
        self.poll()

    def finish_now(self) -> None:
        """End at the end of the current breath instead of running on in overtime."""
        self.session.finish_now()
        self.poll()

    # -- the loop ------------------------------------------------------------------------
    def poll(self) -> BreathState:
        """Look at the session now: emit what changed, set the timers.

        The boundary timer and every control method call this; tests call it after moving a
        FakeClock. A late call sees only the phase the session is in now, so it emits once.
        """
        state = self.session.state()
        pacer = self.pacer
        status_changed = state.status != self._status
        if status_changed:
            self._status = state.status
            self.statusChanged.emit(str(state.status))
        if state.ended:
            self._stop_timers()
            if not self._finish_reported:
                self._finish_reported = True
                self._phase_key = None
                if pacer is not None:
                    pacer.announce(state)
                self.finished.emit(state)
        elif state.status == SessionStatus.RUNNING:
            key = (state.stage_index, state.cycle_index, state.phase_index)
            if key != self._phase_key:
                self._phase_key = key
                if pacer is not None:
                    pacer.announce(state)
                self.phaseChanged.emit(state)
            elif status_changed and pacer is not None:
                pacer.announce(state)
            if not self.frame_timer.isActive():
                self.frame_timer.start()
            self._arm_boundary(state.next_boundary)
        else:
            self._stop_timers()
            if status_changed and pacer is not None:
                pacer.announce(state)
        return state

    def _on_boundary(self) -> None:
        boundary, self._armed_boundary = self._armed_boundary, None
        if boundary is not None and self._clock.now() < boundary:
            self._armed_boundary = boundary  # woke a little early: try again on the next loop pass
            self.boundary_timer.start(0)
            return
        pacer = self.pacer
        if pacer is not None:
            pacer.repaint()  # paint the new phase first (the paint reads the engine itself) ...
        self.poll()  # ... then announce it and tell everyone else

    def _arm_boundary(self, boundary: float | None) -> None:
        if boundary is None:
            self.boundary_timer.stop()
            self._armed_boundary = None
            return
        if boundary == self._armed_boundary and self.boundary_timer.isActive():
            return
        self._armed_boundary = boundary
        delay_ms = math.ceil((boundary - self._clock.now()) * 1000.0) + _BOUNDARY_SLACK_MS
        self.boundary_timer.start(min(_MAX_TIMER_MS, max(0, delay_ms)))

    def _stop_timers(self) -> None:
        self.frame_timer.stop()
        self.boundary_timer.stop()
        self._armed_boundary = None
        pacer = self.pacer
        if pacer is not None:
            pacer.update()
