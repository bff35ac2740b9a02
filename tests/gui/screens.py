"""Every screen of the real window, found by walking it (so new pages and steps are included).

`walk_screens(window)` shows each screen in turn and yields its name; the caller looks at the
window while it is shown. Pages come from the side bar; the Breathe page also shows a running
session and its grounding card; the triggered-moment flow shows each of its steps (moved with its
own Skip button, as a person would); the dialogs come last, each shown on top of the window.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app.core.flow import STEPS


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def walk_screens(window, dialogs: bool = True) -> Iterator[tuple[str, QWidget]]:
    """(name, the widget to look at) for every screen, each shown while the caller looks."""
    for key in window.nav.keys():
        window.show_page(key)
        settle()
        yield f"page {key}", window
    window.start_breathing(None)
    settle()
    yield "breathe: session", window
    session = window.breathe_page.session
    QTest.keyClick(session.pacer, Qt.Key.Key_G)
    settle()
    yield "breathe: grounding", window
    window.breathe_now()
    settle()
    view = window.page("moment").view
    for index, step in enumerate(STEPS):
        yield f"moment step {index + 1} ({step})", window
        if index + 1 < len(STEPS):
            view.skip_button.click()
            settle()
    if not dialogs:
        return
    from app.gui.help_dialog import HelpDialog

    help_dialog = HelpDialog(window)
    help_dialog.show()
    settle()
    yield "help (F1)", help_dialog
    help_dialog.close()
    from app.gui.moment.feature import MomentFeature

    window.features[MomentFeature].show_help()
    settle()
    for dialog in [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window and w.isWindow()]:
        yield "get help now", dialog
        dialog.close()
