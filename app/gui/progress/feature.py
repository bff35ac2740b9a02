"""Plugs the Progress page into the main window without importing pyqtgraph.

The factory imports the page module on first open, so start-up never pays pyqtgraph's
~400 ms import (tests/gui/test_progress_page.py checks this in a fresh process).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.gui.context import AppContext
    from app.gui.main_window import MainWindow

PAGE_KEY = "progress"
PAGE_TITLE = "Progress"


def install(window: MainWindow, context: AppContext) -> None:
    """Register the "progress" page; nothing is built until the user opens it."""

    def build() -> QWidget:
        from app.gui.progress.page import ProgressPage

        return ProgressPage(context, breathe_now=lambda: window.breathe_now())

    window.add_page(PAGE_KEY, PAGE_TITLE, build)
