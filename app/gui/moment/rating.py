"""How strong is it, 0 to 10: never required, set by a click or a key (0-9, Up for 10)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from widgets.announce import announce
from widgets.choice_button import ChoiceButton

RATING_MAX = 10


class RatingRow(QWidget):
    """A prompt and eleven buttons; `changed(int)` when the user picks a value."""

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
        value = max(0, min(RATING_MAX, int(value)))
        self.buttons[value].setChecked(True)
        if value == self._value:
            return
        self._value = value
        self.setAccessibleDescription(f"{value} of {RATING_MAX}")
        announce(self, f"{value} of {RATING_MAX}")
        self.changed.emit(value)

    def step(self, delta: int) -> None:
        """Up and Down move by one (so Up from 9 gives 10); with nothing chosen yet they give 0."""
        if self._value is None:
            self.set_value(0)
        else:
            self.set_value(self._value + delta)
