"""Shows a due reminder and runs the practice its Start asks for (the Qt side).

What the notice says and what Start, Snooze and Skip do and log is decided by
app.core.reminders.presenter.ReminderPresenterModel. This adapter shows its notice in the window
(the one place the actions exist on every desktop), a tray message where a tray exists and the
window is hidden or in the background (clicking it brings the window forward), plays a soft
sound when sound cues are on, and runs Start's practice through the window's practice handler
(``MainWindow.start_breathing``: the Breathe page) as a session with source ``reminder``,
logging ``started`` with the session's id once the history has it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.core.reminders import words
from app.core.reminders.presenter import ReminderPresenterModel
from app.core.reminders.schedule import Announcement, Slot
from app.gui.reminders.service import ReminderService
from app.logs import log

if TYPE_CHECKING:
    from app.gui.main_window import MainWindow
    from app.gui.tray import SteadyTray


class ReminderPresenter(QObject):
    """Shows announcements and carries out the user's choice."""

    #: The session started from a reminder (its history id), for tests and the Progress page.
    sessionStarted = Signal(str)

    def __init__(self, window: MainWindow, service: ReminderService, tray: SteadyTray | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.context = context = window.context
        self.tray = tray
        self.model = ReminderPresenterModel(service, lambda: context.library, lambda: context.settings)
        service.announced.connect(self.show)

    def show(self, announcement: Announcement) -> None:
        notice = self.model.notice(announcement, self.start)
        self.context.notify(notice.text, "info", actions=notice.actions, key=words.NOTICE_KEY)
        self._play_sound()
        if self.tray is not None and self.model.tells_the_tray(self.window.isHidden(), self.window.isActiveWindow()):
            self.tray.show_reminder(words.TRAY_TITLE, notice.text)

    def _play_sound(self) -> None:
        """The chosen set's end cue; an unknown set name falls back as in a session, never to silence."""
        settings = self.context.settings
        if not settings.sound_enabled:
            return
        from app.audio import NO_SOUND, Cue
        from app.audio.sets import resolve_sound_set

        if settings.sound_set == NO_SOUND:
            return
        try:
            self.context.sound_player(resolve_sound_set(None, settings.sound_set)).play(Cue.END)
        except Exception as error:  # noqa: BLE001 - a sound must never stop a reminder
            log.warning("reminder sound failed: %r", error)

    def start(self, slot: Slot) -> bool:
        """Run the reminder's practice now; the history gets the session and a `started` event."""
        practice = self.model.practice(slot)
        if practice.note:
            self.context.notify(practice.note, "info", key="reminder-exercise")
        if practice.exercise is None:
            return False

        def started(session_id: str) -> None:
            self.model.started(slot, session_id)
            self.sessionStarted.emit(session_id)

        self.window.start_breathing(practice.exercise, "reminder", on_recorded=started)
        self.window.bring_forward()
        return True
