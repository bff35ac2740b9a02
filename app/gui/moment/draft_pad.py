"""Write it, don't send it: the pad for a draft that is held for a cooling-off time.

The rules (when it may be reread, when Copy is offered, what is kept) are the draft's
(app.core.moment.draft); the pad offers the starters ("I feel…", "I need…", "Would you…"),
shows the draft's state and forwards what the user writes and ticks.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.moment.draft import Draft
from widgets.announce import announce
from widgets.plain_text import plain_text


class DraftPad(QWidget):
    def __init__(self, draft: Draft, starters: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(
            "Write what you want to say, plainly and kindly, from what you feel rather than what they did. "
            "Steady holds it for a while, so you can reread it when you are calmer. Nothing is ever sent from here."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        starter_row = QHBoxLayout()
        starter_row.addWidget(QLabel("Start with:"))
        self.starter_buttons: list[QPushButton] = []
        for starter in starters:
            button = QPushButton(starter)
            button.setAccessibleName(f"Start a line with {starter.rstrip('…. ')}")
            button.clicked.connect(partial(self.insert_starter, starter))
            starter_row.addWidget(button)
            self.starter_buttons.append(button)
        starter_row.addStretch(1)
        layout.addLayout(starter_row)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Your draft message")
        self.editor.setPlaceholderText("I feel… I need… Would you…")
        self.editor.setPlainText(draft.text)
        self.editor.textChanged.connect(lambda: draft.set_text(plain_text(self.editor)))
        layout.addWidget(self.editor, 1)
        hold_row = QHBoxLayout()
        hold_label = QLabel("Hold it for")
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 24 * 60)
        self.minutes.setSuffix(" minutes")
        self.minutes.setValue(draft.minutes)
        self.minutes.setAccessibleName("Cooling-off time in minutes")
        hold_label.setBuddy(self.minutes)
        self.minutes.valueChanged.connect(draft.set_minutes)
        hold_row.addWidget(hold_label)
        hold_row.addWidget(self.minutes)
        hold_row.addStretch(1)
        self.keep = QCheckBox("Keep this draft in my history")
        self.keep.setToolTip("Off by default: unless you tick this, the draft is gone when you leave this step. "
                             "A kept draft is saved with this moment (see Progress, and exports).")
        self.keep.setChecked(draft.keep)
        self.keep.toggled.connect(draft.set_keep)
        hold_row.addWidget(self.keep)
        layout.addLayout(hold_row)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Draft status")
        layout.addWidget(self.status)
        action_row = QHBoxLayout()
        action_row.addStretch(1)
        self.reread_button = QPushButton("I have reread it")
        self.reread_button.clicked.connect(draft.mark_reread)
        self.copy_button = QPushButton("Copy")
        self.copy_button.setToolTip("Copies the text, so you can send it yourself if you still want to")
        self.copy_button.clicked.connect(self.copy)
        action_row.addWidget(self.reread_button)
        action_row.addWidget(self.copy_button)
        layout.addLayout(action_row)
        draft.changed.add(self._show)
        self._show()

    def insert_starter(self, starter: str) -> None:
        words = starter.rstrip("…. ") + " "
        cursor = self.editor.textCursor()
        if plain_text(self.editor) and not plain_text(self.editor).endswith("\n"):
            cursor.movePosition(cursor.MoveOperation.End)
            cursor.insertText("\n")
        cursor.insertText(words)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.draft.text)
        self.draft.copied()

    def _show(self) -> None:
        self.reread_button.setEnabled(self.draft.cooled)
        self.copy_button.setEnabled(self.draft.reread)
        if self.status.text() != self.draft.status:
            self.status.setText(self.draft.status)
            announce(self.status, self.draft.status)

    def showEvent(self, event: QShowEvent) -> None:
        """After a suspend the cooling-off timer may be late: the wall clock decides."""
        self.draft.check_clock()
        super().showEvent(event)
