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

from app.core.reminders import words
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


def todays_practice(window: MainWindow, service: ReminderService) -> None:
    """The tray's "Today's practice": the Progress page where there is one, and a short summary."""
    window.bring_forward()
    window.show_page("progress")
    context = window.context
    minutes = context.history.daily_minutes(1)
    parts = [words.today_summary(minutes[-1].minutes if minutes else 0.0)]
    upcoming = service.upcoming()
    if upcoming:
        parts.append(words.next_reminder(upcoming[0].at, context.wall_clock.now(), context.zone()))
    context.notify(" ".join(parts), "info", key="today")


def _apply_quit_rule(context: AppContext) -> None:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setQuitOnLastWindowClosed(not keeps_running_in_tray(context.settings))


def install(window: MainWindow, context: AppContext) -> RemindersFeature:
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
