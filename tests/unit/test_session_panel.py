"""The session panel's rules without Qt: the caution gate, Esc, grounding, and what each control shows."""

from __future__ import annotations

import pytest

from app.core.engine import SessionStatus
from app.core.model import Exercise, Phase, PhaseKind, Stage
from app.core.session.panel import (
    Controls,
    Focus,
    PanelSpec,
    PauseOffer,
    SessionPanelModel,
    controls_for,
)
from app.core.session.run import SessionRun
from tests.helpers.stubs import FakeTimers

PAGE = PanelSpec()
STEP = PanelSpec(title=False, stop_and_done=False, ended_note="Well breathed.", own_keys=False, grounding_fills=False)


def in4_out6(cycles: int = 2) -> Exercise:
    phases = (Phase(PhaseKind.INHALE, 4.0), Phase(PhaseKind.EXHALE, 6.0))
    return Exercise(id="calm", name="Calm", stages=(Stage(phases=phases, cycles=cycles),))


class Panel:
    """A model on the fake event loop, counting how often it asked its view to redraw."""

    def __init__(self, spec: PanelSpec = PAGE) -> None:
        self.loop = FakeTimers()
        self.changes = 0
        self.model = SessionPanelModel(spec, self._changed)

    def _changed(self) -> None:
        self.changes += 1

    def open(self, caution: str | None = None) -> SessionRun:
        run = SessionRun(in4_out6(), self.loop.clock, self.loop)
        self.model.close()
        self.model.open(run, caution)
        return run

    def controls(self) -> Controls:
        return self.model.controls()


# -- what each control shows ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("status", "pause", "stop", "keep_going", "done", "focus"),
    [
        (SessionStatus.READY, PauseOffer.BEGIN, True, False, False, Focus.PACER),
        (SessionStatus.RUNNING, PauseOffer.PAUSE, True, False, False, Focus.PACER),
        (SessionStatus.PAUSED, PauseOffer.CONTINUE, True, False, False, Focus.PACER),
        (SessionStatus.FINISHED, None, False, True, True, Focus.DONE),
        (SessionStatus.STOPPED, None, False, False, True, Focus.DONE),
    ],
)
def test_the_breathe_page_controls_for_each_status(
    status: SessionStatus, pause: PauseOffer | None, stop: bool, keep_going: bool, done: bool, focus: Focus
) -> None:
    controls = controls_for(status, False, PAGE)
    assert (controls.pause, controls.stop, controls.keep_going, controls.done, controls.focus) == (pause, stop, keep_going, done, focus)
    assert controls.chrome and controls.pacer_keys and not controls.ended_note
    assert [offer.value for offer in PauseOffer] == ["Begin", "Pause", "Continue"]


def test_the_flow_step_has_no_stop_or_done_and_a_note_at_the_end() -> None:
    running = controls_for(SessionStatus.RUNNING, False, STEP)
    finished = controls_for(SessionStatus.FINISHED, False, STEP)
    stopped = controls_for(SessionStatus.STOPPED, False, STEP)
    assert (running.pause, running.stop, running.done, running.ended_note) == (PauseOffer.PAUSE, False, False, False)
    assert (finished.pause, finished.keep_going, finished.done, finished.ended_note) == (None, True, False, True)
    assert finished.focus == Focus.PACER
    assert not stopped.ended_note and not stopped.keep_going


def test_grounding_fills_the_page_but_leaves_the_steps_controls_in_view() -> None:
    page = controls_for(SessionStatus.PAUSED, True, PAGE)
    step = controls_for(SessionStatus.PAUSED, True, STEP)
    assert page.grounding and not page.chrome and not page.pacer_keys and page.focus == Focus.GROUNDING
    assert step.grounding and step.chrome and not step.pacer_keys and step.pause == PauseOffer.CONTINUE


# -- the caution gate, pause, keep going ---------------------------------------------------------
def test_a_session_without_a_caution_starts_at_once() -> None:
    panel = Panel()
    run = panel.open()
    assert run.session.status == SessionStatus.RUNNING
    assert panel.model.breathing and panel.model.caution == ""
    assert panel.controls().pause == PauseOffer.PAUSE


