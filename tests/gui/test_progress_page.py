"""The Progress page as a user meets it: practise, see it, switch periods, read it as a table,
export it, delete one entry or everything, and see what eases hard moments."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.core.progress.words import day_label
from app.gui.services import dialog_prompts
from app.gui.theme import dark_palette, light_palette
from app.history import ResilientHistory
from app.history.timefmt import local_date
from tests.gui.conftest import activate, breathe_page
from tests.gui.scripted_prompts import ScriptedPrompts, type_file_name, when_shown
from tests.helpers.stubs import FakeClock

ROOT = Path(__file__).resolve().parents[2]
#: Noon UTC on 1 May 2024: far from midnight in any zone a test machine is likely to use.
NOW = datetime(2024, 5, 1, 12, tzinfo=UTC).timestamp()
SHAME = ("broke", "broken", "missed", "fail", "lost your", "should have", "streak")


class Answers:
    """The prompts factory of a test's window: every question goes to `script`, which a test
    sets before it acts (or real dialogs, for the tests that answer them)."""

    def __init__(self) -> None:
        self.script = ScriptedPrompts()

    def __call__(self, parent: object) -> ScriptedPrompts:
        return self.script


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def steady(make_window, answers):
    """A window whose wall clock (and so "today" in the history) is fixed at NOW, asking
    its questions through `answers` (or through real dialogs)."""

    def make(real_dialogs: bool = False):
        return make_window(wall_clock=FakeClock(NOW), prompts=dialog_prompts if real_dialogs else answers)

    return make


def progress(window):
    window.show()
    assert window.show_page("progress")
    return window.page("progress")


def practise(history, days_ago: float, seconds: float, exercise=("calm-exhale", "Calm exhale")) -> str:
    at = NOW - days_ago * 86400
    sid = history.begin_session(exercise[0], exercise[1], seconds, "practice", at=at)
    history.end_session(sid, seconds, "finished", at=at + seconds)
    return sid


def today(history) -> date:
    return local_date(NOW, history.tz)


def notice_texts(window) -> str:
    return "\n".join(banner.text for banner in window.notices.notices())


def choose_period(page, days: int) -> None:
    """Pick "Last N days" in the period box, as a user does."""
    page.period.setCurrentIndex(page.period.findData(days))


def shown_rows(table) -> list[tuple[str, ...]]:
    """Every row of a table as it is shown."""
    model = table.model()
    return [tuple(model.data(model.index(row, column)) for column in range(model.columnCount()))
            for row in range(model.rowCount())]


# -- empty state, then practice ------------------------------------------------------------------
def test_empty_state_invites_a_first_session_then_shows_it(make_window, qtbot, fake_timers):
    window = make_window()
    page = progress(window)
    assert page.states.currentWidget() is page.empty
    assert page.empty_breathe.isVisible()
    assert not page.export_button.isVisible(), "nothing to export or switch in the empty state"
    assert "pyqtgraph" in sys.modules

    window.start_breathing("box")
    session = breathe_page(window).session
    fake_timers.advance(session.controller.exercise.planned_seconds + 1)
    qtbot.waitUntil(lambda: session.keep_going_button.isVisible())
    history = window.context.history
    qtbot.waitUntil(lambda: [s.status for s in history.list_sessions()] == ["finished"])
    practised = history.list_sessions()[0].practised_seconds

    window.show_page("progress")
    assert page.states.currentWidget() is page.tabs
    assert page.export_button.isVisible()
    heights = page.minutes_plot.bar_heights()
    assert len(heights) == 30
    assert heights[-1] == pytest.approx(practised / 60, abs=0.001)
    assert sum(heights[:-1]) == 0
    assert page.practice_summary.text().startswith("You practised on 1 day in the last 30 days")
    assert page.streak_summary.text() == "You practised today. Longest run: 1 day."
    assert page.entries.count() == 1
    assert "Practice: Box" in page.entries.item(0).text()


def test_breathe_now_in_the_empty_state_starts_breathing(make_window, qtbot, monkeypatch):
    window = make_window()
    page = progress(window)
    calls = []
    with monkeypatch.context() as patch:
        patch.setattr(window, "breathe_now", lambda: calls.append("breathe now"))
        qtbot.mouseClick(page.empty_breathe, Qt.MouseButton.LeftButton)
    assert calls == ["breathe now"], "the same Breathe now as the side bar and Ctrl+B"
    qtbot.mouseClick(page.empty_breathe, Qt.MouseButton.LeftButton)
    assert window.current_page_key() != "progress"


def test_an_unreadable_history_shows_a_plain_message(make_window):
    window = make_window()

    def refuse():
        raise OSError(30, "Read-only file system")

    window.context._history = ResilientHistory(refuse, FakeClock(NOW))
    page = progress(window)
    assert page.states.currentWidget() is page.unavailable
    assert "can't be read right now" in page.unavailable_label.text()


def test_a_history_that_raises_is_a_message_not_a_crash(make_window, monkeypatch):
    window = make_window()
    monkeypatch.setattr(type(window.context), "history", property(lambda self: 1 / 0))
    page = progress(window)
    assert page.states.currentWidget() is page.unavailable


# -- periods, tables, hover ------------------------------------------------------------------------
def test_30_90_365_days_and_the_table_holds_the_same_numbers(steady):
    window = steady()
    history = window.context.history
    practise(history, 0, 300)
    practise(history, 0, 90)
    practise(history, 40, 600)
    practise(history, 200, 120)
    practise(history, 400, 60)
    page = progress(window)

    expected = {30: (1, 6.5), 90: (2, 16.5), 365: (3, 18.5)}
    for days in (30, 365, 30, 90):
        choose_period(page, days)
        heights = page.minutes_plot.bar_heights()
        assert len(heights) == days
        assert page.minutes_plot.days[-1] == today(history)
        assert (sum(1 for h in heights if h), sum(heights)) == pytest.approx(expected[days])
        rows = shown_rows(page.minutes_table)
        assert [row[0] for row in rows] == [day_label(d) for d in page.minutes_plot.days]
        assert [float(row[1]) for row in rows] == pytest.approx(heights, abs=0.05)
        assert page.practice_summary.text().startswith(
            f"You practised on {expected[days][0]} day{'s' if expected[days][0] > 1 else ''} in the last {days} days")
    assert page.minutes_plot.bar_heights()[-1] == pytest.approx(6.5)
    assert page.minutes_plot.bar_heights()[-41] == pytest.approx(10.0)


def test_show_as_table_swaps_the_charts_for_accessible_tables(steady, qtbot):
    window = steady()
    practise(window.context.history, 1, 150)
    page = progress(window)
    assert page.minutes_views.currentWidget() is page.minutes_plot
    page.as_table.click()
    assert page.minutes_views.currentWidget() is page.minutes_table
    assert page.minutes_table.accessibleName() == "Minutes practised each day"
    model = page.minutes_table.model()
    yesterday = model.index(model.rowCount() - 2, 1)
    assert model.data(yesterday) == "2.5"
    assert model.data(yesterday, Qt.ItemDataRole.AccessibleTextRole) == "Minutes: 2.5"
    page.as_table.click()
    assert page.minutes_views.currentWidget() is page.minutes_plot


def test_hovering_a_bar_tells_its_day_and_minutes(steady, qtbot):
    window = steady()
    practise(window.context.history, 0, 300)
    page = progress(window)
    qtbot.waitExposed(window)
    plot = page.minutes_plot
    box = plot.getPlotItem().getViewBox()
    scene_point = box.mapViewToScene(QPointF(29, 1))
    with qtbot.waitSignal(plot.hovered) as hovered:
        plot.scene().sigMouseMoved.emit(scene_point)
    expected = f"{day_label(today(window.context.history))}: 5 min"
    assert hovered.args == [expected]
    assert box.toolTip() == expected
    plot.scene().sigMouseMoved.emit(QPointF(-50, -50))
    assert plot.hover_text == ""


def test_streaks_are_told_kindly(steady):
    window = steady()
    history = window.context.history
    for days_ago in (9, 8, 7, 6, 5, 2, 1):
        practise(history, days_ago, 120)
    page = progress(window)
    assert page.streak_summary.text() == "Current run: 2 days. Longest run: 5 days."
    for text in (page.streak_summary.text(), page.practice_summary.text()):
        assert not any(word in text.lower() for word in SHAME)


def test_the_page_refreshes_when_shown_after_the_history_changed(steady, monkeypatch):
    window = steady()
    history = window.context.history
    practise(history, 0, 60)
    page = progress(window)
    import app.core.progress.model as model_module

    loads = []
    real = model_module.load_progress
    monkeypatch.setattr(model_module, "load_progress", lambda h, p: loads.append(p) or real(h, p))
    window.show_page("breathe")
    window.show_page("progress")
    assert loads == [], "an unchanged history is not read again"
    window.show_page("breathe")
    practise(history, 0, 120)
    window.show_page("progress")
    assert loads == [30]
    assert page.minutes_plot.bar_heights()[-1] == pytest.approx(3.0)


def test_plots_follow_the_light_and_dark_theme(steady, qtbot):
    window = steady()
    practise(window.context.history, 0, 60)
    page = progress(window)
    highlight = light_palette().color(light_palette().ColorRole.Highlight)
    assert page.minutes_plot._bars.opts["brush"].color() == highlight
    window.context.update_settings(theme="dark")
    dark = dark_palette()
    qtbot.waitUntil(lambda: page.minutes_plot._bars.opts["brush"].color() == dark.color(dark.ColorRole.Highlight))
    assert page.minutes_plot.backgroundBrush().color() == dark.color(dark.ColorRole.Window)


# -- moments ---------------------------------------------------------------------------------------
def test_moment_statistics_appear_when_moments_exist(steady):
    window = steady()
    history = window.context.history
    page = progress(window)
    assert page.states.currentWidget() is page.empty
    calm = practise(history, 3, 300, ("calm-exhale", "Calm exhale"))
    sigh = practise(history, 2, 300, ("cyclic-sigh", "Cyclic sighing"))
    for sid, before, after, trigger, at in ((calm, 8, 6, "Slow reply", 3), (sigh, 9, 3, "slow reply ", 2),
                                            (None, 7, None, "Plans changed", 1)):
        history.record_moment(session_id=sid, distress_before=before, distress_after=after, trigger=trigger,
                              signals=["Tight chest", "Urge to text"] if after else ["Tight chest"],
                              anchors=[{"id": "worth", "text": "My worth does not depend on a reply."}],
                              at=NOW - at * 86400)
    window.show_page("breathe")
    window.show_page("progress")
    page.tabs.setCurrentIndex(1)
    assert page.moments_summary.text() == (
        "3 hard moments in the last 30 days; you rated 2 before and after. "
        "On average your distress eased by 4.0 points out of 10.")
    assert not page.moments_empty.isVisible()
    assert [(b, a) for _d, b, a in page.distress_plot.pairs] == [(8, 6), (9, 3)]
    assert [row[1:] for row in shown_rows(page.distress_table)] == [("8", "6", "2"), ("9", "3", "6")]
    ranks = {key: shown_rows(table) for key, (_h, table) in page.rankings.items()}
    assert ranks["exercises"] == [("Cyclic sighing", "1", "6.0"), ("Calm exhale", "1", "2.0")]
    assert ranks["anchors"] == [("My worth does not depend on a reply.", "2", "4.0")]
    assert ranks["triggers"][0] == ("Slow reply", "2")
    assert ranks["signals"] == [("Tight chest", "3"), ("Urge to text", "2")]
    assert any("Hard moment, distress 9 to 3, slow reply" in page.entries.item(i).text()
               for i in range(page.entries.count()))


def test_without_moments_the_moments_tab_explains_itself(steady):
    window = steady()
    practise(window.context.history, 0, 60)
    page = progress(window)
    page.tabs.setCurrentIndex(1)
    assert page.moments_empty.isVisible()
    assert not page.distress_views.isVisible()
    assert all(not table.isVisible() for _h, table in page.rankings.values())


# -- delete ----------------------------------------------------------------------------------------
def test_delete_one_entry_only_after_confirming(steady, answers):
    window = steady()
    history = window.context.history
    keep = practise(history, 1, 300)
    gone = practise(history, 0, 120)
    page = progress(window)
    page.tabs.setCurrentIndex(2)
    answers.script = ScriptedPrompts(answers=[False, True])
    assert not page.delete_button.isEnabled(), "nothing selected yet"
    page.entries.setCurrentRow(0)
    assert page.model.selected.id == gone

    page.delete_button.click()
    assert {s.id for s in history.list_sessions()} == {keep, gone}, "Keep it keeps it"
    assert "Practice: Calm exhale, 2 min" in answers.script.asked[0][1]

    page.delete_button.click()
    assert [s.id for s in history.list_sessions()] == [keep]
    assert page.entries.count() == 1
    assert page.minutes_plot.bar_heights()[-1] == 0
    assert "Deleted:" in notice_texts(window)


def test_delete_key_asks_through_a_real_dialog(steady, qtbot):
    window = steady(real_dialogs=True)
    history = window.context.history
    practise(history, 0, 120)
    moment = history.record_moment(distress_before=7, distress_after=4, at=NOW + 60)
    page = progress(window)
    page.tabs.setCurrentIndex(2)
    page.entries.setCurrentRow(0)
    assert page.model.selected.id == moment
    answered = []

    def answer(tries: int = 100) -> None:
        box = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()), None)
        if box is None:  # not open yet: look again on a later turn of the event loop
            if tries:
                QTimer.singleShot(10, lambda: answer(tries - 1))
            return
        answered.append(box.text())
        assert box.defaultButton().text() == "Keep it"
        next(b for b in box.buttons() if b.text() == "Delete").click()

    activate(qtbot, window)
    page.entries.setFocus()
    QTimer.singleShot(0, answer)
    qtbot.keyClick(page.entries, Qt.Key.Key_Delete)
    assert answered and "Delete this moment?" in answered[0]
    assert history.list_moments() == []
    assert len(history.list_sessions()) == 1


def test_delete_all_names_what_goes_and_can_save_a_copy_first(steady, answers, tmp_path, qtbot):
    window = steady()
    history = window.context.history
    practise(history, 1, 300)
    practise(history, 0, 120)
    history.record_moment(distress_before=6, distress_after=3, at=NOW)
    backups = window.context.paths.backups
    # Today's copy, made by the app on a worker thread when the history was first opened.
    qtbot.waitUntil(lambda: list(backups.glob("history-*.db")) != [], timeout=60_000)
    copy = tmp_path / "my-copy.db"
    page = progress(window)
    answers.script = ScriptedPrompts(choices=["backup", "delete"], save_names=[str(copy)])

    page.delete_all_button.click()
    first = answers.script.asked[0][1]
    assert "2 practice sessions and 1 hard moment" in first
    assert f"the 1 daily copy Steady keeps in {backups}" in first
    assert "cannot be undone" in first
    assert f"A copy is saved in {copy}" in answers.script.asked[2][1]
    with sqlite3.connect(copy) as saved:
        assert saved.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2
    assert history.list_sessions() == [] and history.list_moments() == []
    assert list(backups.glob("history-*.db")) == []
    assert page.states.currentWidget() is page.empty
    assert "Your history and 1 daily copy have been deleted" in notice_texts(window)


def test_delete_all_cancelled_or_copy_failed_deletes_nothing(steady, answers, tmp_path):
    window = steady()
    history = window.context.history
    practise(history, 0, 120)
    page = progress(window)
    answers.script = ScriptedPrompts(choices=["cancel"])
    page.delete_all_button.click()
    assert len(history.list_sessions()) == 1

    answers.script = ScriptedPrompts(choices=["backup"], save_names=[str(tmp_path / "no-such-folder" / "copy.db")])
    page.delete_all_button.click()
    assert len(history.list_sessions()) == 1
    assert "Nothing was deleted: the copy could not be written" in notice_texts(window)

    answers.script = ScriptedPrompts(choices=["backup"], save_names=[str(window.context.paths.history)])
    page.delete_all_button.click()
    assert len(history.list_sessions()) == 1
    assert "cannot be saved over the history itself" in notice_texts(window)

    answers.script = ScriptedPrompts(choices=["backup"], save_names=[None])
    page.delete_all_button.click()
    assert len(history.list_sessions()) == 1


# -- export ----------------------------------------------------------------------------------------
def test_export_csv_through_the_button(steady, answers, tmp_path):
    window = steady()
    history = window.context.history
    sid = practise(history, 0, 300, ("box", "Box breathing"))
    history.record_moment(session_id=sid, distress_before=8, distress_after=5, trigger="Slow reply", at=NOW)
    page = progress(window)
    answers.script = ScriptedPrompts(save_names=[str(tmp_path / "mine.csv")])
    page.export_button.click()
    assert answers.script.asked[0][1].endswith(f"steady-history-{today(history).isoformat()}.csv")
    target = tmp_path / "mine.csv"
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["record"], r["exercise_id"], r["practised_seconds"]) for r in rows if r["record"] == "session"] == [
        ("session", "box", "300.0")]
    moment = next(r for r in rows if r["record"] == "moment")
    assert (moment["session_id"], moment["distress_before"], moment["trigger"]) == (sid, "8", "Slow reply")
    assert f"saved as CSV in {target}" in notice_texts(window)


def test_export_json_adds_the_extension_and_failures_are_told(steady, answers, tmp_path):
    window = steady()
    practise(window.context.history, 0, 60)
    page = progress(window)
    answers.script = ScriptedPrompts(save_names=[(str(tmp_path / "mine"), "JSON"), str(tmp_path / "missing" / "x.csv"), None])
    page.export_button.click()
    data = json.loads((tmp_path / "mine.json").read_text(encoding="utf-8"))
    assert data["format"] == "steady-history" and len(data["sessions"]) == 1
    page.export_button.click()
    assert f"could not be exported: the folder {tmp_path / 'missing'} does not exist" in notice_texts(window)
    before = notice_texts(window)
    page.export_button.click()  # cancelled: nothing happens
    assert notice_texts(window) == before


def test_export_never_replaces_a_file_without_asking_about_that_very_file(steady, tmp_path, monkeypatch):
    """Typing "history" where history.csv exists: the real save dialog asks about history.csv
    before anything is written (it used to add ".csv" after the dialog, and overwrite)."""
    window = steady(real_dialogs=True)
    practise(window.context.history, 0, 60)
    page = progress(window)
    existing = tmp_path / "history.csv"
    existing.write_text("my own spreadsheet\n", encoding="utf-8")
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path))
    seen: list[str] = []
    when_shown(QFileDialog, lambda dialog: type_file_name(dialog, "history", replace=False, seen=seen))
    page.export_button.click()
    assert len(seen) == 1 and "history.csv already exists" in seen[0]
    assert existing.read_text(encoding="utf-8") == "my own spreadsheet\n"
    when_shown(QFileDialog, lambda dialog: type_file_name(dialog, "history", replace=True))
    page.export_button.click()
    assert existing.read_text(encoding="utf-8").startswith("record,")
    assert f"saved as CSV in {existing}" in notice_texts(window)


# -- start-up cost ---------------------------------------------------------------------------------
def test_pyqtgraph_is_imported_only_when_progress_opens(tmp_path):
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from app.core.library import load_library\n"
        "from app.gui.application import build_window\n"
        "from app.paths import DataPaths\n"
        f"paths = DataPaths(Path({str(tmp_path / 'data')!r}))\n"
        "window = build_window(paths, load_library(paths.exercises), app)\n"
        "window.show(); app.processEvents()\n"
        "window.show_page('settings'); window.show_page('breathe'); app.processEvents()\n"
        "print('before', 'pyqtgraph' in sys.modules, 'app.gui.progress.page' in sys.modules)\n"
        "window.show_page('progress'); app.processEvents()\n"
        "print('after', 'pyqtgraph' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["before False False", "after True"]
