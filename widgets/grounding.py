"""A grounding exercise for people whom breath focus makes more anxious.

CONTENT.md: always offer a way out of breathing. This card walks through the senses one
prompt at a time (see, hear, touch, smell, one kind thing), with no timer and no pressure.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from widgets.announce import announce

GROUNDING_PROMPTS: tuple[str, ...] = (
    "Your breath can do whatever it likes. Let's use your senses instead.",
    "Look around. Name five things you can see, one at a time, slowly.",
    "Listen. Name four sounds, near or far.",
    "Notice three things you can touch: the chair under you, your feet on the floor, your hands.",
    "Find two things you can smell, or two smells you like.",
    "Say one kind thing to yourself, the way you would to a friend.",
    "You are here, in this room, right now. That is enough for this moment.",
)


class GroundingCard(QWidget):
    """Prompts shown one at a time; Next and Back by button or arrow keys; `finished` after the last."""

    finished = Signal()

    def __init__(self, parent: QWidget | None = None, own_keys: bool = True) -> None:
        """`own_keys`: Right/Enter and Left work here; False inside a flow that routes its own keys.
        Esc is the host's (the session panel goes back to the pacer)."""
        super().__init__(parent)
        self.setAccessibleName("Grounding exercise")
        self._index = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(1)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.prompt.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.prompt.setFont(font)
        layout.addWidget(self.prompt)
        self.step = QLabel()
        self.step.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.step)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.back_button = QPushButton("Back")
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton("Next")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        row.addStretch(1)
        row.addWidget(self.back_button)
        row.addWidget(self.next_button)
        row.addStretch(1)
        layout.addLayout(row)
        # Shortcuts, not key handlers: an arrow key on a focused button would move focus away instead.
        keys = (("Right", self.next), ("Return", self.next), ("Enter", self.next), ("Left", self.back))
        for sequence, slot in keys if own_keys else ():
            QShortcut(QKeySequence(sequence), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut).activated.connect(slot)
        self._show()

    def restart(self) -> None:
        self._index = 0
        self._show()

    @property
    def index(self) -> int:
        return self._index

    def next(self) -> None:
        if self._index >= len(GROUNDING_PROMPTS) - 1:
            self.finished.emit()
            return
        self._index += 1
        self._show()

    def back(self) -> None:
        if self._index > 0:
            self._index -= 1
            self._show()

    def _show(self) -> None:
        text = GROUNDING_PROMPTS[self._index]
        self.prompt.setText(text)
        self.step.setText(f"{self._index + 1} of {len(GROUNDING_PROMPTS)}")
        self.back_button.setEnabled(self._index > 0)
        last = self._index == len(GROUNDING_PROMPTS) - 1
        self.next_button.setText("Done" if last else "Next")
        self.setAccessibleDescription(text)
        announce(self, text)
