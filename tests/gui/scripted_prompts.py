"""The one scripted stand-in for app.gui.prompts.DialogPrompts (tests/gui/test_prompts.py runs
the real one): records every question and answers from lists."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from app.core.prompts import FileType, SaveTarget, settle_name


class ScriptedPrompts:
    """`answers` for confirm (True when empty), `choices` for choose, `save_names` for
    save_file (a name as typed, or (name, type label) for another chosen type, or None
    for cancel; the suffix rule is the real one)."""

    def __init__(self, answers=(), choices=(), save_names=(), open_result=()) -> None:
        self.answers: list[bool] = list(answers)
        self.choices: list[str] = list(choices)
        self.save_names: list[str | None] = list(save_names)
        self.open_result: list[Path] = list(open_result)
        self.asked: list[tuple[str, str, str]] = []  # (title, text, action) of every confirm and choose
        self.told: list[tuple[str, str]] = []

    def confirm(self, title: str, text: str, action: str, keep: str = "Cancel", *, warning: bool = False) -> bool:
        self.asked.append((title, text, action))
        return self.answers.pop(0) if self.answers else True

    def choose(self, title: str, text: str, options: Sequence[tuple[str, str]], safe: str) -> str:
        self.asked.append((title, text, ""))
        return self.choices.pop(0) if self.choices else safe

    def inform(self, title: str, text: str) -> None:
        self.told.append((title, text))

    def open_files(self, title: str, start: Path, types: Sequence[FileType]) -> list[Path]:
        return list(self.open_result)

    def save_file(self, title: str, suggested: Path, types: Sequence[FileType]) -> SaveTarget | None:
        self.asked.append((title, str(suggested), ""))
        entry = self.save_names.pop(0) if self.save_names else None
        if entry is None:
            return None
        name, label = entry if isinstance(entry, tuple) else (entry, types[0].label)
        chosen = next(t for t in types if t.label == label)
        return settle_name(name, chosen, types)[0]


# -- driving the real dialogs ----------------------------------------------------------------
def when_shown(kind, act, tries: int = 300) -> None:
    """Call `act(widget)` once a visible window of class `kind` is open (a modal dialog's
    exec() blocks the test, so this looks again on later turns of the event loop)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def look(left: int) -> None:
        found = next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)
        if found is None:
            if left:
                QTimer.singleShot(10, lambda: look(left - 1))
            return
        act(found)

    QTimer.singleShot(0, lambda: look(tries))


def type_file_name(dialog, name: str, *, replace: bool | None = None, seen: list[str] | None = None,
                   next_filter: bool = False) -> None:
    """Type `name` into a real QFileDialog and accept it, as a user pressing Enter would.

    When the dialog asks whether to replace a file, its text goes into `seen` and it is
    answered `replace`; after "No" the dialog is cancelled, as a user giving up would.
    `next_filter` first picks the next file type with the keyboard.
    """
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox

    if next_filter:
        combo = dialog.findChild(QComboBox, "fileTypeCombo")
        combo.setFocus()
        QTest.keyClick(combo, Qt.Key.Key_Down)
    edit = dialog.findChild(QLineEdit, "fileNameEdit")
    edit.setText(name)

    def answer(box) -> None:
        if seen is not None:
            seen.append(f"{box.text()} {box.informativeText()}")
        button = QMessageBox.StandardButton.Yes if replace else QMessageBox.StandardButton.No
        box.button(button).click()
        if not replace:
            QTimer.singleShot(0, dialog.reject)

    if replace is not None:
        when_shown(QMessageBox, answer)
    QTimer.singleShot(0, dialog.accept)
