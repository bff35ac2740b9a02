"""The Patterns page as a user meets it: make, preview, save, edit by hand, import, delete."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.core.engine import SessionStatus
from app.core.exercise_schema import (
    CYCLES_MAX,
    CYCLES_MIN,
    MINUTES_MAX,
    MINUTES_MIN,
    PHASE_SECONDS_BOUNDS,
    TOTAL_MINUTES_MAX,
    exercise_from_yaml,
    exercise_to_yaml,
)
from app.core.library import load_exercise_file
from app.core.model import Exercise, Phase, PhaseKind, Stage
from app.core.patterns.draft import Draft
from app.core.patterns.selection import BrokenFile, SavedPattern
from app.gui.patterns import preview, watcher
from app.gui.patterns.watcher import ExerciseFolderWatcher
from app.gui.prompts import DialogPrompts
from app.gui.services import dialog_prompts
from tests.gui.conftest import activate, breathe_page
from tests.gui.scripted_prompts import ScriptedPrompts, type_file_name, when_shown
from tests.helpers.pattern_strategies import exercises, stages

ROOT = Path(__file__).resolve().parents[2]


def open_patterns(window):
    window.show()
    assert window.show_page("patterns")
    page = window.page("patterns")
    assert isinstance(page.prompts, ScriptedPrompts), "make_window's prompts answer every question"
    return page


def retype(qtbot, line, text: str) -> None:
    """Replace a line edit's text by typing, as a user would (so the form sees the edit)."""
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)


def user_file(data_paths, name: str, text: str) -> Path:
    """A pattern file the user wrote in their exercises folder before starting Steady."""
    data_paths.exercises.mkdir(parents=True, exist_ok=True)
    path = data_paths.exercises / name
    path.write_text(text)
    return path


def chooser_labels(page) -> list[str]:
    return [page.chooser.itemText(i) for i in range(page.chooser.count())]


def set_seconds(qtbot, row, value: str) -> None:
    line = row.seconds.lineEdit()
    row.seconds.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, value)


def watcher_of(window) -> ExerciseFolderWatcher:
    return window.findChild(ExerciseFolderWatcher, "patternsWatcher")


def after_disk_change(qtbot, fake_timers, condition) -> None:
    """Wait for the folder watcher to see a change (a real file-system event) and reload once
    its pause has passed on the fake clock: each look moves fake time on by that pause."""

    def settled() -> bool:
        fake_timers.advance(watcher.DEBOUNCE_MS / 1000)
        return condition()

    qtbot.waitUntil(settled, timeout=10_000)


def let_the_preview_catch_up(fake_timers) -> None:
    """Typing has paused: the preview's restart timer fires on the fake clock."""
    fake_timers.advance(preview.DEBOUNCE_MS / 1000)


# -- the "done when" --------------------------------------------------------------


