"""Every breathing session lands in the history and follows its cues, wherever it started."""

from __future__ import annotations

import errno

import pytest

from app.audio import Cue
from app.core.engine import SessionStatus
from tests.gui.conftest import breathe_page


def sessions(window):
    return window.context.history.store.list_sessions()


def test_a_finished_session_is_recorded_with_what_was_practised(make_window, qtbot, fake_timers):
    window = make_window()
    window.start_breathing("box", source="practice")
    services = breathe_page(window).session.services
    qtbot.waitUntil(lambda: services.session_id is not None)
    planned = breathe_page(window).session.controller.exercise.planned_seconds
    fake_timers.advance(planned + 5)
    qtbot.waitUntil(lambda: breathe_page(window).session.state().status == SessionStatus.FINISHED)
    qtbot.waitUntil(lambda: sessions(window) and sessions(window)[0].status == "finished")
    row = sessions(window)[0]
    assert (row.exercise_id, row.source) == ("box", "practice")
    assert row.practised_seconds == pytest.approx(planned)


def test_a_stopped_session_keeps_the_time_breathed_and_checkpoints_run(make_window, qtbot, fake_clock):
    window = make_window()
    window.start_breathing(None)
    services = breathe_page(window).session.services
    qtbot.waitUntil(lambda: services.session_id is not None)
    fake_clock.advance(42)
    services.recording.checkpoint()
    assert sessions(window)[0].practised_seconds == pytest.approx(42)
    assert sessions(window)[0].status == "running"
    fake_clock.advance(3)
    breathe_page(window).session.escape()
    qtbot.waitUntil(lambda: sessions(window)[0].status == "stopped")
    assert sessions(window)[0].practised_seconds == pytest.approx(45)
    assert sessions(window)[0].source == "breathe"


def test_checkpoints_run_every_15_seconds_on_the_injected_timers(make_window, qtbot, fake_timers):
    window = make_window()
    window.start_breathing("box")
    services = breathe_page(window).session.services
    qtbot.waitUntil(lambda: services.session_id is not None)
    fake_timers.advance(31)
    assert sessions(window)[0].practised_seconds == pytest.approx(30)
    assert sessions(window)[0].status == "running"


def test_keep_going_is_recorded_as_running_again_and_ended_again(make_window, qtbot, fake_timers):
    window = make_window()
    window.start_breathing("box")
    session = breathe_page(window).session
    qtbot.waitUntil(lambda: session.services.session_id is not None)
    planned = session.controller.exercise.planned_seconds
    fake_timers.advance(planned + 1)
    assert sessions(window)[0].status == "finished"
    session.keep_going_button.click()
    fake_timers.advance(20)
    session.escape()
    assert sessions(window)[0].status == "finished"
    assert sessions(window)[0].practised_seconds == pytest.approx(planned + 20)


def test_cues_follow_the_breath(make_window, qtbot, fake_timers):
    """The session's cue driver plays each boundary's cue as the fake event loop reaches it.

    Its timer comes from `context.timers`, so the fake loop fires it exactly on time: nothing
    here depends on how fast the machine is.
    """
    window = make_window()
    window.context.settings = window.context.settings.with_changes(sound_enabled=True, sound_set="soft")
    from app.core.model import Exercise, Phase, PhaseKind, Stage

    gentle = Exercise("gentle", "Gentle", (Stage((Phase(PhaseKind.INHALE, 4.0), Phase(PhaseKind.EXHALE, 6.0)), cycles=2),))
    window.context.library.exercises["gentle"] = gentle
    window.start_breathing("gentle")
    services = breathe_page(window).session.services
    qtbot.waitUntil(lambda: services.cues is not None, timeout=30_000)
    player = window.context.sound_player("soft")
    assert player.cues == [Cue.INHALE]
    for advance, cues in ((4.0, [Cue.INHALE, Cue.EXHALE]), (6.0, [Cue.INHALE, Cue.EXHALE] + [Cue.INHALE]),
                          (4.0, [Cue.INHALE, Cue.EXHALE] * 2), (6.0, [Cue.INHALE, Cue.EXHALE] * 2 + [Cue.END])):
        fake_timers.advance(advance)
        assert player.cues == cues
    fake_timers.advance(30.0)
    assert not services.cues.active
    assert player.cues.count(Cue.END) == 1


def test_no_cues_when_sound_is_off(make_window, qtbot):
    window = make_window(clock=None)
    window.context.settings = window.context.settings.with_changes(sound_enabled=False)
    window.start_breathing(None)
    services = breathe_page(window).session.services
    qtbot.waitUntil(lambda: services.session_id is not None)
    assert services.cues is None


class DiskState:
    """A storage-layer switch: while `full`, every history write fails with ENOSPC/EROFS."""

    def __init__(self, code: int = errno.ENOSPC) -> None:
        self.full = True
        self.code = code

    def __call__(self, op: str) -> None:
        if self.full:
            raise OSError(self.code, "injected storage failure")


def failing_history(window, disk: DiskState):
    from app.history import ResilientHistory

    context = window.context
    context._history = ResilientHistory.open(
        context.paths,
        context.wall_clock,
        on_unavailable=context._history_unavailable,
        on_available=context._history_available,
        write_hook=disk,
    )
    return context._history


def test_breathing_goes_on_when_history_cannot_be_written(make_window, qtbot, fake_clock):
    window = make_window()
    disk = DiskState(errno.ENOSPC)
    history = failing_history(window, disk)
    window.start_breathing(None)
    qtbot.waitUntil(lambda: history.unsaved_count() == 1)
    fake_clock.advance(5)
    assert breathe_page(window).session.state().status == SessionStatus.RUNNING
    assert any("not being saved" in n.text for n in window.notices.notices())
    disk.full = False
    assert history.flush_pending()
    assert history.unsaved_count() == 0
    assert len(history.store.list_sessions()) == 1


def test_closing_with_unsaved_practice_asks_first(make_window, qtbot, fake_clock):
    from tests.gui.scripted_prompts import ScriptedPrompts

    prompts = ScriptedPrompts(answers=[False, True])
    window = make_window(prompts=lambda parent: prompts)
    disk = DiskState(errno.EROFS)
    history = failing_history(window, disk)
    window.show()
    window.start_breathing("box")
    qtbot.waitUntil(lambda: history.unsaved_count() == 1)

    def asked() -> list[int]:  # the count each question named ("1 practice record could not be saved")
        return [int(text.split(" practice record")[0]) for _title, text, _action in prompts.asked]

    window.close()
    assert asked() == [1] and window.isVisible()
    window.close()
    assert asked() == [1, 1] and not window.isVisible()
    disk.full = False


def test_only_one_session_breathes_at_a_time(make_window, qtbot, fake_clock):
    window = make_window()
    window.start_breathing("box", source="practice")
    first = breathe_page(window).session.controller
    fake_clock.advance(10)
    window.breathe_now()  # the triggered-moment flow starts its own pacer
    assert first.state().status == SessionStatus.STOPPED
    assert first.state().elapsed == pytest.approx(10)
    qtbot.waitUntil(lambda: any(row.status == "stopped" for row in sessions(window)))
