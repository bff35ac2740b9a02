"""Baseline: the pacer window repainted in full at 60 Hz, drawing one antialiased circle.

A 16 ms ``Qt.PreciseTimer`` calls ``update()`` on the whole window; each paint fills the
background and draws one opaque antialiased circle whose radius follows sin(t) between 20 % and
40 % of the window's smaller side. This is what a minimal pacer costs in CPU and memory.

Run: ``python bench/baselines/bare_circle.py [SECONDS] [--frame-log PATH]``. Without SECONDS it
runs until killed. With ``--frame-log`` it appends each paint's ``time.monotonic()`` (one float
per line), written when it exits (on SIGTERM/SIGINT too) and every 60 frames.
"""

from __future__ import annotations

import math
import os
import signal
import sys
import time

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import QApplication, QWidget

try:
    from bench.baselines import WINDOW_SIZE
except ImportError:  # run as a plain script: bench/ is not on sys.path
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    from bench.baselines import WINDOW_SIZE

FRAME_INTERVAL_MS = 16
_FLUSH_EVERY = 60  # as often as the app's bench hook writes, for the same cost


class CircleWindow(QWidget):
    def __init__(self, frame_log: str | None) -> None:
        super().__init__()
        self._t0 = time.monotonic()
        self._frame_log = frame_log
        self._frames: list[float] = []
        self._background = QColor("#20303a")
        self._brush = QBrush(QColor("#8fc1d4"))

    def paintEvent(self, event) -> None:
        now = time.monotonic()
        side = min(self.width(), self.height())
        radius = side * (0.30 + 0.10 * math.sin(now - self._t0))
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self._background)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._brush)
        painter.drawEllipse(QPointF(self.width() / 2, self.height() / 2), radius, radius)
        painter.end()
        if self._frame_log is not None:
            self._frames.append(time.monotonic())
            if len(self._frames) >= _FLUSH_EVERY:
                self.flush_frames()

    def flush_frames(self) -> None:
        if self._frame_log is None or not self._frames:
            return
        with open(self._frame_log, "a", encoding="ascii") as out:
            out.write("".join(f"{t!r}\n" for t in self._frames))
        self._frames.clear()


def main(argv: list[str]) -> int:
    frame_log = None
    if "--frame-log" in argv:
        i = argv.index("--frame-log")
        frame_log = argv[i + 1]
        del argv[i : i + 2]
    seconds = float(argv[0]) if argv else None

    app = QApplication(sys.argv[:1])
    window = CircleWindow(frame_log)
    window.resize(*WINDOW_SIZE)
    window.setWindowTitle("bare circle")
    timer = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=FRAME_INTERVAL_MS)
    timer.timeout.connect(window.update)
    timer.start()
    if seconds is not None:
        QTimer.singleShot(int(seconds * 1000), app.quit)
    # Python handles signals only between bytecodes: a slow no-op timer lets SIGTERM through.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: app.quit())
    wake = QTimer(interval=200)
    wake.timeout.connect(lambda: None)
    wake.start()
    window.show()
    status = app.exec()
    window.flush_frames()
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
