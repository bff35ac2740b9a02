"""The notices at the top of the window, drawn: a view of app.core.notices.Notices.

A banner never steals focus or stops what the user is doing. The rules (a key shows a notice
once, an action closes its notice, notices held back until a calm moment) live in the model;
this area only adds a banner when the model shows a notice and removes it when the model
closes one, so anything that tells the user something goes through the model, never here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.notices import Notice, Notices
from widgets.announce import announce


class WrappingLabel(QLabel):
    """A word-wrapped label that keeps room for all its lines at its real width.

    Beside action buttons the label gets narrow, and a layout sizes it from its one-line hint,
    cutting off the rest of the sentence; asking for heightForWidth on every resize fixes that.
    """

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


class NoticeBanner(QFrame):
    """One notice: its words, its actions, and a Dismiss button; clicks go to the model."""

    def __init__(self, notice: Notice, model: Notices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = notice
        level = notice.level
        self.setObjectName(f"notice-{level}")
        self.setProperty("level", level)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Notice")
        self.setAccessibleDescription(notice.text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        self.label = WrappingLabel(notice.text)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        from PySide6.QtWidgets import QSizePolicy  # with the first notice: its enums cost ~1.5 ms at start-up

        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.label, 1)
        self.buttons: list[QPushButton] = []
        for title, _callback in notice.actions:
            button = QPushButton(title)
            button.clicked.connect(lambda _checked=False, t=title: model.choose(notice, t))
            layout.addWidget(button)
            self.buttons.append(button)
        close = QPushButton("Dismiss")
        close.setAccessibleName("Dismiss notice")
        close.clicked.connect(lambda: model.close(notice))
        layout.addWidget(close)
        self.close_button = close

    @property
    def text(self) -> str:
        return self.notice.text


class NoticeArea(QWidget):
    """A column of banners bound to a Notices model; hidden when empty so it takes no room."""

    def __init__(self, model: Notices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setAccessibleName("Notices")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 0)
        self._layout.setSpacing(4)
        self._banners: dict[Notice, NoticeBanner] = {}
        self.hide()
        for notice in model.shown():  # told before the window existed
            self._add(notice)
        model.observe(self._add, self._remove)

    def notices(self) -> list[NoticeBanner]:
        """The banners on screen, oldest first."""
        return [self._banners[n] for n in self.model.shown() if n in self._banners]

    def _add(self, notice: Notice) -> None:
        banner = NoticeBanner(notice, self.model, self)
        self._banners[notice] = banner
        self._layout.addWidget(banner)
        banner.show()
        self.show()
        announce(banner, notice.text)

    def _remove(self, notice: Notice) -> None:
        banner = self._banners.pop(notice, None)
        if banner is None:
            return
        banner.hide()
        self._layout.removeWidget(banner)
        banner.deleteLater()
        if not self._banners:
            self.hide()
