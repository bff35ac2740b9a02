"""What the user sees when a reminder is due, and what Start, Snooze and Skip do.

The in-window notice always carries the three actions (it is the one place they exist on every
desktop); where a system tray exists and the window is hidden or in the background, a tray
message says the same and clicking it brings the window forward. A soft sound plays when sound
cues are on. Start runs the reminder's exercise for the reminder's minutes on the Breathe page,
as a session with source ``reminder``, and logs ``started`` with the session's id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.core.reminders.practice_length import exercise_for_minutes
from app.core.reminders.schedule import Announcement, Reminder, Slot
from app.gui.reminders.service import ReminderService
from app.logs import log

if TYPE_CHECKING:
    from app.gui.main_window import MainWindow

NOTICE_KEY = "reminder"


def practice_words(reminder: Reminder | None, exercise_name: str) -> str:
    minutes = reminder.minutes if reminder else 5
    return f"{exercise_name}, {minutes} minute{'s' if minutes != 1 else ''}"


def announcement_text(announcement: Announcement, what: str) -> str:
    """The notice's words: plain, warm, and never a reproach for a missed day."""
    if announcement.snoozed:
        return f"Here is your practice reminder again: {what}. Start when you are ready."
    if announcement.catch_up:
        missed = 1 + len(announcement.merged)
        times = "A practice time" if missed == 1 else f"{missed} practice times"
        return f"{times} passed while Steady was closed or asleep. That is fine. Practise now? {what}."
    return f"Time for your practice: {what}."


class ReminderPresenter(QObject):
    """Shows announcements and carries out the user's choice."""

    #: The session started from a reminder (its history id), for tests and the Progress page.
    sessionStarted = Signal(str)

    def __init__(self, window: "MainWindow", service: ReminderService, tray=None) -> None:  # noqa: ANN001
        super().__init__(window)
        self.window = window
        self.context = window.context
        self.service = service
        self.tray = tray
        service.announced.connect(self.show)

    # -- showing -----------------------------------------------------------------------
    def show(self, announcement: Announcement) -> None:
        slot = announcement.slot
        reminder = self.service.reminder(slot.reminder_id)
        exercise = self.context.library.get(reminder.exercise_id) if reminder else None
        what = practice_words(reminder, exercise.name if exercise else "Breathing practice")
        text = announcement_text(announcement, what)
        self.context.notify(
            text,
            "info",
            actions=[
                ("Start", lambda: self.start(slot)),
                ("Snooze 10 minutes", lambda: self.snooze(slot)),
                ("Skip", lambda: self.skip(slot)),
            ],
            key=NOTICE_KEY,
        )
        self._play_sound()
        if self.tray is not None and (self.window.isHidden() or not self.window.isActiveWindow()):
            self.tray.show_reminder("Steady: time to practise", text)

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

    # -- the user's choice -------------------------------------------------------------
    def start(self, slot: Slot) -> bool:
        """Run the reminder's practice now; the history gets the session and a `started` event."""
        reminder = self.service.reminder(slot.reminder_id)
        exercise_id = reminder.exercise_id if reminder else self.context.settings.moment_exercise
        exercise = self.context.library.get(exercise_id)
        if exercise is None:
            self.context.notify(
                f"The exercise '{exercise_id}' for this reminder is not there any more, so your usual one starts instead. "
                "You can pick another in Settings.",
                "info",
                key="reminder-exercise",
            )
            exercise = self.context.library.get(self.context.settings.moment_exercise)
            if exercise is None:
                return False
        if reminder is not None:
            exercise = exercise_for_minutes(exercise, reminder.minutes)
        page = self.window.breathe_page
        self.window.show_page("breathe")
        page.stack.setCurrentWidget(page.session)
        controller = page.session.start(exercise, "reminder")
        page.sessionStarted.emit(controller)
        services = page.session.services

        def started(session_id: str) -> None:
            self.service.record(slot, "started", session_id=session_id)
            self.sessionStarted.emit(session_id)

        if services is not None:
            if services.session_id is not None:
                started(services.session_id)
            else:
                services.recorded.connect(started)
        self.window.bring_forward()
        return True

    def snooze(self, slot: Slot) -> None:
        self.service.snooze(slot)

    def skip(self, slot: Slot) -> None:
        self.service.record(slot, "skipped")
