"""The Qt face of a session run: its news as signals, and a pacer widget attached to it.

The rules and the timers live in the Qt-free :class:`app.core.session.run.SessionRun`; this
class only turns the run's callbacks into Qt signals (for pages and steps that connect, such as
the flow's anchor step following each out-breath) and ties the run's view to a PacerWidget's
lifetime and Space key.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.core.clock import MonotonicClock
from app.core.engine import BreathingSession, BreathState
from app.core.model import Exercise
from app.core.session.run import SessionRun
from app.core.timers import Timer, TimerFactory
from widgets.pacer import PacerWidget


class PacerController(QObject):
    """Owns one SessionRun (its timers die with this object) and tells about it by signals.

    Signals:
        phaseChanged(BreathState): once per phase entered while running (for late frames,
            only the phase the session is in now).
        statusChanged(str): the SessionStatus value, whenever it changes.
        finished(BreathState): once, when the planned end is reached or the session is stopped.
    """

    phaseChanged = Signal(object)
    statusChanged = Signal(str)
    finished = Signal(object)

    def __init__(self, exercise: Exercise, clock: MonotonicClock, timers: TimerFactory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.run = SessionRun(exercise, clock, timers, owner=self)
        self.run.observe(on_phase=self.phaseChanged.emit, on_status=self._status_changed, on_end=self.finished.emit)
        self._pacer: PacerWidget | None = None

    def _status_changed(self, state: BreathState) -> None:
        self.statusChanged.emit(str(state.status))

    # -- wiring --------------------------------------------------------------------------
    def attach(self, pacer: PacerWidget) -> None:
        """Let `pacer` draw this run; its Space toggles the pause."""
        self._pacer = pacer
        self.run.attach(pacer)
        pacer.toggleRequested.connect(self.toggle_pause)
        pacer.destroyed.connect(self._pacer_gone)

    def _pacer_gone(self) -> None:
        self._pacer = None
        self.run.detach()

    @property
    def pacer(self) -> PacerWidget | None:
        """The attached pacer, or None once it has been deleted (windows close first)."""
        return self._pacer

    # -- the run, read and driven ----------------------------------------------------------
    @property
    def session(self) -> BreathingSession:
        return self.run.session

    @property
    def exercise(self) -> Exercise:
        return self.run.exercise

    @property
    def frame_timer(self) -> Timer | None:
        return self.run.frame_timer

    @property
    def boundary_timer(self) -> Timer:
        return self.run.boundary_timer

    @property
    def running(self) -> bool:
        return self.run.running

    def state(self) -> BreathState:
        return self.run.state()

    def phase_levels(self, state: BreathState) -> tuple[float, float]:
        return self.run.phase_levels(state)

    def next_boundary(self) -> float | None:
        return self.run.next_boundary()

    def poll(self) -> BreathState:
        return self.run.poll()

    def start(self) -> None:
        self.run.start()

    def pause(self) -> None:
        self.run.pause()

    def resume(self) -> None:
        self.run.resume()

    def toggle_pause(self) -> None:
        self.run.toggle_pause()

    def stop(self) -> None:
        self.run.stop()

    def keep_going(self) -> None:
        self.run.keep_going()

    def finish_now(self) -> None:
        self.run.finish_now()
