"""Run work after a widget's first paint, so start-up shows the pacer before anything else.

A zero-delay timer is not enough: it fires before a newly shown window's first paint. An event
filter sees the paint itself and queues the work behind it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

_PAINTED = "steadyFirstPaintDone"
#: A hidden widget never paints (audio-only mode, a window in the tray): run the work anyway then.
FALLBACK_MS = 400


class _FirstPaintWatcher(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], object]) -> None:
        super().__init__(widget)
        self._callback: Callable[[], object] | None = callback
        self._widget = widget
        widget.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            watched.setProperty(_PAINTED, True)
            QTimer.singleShot(0, self._run)
        return False

    def _run(self) -> None:
        callback, self._callback = self._callback, None
        if callback is None:
            return
        self._widget.removeEventFilter(self)
        self.deleteLater()
        callback()


def after_first_paint(widget: QWidget | None, callback: Callable[[], object]) -> None:
    """Call `callback` once `widget` has painted (soon, if it already has or there is none).

    If the widget does not paint within FALLBACK_MS (it is hidden), the callback runs then.
    """
    if widget is None or widget.property(_PAINTED):
        QTimer.singleShot(0, callback)
        return
    _FirstPaintWatcher(widget, callback)
