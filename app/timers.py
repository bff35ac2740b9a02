"""Real timers for the :class:`app.core.timers.TimerFactory` seam: thin wrappers around QTimer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer


class QtTimer:
    """A QTimer behind the Qt-free `Timer` protocol; it dies with its owner, like any QObject child."""

    __slots__ = ("qtimer",)

    def __init__(
        self, callback: Callable[[], object], *, single_shot: bool = True, precise: bool = False, owner: object = None
    ) -> None:
        self.qtimer = QTimer(owner if isinstance(owner, QObject) else None)
        self.qtimer.setSingleShot(single_shot)
        if precise:
            self.qtimer.setTimerType(Qt.TimerType.PreciseTimer)
        self.qtimer.timeout.connect(callback)

    def start(self, msec: int) -> None:
        self.qtimer.start(msec)

    def stop(self) -> None:
        self.qtimer.stop()

    def is_active(self) -> bool:
        return self.qtimer.isActive()


def qt_timer(
    callback: Callable[[], object], *, single_shot: bool = True, precise: bool = False, owner: object = None
) -> QtTimer:
    """The application's TimerFactory."""
    return QtTimer(callback, single_shot=single_shot, precise=precise, owner=owner)
