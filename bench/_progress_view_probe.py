"""Child process for `python -m bench history`: open the Progress page once, cold, and time it.

    python bench/_progress_view_probe.py DATA_DIR NOW_EPOCH [--history-open]

A fresh process, so every import is cold. It builds the real window on DATA_DIR (which holds a
filled history.db) with the app's own services except the wall clock, fixed at NOW_EPOCH (so
"today" is the last day of the generated history), shows the window and waits for its first
paint. Then:

1. `import pyqtgraph` is timed alone: ``pyqtgraph-import-ms``.
2. the clock starts, ``window.show_page("progress")`` is called (this builds the page, reads
   the history, fills the plot and tables), and the clock stops right after the first paint of
   the minutes plot, which then holds the data: ``view-ms``. ``build-ms`` is the part spent
   before the event loop painted. With ``--history-open`` the history is opened (and checked,
   an integrity_check of the whole file) before the clock starts, as after a session; without
   it that first open is part of the time.
3. the period is switched to 365 days and timed to the next paint: ``view-365-ms``.
4. the Moments tab (built and read on first look) is opened and timed to the first paint of
   its distress plot: ``moments-tab-ms``.

Prints ``tag value`` lines; ``bars N`` and ``minutes M`` show what the first paint held.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from app.core.library import load_library
    from app.gui.application import build_window
    from app.gui.services import real_services
    from app.paths import DataPaths
    from tests.helpers.stubs import FakeClock

    data_dir, now = Path(argv[0]), float(argv[1])
    app = QApplication(sys.argv[:1])
    paths = DataPaths(data_dir)
    services = real_services()._replace(wall_clock=FakeClock(now))
    window = build_window(paths, load_library(paths.exercises), app, services)
    painted: list[float] = []

    class AfterPaint(QObject):
        """Notes the time right after the watched widget has painted (delivering it first)."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() != QEvent.Type.Paint:
                return False
            watched.event(event)
            painted.append(time.perf_counter())
            app.exit(0)
            return True

    def wait_for_paint(widget, budget_s: float = 20.0) -> float:
        painted.clear()
        watcher = AfterPaint(widget)
        widget.installEventFilter(watcher)
        QTimer.singleShot(int(budget_s * 1000), lambda: app.exit(1))
        if app.exec() != 0 or not painted:
            raise SystemExit(f"no paint of {type(widget).__name__} within {budget_s} s")
        widget.removeEventFilter(watcher)
        return painted[0]

    window.show()
    wait_for_paint(window)
    if "pyqtgraph" in sys.modules:
        raise SystemExit("pyqtgraph was imported before the Progress page was opened")
    began = time.perf_counter()
    import pyqtgraph  # noqa: F401 - timed on purpose: the cost the page pays on first open

    print(f"pyqtgraph-import-ms {(time.perf_counter() - began) * 1000.0!r}")
    if "--history-open" in argv:
        window.context.history.list_sessions(limit=1)

    began = time.perf_counter()
    window.show_page("progress")
    built = time.perf_counter()
    page = window.page("progress")
    done = wait_for_paint(page.minutes_plot.viewport())
    heights = page.minutes_plot.bar_heights()
    print(f"view-ms {(done - began) * 1000.0!r}")
    print(f"build-ms {(built - began) * 1000.0!r}")
    print(f"bars {len(heights)}")
    print(f"minutes {sum(heights)!r}")

    began = time.perf_counter()
    page.model.set_period(365)
    done = wait_for_paint(page.minutes_plot.viewport())
    print(f"view-365-ms {(done - began) * 1000.0!r}")
    print(f"bars-365 {len(page.minutes_plot.bar_heights())}")

    began = time.perf_counter()
    page.tabs.setCurrentWidget(page.moments_tab)
    done = wait_for_paint(page.distress_plot.viewport())
    print(f"moments-tab-ms {(done - began) * 1000.0!r}")
    print(f"pairs {len(page.distress_plot.pairs)}")
    window.context.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
