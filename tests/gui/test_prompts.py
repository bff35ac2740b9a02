"""app.gui.prompts, through real dialogs: the safe button is the default, and a save dialog adds
the file's suffix before it asks about replacing, so no existing file is overwritten unasked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.gui.prompts import DialogPrompts, FileType, settle_name
from tests.gui.scripted_prompts import type_file_name, when_shown

CSV = FileType("CSV table", ("csv",))
JSON = FileType("JSON", ("json",))
YAML = FileType("Pattern files", ("yaml", "yml"))


@pytest.fixture
def prompts(qtbot) -> DialogPrompts:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    return DialogPrompts(parent)


# -- the suffix rule (no dialog) --------------------------------------------------------------
def test_a_name_gets_the_chosen_suffix_unless_it_has_a_known_one():
    assert settle_name("/x/history", CSV, (CSV, JSON)) == (settle_name("/x/history.csv", CSV, (CSV, JSON))[0], True)
    assert settle_name("/x/history", JSON, (CSV, JSON))[0].path == Path("/x/history.json")
    target, added = settle_name("/x/mine.JSON", CSV, (CSV, JSON))
    assert (target.path, target.type, added) == (Path("/x/mine.JSON"), JSON, False), "the typed suffix decides"
    assert settle_name("/x/notes.txt", CSV, (CSV, JSON))[0].path == Path("/x/notes.txt.csv")
    assert settle_name("/x/calm.yml", YAML, (YAML,)) == (settle_name("/x/calm.yml", YAML, (YAML,))[0], False)


# -- confirm and choose: Enter and Escape keep things as they are ------------------------------
def test_enter_on_a_confirm_keeps_and_only_the_action_button_says_yes(prompts):
    seen = []

    def press_enter(box):
        seen.append((box.text(), box.informativeText(), box.defaultButton().text(), box.escapeButton().text()))
        QTest.keyClick(box, Qt.Key.Key_Return)

    when_shown(QMessageBox, press_enter)
    assert prompts.confirm("Delete this?", "It cannot be brought back.", "Delete", "Keep it") is False
    assert seen == [("Delete this?", "It cannot be brought back.", "Keep it", "Keep it")]

    when_shown(QMessageBox, lambda box: QTest.keyClick(box, Qt.Key.Key_Escape))
    assert prompts.confirm("Delete this?", "…", "Delete") is False

    when_shown(QMessageBox, lambda box: next(b for b in box.buttons() if b.text() == "Delete").click())
    assert prompts.confirm("Delete this?", "…", "Delete") is True


def test_choose_defaults_to_the_safe_option(prompts):
    options = (("backup", "Save a copy first…"), ("delete", "Delete everything"), ("cancel", "Keep my history"))
    defaults = []

    def press_enter(box):
        defaults.append(box.defaultButton().text())
        QTest.keyClick(box, Qt.Key.Key_Return)

    when_shown(QMessageBox, press_enter)
    assert prompts.choose("Delete all?", "…", options, safe="cancel") == "cancel"
    assert defaults == ["Keep my history"]
    when_shown(QMessageBox, lambda box: next(b for b in box.buttons() if b.text() == "Save a copy first…").click())
    assert prompts.choose("Delete all?", "…", options, safe="cancel") == "backup"


def test_closing_with_unsaved_practice_defaults_to_staying_open(make_window):
    from app.gui.services import dialog_prompts

    window = make_window(prompts=dialog_prompts)
    window.show()
    defaults = []

    def press_enter(box):
        defaults.append(box.defaultButton().text())
        QTest.keyClick(box, Qt.Key.Key_Return)

    when_shown(QMessageBox, press_enter)
    assert window.confirm_losing_unsaved(2) is False
    assert defaults == ["Keep Steady open"]


# -- save: the suffix is added before the question about replacing -----------------------------
def test_typing_a_name_without_suffix_asks_before_replacing_the_file_it_means(prompts, tmp_path):
    existing = tmp_path / "history.csv"
    existing.write_text("my own table\n")
    seen: list[str] = []
    when_shown(QFileDialog, lambda d: type_file_name(d, "history", replace=False, seen=seen))
    assert prompts.save_file("Export", tmp_path / "steady-history.csv", (CSV, JSON)) is None
    assert len(seen) == 1 and "history.csv already exists" in seen[0]
    assert existing.read_text() == "my own table\n"

    when_shown(QFileDialog, lambda d: type_file_name(d, "history", replace=True))
    target = prompts.save_file("Export", tmp_path / "steady-history.csv", (CSV, JSON))
    assert target is not None and (target.path, target.type) == (existing, CSV)


def test_a_new_name_gets_the_suffix_of_the_type_chosen_and_no_question(prompts, tmp_path):
    (tmp_path / "mine.csv").write_text("not this one\n")
    when_shown(QFileDialog, lambda d: type_file_name(d, "mine", next_filter=True))
    target = prompts.save_file("Export", tmp_path / "steady-history.csv", (CSV, JSON))
    assert target is not None and (target.path, target.type) == (tmp_path / "mine.json", JSON)


def test_when_a_dialog_returns_a_bare_name_the_question_is_asked_here(prompts, tmp_path, monkeypatch):
    """Some platform dialogs ignore the default suffix: then Steady asks, with Keep as default."""
    existing = tmp_path / "calm.yaml"
    existing.write_text("# mine\n")
    build = prompts.save_dialog

    def without_suffix(*args):
        dialog = build(*args)
        dialog.setDefaultSuffix("")
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite)
        return dialog

    monkeypatch.setattr(prompts, "save_dialog", without_suffix)
    asked = []

    def press_enter(box):
        asked.append(box.text() + " " + box.informativeText())
        QTest.keyClick(box, Qt.Key.Key_Return)

    when_shown(QFileDialog, lambda d: (when_shown(QMessageBox, press_enter), type_file_name(d, "calm")))
    assert prompts.save_file("Export a pattern", tmp_path / "box.yaml", (YAML,)) is None
    assert asked and "calm.yaml already exists" in asked[0]
    assert existing.read_text() == "# mine\n"
