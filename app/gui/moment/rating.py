"""How strong is it, 0 to 10: a row of eleven buttons (the rules are app.core.moment.rating's)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.core.moment.rating import RATING_MAX, clamped
from widgets.announce import announce
from widgets.choice_button import ChoiceButton


class RatingRow(QWidget):
    """A prompt and eleven buttons; `changed(int)` when the value shown changes (a click, or `set_value`)."""

    changed = Signal(int)

    def __init__(self, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.prompt)
        row = QHBoxLayout()
        row.setSpacing(4)
        row.addStretch(1)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[ChoiceButton] = []
        for value in range(RATING_MAX + 1):
            button = ChoiceButton(str(value))
            button.setFixedWidth(38)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setAccessibleName(f"Strength {value} of {RATING_MAX}")
            self.group.addButton(button, value)
            row.addWidget(button)
            self.buttons.append(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.group.idClicked.connect(self.set_value)
        self.setAccessibleName(prompt)

    def value(self) -> int | None:
        return self._value

    def set_value(self, value: int) -> None:
        value = clamped(value)
        self.buttons[value].setChecked(True)
        if value == self._value:
            return
        self._value = value
        self.setAccessibleDescription(f"{value} of {RATING_MAX}")
        announce(self, f"{value} of {RATING_MAX}")
        self.changed.emit(value)
