"""The window hook of `python -m bench.launch`: what it does once Steady's window is built.

Imported by the hook only, after Steady has loaded Qt, so the launcher itself stays Qt-free.
Everything here reaches Steady through declared seams: the window's ``pacerShown`` signal and
``showing_pacer()``, the pacer's ``firstFramePainted`` and ``framePainted`` signals, and the
typed feature registry (``window.features[MomentFeature]``) to leave a flow.
"""

from __future__ import annotations

import atexit
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from app.gui.main_window import MainWindow
    from bench.launch import Watch
    from widgets.pacer import PacerWidget

#: Frames kept in memory before they are appended (about once a second: a benchmark ends the app
#: with SIGTERM, which skips exit handlers, so at most the last second is lost).
FRAME_LOG_FLUSH_EVERY = 60


def install(window: MainWindow, app: QApplication, watch: Watch) -> None:
    """Follow every pacer the window shows, now and later, as `watch` asks."""
    if watch.hide:
        QTimer.singleShot(0, window.hide)
    first_frame = FirstFrameReporter(app) if watch.first_frame else None
    frame_log = FrameLog(watch.frame_log) if watch.frame_log else None
    handovers = HandoverLog(window, watch.handover_log) if watch.handover_log else None
    watched: list[PacerWidget] = []

    def follow(pacer: PacerWidget, *, later: bool) -> None:
        if any(pacer is seen for seen in watched):
            return  # the Breathe page shows the same pacer for every session
        watched.append(pacer)
        if first_frame is not None:
            pacer.firstFramePainted.connect(first_frame)
        if frame_log is not None:
            pacer.framePainted.connect(frame_log)
        if handovers is not None and later:
            handovers.follow(pacer)

    showing = window.showing_pacer()
    if showing is not None:
        follow(showing, later=False)
    window.pacerShown.connect(lambda pacer: follow(pacer, later=True))


class FirstFrameReporter:
    """Prints the time of the first real pacer frame and whether pyqtgraph was loaded, then quits."""

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


class FrameLog:
    """Appends the monotonic time after each pacer paint, a float per line, in batches."""

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


class HandoverLog:
    """For each pacer shown after the start: note its first frame's time, then leave its flow,
    so that the next `steady now` handed over starts a new flow (and a new pacer)."""

    def __init__(self, window: MainWindow, path: str) -> None:
        self._window = window
        self._path = path

    def follow(self, pacer: PacerWidget) -> None:
        pacer.firstFramePainted.connect(self._note)

    def _note(self) -> None:
        with open(self._path, "a", encoding="ascii") as out:
            out.write(f"{time.monotonic()!r}\n")
        QTimer.singleShot(0, self._leave_flow)

    def _leave_flow(self) -> None:
        from app.gui.moment.feature import MomentFeature

        moment = self._window.features.get(MomentFeature)
        view = moment.page().view if moment is not None else None
        if view is not None:
            view.leave()
