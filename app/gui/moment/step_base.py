"""The flow's step base: a widget with a title and a prompt, and what the flow view asks of it.

A step shows one part of the flow run (app.core.moment.run.FlowRun) and forwards what the user
does to it; the run decides where the flow goes and what is saved. The view asks each step only
for what every step has: its `key`, `title` and `prompt_text`, `enter()` (it is shown: take the
focus) and `rating()` (its 0-10 row, if it has one). Kept apart from the other steps
(app.gui.moment.steps): the breathing step needs only this on the way to the first frame of
`steady now`, not the list and text-field widget classes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from app.gui.moment.rating import RatingRow


def prompt_label(text: str, scale: float = 1.25) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


class Step(QWidget):
    """One step of the flow; see the module docstring for what the view asks of it."""

    #: The step asks the flow to move on (the breathing step, when grounding is done).
    requestNext = Signal()

    def __init__(self, key: str, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.title = title
        self.prompt_text = prompt
        self.setAccessibleName(title)
        self.setAccessibleDescription(prompt)
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(32, 12, 32, 12)
        self.outer.setSpacing(14)
        self.prompt = prompt_label(prompt)
        self.outer.addWidget(self.prompt)

    def rating(self) -> RatingRow | None:
        return None

    def enter(self) -> None:
        self.setFocus()
