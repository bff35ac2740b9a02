"""What happens when a reminder is due, without Qt: the notice's words and what its buttons do.

`ReminderPresenterModel` turns an `Announcement` into the notice (text and the Start, Snooze
10 minutes and Skip actions), decides which exercise Start runs and for how long, and logs
each choice through the reminder service (`ReminderBook`). app/gui/reminders/presenter.py is
its Qt adapter: it shows the notice and the tray message, plays the sound, and runs the
practice on the Breathe page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, Protocol

from app.core.library import ExerciseLibrary
from app.core.model import Exercise
from app.core.notices import NoticeAction
from app.core.reminders import words
from app.core.reminders.practice_length import exercise_for_minutes
from app.core.reminders.preferences import ReminderPreferences
from app.core.reminders.schedule import Announcement, Reminder, Slot


class ReminderBook(Protocol):
    """The reminders and their log (app.gui.reminders.service.ReminderService keeps them)."""

    def reminder(self, reminder_id: str) -> Reminder | None: ...

    def record(self, slot: Slot, outcome: str, *, session_id: str | None = None) -> None:
        """Log `outcome` ("started", "skipped", ...) for `slot` in the history."""
        ...

    def snooze(self, slot: Slot) -> None:
        """Logs "snoozed" and announces `slot` again in ten minutes."""
        ...


class ReminderNotice(NamedTuple):
    text: str
    actions: tuple[NoticeAction, ...]


class Practice(NamedTuple):
    """What Start runs: the exercise at the reminder's length, and a note when it is not the
    reminder's own (its exercise is gone); no exercise when not even the usual one is there."""

    exercise: Exercise | None
    note: str | None = None


class ReminderPresenterModel:
    def __init__(
        self, book: ReminderBook, library: Callable[[], ExerciseLibrary], settings: Callable[[], ReminderPreferences]
    ) -> None:
        self._book = book
        self._library = library
        self._settings = settings

    def notice(self, announcement: Announcement, start: Callable[[Slot], object]) -> ReminderNotice:
        """The notice for `announcement`; its Start calls `start(slot)` (the page runs the practice)."""
        slot = announcement.slot
        reminder = self._book.reminder(slot.reminder_id)
        exercise = self._library().get(reminder.exercise_id) if reminder else None
        what = words.practice_words(reminder, exercise.name if exercise else "Breathing practice")
        return ReminderNotice(
            words.announcement_text(announcement, what),
            (
                (words.START, lambda: start(slot)),
                (words.SNOOZE, lambda: self.snooze(slot)),
                (words.SKIP, lambda: self.skip(slot)),
            ),
        )

    @staticmethod
    def tells_the_tray(window_hidden: bool, window_active: bool) -> bool:
        """Where a tray exists, a tray message too while the window is hidden or behind others."""
        return window_hidden or not window_active

    def practice(self, slot: Slot) -> Practice:
        """The reminder's exercise for its minutes; the usual Breathe-now one if it is gone."""
        reminder = self._book.reminder(slot.reminder_id)
        usual = self._settings().moment_exercise
        wanted = reminder.exercise_id if reminder else usual
        exercise = self._library().get(wanted)
        note = None
        if exercise is None:
            note = words.missing_exercise(wanted)
            exercise = self._library().get(usual)
        if exercise is not None and reminder is not None:
            exercise = exercise_for_minutes(exercise, reminder.minutes)
        return Practice(exercise, note)

    def started(self, slot: Slot, session_id: str) -> None:
        """The practice Start began has its history session: log it with the slot."""
        self._book.record(slot, "started", session_id=session_id)

    def snooze(self, slot: Slot) -> None:
        self._book.snooze(slot)

    def skip(self, slot: Slot) -> None:
        self._book.record(slot, "skipped")
