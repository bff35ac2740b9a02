"""Non-blocking banners at the top of the window: reminders, check-ins, warnings.

A banner never steals focus or stops what the user is doing. A `key` makes a notice appear
once: showing a notice with the key of one already shown replaces it instead of stacking.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from widgets.announce import announce

NoticeAction = tuple[str, Callable[[], None]]


class WrappingLabel(QLabel):
    """A word-wrapped label that keeps room for all its lines at its real width.

    Beside action buttons the label gets narrow, and a layout sizes it from its one-line hint,
    cutting off the rest of the sentence; asking for heightForWidth on every resize fixes that.
    """

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


class NoticeBanner(QFrame):
    """One notice: its words, its actions, and a close button."""

    closed = Signal()

    def __init__(self, text: str, level: str, actions: Sequence[NoticeAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"notice-{level}")
        self.setProperty("level", level)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Notice")
        self.setAccessibleDescription(text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        self.label = WrappingLabel(text)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        from PySide6.QtWidgets import QSizePolicy  # with the first notice: its enums cost ~1.5 ms at start-up

        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.label, 1)
        self.buttons: list[QPushButton] = []
        for title, callback in actions:
            button = QPushButton(title)
            button.clicked.connect(callback)
            button.clicked.connect(self.close_notice)
            layout.addWidget(button)
            self.buttons.append(button)
        close = QPushButton("Dismiss")
        close.setAccessibleName("Dismiss notice")
        close.clicked.connect(self.close_notice)
        layout.addWidget(close)
        self.close_button = close
        self.text = text

    def close_notice(self) -> None:
        self.hide()
        self.closed.emit()
        self.deleteLater()


class NoticeArea(QWidget):
    """A column of banners; hidden when empty so it takes no room."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Notices")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 0)
        self._layout.setSpacing(4)
        self._by_key: dict[str, NoticeBanner] = {}
        self.hide()

    def show_notice(self, text: str, level: str = "info", actions: Sequence[NoticeAction] = (), key: str | None = None) -> NoticeBanner:
        if key is not None and key in self._by_key:
            self._by_key[key].close_notice()
        banner = NoticeBanner(text, level, actions, self)
        self._layout.addWidget(banner)
        banner.show()
        if key is not None:
            self._by_key[key] = banner
        banner.closed.connect(lambda k=key, b=banner: self._forget(k, b))
        self.show()
        announce(banner, text)
        return banner

    def dismiss(self, key: str) -> None:
        if key in self._by_key:
            self._by_key[key].close_notice()

    def notices(self) -> list[NoticeBanner]:
        return [b for b in self.findChildren(NoticeBanner) if b.isVisibleTo(self)]

    def _forget(self, key: str | None, banner: NoticeBanner) -> None:
        if key is not None and self._by_key.get(key) is banner:
            del self._by_key[key]
        self._layout.removeWidget(banner)
        if not self.notices():
            self.hide()
