"""Editing one of the user's lists (triggers, soothing things, people) as plain lines of text.

A plain text box, one entry per line, is the most keyboard- and screen-reader-friendly list
editor there is, and it is what the YAML file holds anyway (app.core.moment.lists).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.moment.lists import Edited
from widgets.plain_text import plain_text


class ListEditDialog(QDialog):
    def __init__(self, title: str, help_text: str, lines: Edited, parent: QWidget | None = None, free_text: bool = False) -> None:
        super().__init__(parent)
        self.free_text = free_text
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        intro = QLabel(help_text)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(title)
        self.editor.setTabChangesFocus(True)  # Tab moves on to Save, as everywhere in a dialog
        self.editor.setPlainText(lines if isinstance(lines, str) else "\n".join(lines))
        intro.setBuddy(self.editor)
        layout.addWidget(self.editor, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(480, 360)

    def edited(self) -> Edited:
        """What the user saved: the text of a free-text list, else its lines."""
        return self.text() if self.free_text else self.lines()

    def lines(self) -> list[str]:
        return [line.strip() for line in self._typed().splitlines() if line.strip()]

    def text(self) -> str:
        return self._typed().strip()

    def _typed(self) -> str:
        """What was typed or pasted, tabs as spaces (a flow file holds no tab characters)."""
        return plain_text(self.editor).replace("\t", " ")
