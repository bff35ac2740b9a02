"""The Settings section's reminders, without Qt: the list, its status line, and one reminder
being added or changed.

`ReminderList` holds the chosen reminder (by id, so it stays chosen when the list is read
again) and turns the user's Add, Change and Remove into the new tuple of reminders the caller
saves. `ReminderDraft` is the editor: which days are ticked, the time, the exercise and its
length, whether it may be saved yet, and the reminder it makes. A reminder whose days or time
change gets a new id: to the scheduler it is a new reminder that owes nothing from before, so
moving today's 09:00 to 10:00 gives today's 10:00 without counting a slot twice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import NamedTuple

from app.core.clock import WallClock
from app.core.library import ExerciseLibrary
from app.core.reminders import words
from app.core.reminders.preferences import ReminderPreferences
from app.core.reminders.schedule import MAX_MINUTES, MIN_MINUTES, WEEKDAY_KEYS, Reminder, next_slot
from app.core.reminders.store import new_reminder_id


class Day(NamedTuple):
    """One day box of the editor: "Mon", read out as "Monday"."""

    number: int  # 0 is Monday, as date.weekday() counts
    label: str
    name: str


DAYS = tuple(Day(i, key.capitalize(), words.DAY_NAMES[i]) for i, key in enumerate(WEEKDAY_KEYS))
MINUTES_RANGE = (MIN_MINUTES, MAX_MINUTES)


class ReminderRow(NamedTuple):
    id: str
    text: str


class ReminderDraft:
    """One reminder as the editor shows it, until it is saved."""

    def __init__(self, original: Reminder | None, start: Reminder, library: ExerciseLibrary) -> None:
        self.original = original
        self.days = set(start.days)
        self.hour, self.minute = start.hour, start.minute
        self.exercise_id = start.exercise_id
        self.minutes = start.minutes
        self.enabled = start.enabled
        self.exercise_choices = _exercise_choices(library, start.exercise_id)

    @property
    def title(self) -> str:
        return "Change reminder" if self.original else "New reminder"

    def set_day(self, number: int, on: bool) -> None:
        if on:
            self.days.add(number)
        else:
            self.days.discard(number)

    def set_time(self, hour: int, minute: int) -> None:
        self.hour, self.minute = hour, minute

    def set_exercise(self, exercise_id: str) -> None:
        self.exercise_id = exercise_id

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes

    def set_enabled(self, on: bool) -> None:
        self.enabled = on

    @property
    def can_save(self) -> bool:
        """A reminder needs a day to fall on."""
        return bool(self.days)

    @property
    def note(self) -> str:
        """What the editor says under its fields (empty once it can be saved)."""
        return "" if self.can_save else words.PICK_A_DAY

    def reminder(self) -> Reminder:
        """The reminder to save: a new id when its days or time changed (see the module doc)."""
        days = frozenset(self.days)
        old = self.original
        same_slots = old is not None and (old.days, old.hour, old.minute) == (days, self.hour, self.minute)
        rid = old.id if old is not None and same_slots else new_reminder_id()
        return Reminder(rid, days, self.hour, self.minute, self.exercise_id, self.minutes, self.enabled)


def _exercise_choices(library: ExerciseLibrary, current: str) -> tuple[tuple[str, str], ...]:
    """(id, label) for every exercise, by name; an exercise that is gone stays choosable, marked."""
    found = sorted(library.exercises.items(), key=lambda item: item[1].name.lower())
    choices = [(exercise_id, exercise.name) for exercise_id, exercise in found]
    if library.get(current) is None:
        choices.append((current, f"{current} (not found)"))
    return tuple(choices)


class ReminderList:
    """The reminders in Settings; `save(reminders)` keeps a changed list (settings.yaml)."""

    def __init__(
        self,
        settings: Callable[[], ReminderPreferences],
        library: Callable[[], ExerciseLibrary],
        wall_clock: WallClock,
        zone: Callable[[], tzinfo],
        save: Callable[[tuple[Reminder, ...]], object],
    ) -> None:
        self._settings = settings
        self._library = library
        self._wall_clock = wall_clock
        self._zone = zone
        self._save = save
        self.selected_id: str | None = None

    # -- what the list shows -------------------------------------------------------------------
    @property
    def reminders(self) -> tuple[Reminder, ...]:
        return tuple(self._settings().reminders)

    def rows(self) -> tuple[ReminderRow, ...]:
        library = self._library()
        rows = []
        for reminder in self.reminders:
            exercise = library.get(reminder.exercise_id)
            rows.append(ReminderRow(reminder.id, words.describe_reminder(reminder, exercise.name if exercise else reminder.exercise_id)))
        return tuple(rows)

    def selected_index(self) -> int | None:
        """The chosen reminder's row; the first one when none is chosen (or it is gone)."""
        ids = [r.id for r in self.reminders]
        if not ids:
            return None
        if self.selected_id not in ids:
            self.selected_id = ids[0]
        return ids.index(self.selected_id)

    def select(self, index: int | None) -> None:
        reminders = self.reminders
        self.selected_id = reminders[index].id if index is not None and 0 <= index < len(reminders) else None

    def paused(self) -> bool:
        until = self._settings().reminders_paused_until
        return until is not None and until > self._wall_clock.now()

    def status(self) -> str:
        """"Reminders are paused until …", "Next reminder: …", or nothing."""
        now, tz = self._wall_clock.now(), self._zone()
        until = self._settings().reminders_paused_until
        if until is not None and until > now:
            return words.paused_until(until, now, tz)
        upcoming = sorted(s for r in self.reminders if r.enabled if (s := next_slot(r, now, tz)) is not None)
        return words.next_reminder(upcoming[0].at, now, tz) if upcoming else ""

    # -- changing it -----------------------------------------------------------------------------
    def new_draft(self) -> ReminderDraft:
        """A new reminder: every day, at the current hour, with the usual exercise."""
        hour = datetime.fromtimestamp(self._wall_clock.now(), self._zone()).hour
        start = Reminder("new", hour=hour, minute=0, exercise_id=self._settings().moment_exercise)
        return ReminderDraft(None, start, self._library())

    def chosen(self) -> Reminder | None:
        """The chosen reminder (the first stands in when none is); None when there are none."""
        index = self.selected_index()
        return self.reminders[index] if index is not None else None

    def edit_draft(self) -> ReminderDraft | None:
        """The chosen reminder in the editor."""
        reminder = self.chosen()
        return ReminderDraft(reminder, reminder, self._library()) if reminder else None

    def save_draft(self, draft: ReminderDraft) -> Reminder:
        """Add or replace the draft's reminder, save, and choose it."""
        changed = draft.reminder()
        original = draft.original
        if original is None:
            reminders = (*self.reminders, changed)
        else:
            reminders = tuple(changed if r.id == original.id else r for r in self.reminders)
        self.selected_id = changed.id
        self._save(reminders)
        return changed

    def remove_selected(self) -> None:
        gone = self.chosen()
        if gone is not None:
            self._save(tuple(r for r in self.reminders if r.id != gone.id))
