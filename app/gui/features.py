"""Where features plug into the main window: one call per feature, in page order.

Each feature module offers `install(window, context)` and plugs in only through the window's
declared extension points (app.gui.main_window); adding a feature is one line here, so the
window itself does not grow with every page, tray or reminder. Dependencies point one way:
this module and the features know the window, the window knows no feature. Each feature is
imported when it is installed, so a start loads only what its first frame needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.gui.context import AppContext
    from app.gui.main_window import MainWindow


def install_early_features(window: MainWindow, context: AppContext) -> None:
    """Features a start request may need before the first frame (`steady breathe` shows the
    Breathe page, `steady now` opens the flow)."""
    from app.gui.moment import feature as moment
    from app.gui.session import feature as breathe

    breathe.install(window, context)
    moment.install(window, context)
    install_settings(window, context)


def install_late_features(window: MainWindow, context: AppContext) -> None:
    """Everything else, installed after the first frame so that it never delays the pacer."""
    from app.gui.patterns import feature as patterns
    from app.gui.progress import feature as progress
    from app.gui.reminders import feature as reminders

    progress.install(window, context)
    patterns.install(window, context)
    reminders.install(window, context)


def install_features(window: MainWindow, context: AppContext) -> None:
    """Every feature at once (tests and tools that need the whole window straight away)."""
    install_early_features(window, context)
    install_late_features(window, context)


def install_settings(window: MainWindow, context: AppContext) -> None:
    """The Settings page; its module (and every control's class) loads when it is first shown."""

    def build() -> QWidget:
        from app.gui.settings_page import SettingsPage

        return SettingsPage(context)

    window.add_page("settings", "Settings", build)
