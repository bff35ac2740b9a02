"""Plugs reminders, the tray and "keep running when closed" into the main window.

`install(window, context)` is the single line in app/gui/features.py. It builds the reminder
service (started from the event loop, so it never delays the first frame), the presenter, and,
only where a system tray exists, the tray icon. The pieces are one RemindersFeature,
registered in ``window.features`` (``window.features[RemindersFeature].service``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from app.gui.reminders.presenter import ReminderPresenter
from app.gui.reminders.service import ReminderService
from app.gui.tray import CloseToTray, SteadyTray, keeps_running_in_tray, tray_available

if TYPE_CHECKING:
    from app.gui.context import AppContext
    from app.gui.main_window import MainWindow


@dataclass
class RemindersFeature:
    service: ReminderService
    presenter: ReminderPresenter
    closer: CloseToTray
    tray: SteadyTray | None


def todays_practice(window: "MainWindow", feature_service: ReminderService) -> None:
    """The tray's "Today's practice": the Progress page where there is one, and a short summary."""
    window.bring_forward()
    window.show_page("progress")
    context = window.context
    minutes = context.history.daily_minutes(1)
    done = round(minutes[-1].minutes) if minutes else 0
    parts = [f"Today you have practised for {done} minute{'s' if done != 1 else ''}." if done else "No practice yet today, and that is fine."]
    upcoming = feature_service.upcoming()
    if upcoming:
        from app.gui.reminders.settings_section import describe_when

        parts.append(f"Next reminder: {describe_when(upcoming[0].at, context.wall_clock.now())}.")
    context.notify(" ".join(parts), "info", key="today")


def _apply_quit_rule(context: "AppContext") -> None:
    app = QApplication.instance()
    if app is not None:
        app.setQuitOnLastWindowClosed(not keeps_running_in_tray(context.settings))


def install(window: "MainWindow", context: "AppContext") -> RemindersFeature:
    service = ReminderService(context)
    closer = CloseToTray(window)
    tray = SteadyTray(window, lambda: todays_practice(window, service), closer) if tray_available() else None
    presenter = ReminderPresenter(window, service, tray)
    feature = RemindersFeature(service, presenter, closer, tray)
    window.features.add(feature)
    _apply_quit_rule(context)
    context.settingsChanged.connect(lambda _s: _apply_quit_rule(context))
    context.timers(service.start, owner=service).start(0)  # from the event loop, after the first frame
    return feature
