"""Baseline: a bare QWidget of the pacer window's size that exits at its first paint.

Prints ``first-frame <time.monotonic()>`` on stdout at the first paint event, flushes and exits
with status 0. Only PySide6 is imported, so this is the least any Qt window can cost.

Run: ``python bench/baselines/bare_window.py``.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QWidget

try:
    from bench.baselines import WINDOW_SIZE
except ImportError:  # run as a plain script: bench/ is not on sys.path
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    from bench.baselines import WINDOW_SIZE


class FirstPaintWindow(QWidget):
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        painter.end()
        now = time.monotonic()
        sys.stdout.write(f"first-frame {now!r}\n")
        sys.stdout.flush()
        os._exit(0)


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = FirstPaintWindow()
    window.resize(*WINDOW_SIZE)
    window.setWindowTitle("bare window")
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