def test_new_user_makes_4_in_7_out_sees_it_run_finds_the_file_edits_it_and_sees_the_change(make_window, qtbot, data_paths, fake_clock, fake_timers):
    window = make_window()
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "patterns"
    page = window.page("patterns")

    page.new_button.click()
    assert page.editor.name.hasFocus()
    qtbot.keyClicks(page.editor.name, "4 in, 7 out")
    assert page.editor.file_id.text() == "4-in-7-out"
    stage = page.editor.stages[0]
    inhale, exhale = stage.phases.rows
    assert inhale.kind.currentData() == PhaseKind.INHALE and exhale.kind.currentData() == PhaseKind.EXHALE
    set_seconds(qtbot, inhale, "4")
    set_seconds(qtbot, exhale, "7")
    assert stage.unit.currentText() == "minutes"
    stage.minutes.setFocus()
    stage.minutes.lineEdit().selectAll()
    qtbot.keyClicks(stage.minutes.lineEdit(), "5")

    # the preview runs the edited pattern once typing pauses, with its pace, ratio and length
    assert page.preview.exercise.stages[0].phases[-1].seconds != 7.0, "not while typing"
    let_the_preview_catch_up(fake_timers)
    assert page.preview.exercise is not None and page.preview.exercise.stages[0].phases[-1].seconds == 7.0
    assert page.preview.controller is not None and page.preview.controller.exercise.stages == page.preview.exercise.stages
    assert page.preview.controller.state().status == SessionStatus.RUNNING
    assert page.preview.pace.text() == "5.5 breaths a minute"
    assert page.preview.ratio.text() == "In to out 1 : 1.75"
    assert page.preview.length.text() == "5 min 8 s in all"
    assert page.preview.plot.curve_points() > 28 * 2
    assert not page.preview.caution.isVisible()

    assert page.save_button.isEnabled()
    qtbot.keyClick(page.editor.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    path = data_paths.exercises / "4-in-7-out.yaml"
    assert path.is_file(), "Ctrl+S saves"
    assert page.prompts.asked == [], "a new, gentle pattern saves without questions"
    assert str(path) in page.status.text()
    assert path.read_text().startswith("# A Steady breathing exercise")
    loaded = load_exercise_file(path)
    assert [(p.kind, p.seconds) for p in loaded.stages[0].phases] == [(PhaseKind.INHALE, 4.0), (PhaseKind.EXHALE, 7.0)]
    assert loaded.stages[0].minutes == 5.0 and loaded.name == "4 in, 7 out"
    assert "4 in, 7 out" in chooser_labels(page)

    # it runs for real, as a recorded session
    page.breathe_button.click()
    assert window.current_page_key() == "breathe"
    session = breathe_page(window).session
    assert session.controller.exercise.id == "4-in-7-out"
    assert session.state().status == SessionStatus.RUNNING
    fake_clock.advance(3.0)
    session.stop_button.click()

    # the user edits the file by hand; the app picks it up while it runs
    path.write_text(path.read_text().replace("exhale: 7", "exhale: 8") + "# longer out-breath\n")
    after_disk_change(qtbot, fake_timers, lambda: window.context.library.get("4-in-7-out").stages[0].phases[-1].seconds == 8.0)
    window.show_page("patterns")
    assert page.editor.stages[0].phases.rows[1].seconds.value() == 8.0
    assert page.preview.pace.text() == "5.0 breaths a minute"
    assert breathe_page(window).chooser.list.findItems("4 in, 7 out", Qt.MatchFlag.MatchExactly)


# -- lossless round trip through the real editor --------------------------------------------


# PySide drops a leading U+FEFF when a str becomes a QString, so such text cannot reach a Qt
# field intact; the page compares against what the form holds, so such a file never looks edited.
_text = (
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Co")), min_size=1, max_size=30)
    .map(str.strip)
    .filter(lambda text: bool(text) and not text.startswith("\ufeff"))
)
_exercises = exercises(
    _text,
    stages(3.5, 5.0, extra_phases=3, minutes_tenths=(round(MINUTES_MIN * 10), 300), cycles=(CYCLES_MIN, 60)),
    max_stages=3,
    id_length=15,
    cautions=st.one_of(st.none(), _text, st.just("Sit down.\nStop if dizzy.")),
    sounds=st.sampled_from([None, "soft", "wood", "none", "unknown-set"]),
)


def test_editor_to_yaml_to_loader_to_editor_is_lossless(make_window, qtbot):
    window = make_window()
    page = open_patterns(window)
    editor = page.editor

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(_exercises)
    def round_trip(exercise: Exercise) -> None:
        assume(exercise.planned_seconds <= TOTAL_MINUTES_MAX * 60)  # a valid file, within bounds
        editor.set_draft(Draft.from_exercise(exercise))
        from_form = editor.draft().to_exercise()
        assert from_form == exercise
        text = exercise_to_yaml(from_form)
        loaded = exercise_from_yaml(text.encode(), f"{exercise.id}.yaml", exercise.id)
        assert loaded == exercise
        editor.set_draft(Draft.from_exercise(loaded))
        assert editor.draft() == Draft.from_exercise(exercise)

    round_trip()


def test_every_number_field_takes_its_range_from_the_loader(make_window, qtbot):
    page = open_patterns(make_window())
    page.new_button.click()
    stage = page.editor.stages[0]
    row = stage.phases.rows[0]
    for kind, (low, high) in PHASE_SECONDS_BOUNDS.items():
        row.kind.setCurrentIndex(row.kind.findData(kind))
        assert (row.seconds.minimum(), row.seconds.maximum()) == (low, high)
    assert row.seconds.decimals() == 1 and row.seconds.singleStep() == pytest.approx(0.1)
    assert (stage.minutes.minimum(), stage.minutes.maximum()) == (MINUTES_MIN, MINUTES_MAX)
    assert (stage.cycles.minimum(), stage.cycles.maximum()) == (CYCLES_MIN, CYCLES_MAX)
    set_seconds(qtbot, row, "999")
    assert row.seconds.value() <= PHASE_SECONDS_BOUNDS[row.kind.currentData()][1]
    row.seconds.setValue(0.0)
    assert row.seconds.value() == PHASE_SECONDS_BOUNDS[row.kind.currentData()][0]


def test_phases_and_stages_by_keyboard_with_accessible_names(make_window, qtbot):
    window = make_window()
    activate(qtbot, window)
    page = open_patterns(window)
    page.new_button.click()
    stage = page.editor.stages[0]
    phases = stage.phases
    first = phases.rows[0]
    assert first.seconds.accessibleName() == "Phase 1: seconds"
    assert first.slider.accessibleName() == "Phase 1: length"
    assert first.up.accessibleName() == "Move phase 1 up" and not first.up.isEnabled()
    first.slider.setFocus()
    before = first.seconds.value()
    qtbot.keyClick(first.slider, Qt.Key.Key_Right)
    assert first.seconds.value() == pytest.approx(before + 0.1)
    qtbot.keyClick(first.slider, Qt.Key.Key_PageUp)
    assert first.seconds.value() == pytest.approx(before + 1.1)

    phases.add_button.setFocus()
    qtbot.keyClick(phases.add_button, Qt.Key.Key_Space)
    assert [r.value()[0] for r in phases.rows] == [PhaseKind.INHALE, PhaseKind.EXHALE, PhaseKind.INHALE]
    last = phases.rows[2]
    last.kind.setCurrentIndex(last.kind.findData(PhaseKind.HOLD))
    last.up.setFocus()
    qtbot.keyClick(last.up, Qt.Key.Key_Space)
    assert [r.value()[0] for r in phases.rows] == [PhaseKind.INHALE, PhaseKind.HOLD, PhaseKind.EXHALE]
    assert phases.rows[1].up.hasFocus(), "focus follows the moved phase"
    qtbot.keyClick(phases.rows[1].remove, Qt.Key.Key_Space)
    assert [r.value()[0] for r in phases.rows] == [PhaseKind.INHALE, PhaseKind.EXHALE]

    page.editor.add_stage_button.click()
    assert len(page.editor.stages) == 2
    second = page.editor.stages[1]
    assert second.title() == "Stage 2" and page.editor.stages[0].title() == "Stage 1"
    assert second.phases.rows[0].seconds.accessibleName() == "Stage 2, phase 1: seconds"
    assert second.remove_button.accessibleName() == "Remove stage 2"
    assert page.editor.draft().staged
    second.remove_button.click()
    assert len(page.editor.stages) == 1 and not page.editor.draft().staged
    assert page.editor.stages[0].title() == "The breath"
    for widget in (page.chooser, page.editor.name, page.editor.file_id, page.editor.summary, page.editor.caution, page.editor.sound):
        assert widget.accessibleName()


# -- what cannot be saved, and what asks first ------------------------------------------------


def test_an_invalid_pattern_cannot_be_saved(make_window, qtbot, data_paths):
    page = open_patterns(make_window())
    page.new_button.click()
    assert page.editor.name.text() == ""
    assert not page.save_button.isEnabled()
    assert "Give your pattern a name." in page.status.text()
    assert page.save() is False
    qtbot.keyClicks(page.editor.name, "Long")
    page.editor.file_id.clear()
    qtbot.keyClicks(page.editor.file_id, "Bad Name!")  # the validator lets only a-z, 0-9 and '-' in
    assert page.editor.file_id.text() == "adame"
    retype(qtbot, page.editor.file_id, "-bad")
    assert not page.save_button.isEnabled() and "lower-case letters" in page.status.text()
    page.editor.file_id.setText("long")
    page.editor.stages[0].minutes.setValue(MINUTES_MAX)
    page.editor.add_stage_button.click()
    assert "keep it to 180 or fewer" in page.status.text()
    assert not page.save_button.isEnabled()
    assert page.save() is False
    assert not list(data_paths.exercises.glob("*.yaml"))


def test_a_20_second_hold_asks_with_the_reason_before_saving(make_window, qtbot, data_paths, fake_timers):
    page = open_patterns(make_window())
    page.new_button.click()
    qtbot.keyClicks(page.editor.name, "Long hold")
    phases = page.editor.stages[0].phases
    phases.add_button.click()
    hold = phases.rows[2]
    hold.kind.setCurrentIndex(hold.kind.findData(PhaseKind.HOLD))
    set_seconds(qtbot, hold, "20")
    let_the_preview_catch_up(fake_timers)
    assert page.preview.caution.isVisible()
    assert "holds the breath for 20 seconds" in page.preview.caution.text()
    page.prompts.answers = [False]
    assert page.save() is False
    title, text, action = page.prompts.asked[-1]
    assert "caution" in title and "holds the breath for 20 seconds, longer than 15" in text and "never practise" in text
    assert not (data_paths.exercises / "long-hold.yaml").exists()
    page.prompts.answers = [True]
    assert page.save() is True
    assert load_exercise_file(data_paths.exercises / "long-hold.yaml").longest_hold == 20.0


def test_a_very_short_breath_asks_first_and_is_cautioned_wherever_it_runs(make_window, qtbot, data_paths):
    from app.core.safety import caution_text

    page = open_patterns(make_window())
    page.new_button.click()
    qtbot.keyClicks(page.editor.name, "Quick sip")
    set_seconds(qtbot, page.editor.stages[0].phases.rows[0], "0.5")
    assert page.save() is True
    assert "only 0.5 seconds" in page.prompts.asked[-1][1]
    saved = load_exercise_file(data_paths.exercises / "quick-sip.yaml")
    assert "dizzy" in caution_text(saved)  # the same rule applies to the file, however it was written


# -- files written or changed outside the app -------------------------------------------------


def test_a_file_written_outside_the_app_appears_and_a_broken_one_shows_its_errors(make_window, qtbot, data_paths, fake_timers):
    window = make_window()
    page = open_patterns(window)
    assert watcher_of(window).watching
    folder = data_paths.exercises
    (folder / "outside.yaml").write_text("name: From outside\nphases:\n  - inhale: 3\n  - exhale: 5\ncycles: 6\n")
    after_disk_change(qtbot, fake_timers, lambda: "From outside" in chooser_labels(page))
    (folder / "broken.yaml").write_text("name: Broken\nphases:\n  - inhale: 4\n  - exhail: 6\nminutes: 2\n")
    after_disk_change(qtbot, fake_timers, lambda: "broken.yaml: has problems" in chooser_labels(page))
    notice = next(n for n in window.notices.notices() if n.notice.key == "pattern-files")
    assert f"{folder / 'broken.yaml'}:4:5: unknown phase 'exhail'" in notice.text
    assert page.model.choose(BrokenFile(folder / "broken.yaml"))
    assert page.views.currentWidget() is page.broken
    assert page.chooser.currentText() == "broken.yaml: has problems"
    assert "broken.yaml:4:5: unknown phase 'exhail'" in page.broken.problems.toPlainText()
    # fixing it by hand brings it in
    (folder / "broken.yaml").write_text("name: Broken\nphases:\n  - inhale: 4\n  - exhale: 6\nminutes: 2\n")
    after_disk_change(qtbot, fake_timers, lambda: page.views.currentWidget() is page.form_area and page.editor.name.text() == "Broken")
    (folder / "outside.yaml").unlink()
    after_disk_change(qtbot, fake_timers, lambda: "From outside" not in chooser_labels(page))


def test_a_broken_user_file_is_never_overwritten_and_a_copy_can_be_started(make_window, qtbot, data_paths):
    folder = data_paths.exercises
    broken = user_file(data_paths, "mine.yaml", "# my work\nname: Mine\nphases:\n  - inhale: 4\n  - exhale: [6]\nminutes: 3\n")
    original = broken.read_bytes()
    window = make_window()
    page = open_patterns(window)
    assert page.model.choose(BrokenFile(broken))
    assert f"{broken}:5:13: exhale must be a number of seconds" in page.broken.problems.toPlainText()
    assert not page.save_button.isEnabled() and page.delete_button.isEnabled()
    page.broken.copy_button.click()
    assert page.views.currentWidget() is page.form_area
    assert page.editor.name.text() == "Mine (copy)" and page.editor.file_id.text() == "mine-copy"
    retype(qtbot, page.editor.file_id, "mine")
    assert page.save() is False
    assert "leaves it exactly as it is" in page.prompts.told[-1][1]
    assert broken.read_bytes() == original
    retype(qtbot, page.editor.file_id, "mine-copy")
    assert page.save() is True
    assert (folder / "mine-copy.yaml").is_file() and broken.read_bytes() == original


def test_saving_over_a_hand_written_file_asks_and_keeps_a_bak(make_window, qtbot, data_paths):
    folder = data_paths.exercises
    hand = user_file(data_paths, "evening.yaml", "# Written by me, with notes.\nname: Evening\nphases:\n  - inhale: 4\n  - exhale: 6   # long out\nminutes: 3\n")
    original = hand.read_bytes()
    page = open_patterns(make_window())
    assert page.editor.name.text() == "Evening", "the user's own pattern is shown first"
    assert page.editor.isEnabled()
    page.editor.stages[0].minutes.setValue(4.0)
    page.prompts.answers = [False]
    assert page.save() is False
    title, text, _action = page.prompts.asked[-1]
    assert title == "Save over a file written by hand?" and "evening.yaml.bak" in text and "comments" in text
    assert hand.read_bytes() == original and not (folder / "evening.yaml.bak").exists()
    assert page.save() is True
    assert (folder / "evening.yaml.bak").read_bytes() == original
    assert load_exercise_file(hand).stages[0].minutes == 4.0
    assert "evening.yaml.bak" in page.status.text()


def test_saving_over_another_pattern_and_a_builtin_asks_and_delete_brings_the_builtin_back(make_window, qtbot, data_paths):
    page = open_patterns(make_window())
    assert page.model.choose(SavedPattern("box"))
    assert page.chooser.currentText() == "Box breathing (built in)"
    assert not page.editor.isEnabled() and not page.delete_button.isEnabled()
    page.duplicate_button.click()
    assert page.editor.name.text() == "Box breathing (my version)"
    retype(qtbot, page.editor.file_id, "box")
    page.prompts.answers = [True]
    assert page.save() is True
    assert page.prompts.asked[-1][0] == "Replace a built-in pattern?"
    assert page.context.library.get("box").name == "Box breathing (my version)"
    page.prompts.answers = [True]
    page.delete_button.click()
    title, text, action = page.prompts.asked[-1]
    assert action == "Delete" and "comes back" in text
    assert not (data_paths.exercises / "box.yaml").exists()
    assert page.context.library.get("box").builtin
    assert "The built-in 'Box breathing' is back." in page.status.text()


def test_unsaved_changes_are_not_dropped_without_asking(make_window, qtbot, data_paths):
    page = open_patterns(make_window())
    page.new_button.click()
    qtbot.keyClicks(page.editor.name, "Half done")
    page.prompts.answers = [False]
    page.new_button.click()
    assert page.editor.name.text() == "Half done"
    assert page.prompts.asked[-1][2] == "Discard changes"


# -- import, drop and export -------------------------------------------------------------------


def test_import_of_a_bad_file_shows_its_errors_and_copies_nothing(make_window, qtbot, tmp_path, data_paths):
    page = open_patterns(make_window())
    bad = tmp_path / "shared.yaml"
    bad.write_text("name: Shared\nphases:\n  - inhale: 4\n  - exhale: 6\nminutes: 4:00\n")
    page.prompts.open_result = [bad]
    page.import_button.click()
    title, text = page.prompts.told[-1]
    assert title == "Nothing was imported"
    assert f"{bad}:5:10:" in text
    assert not list(data_paths.exercises.glob("*"))


def test_dropping_a_good_file_on_the_window_imports_it_with_its_comments(make_window, qtbot, tmp_path, data_paths):
    window = make_window()
    window.show()
    good = tmp_path / "Friend's Calm.yml"
    good.write_text("# from a friend\nname: Friend's calm\nphases:\n  - inhale: 4\n  - exhale: 8\ncycles: 10\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(good))])
    enter = QDragEnterEvent(window.rect().center(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(window.rect().center()), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    assert window.current_page_key() == "patterns"
    copied = data_paths.exercises / "friend-s-calm.yaml"
    assert copied.read_bytes() == good.read_bytes()
    page = window.page("patterns")
    assert page.editor.name.text() == "Friend's calm"
    assert "Imported" in page.status.text()


def test_export_saves_a_copy_to_share(make_window, qtbot, tmp_path):
    page = open_patterns(make_window())
    assert page.model.choose(SavedPattern("cyclic-sigh"))
    page.prompts.save_names = [str(tmp_path / "share")]
    page.export_button.click()
    shared = tmp_path / "share.yaml"
    assert load_exercise_file(shared).name == "Cyclic sigh"
    assert str(shared) in page.status.text()


def test_pyqtgraph_loads_only_when_the_patterns_page_is_opened(tmp_path):
    code = (
        "import sys; from pathlib import Path\n"
        "from app.paths import DataPaths; from app.core.library import load_library\n"
        "from app.gui.application import build_window, create_application\n"
        f"paths = DataPaths(Path({str(tmp_path)!r}))\n"
        "w = build_window(paths, load_library(paths.exercises), create_application())\n"
        "print('pyqtgraph' in sys.modules)\n"
        "w.show_page('patterns')\n"
        "print('pyqtgraph' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.stdout.split() == ["False", "True"], result.stderr


def test_the_preview_runs_only_while_the_page_is_in_view_and_is_not_recorded(make_window, qtbot):
    window = make_window()
    page = open_patterns(window)
    qtbot.waitUntil(lambda: page.preview.controller is not None)
    assert page.preview.controller.frame_timer.is_active()
    assert page.preview.controller.findChildren(__import__("app.gui.session_panel.services", fromlist=["x"]).SessionServices) == []
    window.show_page("settings")
    assert page.preview.controller is None, "a hidden preview costs nothing"
    window.show_page("patterns")
    assert page.preview.controller is not None and page.preview.controller.running


# -- the real dialogs (every other test answers through ScriptedPrompts) ------------------------


def test_delete_asks_through_a_real_dialog_where_enter_keeps_the_file(make_window, qtbot, data_paths):
    mine = user_file(data_paths, "evening.yaml", "name: Evening\nphases:\n  - inhale: 4\n  - exhale: 6\nminutes: 3\n")
    window = make_window(prompts=dialog_prompts)
    window.show()
    assert window.show_page("patterns")
    page = window.page("patterns")
    assert isinstance(page.prompts, DialogPrompts), "the page asks through the app's one prompts helper"
    assert page.editor.name.text() == "Evening"
    seen = []

    def press_enter(box):
        seen.append((box.text(), box.defaultButton().text()))
        QTest.keyClick(box, Qt.Key.Key_Return)

    when_shown(QMessageBox, press_enter)
    page.delete_button.click()
    assert seen == [("Delete this pattern?", "Cancel")]
    assert mine.is_file(), "an unexpected Enter never deletes"

    when_shown(QMessageBox, lambda box: next(b for b in box.buttons() if b.text() == "Delete").click())
    page.delete_button.click()
    assert not mine.exists()
    assert "Deleted evening.yaml." in page.status.text()


def test_export_asks_before_replacing_the_yaml_file_a_bare_name_means(make_window, qtbot, tmp_path, monkeypatch):
    window = make_window(prompts=dialog_prompts)
    window.show()
    assert window.show_page("patterns")
    page = window.page("patterns")
    assert isinstance(page.prompts, DialogPrompts)
    assert page.model.choose(SavedPattern("cyclic-sigh"))
    existing = tmp_path / "share.yaml"
    existing.write_text("# a friend's pattern\n")
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path))
    seen: list[str] = []
    when_shown(QFileDialog, lambda dialog: type_file_name(dialog, "share", replace=False, seen=seen))
    page.export_button.click()
    assert len(seen) == 1 and "share.yaml already exists" in seen[0]
    assert existing.read_text() == "# a friend's pattern\n"
    when_shown(QFileDialog, lambda dialog: type_file_name(dialog, "share", replace=True))
    page.export_button.click()
    assert load_exercise_file(existing).name == "Cyclic sigh"


def test_a_file_written_by_something_else_while_saving_asks_again(make_window, qtbot, data_paths):
    """The plan saw no file; while the user answered its question, another program wrote one."""
    target = data_paths.exercises / "box.yaml"
    theirs = exercise_to_yaml(Draft(id="box", name="Theirs").to_exercise())

    class WritesWhileAsking(ScriptedPrompts):
        def confirm(self, title, text, action, keep="Cancel", *, warning=False):
            if title == "Replace a built-in pattern?":
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(theirs)
            return super().confirm(title, text, action, keep, warning=warning)

    asking = WritesWhileAsking(answers=[True, False])
    page = open_patterns(make_window(prompts=lambda parent: asking))
    assert page.model.choose(SavedPattern("box"))
    page.duplicate_button.click()
    retype(qtbot, page.editor.file_id, "box")
    assert page.save() is False
    assert [q[0] for q in page.prompts.asked] == ["Replace a built-in pattern?", "Replace a saved pattern?"]
    assert "'Theirs'" in page.prompts.asked[1][1]
    assert target.read_text() == theirs, "declined: their file is untouched"


def test_a_caution_keeps_its_non_breaking_spaces(make_window, qtbot):
    """Found by the round trip above: the text field must give back exactly what was written."""
    window = make_window()
    editor = open_patterns(window).editor
    exercise = Exercise("nbsp", "Nbsp", (Stage((Phase(PhaseKind.INHALE, 4.0), Phase(PhaseKind.EXHALE, 6.0)), cycles=3),), caution="Stop\xa0if dizzy.\nSit down.")
    editor.set_draft(Draft.from_exercise(exercise))
    assert editor.draft().to_exercise().caution == "Stop\xa0if dizzy.\nSit down."


def test_the_page_keeps_qwidget_scroll(make_window, qtbot):
    """The review's bug: an attribute named `scroll` hid QWidget.scroll() on the page."""
    from PySide6.QtWidgets import QWidget

    page = open_patterns(make_window())
    assert not isinstance(page.scroll, QWidget)
    page.scroll(0, 0)  # the real method: scrolls the page's contents by nothing
    assert page.views.currentWidget() is page.form_area


def test_picking_another_pattern_with_the_keyboard_asks_before_dropping_changes(make_window, qtbot):
    window = make_window()
    activate(qtbot, window)
    page = open_patterns(window)
    assert page.chooser.currentText() == "Calm exhale (built in)"
    page.duplicate_button.click()
    assert page.chooser.currentText() == "New pattern (not saved yet)"
    page.prompts.answers = [False]
    page.chooser.setFocus()
    qtbot.keyClick(page.chooser, Qt.Key.Key_Down)
    assert page.prompts.asked[-1] == ("Leave your changes?", "This pattern has changes that are not saved. They will be lost.", "Discard changes")
    assert page.chooser.currentText() == "New pattern (not saved yet)", "kept: the chooser goes back"
    assert page.editor.name.text() == "Calm exhale (my version)"
    below = page.chooser.itemText(1)
    qtbot.keyClick(page.chooser, Qt.Key.Key_Down)
    assert page.chooser.currentText() == below == page.editor.name.text() + " (built in)"
    assert "New pattern (not saved yet)" not in chooser_labels(page)
    assert not page.editor.isEnabled()
