"""Where features plug into the main window: one call per feature, in page order.

Each feature module offers `install(window, context)` and plugs in only through the window's
declared extension points (app.gui.main_window); adding a feature is one line here, so the
window itself does not grow with every page, tray or reminder. Dependencies point one way:
this module and the features know the window, the window knows no feature.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.gui.context import AppContext
    from app.gui.main_window import MainWindow


def install_early_features(window: MainWindow, context: AppContext) -> None:
    """Features a start request may need before the first frame (`steady now` opens the flow)."""
    from app.gui.moment.feature import install as install_moment; install_moment(window, context)  # noqa: E702
    install_settings(window, context)


def install_late_features(window: MainWindow, context: AppContext) -> None:
    """Everything else, installed after the first frame so that it never delays the pacer."""
    from app.gui.progress.feature import install as install_progress; install_progress(window, context)  # noqa: E702
    from app.gui.patterns.feature import install as install_patterns; install_patterns(window, context)  # noqa: E702
    from app.gui.reminders.feature import install as install_reminders; install_reminders(window, context)  # noqa: E702


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
