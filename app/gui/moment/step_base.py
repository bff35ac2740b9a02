"""The flow's step base: a widget with a prompt, and the protocol the page drives.

A step is a widget with a prompt. The page asks it to `advance`/`retreat` first (so a step
that pages inside itself, like the anchors, can use Next and Back), calls `enter` when it is
shown and `leave` when the user moves on or leaves, so a step saves what it holds there.
Kept apart from the other steps (app.gui.moment.steps): the breathing step needs only this
on the way to the first frame of `steady now`, not the list and text-field widget classes.
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
    """One step of the flow; see the module docstring for the protocol."""

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

    def leave(self) -> None:
        """Save what this step holds (called on Next, Back, Skip and Esc)."""

    def advance(self) -> bool:
        return False

    def retreat(self) -> bool:
        return False
