"""SIGTERM (logout, shutdown) and SIGHUP (its terminal closed) reach Qt's event loop as a Qt signal.

Left alone, either signal ends the process on the spot: the practice since the last checkpoint
(up to 15 s) and any history waiting in memory are lost, and the session stays `running`. A
Python handler alone does not help: Python runs it only when the interpreter next gets control,
and while Qt's event loop sleeps in C that can be never. So `signal.set_wakeup_fd` writes each
signal's number to a pipe, a QSocketNotifier wakes the event loop on it, and `received` is
emitted there, as an ordinary slot call; the bootstrap (app.gui.application) quits as Quit does.
"""

from __future__ import annotations

import os
import signal

from PySide6.QtCore import QObject, QSocketNotifier, Signal

QUIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def _noted_on_the_pipe(_number: int, _frame: object) -> None:
    """Replaces the default action (ending the process); the pipe carries the news."""


class QuitSignals(QObject):
    """Emits `received(number)` in the event loop when one of `numbers` arrives.

    One per process (the wakeup fd and the handlers are the process's), made by the bootstrap.
    """

    received = Signal(int)

    def __init__(self, parent: QObject | None = None, numbers: tuple[int, ...] = QUIT_SIGNALS) -> None:
        super().__init__(parent)
        self._numbers = numbers
        self._read_end, self._write_end = os.pipe()
        for end in (self._read_end, self._write_end):  # os.pipe() ends are not inherited by children
            os.set_blocking(end, False)
        signal.set_wakeup_fd(self._write_end, warn_on_full_buffer=False)
        for number in numbers:
            signal.signal(number, _noted_on_the_pipe)
        self._notifier = QSocketNotifier(self._read_end, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)

    def _read(self) -> None:
        try:
            arrived = os.read(self._read_end, 64)
        except BlockingIOError:
            return
        for number in arrived:
            if number in self._numbers:
                self.received.emit(number)
