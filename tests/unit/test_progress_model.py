"""The Progress model without Qt: when it reads the history, what each screen holds, the entry
kept selected, and the questions asked before export and delete.

It runs on a real history in a temporary folder, reached through the same HistorySource the
page uses, with a fake wall clock and scripted answers.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.core.progress.figures import ProgressData, ProgressHistory
from app.core.progress.model import Changed, ProgressModel, Screen
from app.gui.progress.history_source import HistorySource
from app.history import ResilientHistory
from app.paths import DataPaths
from tests.gui.scripted_prompts import ScriptedPrompts
from tests.helpers.stubs import FakeClock

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2024, 5, 1, 12, tzinfo=UTC).timestamp()


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data")


@pytest.fixture
def history(paths: DataPaths) -> Iterator[ResilientHistory]:
    paths.root.mkdir(parents=True)
    opened = ResilientHistory.open(paths, FakeClock(NOW), UTC)
    yield opened
    opened.close()


class Reads:
    """How often the model read the first tab's figures (app.core.progress.model.load_progress)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import app.core.progress.model as model_module

        self.count = 0
        real = model_module.load_progress

        def counted(history: ProgressHistory, period: int) -> ProgressData:
            self.count += 1
            return real(history, period)

        monkeypatch.setattr(model_module, "load_progress", counted)


@pytest.fixture
def model(paths: DataPaths, history: ResilientHistory, monkeypatch) -> tuple[ProgressModel, list[Changed], Reads]:
    changes: list[Changed] = []
    reads = Reads(monkeypatch)
    return ProgressModel(HistorySource(paths, lambda: history, FakeClock(NOW)), changes.append), changes, reads


def practise(history: ResilientHistory, days_ago: float, seconds: float, name: str = "Calm exhale") -> str:
    at = NOW - days_ago * 86400
    sid = history.begin_session("calm-exhale", name, seconds, "practice", at=at)
    history.end_session(sid, seconds, "finished", at=at + seconds)
    return sid


def test_an_empty_history_invites_and_a_session_shows_figures(model, history):
    progress, changes, _reads = model
    progress.refresh()
    assert progress.screen is Screen.EMPTY and progress.entries == ()
    practise(history, 0, 150)
    progress.refresh()
    assert progress.screen is Screen.FIGURES
    assert Changed.SCREEN | Changed.PRACTICE | Changed.ENTRIES in changes[-1]
    assert progress.practice.summary == "You practised on 1 day in the last 30 days, 2 min 30 s in all."
    assert progress.practice.minutes[-1] == pytest.approx(2.5) and len(progress.practice.days) == 30
    assert progress.practice.rows[-1][1] == "2.5"


def test_an_unchanged_history_is_not_read_again_but_a_new_period_is(model, history):
    progress, changes, reads = model
    practise(history, 0, 60)
    progress.refresh()
    progress.refresh()
    assert reads.count == 1 and changes[-1] == Changed.NOTHING
    progress.set_period(90)
    assert reads.count == 2 and Changed.PERIOD in changes[-1] and len(progress.practice.days) == 90
    progress.set_period(90)
    assert reads.count == 2
    practise(history, 1, 60)
    progress.refresh()
    assert reads.count == 3
    with pytest.raises(ValueError, match="30, 90, 365"):
        progress.set_period(7)


def test_an_unreadable_history_is_a_screen_and_the_next_look_tries_again(paths, history):
    failing = [True]

    def flaky() -> ResilientHistory:
        if failing[0]:
            raise OSError(5, "Input/output error")
        return history

    practise(history, 0, 60)
    progress = ProgressModel(HistorySource(paths, flaky, FakeClock(NOW)), lambda _c: None)
    progress.refresh()
    assert progress.screen is Screen.UNREADABLE
    failing[0] = False
    progress.refresh()
    assert progress.screen is Screen.FIGURES

    closed = ResilientHistory(lambda: (_ for _ in ()).throw(OSError(30, "Read-only file system")), FakeClock(NOW))
    progress = ProgressModel(HistorySource(paths, lambda: closed, FakeClock(NOW)), lambda _c: None)
    progress.refresh()
    assert progress.screen is Screen.UNREADABLE


