"""The session run without Qt: phases told once, timers aimed at boundaries, idle when paused or ended.

The run gets the fake event loop (tests/helpers/stubs.FakeTimers) and a recording view; the
real counterparts (Qt timers, PacerWidget) are tested in tests/gui/test_pacer_controller.py.
"""

from __future__ import annotations

import pytest

from app.core.engine import BreathState, SessionStatus
from app.core.model import Exercise, Phase, PhaseKind, Stage
from app.core.session.run import FRAME_MS, LevelSpan, SessionRun, StateSource
from app.core.timers import Timer
from tests.helpers.stubs import FakeTimer, FakeTimers


def in4_out6(cycles: int = 3) -> Exercise:
    phases = (Phase(PhaseKind.INHALE, 4.0), Phase(PhaseKind.EXHALE, 6.0))
    return Exercise(id="calm", name="Calm", stages=(Stage(phases=phases, cycles=cycles),))


class RecordingView:
    """A PacerView that remembers what it was told (the real one is widgets.pacer.PacerWidget)."""

    def __init__(self) -> None:
        self.source: StateSource | None = None
        self.level_span: LevelSpan | None = None
        self.updates = 0
        self.repaints: list[float] = []
        self.announced: list[tuple[str, bool]] = []

    def set_state_source(self, source: StateSource | None, level_span: LevelSpan | None = None) -> None:
        self.source, self.level_span = source, level_span

    def update(self) -> None:
        self.updates += 1

    def repaint(self) -> None:
        state = self.source() if self.source is not None else None
        self.repaints.append(state.elapsed if state is not None else -1.0)

    def announce(self, state: BreathState | None, aloud: bool = True) -> None:
        self.announced.append((f"{state.status}:{state.phase_index}" if state is not None else "none", aloud))


class Rig:
    def __init__(self, exercise: Exercise | None = None) -> None:
        self.loop = FakeTimers()
        self.clock = self.loop.clock
        self.run = SessionRun(exercise or in4_out6(), self.clock, self.loop)
        self.view = RecordingView()
        self.run.attach(self.view)
        self.phases: list[BreathState] = []
        self.statuses: list[str] = []
        self.ends: list[BreathState] = []
        self.run.observe(on_phase=self.phases.append, on_status=lambda s: self.statuses.append(str(s.status)), on_end=self.ends.append)


@pytest.fixture
def rig() -> Rig:
    return Rig()


def fake(timer: Timer | None) -> FakeTimer:
    """The run's timer, as the fake loop made it (so a test can read its interval or fire it)."""
    assert isinstance(timer, FakeTimer)
    return timer


def phases_of(states: list[BreathState]) -> list[tuple[int, int]]:
    return [(s.cycle_index, s.phase_index) for s in states]


def test_start_tells_the_first_phase_and_runs_the_frame_timer(rig: Rig) -> None:
    rig.run.start()
    assert rig.statuses == ["running"]
    assert phases_of(rig.phases) == [(0, 0)]
    frames = fake(rig.run.frame_timer)
    assert frames.is_active()
    assert frames.interval_ms == FRAME_MS == 16 and not frames.single_shot
    rig.run.poll()
    rig.run.poll()
    assert len(rig.phases) == 1


def test_one_signal_per_boundary(rig: Rig) -> None:
    rig.run.start()
    for _ in range(100):  # 10 s of frames: one inhale and one exhale
        rig.clock.advance(0.1)
        rig.run.poll()
    assert phases_of(rig.phases) == [(0, 0), (0, 1), (1, 0)]


def test_late_frame_emits_only_for_the_current_phase(rig: Rig) -> None:
    rig.run.start()
    rig.clock.advance(1.0)
    rig.run.poll()
    rig.clock.advance(2.5 * 5.0)  # two and a half average phases in one frame: now at 13.5 s
    rig.run.poll()
    rig.run.poll()
    assert phases_of(rig.phases) == [(0, 0), (1, 0)]
    assert rig.phases[-1].phase_remaining == pytest.approx(0.5)


def test_boundary_timer_is_aimed_at_the_next_boundary(rig: Rig) -> None:
    rig.run.start()
    timer = fake(rig.run.boundary_timer)
    assert timer.single_shot
    assert timer.is_active()
    assert 4000 <= timer.interval_ms <= 4002
    rig.clock.advance(1.5)
    rig.run.poll()  # same boundary: left alone
    assert rig.run.next_boundary() == pytest.approx(rig.clock.now() + 2.5)
    assert 4000 <= timer.interval_ms <= 4002
    rig.clock.advance(2.5)
    rig.run.poll()  # the frame saw the boundary first: the timer is re-aimed, not doubled
    assert 6000 <= timer.interval_ms <= 6002


def test_on_the_event_loop_every_phase_is_painted_then_told_at_its_boundary(rig: Rig) -> None:
    """A punctual loop: each boundary paints the new phase first, then tells it, exactly on time."""
    rig.run.start()
    started = rig.clock.now()
    told_at: list[float] = []
    rig.run.observe(on_phase=lambda _s: told_at.append(rig.clock.now() - started))
    rig.loop.run_until(lambda: bool(rig.ends))
    assert phases_of(rig.phases) == [(c, p) for c in range(3) for p in range(2)]
    assert told_at == pytest.approx([4.0, 10.0, 14.0, 20.0, 24.0])
    assert rig.view.repaints[: len(told_at)] == pytest.approx(told_at)
    assert rig.ends[0].status == SessionStatus.FINISHED and rig.ends[0].elapsed == pytest.approx(30.0)
    assert rig.loop.active() == [], "nothing keeps waking after the end"


