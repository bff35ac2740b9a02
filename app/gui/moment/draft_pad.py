"""Write it, don't send it: a drafting pad that holds the message for a cooling-off time.

CONTENT.md: ask for what you need directly but softly, once calm. So the pad offers starters
("I feel…", "I need…", "Would you…"), holds the draft from the first word for a while (20
minutes by default, adjustable here and in Settings), then asks the user to reread it before
Copy is offered. The time is shown as a clock time ("after 8:41 pm"), never as a countdown.
Steady never sends anything. The draft is kept in the history only when the user ticks "keep".
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
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

from app.gui.context import AppContext
from app.gui.moment.record import MomentRecord
from widgets.announce import announce
from widgets.plain_text import plain_text


def clock_words(epoch: float) -> str:
    """8:41 pm: a time of day, in the local zone."""
    moment = dt.datetime.fromtimestamp(epoch)
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'am' if moment.hour < 12 else 'pm'}"


class DraftPad(QWidget):
    #: Milliseconds per minute of cooling-off; tests make it tiny.
    MS_PER_MINUTE = 60_000

    def __init__(self, context: AppContext, record: MomentRecord, starters: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.record = record
        self.started_at: float | None = None
        self.cooled = False
        self.reread = False
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
            button.clicked.connect(lambda _c=False, s=starter: self.insert_starter(s))
            starter_row.addWidget(button)
            self.starter_buttons.append(button)
        starter_row.addStretch(1)
        layout.addLayout(starter_row)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Your draft message")
        self.editor.setPlaceholderText("I feel… I need… Would you…")
        self.editor.textChanged.connect(self._changed)
        layout.addWidget(self.editor, 1)
        hold_row = QHBoxLayout()
        hold_label = QLabel("Hold it for")
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 24 * 60)
        self.minutes.setSuffix(" minutes")
        self.minutes.setValue(context.settings.draft_cooling_minutes)
        self.minutes.setAccessibleName("Cooling-off time in minutes")
        hold_label.setBuddy(self.minutes)
        self.minutes.valueChanged.connect(lambda _v: self._arm())
        hold_row.addWidget(hold_label)
        hold_row.addWidget(self.minutes)
        hold_row.addStretch(1)
        self.keep = QCheckBox("Keep this draft in my history")
        self.keep.setToolTip("Off by default: unless you tick this, the draft is gone when you leave this step. "
                             "A kept draft is saved with this moment (see Progress, and exports).")
        self.keep.toggled.connect(lambda _on: self.save())
        hold_row.addWidget(self.keep)
        layout.addLayout(hold_row)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Draft status")
        layout.addWidget(self.status)
        action_row = QHBoxLayout()
        action_row.addStretch(1)
        self.reread_button = QPushButton("I have reread it")
        self.reread_button.setEnabled(False)
        self.reread_button.clicked.connect(self.mark_reread)
        self.copy_button = QPushButton("Copy")
        self.copy_button.setEnabled(False)
        self.copy_button.setToolTip("Copies the text, so you can send it yourself if you still want to")
        self.copy_button.clicked.connect(self.copy)
        action_row.addWidget(self.reread_button)
        action_row.addWidget(self.copy_button)
        layout.addLayout(action_row)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._cooled)

    def text(self) -> str:
        return plain_text(self.editor).strip()

    def insert_starter(self, starter: str) -> None:
        words = starter.rstrip("…. ") + " "
        cursor = self.editor.textCursor()
        if plain_text(self.editor) and not plain_text(self.editor).endswith("\n"):
            cursor.movePosition(cursor.MoveOperation.End)
            cursor.insertText("\n")
        cursor.insertText(words)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    def _changed(self) -> None:
        if self.started_at is None and self.text():
            self.started_at = self.context.wall_clock.now()
            self._arm()
        if self.keep.isChecked():
            self.save()

    def held_until(self) -> float | None:
        return None if self.started_at is None else self.started_at + self.minutes.value() * 60

    def _arm(self) -> None:
        until = self.held_until()
        if until is None or self.cooled:
            return
        left_ms = max(0, int((until - self.context.wall_clock.now()) / 60 * self.MS_PER_MINUTE))
        self.timer.start(left_ms)
        self._say(
            f"It waits here while you stay on this step; you can reread it after {clock_words(until)}. "
            "To find it later, tick \"Keep this draft\"."
        )

    def _cooled(self) -> None:
        self.cooled = True
        self.reread_button.setEnabled(True)
        self._say("Time to reread it, slowly. Does it still say what you need, kindly?")

    def mark_reread(self) -> None:
        self.reread = True
        self.copy_button.setEnabled(True)
        self._say("If you still want to send it, copy it and send it yourself. Waiting longer is fine too.")

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(plain_text(self.editor))
        self._say("Copied. Steady sends nothing: it is yours to send, or not.")

    def _say(self, text: str) -> None:
        self.status.setText(text)
        announce(self.status, text)

    def save(self) -> None:
        """The draft goes into the history only while "keep" is ticked."""
        self.record.update(draft_text=(self.text() or None) if self.keep.isChecked() else None)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """After a suspend the timer may be late: the wall clock decides."""
        until = self.held_until()
        if until is not None and not self.cooled and self.context.wall_clock.now() >= until:
            self._cooled()
        super().showEvent(event)