def test_a_session_with_a_caution_waits_until_the_user_begins() -> None:
    panel = Panel()
    run = panel.open("Ask your doctor first.")
    assert panel.model.caution == "Ask your doctor first."
    assert run.session.status == SessionStatus.READY and panel.controls().pause == PauseOffer.BEGIN
    panel.loop.advance(30)
    assert run.state().elapsed == 0
    panel.model.escape()  # Esc before beginning: nothing to stop, nothing to leave
    assert run.state().status == SessionStatus.READY
    panel.model.toggle_pause()
    assert run.state().status == SessionStatus.RUNNING and panel.controls().pause == PauseOffer.PAUSE
    panel.loop.advance(2)
    assert run.state().elapsed == pytest.approx(2)


def test_space_pauses_and_continues_but_does_nothing_after_the_end() -> None:
    panel = Panel()
    run = panel.open()
    panel.model.toggle_pause()
    assert panel.controls().pause == PauseOffer.CONTINUE
    panel.model.toggle_pause()
    panel.loop.run_until(lambda: run.state().ended)
    panel.model.toggle_pause()
    assert run.session.status == SessionStatus.FINISHED
    assert panel.controls().keep_going and panel.controls().done


def test_keep_going_after_the_end_runs_on_in_overtime() -> None:
    panel = Panel()
    run = panel.open()
    panel.loop.run_until(lambda: run.state().ended)
    panel.model.keep_going()
    panel.loop.advance(10)
    assert run.state().status == SessionStatus.RUNNING and run.state().elapsed == pytest.approx(30)
    assert panel.controls().pause == PauseOffer.PAUSE and not panel.controls().keep_going


def test_every_change_of_the_shown_session_redraws_and_an_old_one_does_not() -> None:
    panel = Panel()
    first = panel.open()
    before = panel.changes
    panel.model.toggle_pause()
    assert panel.changes > before
    panel.open()
    assert first.session.status == SessionStatus.STOPPED, "a new session replaces the one before"
    after = panel.changes
    first.keep_going()  # a stopped session cannot carry on; nothing the old one does reaches the view
    first.poll()
    assert panel.changes == after


# -- Esc -------------------------------------------------------------------------------------------
def test_esc_stops_a_running_session_and_then_leaves() -> None:
    panel = Panel()
    run = panel.open()
    panel.loop.advance(3)
    assert panel.model.escape() is False
    assert run.state().status == SessionStatus.STOPPED and run.state().elapsed == pytest.approx(3)
    assert panel.model.escape() is True


def test_esc_in_overtime_ends_the_session_as_finished_with_the_time_breathed() -> None:
    panel = Panel()
    run = panel.open()
    panel.loop.run_until(lambda: run.state().ended)
    panel.model.keep_going()
    panel.loop.advance(7)
    assert panel.model.escape() is False
    assert run.state().status == SessionStatus.FINISHED and run.state().elapsed == pytest.approx(27)


def test_esc_with_no_session_leaves() -> None:
    assert Panel().model.escape() is True


# -- grounding -------------------------------------------------------------------------------------
def test_grounding_pauses_the_breathing_and_back_returns_to_the_paused_pacer() -> None:
    panel = Panel()
    run = panel.open()
    panel.loop.advance(2)
    panel.model.ground()
    assert panel.model.grounding and run.state().status == SessionStatus.PAUSED
    panel.loop.advance(60)
    assert panel.model.escape() is False, "Esc on the card goes back to the pacer"
    assert not panel.model.grounding
    assert run.state().status == SessionStatus.PAUSED and run.state().elapsed == pytest.approx(2)


def test_grounding_again_keeps_the_cards_place() -> None:
    panel = Panel()
    panel.open()
    panel.model.ground()
    changes = panel.changes
    panel.model.ground()
    assert panel.changes == changes


def test_leaving_grounding_after_the_session_ended_leaves_the_screen() -> None:
    panel = Panel()
    run = panel.open()
    panel.model.ground()
    run.stop()
    assert panel.model.leave_grounding() is True


def test_grounding_without_a_session_is_still_offered() -> None:
    panel = Panel(STEP)
    panel.model.ground()
    assert panel.controls().grounding and panel.model.state() is None
    assert panel.model.leave_grounding() is True


def test_a_new_session_shows_the_pacer_again() -> None:
    panel = Panel()
    panel.open()
    panel.model.ground()
    panel.open()
    assert not panel.model.grounding and panel.model.breathing
