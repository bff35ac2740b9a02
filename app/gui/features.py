"""Where features plug into the main window: one call per feature, in page order.

Each feature module offers `install(window, context)`; adding a feature is one line here,
so the window itself does not grow with every page, tray or reminder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.gui.context import AppContext
    from app.gui.main_window import MainWindow


def install_features(window: "MainWindow", context: "AppContext") -> None:
    """Install every optional feature; each must keep start-up cheap (build pages lazily)."""
    from app.gui.moment.feature import install as install_moment; install_moment(window, context)  # noqa: E702
    from app.gui.progress.feature import install as install_progress; install_progress(window, context)  # noqa: E702
    from app.gui.patterns.feature import install as install_patterns; install_patterns(window, context)  # noqa: E702
    from app.gui.reminders.feature import install as install_reminders; install_reminders(window, context)  # noqa: E702
