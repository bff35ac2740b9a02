"""What the flow-run tests share: a run on a real history in a temporary folder, with a fake breathing session.

FakeBreathing stands for the flow's breathing step (app.gui.moment.breathe_step.BreatheStep, the
real counterpart, exercised with a real pacer in tests/gui/test_moment_flow.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC
from pathlib import Path

from app.core.flow import Flow
from app.core.flow_files import load_flow
from app.core.history_records import MomentRow
from app.core.moment.record import MomentRecord
from app.core.moment.run import FlowRun, FlowSetup
from app.history import HistoryStore
from tests.helpers.stubs import FakeClock, FakeTimers

GROUNDING_PROMPTS = 3


class FakeBreathing:
    """A breathing session that runs until stopped; grounding pages through three prompts."""

    def __init__(self, breathing: bool = True) -> None:
        self.breathing = breathing
        self.stopped = False
        #: The grounding prompt shown, or None while the pacer shows.
        self.grounding: int | None = None

    def stop(self) -> None:
        self.stopped = True
        self.breathing = False

    def show_grounding(self) -> None:
        self.breathing = False
        self.grounding = 0

    def advance(self) -> bool:
        if self.grounding is None:
            return False
        self.grounding = self.grounding + 1 if self.grounding < GROUNDING_PROMPTS - 1 else None
        return True

    def retreat(self) -> bool:
        if self.grounding is None:
            return False
        self.grounding = self.grounding - 1 if self.grounding > 0 else None
        return True


class Moment:
    """A run with everything it touches, for one test."""

    def __init__(self, tmp_path: Path, history: HistoryStore, flow: Flow | None = None, breathing: bool = True) -> None:
        self.tmp_path = tmp_path
        self.history = history
        self.wall = FakeClock(1_715_000_000.0)
        self.timers = FakeTimers(FakeClock(5000.0))
        self.breath = FakeBreathing(breathing)
        self.checkins: list[int] = []
        self.record = MomentRecord(lambda: history)
        setup = FlowSetup(
            anchors_dir=tmp_path / "anchors",
            flows_dir=tmp_path / "flows",
            wall_clock=self.wall,
            timers=self.timers,
            draft_minutes=lambda: 20,
            schedule_checkin=self._checkin,
        )
        self.run = FlowRun(flow or load_flow(tmp_path / "flows").flow, self.record, self.breath, setup)

    def _checkin(self, minutes: int) -> str:
        self.checkins.append(minutes)
        return f"in {minutes} minutes"

    def saved(self) -> MomentRow:
        """The one moment in the history."""
        (moment,) = self.history.list_moments()
        return moment

    def walk_to(self, step: str) -> None:
        while self.run.current != step:
            self.run.skip()


@contextmanager
def open_moment(tmp_path: Path, flow: Flow | None = None, breathing: bool = True) -> Iterator[Moment]:
    """A run on a history of its own in `tmp_path` (closed afterwards)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    store = HistoryStore(tmp_path / "history.db", FakeClock(1_715_000_000.0), UTC)
    try:
        yield Moment(tmp_path, store, flow, breathing)
    finally:
        store.close()
