"""An editable list of timed steps: a kind, a length in seconds, reorder, add and remove.

Generic on purpose: the caller gives the kinds (value and label), the bounds of each kind and
the row limits, so the widget knows nothing about breathing rules. Every number can be set
three ways that all work from the keyboard: typing in the spin box, arrow keys on it, or the
slider (arrows step 0.1 s, Page Up/Down a whole second). Values outside the bounds cannot be
entered at all, because both controls take their range from the bounds; the slider may stop
short of the top (`slider_max`) so that the everyday range gets its full width, and rests at
its end for longer values typed in the spin box.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

Row = tuple[Any, float]


class _PhaseRow(QWidget):
    """One step: kind, slider, seconds, and its move and remove buttons."""

    edited = Signal()

    def __init__(
        self,
        kinds: Sequence[tuple[Any, str]],
        bounds: dict[Any, tuple[float, float]],
        decimals: int,
        slider_max: float | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._bounds = bounds
        self._slider_max = slider_max
        self._scale = 10**decimals
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.kind = QComboBox()
        for value, label in kinds:
            self.kind.addItem(label, value)
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setSingleStep(1)
        self.slider.setPageStep(self._scale)
        self.slider.setMinimumWidth(50)
        self.slider.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.seconds = QDoubleSpinBox()
        self.seconds.setDecimals(decimals)
        self.seconds.setSingleStep(1 / self._scale)
        self.seconds.setSuffix(" s")
        self.seconds.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.seconds.setKeyboardTracking(True)
        self.up = self._tool("↑")
        self.down = self._tool("↓")
        self.remove = self._tool("✕")
        layout.addWidget(self.kind)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.seconds)
        for button in (self.up, self.down, self.remove):
            layout.addWidget(button)
        self._apply_bounds()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.slider.valueChanged.connect(self._slider_moved)
        self.seconds.valueChanged.connect(self._spin_changed)

    def _tool(self, text: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setAutoRaise(True)
        return button

    def _apply_bounds(self) -> None:
        low, high = self._bounds[self.kind.currentData()]
        for widget in (self.slider, self.seconds):
            widget.blockSignals(True)
        self.seconds.setRange(low, high)
        self._set_slider_range(low, high)
        self.slider.setValue(round(self.seconds.value() * self._scale))
        for widget in (self.slider, self.seconds):
            widget.blockSignals(False)

    def _set_slider_range(self, low: float, high: float) -> None:
        top = high if self._slider_max is None else max(low, min(high, self._slider_max))
        self.slider.setRange(round(low * self._scale), round(top * self._scale))

    def _kind_changed(self) -> None:
        self._apply_bounds()
        self.edited.emit()

    def _slider_moved(self, value: int) -> None:
        if value == self.slider.maximum() and self.seconds.value() * self._scale > value:
            return  # the slider rests at its end for longer values typed in the spin box
        self.seconds.blockSignals(True)
        self.seconds.setValue(value / self._scale)
        self.seconds.blockSignals(False)
        self.edited.emit()

    def _spin_changed(self, value: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(round(value * self._scale))
        self.slider.blockSignals(False)
        self.edited.emit()

    def value(self) -> Row:
        return self.kind.currentData(), round(self.seconds.value(), 6)

    def set_value(self, row: Row) -> None:
        kind, seconds = row
        for widget in (self.kind, self.slider, self.seconds):
            widget.blockSignals(True)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        low, high = self._bounds[self.kind.currentData()]
        self.seconds.setRange(low, high)
        self._set_slider_range(low, high)
        self.seconds.setValue(seconds)
        self.slider.setValue(round(self.seconds.value() * self._scale))
        for widget in (self.kind, self.slider, self.seconds):
            widget.blockSignals(False)

    def name(self, prefix: str, number: int, last: bool) -> None:
        here = f"{prefix}{number}"
        self.kind.setAccessibleName(f"{here}: kind")
        self.slider.setAccessibleName(f"{here}: length")
        self.seconds.setAccessibleName(f"{here}: seconds")
        self.up.setAccessibleName(f"Move {here.lower()} up")
        self.up.setToolTip(f"Move {here.lower()} up")
        self.down.setAccessibleName(f"Move {here.lower()} down")
        self.down.setToolTip(f"Move {here.lower()} down")
        self.remove.setAccessibleName(f"Remove {here.lower()}")
        self.remove.setToolTip(f"Remove {here.lower()}")
        self.up.setEnabled(number > 1)
        self.down.setEnabled(not last)


class PhaseListEditor(QWidget):
    """Rows of (kind, seconds); `changed` after every edit made by the user."""

    changed = Signal()

    def __init__(
        self,
        kinds: Sequence[tuple[Any, str]],
        bounds: dict[Any, tuple[float, float]],
        *,
        min_rows: int = 1,
        max_rows: int = 12,
        decimals: int = 1,
        slider_max: float | None = None,
        new_row: Callable[[list[Row]], Row] | None = None,
        add_label: str = "Add a phase",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._kinds = tuple(kinds)
        self._bounds = dict(bounds)
        self._min_rows = min_rows
        self._max_rows = max_rows
        self._decimals = decimals
        self._slider_max = slider_max
        self._new_row = new_row or (lambda rows: rows[-1] if rows else (self._kinds[0][0], self._bounds[self._kinds[0][0]][0]))
        self._prefix = "Phase "
        self.rows: list[_PhaseRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setSpacing(4)
        layout.addLayout(self._rows_layout)
        self.add_button = QPushButton(add_label)
        self.add_button.setAccessibleName(add_label)
        self.add_button.clicked.connect(self.add_row)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        layout.addLayout(add_row)

    def set_label_prefix(self, prefix: str) -> None:
        """How rows are named to assistive technology, e.g. "Stage 2, phase " -> "Stage 2, phase 1"."""
        self._prefix = prefix
        self._renumber()

    def values(self) -> list[Row]:
        return [row.value() for row in self.rows]

    def set_values(self, values: Sequence[Row]) -> None:
        while len(self.rows) > len(values):
            self._drop(self.rows[-1])
        while len(self.rows) < len(values):
            self._append()
        for row, value in zip(self.rows, values, strict=True):
            row.set_value(value)
        self._renumber()

    def add_row(self) -> None:
        if len(self.rows) >= self._max_rows:
            return
        value = self._new_row(self.values())
        row = self._append()
        row.set_value(value)
        self._renumber()
        row.seconds.setFocus()
        self.changed.emit()

    def remove_row(self, index: int) -> None:
        if len(self.rows) <= self._min_rows or not 0 <= index < len(self.rows):
            return
        had_focus = self.rows[index].remove.hasFocus()
        self._drop(self.rows[index])
        self._renumber()
        if had_focus and self.rows:
            target = self.rows[min(index, len(self.rows) - 1)]
            (target.remove if target.remove.isEnabled() else target.seconds).setFocus()
        self.changed.emit()

    def move_row(self, index: int, step: int) -> None:
        other = index + step
        if not (0 <= index < len(self.rows) and 0 <= other < len(self.rows)):
            return
        values = self.values()
        values[index], values[other] = values[other], values[index]
        for row, value in zip(self.rows, values, strict=True):
            row.set_value(value)
        button = self.rows[other].up if step < 0 else self.rows[other].down
        (button if button.isEnabled() else self.rows[other].seconds).setFocus()
        self.changed.emit()

    def _append(self) -> _PhaseRow:
        row = _PhaseRow(self._kinds, self._bounds, self._decimals, self._slider_max, self)
        row.edited.connect(self.changed)
        row.up.clicked.connect(lambda: self.move_row(self.rows.index(row), -1))
        row.down.clicked.connect(lambda: self.move_row(self.rows.index(row), 1))
        row.remove.clicked.connect(lambda: self.remove_row(self.rows.index(row)))
        self.rows.append(row)
        self._rows_layout.addWidget(row)
        return row

    def _drop(self, row: _PhaseRow) -> None:
        self.rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()

    def _renumber(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            row.name(self._prefix, number, number == len(self.rows))
            row.remove.setEnabled(len(self.rows) > self._min_rows)
        self.add_button.setEnabled(len(self.rows) < self._max_rows)
        previous: QWidget | None = None
        for row in self.rows:
            for widget in (row.kind, row.slider, row.seconds, row.up, row.down, row.remove):
                if previous is not None:
                    QWidget.setTabOrder(previous, widget)
                previous = widget
        if previous is not None:
            QWidget.setTabOrder(previous, self.add_button)
