"""Spoken announcements for screen readers: the one way Steady tells assistive technology news.

Qt's accessibility classes are imported on the first announcement, not with the widgets: PySide6
builds their large enums (about 2 ms) when the class is first touched, and nothing needs them
before the pacer's first frame. Nothing is sent when no assistive technology listens.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def announce(source: QWidget, text: str) -> None:
    """Ask screen readers to speak `text` on behalf of `source`, politely (after what they are
    saying: Qt's default, and right for a calm app)."""
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    if QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(source, text))
