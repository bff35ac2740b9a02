"""Plugs the Patterns page into the window: the page, the folder watcher, and file drops.

This module is on the start-up path, so it imports nothing heavy: the page (and with it the
editor, the preview and pyqtgraph) is imported by the page factory, the first time the page
is shown. The watcher starts at once, because a file edited by hand should reach the Breathe
list too, whether or not the Patterns page was ever opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDropEvent

from app.core.problems import Problem
from app.gui.patterns.watcher import ExerciseFolderWatcher

if TYPE_CHECKING:
    from app.gui.context import AppContext
    from app.gui.main_window import MainWindow
    from app.gui.patterns.page import PatternsPage

PAGE_KEY = "patterns"
DROP_SUFFIXES = (".yaml", ".yml")
#: Problems listed in one notice; the page shows them all.
NOTICE_PROBLEMS = 3


def dropped_pattern_files(event: QDropEvent) -> list[Path]:
    """The local .yaml/.yml files an event carries (empty when it carries anything else)."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in DROP_SUFFIXES]


class PatternDropHandler(QObject):
    """Lets a pattern file dropped anywhere on the window be imported (with the same checks)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Also drag enter and drag move events: QDragEnterEvent < QDragMoveEvent < QDropEvent.
        if isinstance(event, QDropEvent):
            paths = dropped_pattern_files(event)
            if paths:
                event.acceptProposedAction()
                if event.type() == QEvent.Type.Drop:
                    page = patterns_page(self.window)
                    if page is not None:
                        page.model.import_files(paths)
                return True
        return super().eventFilter(watched, event)


def patterns_page(window: MainWindow) -> PatternsPage | None:
    """Show the Patterns page (building it if needed) and return it."""
    if not window.show_page(PAGE_KEY):
        return None
    # Loaded already (show_page built the page): this import costs nothing.
    from app.gui.patterns.page import PatternsPage

    page = window.page(PAGE_KEY)
    return page if isinstance(page, PatternsPage) else None


def _build_page(window: MainWindow, context: AppContext) -> PatternsPage:
    from app.gui.patterns.page import PatternsPage

    return PatternsPage(context, start_breathing=lambda exercise_id: window.start_breathing(exercise_id, source="practice"))


def _report(window: MainWindow, context: AppContext, problems: list[Problem]) -> None:
    files = sorted({Path(p.path).name for p in problems})
    lines = "\n".join(str(p) for p in problems[:NOTICE_PROBLEMS])
    more = f"\n… and {len(problems) - NOTICE_PROBLEMS} more on the Patterns page." if len(problems) > NOTICE_PROBLEMS else ""
    what = f"Your file {files[0]} has" if len(files) == 1 else f"{len(files)} of your pattern files have"
    context.notify(
        f"{what} a problem, so Steady is not using it until it is fixed:\n{lines}{more}",
        "warning",
        actions=[("Show", lambda: patterns_page(window))],
        key="pattern-files",
    )


def install(window: MainWindow, context: AppContext) -> None:
    window.add_page(PAGE_KEY, "Patterns", lambda: _build_page(window, context))
    watcher = ExerciseFolderWatcher(context, on_new_problems=lambda problems: _report(window, context, problems), parent=window)
    watcher.setObjectName("patternsWatcher")
    PatternDropHandler(window).setObjectName("patternsDrop")