def test_a_boundary_timer_that_wakes_early_tries_again(rig: Rig) -> None:
    rig.run.start()
    rig.loop.advance(3.9)
    fake(rig.run.boundary_timer).fire()  # woken 0.1 s early
    assert phases_of(rig.phases) == [(0, 0)]
    assert rig.run.boundary_timer.is_active()
    rig.loop.advance(0.102)  # the rest of the wait, to the whole millisecond
    assert phases_of(rig.phases) == [(0, 0), (0, 1)]


def test_pause_freezes_time_and_stops_the_timers(rig: Rig) -> None:
    rig.run.start()
    rig.clock.advance(2.0)
    rig.run.toggle_pause()
    assert rig.run.frame_timer is not None and not rig.run.frame_timer.is_active()
    assert not rig.run.boundary_timer.is_active()
    rig.loop.advance(600.0)
    rig.run.poll()
    assert rig.run.state().elapsed == pytest.approx(2.0)
    rig.run.toggle_pause()
    assert rig.run.frame_timer.is_active()
    assert rig.statuses == ["running", "paused", "running"]
    assert phases_of(rig.phases) == [(0, 0)]  # resuming is not a new phase
    assert rig.run.session.status == SessionStatus.RUNNING


def test_planned_end_emits_finished_once_and_goes_idle(rig: Rig) -> None:
    rig.run.start()
    rig.clock.advance(29.0)
    rig.run.poll()
    assert rig.ends == []
    rig.clock.advance(1.0)
    rig.run.poll()
    rig.clock.advance(5.0)
    rig.run.poll()
    rig.run.stop()
    assert len(rig.ends) == 1
    assert rig.ends[0].status == SessionStatus.FINISHED
    assert rig.ends[0].elapsed == pytest.approx(30.0)
    assert rig.run.frame_timer is not None and not rig.run.frame_timer.is_active()
    assert not rig.run.boundary_timer.is_active()


def test_stop_ends_early_once(rig: Rig) -> None:
    rig.run.start()
    rig.clock.advance(12.0)
    rig.run.stop()
    rig.run.stop()
    rig.clock.advance(12.0)
    rig.run.poll()
    assert len(rig.ends) == 1
    assert rig.ends[0].status == SessionStatus.STOPPED
    assert rig.ends[0].elapsed == pytest.approx(12.0)
    assert len(rig.phases) == 1  # the frame that would have shown (1, 0) never came
    assert rig.run.frame_timer is not None and not rig.run.frame_timer.is_active()


def test_stop_before_start_does_nothing(rig: Rig) -> None:
    rig.run.stop()
    assert rig.ends == []
    assert rig.run.session.status == SessionStatus.READY


def test_keep_going_then_finish_now(rig: Rig) -> None:
    rig.run.start()
    rig.clock.advance(25.0)
    rig.run.keep_going()
    rig.clock.advance(10.0)  # 35 s: past the planned 30 s, in the 4th cycle's exhale
    state = rig.run.poll()
    assert state.overtime
    assert (state.cycle_index, state.phase_index) == (3, 1)
    assert rig.ends == []
    rig.run.finish_now()
    assert len(rig.ends) == 1
    assert rig.ends[0].elapsed == pytest.approx(35.0)  # the time really breathed, not the rest of the breath
    assert phases_of(rig.phases)[-1] == (3, 1)


def test_keep_going_after_the_end_tells_the_end_again_later(rig: Rig) -> None:
    rig.run.start()
    rig.loop.run_until(lambda: bool(rig.ends))
    rig.run.keep_going()
    assert rig.statuses[-1] == "running" and len(rig.ends) == 1
    rig.loop.advance(5.0)
    rig.run.finish_now()
    assert len(rig.ends) == 2 and rig.ends[-1].status == SessionStatus.FINISHED


def test_attach_wires_state_easing_and_announcements(rig: Rig) -> None:
    view = rig.view
    assert view.source is not None and view.source() is not None
    assert view.announced == [("ready:0", False)]  # described, not spoken: the screen reader reads the focused pacer
    rig.run.start()
    assert view.announced[-1] == ("running:0", True)
    rig.clock.advance(5.0)
    rig.run.poll()
    assert view.announced[-1] == ("running:1", True)
    assert view.level_span is not None and view.level_span(rig.run.state()) == (1.0, 0.0)
    rig.run.pause()
    assert view.announced[-1] == ("paused:1", True)
    rig.run.resume()
    assert view.announced[-1] == ("running:1", True)


def test_frames_ask_the_view_to_repaint_only_while_running(rig: Rig) -> None:
    rig.run.start()
    rig.loop.advance(1.0)
    running = rig.view.updates
    assert running >= 1000 // FRAME_MS - 1
    rig.run.pause()
    paused = rig.view.updates
    rig.loop.advance(60.0)
    assert rig.view.updates == paused, "a paused pacer costs nothing"


def test_a_detached_view_is_told_nothing_and_the_run_goes_on(rig: Rig) -> None:
    rig.run.start()
    rig.run.detach()
    told = list(rig.view.announced)
    rig.loop.advance(12.0)
    assert rig.view.announced == told
    assert rig.run.frame_timer is None
    assert phases_of(rig.phases)[-1] == (1, 0), "the run still keeps time and tells its observers"
