"""Spoken announcements for screen readers: the one way Steady tells assistive technology news.

A widget that is not on screen yet speaks once it has painted: words before the picture help
nobody, and so Qt's accessibility classes (PySide6 builds their large enums, about 2 ms, when
the class is first touched) load after the first frame of `steady now` and `steady breathe`,
not before it. Nothing is sent when no assistive technology listens.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from widgets.first_paint import after_first_paint


def announce(source: QWidget, text: str) -> None:
    """Ask screen readers to speak `text` on behalf of `source`, politely (after what they are
    saying: Qt's default, and right for a calm app); a hidden `source` speaks after its first
    paint."""
    if source.isVisible():
        speak(source, text)
    else:
        after_first_paint(source, lambda: speak(source, text))


def speak(source: QWidget, text: str) -> None:
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    if QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(source, text))
