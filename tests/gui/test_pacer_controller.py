"""The Qt face of a session run: signals, a real pacer attached, real Qt timers.

The run's rules (phases told once, timers aimed at boundaries, idle when paused or ended) are
tested without Qt in tests/unit/test_session_run.py; here the same run drives a PacerWidget.
"""

from __future__ import annotations

import pytest

from app.core.clock import MonotonicClock
from app.core.engine import BreathState, SessionStatus
from app.core.model import Exercise, Phase, PhaseKind, Stage
from app.gui.session_panel.controller import PacerController
from app.timers import QtTimer, qt_timer
from tests.helpers.stubs import FakeClock, FakeTimers
from widgets.pacer import PacerWidget


def in4_out6(cycles: int = 3) -> Exercise:
    phases = (Phase(PhaseKind.INHALE, 4.0), Phase(PhaseKind.EXHALE, 6.0))
    return Exercise(id="calm", name="Calm", stages=(Stage(phases=phases, cycles=cycles),))


@pytest.fixture
def loop() -> FakeTimers:
    return FakeTimers(FakeClock())


@pytest.fixture
def controller(qtbot, loop):
    ctl = PacerController(in4_out6(), loop.clock, loop)
    pacer = PacerWidget()
    qtbot.addWidget(pacer)
    pacer.resize(200, 200)
    ctl.attach(pacer)
    yield ctl
    ctl.stop()


def recorder(signal) -> list:
    seen: list = []
    signal.connect(lambda *args: seen.append(args[0] if args else None))
    return seen


def phases_of(states: list[BreathState]) -> list[tuple[int, int]]:
    return [(s.cycle_index, s.phase_index) for s in states]


def test_signals_follow_the_run(controller, loop) -> None:
    phases = recorder(controller.phaseChanged)
    statuses = recorder(controller.statusChanged)
    finished = recorder(controller.finished)
    controller.start()
    loop.advance(12.0)
    controller.toggle_pause()
    controller.toggle_pause()
    loop.run_until(lambda: bool(finished))
    assert statuses == ["running", "paused", "running", "finished"]
    assert phases_of(phases) == [(c, p) for c in range(3) for p in range(2)]
    assert len(finished) == 1 and finished[0].elapsed == pytest.approx(30.0)
    assert not controller.frame_timer.is_active() and not controller.boundary_timer.is_active()


def test_real_timers_paint_the_phases_in_order_and_stop_at_the_end(qtbot) -> None:
    """With the real clock and Qt timers: phases are signalled in order, once each, then idle.

    Only what does not depend on the machine's speed is asserted: on a loaded machine a late
    boundary timer sees only the phase the session is in by then (tests on the fake event loop
    check that every phase is signalled when the timers are on time).
    """
    phases = (Phase(PhaseKind.INHALE, 0.25), Phase(PhaseKind.HOLD, 0.2), Phase(PhaseKind.EXHALE, 0.3))
    exercise = Exercise(id="quick", name="Quick", stages=(Stage(phases=phases, cycles=2),))
    controller = PacerController(exercise, MonotonicClock(), qt_timer)
    pacer = PacerWidget()
    qtbot.addWidget(pacer)
    pacer.resize(200, 200)
    pacer.show()
    qtbot.waitExposed(pacer)
    controller.attach(pacer)
    seen = recorder(controller.phaseChanged)
    frames = recorder(pacer.framePainted)
    with qtbot.waitSignal(controller.finished, timeout=60_000) as blocker:
        controller.start()
    every_phase = [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]
    signalled = phases_of(seen)
    assert signalled[0] == (0, 0)
    assert signalled == [key for key in every_phase if key in signalled], "in order, once each"
    assert blocker.args[0].status == SessionStatus.FINISHED
    assert frames, "the frame timer painted the running pacer"
    assert isinstance(controller.frame_timer, QtTimer) and controller.frame_timer.qtimer.interval() == 16
    assert not controller.frame_timer.is_active()
    assert not controller.boundary_timer.is_active()
    qtbot.waitUntil(lambda: pacer.lines_for(pacer.current_state())[0][1] == "Well done.", timeout=30_000)


def test_attach_wires_state_easing_and_announcements(controller, loop) -> None:
    pacer = controller.pacer
    assert pacer.current_state() is not None
    assert pacer.accessibleDescription().startswith("Ready")
    controller.start()
    assert pacer.accessibleDescription() == "Breathe in for 4 seconds"
    loop.advance(5.0)
    assert pacer.accessibleDescription() == "Breathe out for 6 seconds"
    assert controller.phase_levels(controller.state()) == (1.0, 0.0)
    controller.pause()
    assert pacer.accessibleDescription().startswith("Paused")
    controller.resume()
    assert pacer.accessibleDescription() == "Breathe out for 6 seconds"


def test_a_deleted_pacer_is_let_go_and_the_run_keeps_time(loop, qtbot) -> None:
    controller = PacerController(in4_out6(), loop.clock, loop)
    pacer = PacerWidget()
    controller.attach(pacer)
    finished = recorder(controller.finished)
    controller.start()
    with qtbot.waitSignal(pacer.destroyed):
        pacer.deleteLater()
    assert controller.pacer is None
    loop.run_until(lambda: bool(finished))
    assert finished[0].status == SessionStatus.FINISHED