def test_moment_figures_are_read_only_while_the_tab_is_looked_at(model, history):
    progress, changes, _reads = model
    sid = practise(history, 1, 300)
    history.record_moment(session_id=sid, distress_before=8, distress_after=5, trigger="Slow reply", at=NOW - 86400)
    progress.refresh()
    assert progress.moments is None
    progress.look_at_moments(True)
    assert changes[-1] == Changed.MOMENTS
    assert progress.moments.summary.startswith("1 hard moment in the last 30 days.")
    assert progress.moments.pairs[0][1:] == (8, 5) and progress.moments.distress_rows[0][1:] == (8, 5, 3)
    assert [r.spec.key for r in progress.moments.rankings] == ["exercises", "anchors", "triggers", "signals"]
    progress.look_at_moments(True)
    assert changes[-1] == Changed.NOTHING, "the same figures are not read twice"


def test_the_selected_entry_stays_selected_until_it_is_deleted(model, history):
    progress, changes, _reads = model
    keep = practise(history, 1, 300)
    gone = practise(history, 0, 120)
    progress.refresh()
    assert not progress.can_delete
    progress.select(0)
    assert progress.selected.id == gone and changes[-1] == Changed.SELECTION
    practise(history, 2, 60)
    progress.refresh()
    assert progress.selected.id == gone and progress.selected_index == 0

    prompts = ScriptedPrompts(answers=[False, True])
    assert progress.delete_selected(prompts).text == "", "Keep it keeps it"
    assert prompts.asked[0][0] == "Delete this practice session?"
    outcome = progress.delete_selected(prompts)
    assert outcome.changed and outcome.text.startswith("Deleted: ") and outcome.key == "progress-delete"
    assert [s.id for s in history.list_sessions()] != [] and gone not in {s.id for s in history.list_sessions()}
    assert progress.selected is None and keep in {e.id for e in progress.entries}
    progress.select(-1)
    nothing_asked = ScriptedPrompts()
    assert not progress.can_delete and progress.delete_selected(nothing_asked).text == ""
    assert nothing_asked.asked == []


def test_delete_all_deletes_nothing_unless_the_copy_it_was_asked_for_is_made(model, history, tmp_path):
    progress, _changes, _reads = model
    practise(history, 0, 120)
    progress.refresh()
    outcome = progress.delete_all(ScriptedPrompts(choices=["backup"], save_names=[str(tmp_path / "no" / "copy.db")]))
    assert outcome.level == "warning" and "Nothing was deleted: the copy could not be written" in outcome.text
    assert len(history.list_sessions()) == 1
    copy = tmp_path / "copy.db"
    prompts = ScriptedPrompts(choices=["backup", "delete"], save_names=[str(copy)])
    outcome = progress.delete_all(prompts)
    assert "1 practice session" in prompts.asked[0][1] and f"A copy is saved in {copy}" in prompts.asked[2][1]
    assert copy.is_file() and history.list_sessions() == []
    # Opening the history made today's daily copy (app.history.backup.DailyCopy): it goes too.
    assert outcome.text == f"Your history and 1 daily copy have been deleted. Your copy is in {copy}."
    assert progress.screen is Screen.EMPTY


def test_export_asks_where_and_says_where_it_went(model, history, tmp_path):
    progress, _changes, _reads = model
    practise(history, 0, 60)
    progress.refresh()
    prompts = ScriptedPrompts(save_names=[None, str(tmp_path / "mine")])
    assert progress.export(prompts).text == ""
    assert prompts.asked[0][1].endswith("steady-history-2024-05-01.csv")
    outcome = progress.export(prompts)
    assert outcome.text == f"Your history is saved as CSV in {tmp_path / 'mine.csv'}." and not outcome.changed
    assert (tmp_path / "mine.csv").read_text(encoding="utf-8").startswith("record,")


def test_the_model_imports_nothing_above_app_core():
    """app.core is the lowest layer: the model reaches app.history only through its source."""
    code = ("import sys, app.core.progress.model, app.core.progress.words;"
            " print(sorted({m.split('.')[1] for m in sys.modules if m.startswith('app.') and m.count('.') >= 1}))")
    done = subprocess.run([sys.executable, "-c", code], check=False, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "['core']", done.stderr
