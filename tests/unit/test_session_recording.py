"""The history record of a session run, without Qt or SQLite: when it begins, checkpoints, and ends.

The history here is a recorder with the three methods a session writes; the real one
(app.history.ResilientHistory) is exercised by tests/gui/test_session_services.py.
"""

from __future__ import annotations

import pytest

from app.core.engine import SessionStatus
from app.core.model import Exercise, Phase, PhaseKind, Stage
from app.core.session.recording import CHECKPOINT_MS, SessionRecording
from app.core.session.run import SessionRun
from tests.helpers.stubs import FakeClock, FakeTimers


class RecordedHistory:
    """Writes kept as (operation, session id, seconds, status or planned seconds, at)."""

    def __init__(self) -> None:
        self.writes: list[tuple[object, ...]] = []
        self.opened = 0
        #: End writes fail as a programming error would (a status the history does not know).
        self.end_status_override: str | None = None

    def begin_session(self, exercise_id: str, exercise_name: str, planned_seconds: float, source: str, *, at: float) -> str:
        self.writes.append(("begin", exercise_id, source, planned_seconds, at))
        return "s1"

    def checkpoint(self, session_id: str, practised_seconds: float) -> None:
        self.writes.append(("checkpoint", session_id, round(practised_seconds, 6)))

    def end_session(self, session_id: str, practised_seconds: float, status: str) -> None:
        status = self.end_status_override or status
        if status not in ("finished", "stopped"):
            raise ValueError(status)
        self.writes.append(("end", session_id, round(practised_seconds, 6), status))


def in4_out6(cycles: int = 3) -> Exercise:
    phases = (Phase(PhaseKind.INHALE, 4.0), Phase(PhaseKind.EXHALE, 6.0))
    return Exercise(id="calm", name="Calm", stages=(Stage(phases=phases, cycles=cycles),))


class Rig:
    def __init__(self) -> None:
        self.loop = FakeTimers()
        self.wall = FakeClock(1_700_000_000.0)
        self.history = RecordedHistory()
        self.run = SessionRun(in4_out6(), self.loop.clock, self.loop)
        self.events: list[str] = []
        self.recording = SessionRecording(
            self.run,
            self.open_history,
            self.wall,
            self.loop,
            "practice",
            on_begin=lambda: self.events.append("begin"),
            on_recorded=lambda sid: self.events.append(f"recorded {sid}"),
        )

    def open_history(self) -> RecordedHistory:
        self.history.opened += 1
        return self.history

    def last_write(self) -> tuple[object, ...]:
        return self.history.writes[-1]

    def advance(self, seconds: float) -> None:
        self.wall.advance(seconds)
        self.loop.advance(seconds)


@pytest.fixture
def rig() -> Rig:
    return Rig()


def test_nothing_is_written_before_the_first_frame(rig: Rig) -> None:
    rig.run.start()
    rig.advance(20)
    assert rig.history.opened == 0 and rig.history.writes == []
    rig.recording.first_frame()
    assert rig.events == ["begin", "recorded s1"], "cues start before the history opens"
    assert rig.history.writes[0] == ("begin", "calm", "practice", 30.0, 1_700_000_000.0), "begun when it started"
    assert rig.recording.session_id == "s1"


def test_checkpoints_every_15_seconds_on_the_injected_timer(rig: Rig) -> None:
    assert CHECKPOINT_MS == 15_000
    rig.run.start()
    rig.recording.first_frame()
    rig.advance(29)
    assert [w for w in rig.history.writes if w[0] == "checkpoint"] == [("checkpoint", "s1", 15.0)]
    rig.advance(1)
    assert rig.history.writes[-1][0] == "end", "the planned end is reached at 30 s"
    assert rig.history.writes[-1] == ("end", "s1", 30.0, "finished")
    rig.advance(60)
    assert rig.history.writes[-1] == ("end", "s1", 30.0, "finished"), "no checkpoint after the end"
    assert not rig.recording.checkpoints.is_active()


def test_a_stopped_session_is_ended_with_the_time_breathed(rig: Rig) -> None:
    rig.run.start()
    rig.recording.first_frame()
    rig.advance(12)
    rig.run.stop()
    assert rig.history.writes[-1] == ("end", "s1", 12.0, "stopped")


def test_a_session_stopped_before_its_first_frame_is_begun_and_ended_then(rig: Rig) -> None:
    rig.run.start()
    rig.advance(3)
    rig.run.stop()
    assert rig.history.writes == []
    rig.recording.first_frame()
    assert [w[0] for w in rig.history.writes] == ["begin", "end"]
    assert rig.history.writes[-1] == ("end", "s1", 3.0, "stopped")


def test_a_session_behind_its_caution_is_begun_when_the_user_begins(rig: Rig) -> None:
    rig.recording.first_frame()
    rig.advance(40)  # reading the caution
    assert rig.history.writes == [] and rig.events == []
    rig.run.start()
    assert rig.events == ["begin", "recorded s1"]
    assert rig.history.writes[0][-1] == 1_700_000_040.0, "begun when the user began"


def test_keep_going_records_it_as_running_again_and_ends_it_again(rig: Rig) -> None:
    rig.run.start()
    rig.recording.first_frame()
    rig.advance(30)
    assert rig.last_write() == ("end", "s1", 30.0, "finished")
    rig.run.keep_going()
    assert rig.recording.checkpoints.is_active()
    rig.advance(15)
    assert rig.last_write() == ("checkpoint", "s1", 45.0)
    rig.run.finish_now()
    assert rig.last_write() == ("end", "s1", 45.0, "finished")


def test_a_history_that_refuses_the_end_does_not_stop_the_practice(rig: Rig, caplog: pytest.LogCaptureFixture) -> None:
    rig.history.end_status_override = "abandoned"
    rig.run.start()
    rig.recording.first_frame()
    rig.run.stop()
    assert rig.run.state().status == SessionStatus.STOPPED
    assert "could not record the end of session s1" in caplog.text
