"""Hooks that let `python -m bench` measure the real app; inert unless asked for.

The bootstrap imports this module only when some ``STEADY_BENCH_*`` environment variable is
set, and then calls :func:`install_bench_hooks` once the pacer exists, so a normal start pays
nothing. Variables:

- ``STEADY_BENCH_FIRST_FRAME=1``: at the pacer's first real frame
  (``PacerWidget.firstFramePainted``) print ``first-frame <time.monotonic()>`` and
  ``pyqtgraph-loaded 0|1`` (was pyqtgraph imported before that frame?) on stdout, flush, and
  quit the app with status 0.
- ``STEADY_BENCH_FRAME_LOG=PATH``: append the ``time.monotonic()`` of the end of every pacer
  paint to PATH, one float per line; buffered, written every few hundred frames and at exit.
- ``STEADY_BENCH_HIDE=1``: hide the window once the event loop runs (``python -m bench idle``).

Widgets without the ``firstFramePainted``/``framePainted`` signals are watched with an event
filter that notes the time after each paint event instead.
"""

from __future__ import annotations

import atexit
import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FIRST_FRAME_VAR = "STEADY_BENCH_FIRST_FRAME"
FRAME_LOG_VAR = "STEADY_BENCH_FRAME_LOG"
#: ``STEADY_BENCH_HIDE=1``: hide the window once the event loop runs (the idle benchmark).
HIDE_VAR = "STEADY_BENCH_HIDE"
#: Frames kept in memory before they are appended (about once a second: a benchmark ends the app
#: with SIGTERM, which skips exit handlers, so at most the last second is lost).
FRAME_LOG_FLUSH_EVERY = 60


def install_bench_hooks(pacer_widget: QWidget, app: QCoreApplication) -> None:
    """Install the hooks the environment asks for on `pacer_widget` (see the module docstring)."""
    if os.environ.get(FIRST_FRAME_VAR, "") not in ("", "0"):
        _on_each_frame(pacer_widget, "firstFramePainted", _FirstFrameReporter(app))
    if os.environ.get(HIDE_VAR, "") not in ("", "0"):
        QTimer.singleShot(0, pacer_widget.window().hide)
    log_path = os.environ.get(FRAME_LOG_VAR)
    if log_path:
        _on_each_frame(pacer_widget, "framePainted", _FrameLog(log_path))


class _FirstFrameReporter:
    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._done = False

    def __call__(self, *_args: object) -> None:
        if self._done:
            return
        self._done = True
        now = time.monotonic()
        loaded = int("pyqtgraph" in sys.modules)
        sys.stdout.write(f"first-frame {now!r}\npyqtgraph-loaded {loaded}\n")
        sys.stdout.flush()
        # Leave from the event loop, not from inside a paint event.
        QTimer.singleShot(0, lambda: self._app.exit(0))


class _FrameLog:
    def __init__(self, path: str) -> None:
        self._path = path
        self._times: list[float] = []
        atexit.register(self.flush)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.flush)

    def __call__(self, *_args: object) -> None:
        self._times.append(time.monotonic())
        if len(self._times) >= FRAME_LOG_FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        if not self._times:
            return
        text = "".join(f"{t!r}\n" for t in self._times)
        self._times.clear()
        with open(self._path, "a", encoding="ascii") as out:
            out.write(text)


class _AfterPaintFilter(QObject):
    """Calls its callbacks right after each paint of the watched widget (it paints it itself).

    One filter per widget: a filter that delivers the paint consumes it, so a second filter
    would never see it.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.callbacks: list = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if event.type() != QEvent.Type.Paint:
            return False
        # Deliver the paint now (QObject.event bypasses filters), so the time noted is after it.
        watched.event(event)
        for callback in self.callbacks:
            callback()
        return True


def _on_each_frame(widget: QWidget, signal_name: str, callback) -> None:  # noqa: ANN001
    signal = getattr(widget, signal_name, None)
    if signal is not None and hasattr(signal, "connect"):
        signal.connect(callback)
        return
    paint_filter = widget.findChild(_AfterPaintFilter)
    if paint_filter is None:
        paint_filter = _AfterPaintFilter(widget)
        widget.installEventFilter(paint_filter)
    paint_filter.callbacks.append(callback)
