"""The system tray icon and "keep running when the window is closed".

A tray exists on some desktops only (never offscreen or under a bare Xvfb), so nothing here is
required: without a tray every action lives in the window, reminders appear as in-window
notices, closing the window quits as usual, and Settings says so plainly.

Closing the window hides it instead of quitting only when the user chose that (``settings.tray``)
and a tray exists to bring it back; the tray's Quit really quits (through the window's own close,
so unsaved practice is still offered for saving).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from app.core.reminders.pausing import PAUSE_HOUR_SECONDS, pause_end

if TYPE_CHECKING:
    from app.core.settings import Settings
    from app.gui.context import AppContext
    from app.gui.main_window import MainWindow


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


def keeps_running_in_tray(settings: Settings) -> bool:
    """The window's close hides it only when the user asked for that and a tray exists."""
    return bool(settings.tray) and tray_available()


def steady_icon() -> QIcon:
    """A calm filled circle with a soft core, drawn here so no image file is needed."""
    icon = QIcon()
    for size in (16, 22, 24, 32, 48, 64):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#4f8f8b"))
        painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
        painter.setBrush(QColor("#cfe6e3"))
        inner = size * 0.36
        painter.drawEllipse(QRectF((size - inner) / 2, (size - inner) / 2, inner, inner))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def pause_reminders(context: AppContext, seconds: float | None = None, until_tomorrow: bool = False) -> float:
    """Quiet reminders for an hour or until tomorrow (in the context's zone); returns when they
    come back (epoch)."""
    until = pause_end(context.wall_clock.now(), context.zone(), seconds, until_tomorrow)
    context.update_settings(reminders_paused_until=float(round(until)))
    return until


def resume_reminders(context: AppContext) -> None:
    context.update_settings(reminders_paused_until=None)


class CloseToTray(QObject):
    """Turns the window's close into hide while the user wants Steady to stay in the tray."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.quitting = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and not self.quitting:
            if keeps_running_in_tray(self.window.context.settings):
                event.ignore()
                self.window.hide()
                return True
        return False

    def quit(self) -> None:
        """Close the window for real (it may ask about unsaved practice), then leave."""
        self.quitting = True
        if self.window.close():
            QApplication.quit()
        else:
            self.quitting = False


class SteadyTray(QObject):
    """The tray icon and its menu; built only where a tray exists."""

    def __init__(self, window: MainWindow, today: Callable[[], None], closer: CloseToTray) -> None:
        super().__init__(window)
        self.window = window
        self.context = window.context
        self.closer = closer
        self.menu = QMenu()
        self.menu.setAccessibleName("Steady")
        self._add("Breathe now", self._breathe_now)
        self._add("Today's practice", today)
        self._add("Open Steady", window.bring_forward)
        self.menu.addSeparator()
        pause = self.menu.addMenu("Pause reminders")
        self.pause_menu = pause
        hour = QAction("For 1 hour", pause)
        hour.triggered.connect(lambda: pause_reminders(self.context, PAUSE_HOUR_SECONDS))
        tomorrow = QAction("Until tomorrow", pause)
        tomorrow.triggered.connect(lambda: pause_reminders(self.context, until_tomorrow=True))
        self.resume_action = QAction("Resume reminders now", pause)
        self.resume_action.triggered.connect(lambda: resume_reminders(self.context))
        for action in (hour, tomorrow, self.resume_action):
            pause.addAction(action)
        self.menu.addSeparator()
        self._add("Quit Steady", closer.quit)
        self.icon = QSystemTrayIcon(steady_icon(), self)
        self.icon.setToolTip("Steady")
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(window.bring_forward)
        self.icon.show()

    def _add(self, title: str, slot: Callable[[], object]) -> QAction:
        action = QAction(title, self.menu)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    def actions(self) -> list[str]:
        return [a.text() for a in self.menu.actions() if a.text()]

    def _breathe_now(self) -> None:
        self.window.breathe_now()
        self.window.bring_forward()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            if self.window.isVisible() and self.window.isActiveWindow():
                self.window.hide() if keeps_running_in_tray(self.context.settings) else None
            else:
                self.window.bring_forward()

    def show_reminder(self, title: str, text: str) -> None:
        self.icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 20_000)

    def close(self) -> None:
        self.icon.hide()
