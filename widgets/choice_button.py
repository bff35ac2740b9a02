"""A checkable button whose chosen state is plain to see, in light and dark.

Fusion shades a checked button only faintly. The chosen one is filled with the highlight here,
painted from the palette: a per-button style sheet did the same, but eleven of them (the 0-10
rating on the first step of `steady now`) cost milliseconds of style-sheet polish before the
pacer's first frame, and a palette change would need them set again.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QPushButton

RADIUS = 3.0


class ChoiceButton(QPushButton):
    """A checkable QPushButton that looks like Fusion's until it is chosen."""

    def __init__(self, text: str) -> None:
        # Made without a parent (a layout adopts it): passing parent=None would make PySide6 try
        # the (icon, text) overload and load QIcon, about 1.5 ms before the first frame.
        super().__init__(text)
        self.setCheckable(True)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.isChecked():
            super().paintEvent(event)
            return
        palette = self.palette()
        box = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(palette.color(QPalette.ColorRole.Highlight).darker(115))
        painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
        painter.drawRoundedRect(box, RADIUS, RADIUS)
        if self.hasFocus():
            painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box.adjusted(2, 2, -2, -2), RADIUS, RADIUS)
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.text())
        painter.end()
