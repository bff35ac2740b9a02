"""Regression guard for PySide6 6.12.0 on Python 3.11 ("Fatal Python error: none_dealloc").

That release dropped a reference to None on every call of a Qt method returning nothing, so a
process died after a few thousand `update()` or `drawEllipse()` calls: exactly what a pacer
does at 60 fps. The calls run in a child process so that an abort fails this test plainly
instead of killing the whole test run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

CHILD = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication([])
    widget = QWidget()
    widget.resize(64, 64)
    refs_before = sys.getrefcount(None)
    for _ in range(50_000):
        widget.update()
    image = QImage(64, 64, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    painter.setBrush(QColor("#8ab4d8"))
    centre = QPointF(32.0, 32.0)
    for i in range(20_000):
        painter.drawEllipse(centre, 10.0 + i % 20, 10.0 + i % 20)
    painter.end()
    app.processEvents()
    # Immortal None (3.12+) reports a huge constant; on 3.11 a leak would show as a big drop.
    print("survived", refs_before, sys.getrefcount(None), flush=True)
    """
)


def test_many_void_qt_calls_do_not_crash_the_interpreter() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, (
        f"child exited with {result.returncode}; a PySide6 build that drops references to None on "
        f"void calls (6.12.0 on Python 3.11) aborts like this.\nstderr:\n{result.stderr[-2000:]}"
    )
    words = result.stdout.split()
    assert words[0] == "survived"
    before, after = int(words[1]), int(words[2])
    assert after >= before - 100, "Qt void calls are leaking references to None"
