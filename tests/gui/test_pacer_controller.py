"""The pacer controller: phase signals, pause, the end, and timers that stop when idle."""

from __future__ import annotations

import pytest

from app.core.clock import FakeClock, MonotonicClock
from app.core.engine import BreathState, SessionStatus
from app.core.model import Exercise, Phase, PhaseKind, Stage
from app.pacer_controller import PacerController
from widgets.pacer import PacerWidget


def in4_out6(cycles: int = 3) -> Exercise:
    phases = (Phase(PhaseKind.INHALE, 4.0), Phase(PhaseKind.EXHALE, 6.0))
    return Exercise(id="calm", name="Calm", stages=(Stage(phases=phases, cycles=cycles),))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def controller(qtbot, clock):
    ctl = PacerController(in4_out6(), clock)
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


def test_start_announces_the_first_phase_and_runs_the_frame_timer(controller) -> None:
    phases = recorder(controller.phaseChanged)
    statuses = recorder(controller.statusChanged)
    controller.start()
    assert statuses == ["running"]
    assert phases_of(phases) == [(0, 0)]
    assert controller.frame_timer.isActive()
    assert controller.frame_timer.interval() == 16
    controller.poll()
    controller.poll()
    assert len(phases) == 1


def test_one_signal_per_boundary(controller, clock) -> None:
    phases = recorder(controller.phaseChanged)
    controller.start()
    for _ in range(100):  # 10 s of frames: one inhale and one exhale
        clock.advance(0.1)
        controller.poll()
    assert phases_of(phases) == [(0, 0), (0, 1), (1, 0)]


def test_late_frame_emits_only_for_the_current_phase(controller, clock) -> None:
    phases = recorder(controller.phaseChanged)
    controller.start()
    clock.advance(1.0)
    controller.poll()
    clock.advance(2.5 * 5.0)  # two and a half average phases in one frame: now at 13.5 s
    controller.poll()
    controller.poll()
    assert phases_of(phases) == [(0, 0), (1, 0)]
    assert phases[-1].phase_remaining == pytest.approx(0.5)


def test_boundary_timer_is_aimed_at_the_next_boundary(controller, clock) -> None:
    controller.start()
    assert controller.boundary_timer.isSingleShot()
    assert controller.boundary_timer.isActive()
    assert 4000 <= controller.boundary_timer.interval() <= 4002
    clock.advance(1.5)
    controller.poll()  # same boundary: left alone
    assert controller.next_boundary() == pytest.approx(clock.now() + 2.5)
    assert 4000 <= controller.boundary_timer.interval() <= 4002
    clock.advance(2.5)
    controller.poll()  # the frame saw the boundary first: the timer is re-aimed, not doubled
    assert 6000 <= controller.boundary_timer.interval() <= 6002


def test_pause_freezes_time_and_stops_the_timers(controller, clock) -> None:
    phases = recorder(controller.phaseChanged)
    statuses = recorder(controller.statusChanged)
    controller.start()
    clock.advance(2.0)
    controller.toggle_pause()
    assert not controller.frame_timer.isActive()
    assert not controller.boundary_timer.isActive()
    clock.advance(600.0)
    controller.poll()
    assert controller.state().elapsed == pytest.approx(2.0)
    controller.toggle_pause()
    assert controller.frame_timer.isActive()
    assert statuses == ["running", "paused", "running"]
    assert phases_of(phases) == [(0, 0)]  # resuming is not a new phase
    assert controller.session.status == SessionStatus.RUNNING


def test_planned_end_emits_finished_once_and_goes_idle(controller, clock) -> None:
    finished = recorder(controller.finished)
    controller.start()
    clock.advance(29.0)
    controller.poll()
    assert finished == []
    clock.advance(1.0)
    controller.poll()
    clock.advance(5.0)
    controller.poll()
    controller.stop()
    assert len(finished) == 1
    assert finished[0].status == SessionStatus.FINISHED
    assert finished[0].elapsed == pytest.approx(30.0)
    assert not controller.frame_timer.isActive()
    assert not controller.boundary_timer.isActive()


def test_stop_ends_early_once(controller, clock) -> None:
    finished = recorder(controller.finished)
    phases = recorder(controller.phaseChanged)
    controller.start()
    clock.advance(12.0)
    controller.stop()
    controller.stop()
    clock.advance(12.0)
    controller.poll()
    assert len(finished) == 1
    assert finished[0].status == SessionStatus.STOPPED
    assert finished[0].elapsed == pytest.approx(12.0)
    assert len(phases) == 1  # the frame that would have shown (1, 0) never came
    assert not controller.frame_timer.isActive()


def test_stop_before_start_does_nothing(controller) -> None:
    finished = recorder(controller.finished)
    controller.stop()
    assert finished == []
    assert controller.session.status == SessionStatus.READY


def test_keep_going_then_finish_now(controller, clock) -> None:
    finished = recorder(controller.finished)
    phases = recorder(controller.phaseChanged)
    controller.start()
    clock.advance(25.0)
    controller.keep_going()
    clock.advance(10.0)  # 35 s: past the planned 30 s, in the 4th cycle's exhale
    state = controller.poll()
    assert state.overtime
    assert (state.cycle_index, state.phase_index) == (3, 1)
    assert finished == []
    controller.finish_now()
    assert len(finished) == 1
    assert finished[0].elapsed == pytest.approx(35.0)  # the time really breathed, not the rest of the breath
    assert phases_of(phases)[-1] == (3, 1)


def test_real_timers_paint_the_phases_in_order_and_stop_at_the_end(qtbot) -> None:
    """With the real clock and Qt timers: phases are signalled in order, once each, then idle.

    Only what does not depend on the machine's speed is asserted: on a loaded machine a late
    boundary timer sees only the phase the session is in by then (tests with the FakeClock
    check that every phase is signalled when the timers are on time).
    """
    phases = (Phase(PhaseKind.INHALE, 0.25), Phase(PhaseKind.HOLD, 0.2), Phase(PhaseKind.EXHALE, 0.3))
    exercise = Exercise(id="quick", name="Quick", stages=(Stage(phases=phases, cycles=2),))
    controller = PacerController(exercise, MonotonicClock())
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
    assert not controller.frame_timer.isActive()
    assert not controller.boundary_timer.isActive()
    qtbot.waitUntil(lambda: pacer.lines_for(pacer.current_state())[0][1] == "Well done.", timeout=30_000)


def test_attach_wires_state_easing_and_announcements(controller, clock) -> None:
    pacer = controller._pacer
    assert pacer.current_state() is not None
    assert pacer.accessibleDescription().startswith("Ready")
    controller.start()
    assert pacer.accessibleDescription() == "Breathe in for 4 seconds"
    clock.advance(5.0)
    controller.poll()
    assert pacer.accessibleDescription() == "Breathe out for 6 seconds"
    assert controller.phase_levels(controller.state()) == (1.0, 0.0)
    controller.pause()
    assert pacer.accessibleDescription().startswith("Paused")
    controller.resume()
    assert pacer.accessibleDescription() == "Breathe out for 6 seconds"
