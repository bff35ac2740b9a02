"""The breathing engine, driven by a fake clock: exact boundaries, pauses, endings, no drift."""

from __future__ import annotations

import random

import pytest

from app.core.engine import BreathingSession, SessionStatus
from app.core.model import Exercise, Phase, PhaseKind, Stage
from tests.helpers.stubs import FakeClock

IN, HOLD, OUT = PhaseKind.INHALE, PhaseKind.HOLD, PhaseKind.EXHALE


def exercise(*stages: Stage) -> Exercise:
    return Exercise("test", "Test", tuple(stages))


def stage(*phases: tuple[PhaseKind, float], cycles: int | None = None, minutes: float | None = None) -> Stage:
    return Stage(tuple(Phase(kind, seconds) for kind, seconds in phases), cycles=cycles, minutes=minutes)


def started(ex: Exercise, at: float = 100.0) -> tuple[BreathingSession, FakeClock]:
    clock = FakeClock(at)
    session = BreathingSession(ex, clock)
    session.start()
    return session, clock


def test_phase_boundaries_are_exact():
    session, clock = started(exercise(stage((IN, 4), (HOLD, 2), (OUT, 6), cycles=3)))
    expectations = [(0, 0, IN), (3.999, 0, IN), (4, 0, HOLD), (6, 0, OUT), (11.999, 0, OUT), (12, 1, IN), (35.9, 2, OUT)]
    for elapsed, cycle, kind in expectations:
        clock.set(100 + elapsed)
        state = session.state()
        assert (state.cycle_index, state.phase.kind) == (cycle, kind), elapsed
    clock.set(104.5)
    state = session.state()
    assert state.phase_fraction == pytest.approx(0.25)
    assert state.phase_remaining == pytest.approx(1.5)
    assert state.session_remaining == pytest.approx(36 - 4.5)
    assert state.next_boundary == pytest.approx(106)


def test_minutes_round_up_to_a_whole_breath():
    ex = exercise(stage((IN, 4), (OUT, 7), minutes=1))
    assert ex.stages[0].planned_cycles == 6  # 60 / 11 = 5.45 -> 6 breaths
    assert ex.planned_seconds == pytest.approx(66)
    exact = exercise(stage((IN, 4), (OUT, 6), minutes=1))
    assert exact.stages[0].planned_cycles == 6


def test_paused_time_is_excluded_and_boundaries_move_with_it():
    session, clock = started(exercise(stage((IN, 4), (OUT, 6), cycles=10)))
    clock.advance(3)
    session.pause()
    assert session.state().status == SessionStatus.PAUSED
    assert session.state().next_boundary is None
    clock.advance(500)
    assert session.elapsed() == pytest.approx(3)
    session.resume()
    assert session.state().next_boundary == pytest.approx(clock.now() + 1)
    clock.advance(1)
    assert session.state().phase.kind == OUT


def test_stages_change_pace_in_order():
    ex = exercise(stage((IN, 3), (OUT, 3), cycles=2), stage((IN, 4), (OUT, 6), cycles=2))
    session, clock = started(ex)
    clock.advance(11.9)
    assert session.state().stage_index == 0
    clock.advance(0.1)
    state = session.state()
    assert (state.stage_index, state.cycle_index, state.phase.seconds) == (1, 0, 4)
    assert state.stage_count == 2


def test_finish_stop_and_keep_going():
    ex = exercise(stage((IN, 4), (OUT, 6), cycles=2))
    session, clock = started(ex)
    clock.advance(25)
    state = session.state()
    assert state.status == SessionStatus.FINISHED
    assert state.elapsed == pytest.approx(20)
    assert state.next_boundary is None
    session.keep_going()
    assert session.state().status == SessionStatus.RUNNING
    clock.advance(5)
    state = session.state()
    assert state.overtime and state.elapsed == pytest.approx(25)  # the 5 s on the end screen do not count
    assert state.cycle_index == 2 and state.phase.kind == OUT
    session.finish_now()
    assert session.state().status == SessionStatus.FINISHED
    assert session.elapsed() == pytest.approx(25), "only the time really breathed is kept"
    clock.advance(10)
    assert session.elapsed() == pytest.approx(25)

    early, clock2 = started(ex)
    clock2.advance(7)
    early.stop()
    clock2.advance(100)
    assert early.state().status == SessionStatus.STOPPED
    assert early.elapsed() == pytest.approx(7)


def test_cyclic_sigh_levels_fill_in_two_inhales_then_empty():
    ex = exercise(stage((IN, 2), (IN, 1), (OUT, 6), cycles=1))
    session, clock = started(ex)
    clock.advance(2)
    assert session.state().level == pytest.approx(2 / 3)
    clock.advance(1)
    assert session.state().level == pytest.approx(1.0)
    clock.advance(3)
    assert session.state().level == pytest.approx(0.5)


def test_hold_after_exhale_keeps_the_lungs_empty():
    session, clock = started(exercise(stage((IN, 4), (HOLD, 4), (OUT, 4), (HOLD, 4), cycles=1)))
    clock.advance(6)
    assert session.state().level == pytest.approx(1.0)
    clock.advance(8)
    state = session.state()
    assert state.phase.kind == HOLD and state.level == pytest.approx(0.0)


def test_sixty_minutes_with_jittery_late_and_dropped_ticks_ends_with_zero_drift():
    ex = exercise(stage((IN, 4.1), (OUT, 5.9), minutes=60))
    session, clock = started(ex, at=12345.678)
    rng = random.Random(7)
    seen_boundaries: list[tuple[int, int, float]] = []
    last_identity = None
    while session.state().status == SessionStatus.RUNNING:
        step = 1 / 60 + rng.uniform(-0.008, 0.008)
        if rng.random() < 0.02:
            step += rng.uniform(0.05, 0.4)  # a late or dropped frame
        clock.advance(step)
        state = session.state()
        identity = (state.cycle_index, state.phase_index)
        if identity != last_identity and state.status == SessionStatus.RUNNING:
            boundary = session.clock_time_of(state.elapsed - state.phase_fraction * state.phase.seconds)
            seen_boundaries.append((*identity, boundary))
            last_identity = identity
    assert session.state().elapsed == 3600.0
    assert ex.planned_seconds == 3600.0
    for cycle, phase, boundary in seen_boundaries:
        exact = 12345.678 + cycle * 10.0 + (4.1 if phase else 0.0)
        assert abs(boundary - exact) < 1e-6


def test_a_late_frame_never_moves_later_boundaries():
    session, clock = started(exercise(stage((IN, 4), (OUT, 6), cycles=100)))
    clock.advance(37.3)  # a frame 37 s late
    state = session.state()
    assert state.cycle_index == 3 and state.phase.kind == OUT
    assert state.next_boundary == pytest.approx(100 + 40)


def test_state_before_start_is_ready():
    clock = FakeClock()
    session = BreathingSession(exercise(stage((IN, 4), (OUT, 6), cycles=1)), clock)
    assert session.state().status == SessionStatus.READY
    assert session.elapsed() == 0.0


def test_keep_going_after_resting_on_the_end_screen_does_not_count_the_rest():
    session, clock = started(exercise(stage((IN, 4), (OUT, 6), cycles=2)))
    clock.advance(20)
    assert session.state().status == SessionStatus.FINISHED
    clock.advance(90)  # a minute and a half looking at "Well done"
    session.keep_going()
    state = session.state()
    assert state.elapsed == pytest.approx(20)
    assert (state.cycle_index, state.phase.kind, state.phase_fraction) == (2, IN, pytest.approx(0))
    clock.advance(4)
    assert session.state().phase.kind == OUT
