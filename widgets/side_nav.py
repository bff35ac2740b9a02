"""The side bar's controls, drawn from the palette: the page list and the one button that stands out.

They are painted here rather than styled with a style sheet and a QListWidget: both are on
screen in the first frame of every start, and a style sheet (parsed, then a style-sheet style
for the whole side bar) plus an item view cost about 3.5 ms before that frame. Painting from
the palette also follows a theme change at once, with nothing to restyle.

Keys: the page list is one stop for Tab (the current page); Up and Down, Home and End move
between pages, as in a list.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QEnterEvent, QFont, QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractButton, QPushButton, QVBoxLayout, QWidget

from widgets.colours import mix

#: Room around a page name, and the rounding of the soft rows.
ROW_PAD_X, ROW_PAD_Y, ROW_RADIUS = 10, 7, 6.0
#: Room around "Breathe now", and its rounding.
PILL_PAD_X, PILL_PAD_Y, PILL_RADIUS = 12, 10, 8.0


class NavButton(QAbstractButton):
    """One page in the side bar: a soft row, filled with the highlight while it is the current page."""

    def __init__(self, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setText(title)
        self.setAccessibleName(title)
        self.setCheckable(True)
        self.setAutoExclusive(True)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self.text()) + 2 * ROW_PAD_X, metrics.height() + 2 * ROW_PAD_Y + 2)

    def enterEvent(self, event: QEnterEvent) -> None:
        self.update()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.update()
        super().leaveEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        row = QRectF(self.rect()).adjusted(0.5, 1.5, -0.5, -1.5)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        if self.isChecked():
            painter.setBrush(highlight)
            painter.drawRoundedRect(row, ROW_RADIUS, ROW_RADIUS)
            text = palette.color(QPalette.ColorRole.HighlightedText)
        else:
            if self.underMouse():
                painter.setBrush(mix(window, highlight, 0.18))
                painter.drawRoundedRect(row, ROW_RADIUS, ROW_RADIUS)
            text = palette.color(QPalette.ColorRole.WindowText)
        if self.hasFocus():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(palette.color(QPalette.ColorRole.Text) if self.isChecked() else highlight)
            painter.drawRoundedRect(row.adjusted(1, 1, -1, -1), ROW_RADIUS - 1, ROW_RADIUS - 1)
        painter.setPen(text)
        painter.drawText(row.adjusted(ROW_PAD_X, 0, -ROW_PAD_X, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.text())
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        parent = self.parentWidget()
        if isinstance(parent, SideNav) and parent.move_from(self, event.key()):
            event.accept()
            return
        super().keyPressEvent(event)


class SideNav(QWidget):
    """The pages, in order; `pageChosen(key)` when the user picks one (not when `select` is called)."""

    pageChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Pages")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addStretch(1)
        self._buttons: list[NavButton] = []

    def set_pages(self, pages: list[tuple[str, str]]) -> None:
        """(key, title) in order; the current page stays current, existing rows are kept."""
        current = self.current_key()
        existing = {button.key: button for button in self._buttons}
        for old in self._buttons:
            self._layout.removeWidget(old)
        self._buttons = []
        for index, (key, title) in enumerate(pages):
            button = existing.pop(key, None)
            if button is None:
                button = NavButton(key, title, self)
                button.clicked.connect(lambda _checked=False, k=key: self.pageChosen.emit(k))
            button.setText(title)
            button.setAccessibleName(title)
            self._layout.insertWidget(index, button)
            self._buttons.append(button)
        for gone in existing.values():
            gone.hide()
            gone.deleteLater()
        if current is not None:
            self.select(current)

    def keys(self) -> list[str]:
        return [button.key for button in self._buttons]

    def button(self, key: str) -> NavButton | None:
        return next((b for b in self._buttons if b.key == key), None)

    def current_key(self) -> str | None:
        return next((b.key for b in self._buttons if b.isChecked()), None)

    def select(self, key: str) -> None:
        """Show `key` as the current page, quietly; it becomes the list's one Tab stop."""
        for button in self._buttons:
            current = button.key == key
            if current:
                button.setChecked(True)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if current else Qt.FocusPolicy.ClickFocus)

    def move_from(self, button: NavButton, key: int) -> bool:
        """Up/Down/Home/End from `button`: choose that page and keep the focus in the list."""
        index = self._buttons.index(button)
        targets: dict[int, int] = {
            Qt.Key.Key_Up: index - 1,
            Qt.Key.Key_Down: index + 1,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: len(self._buttons) - 1,
        }
        if key not in targets:
            return False
        target = self._buttons[max(0, min(len(self._buttons) - 1, targets[key]))]
        if target is not button:
            target.click()
            target.setFocus(Qt.FocusReason.TabFocusReason)
        return True


class PillButton(QPushButton):
    """The button that stands out: "Breathe now", filled with the highlight, bold, well padded."""

    def __init__(self, text: str) -> None:
        # Made without a parent (a layout adopts it): passing parent=None would make PySide6 try
        # the (icon, text) overload and load QIcon, about 1.5 ms before the first frame.
        super().__init__(text)
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold)
        self.setFont(font)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self.text()) + 2 * PILL_PAD_X + 4, metrics.height() + 2 * PILL_PAD_Y + 4)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        highlight = palette.color(QPalette.ColorRole.Highlight)
        pill = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(highlight.darker(112) if self.isDown() else highlight)
        painter.drawRoundedRect(pill, PILL_RADIUS, PILL_RADIUS)
        if self.hasFocus():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            pen_colour = palette.color(QPalette.ColorRole.Text)
            painter.setPen(pen_colour)
            painter.drawRoundedRect(pill.adjusted(1, 1, -1, -1), PILL_RADIUS - 1, PILL_RADIUS - 1)
            painter.drawRoundedRect(pill.adjusted(2, 2, -2, -2), PILL_RADIUS - 2, PILL_RADIUS - 2)
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
        text_box = pill.translated(0, 1) if self.isDown() else pill
        painter.drawText(text_box, Qt.AlignmentFlag.AlignCenter, self.text())
        painter.end()
