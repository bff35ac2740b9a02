"""The reminder rules without Qt: the notice and what its buttons do, the Settings list and
editor, and pausing. The Qt side (the service, the notice in the window) is in
tests/gui/test_reminders.py."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.core.library import ExerciseLibrary, load_library
from app.core.reminders import words
from app.core.reminders.editor import DAYS, ReminderList
from app.core.reminders.pausing import pause_end, start_of_tomorrow
from app.core.reminders.presenter import ReminderPresenterModel
from app.core.reminders.schedule import Announcement, Reminder, Slot
from app.core.settings import Settings
from tests.helpers.stubs import FakeClock

LONDON = ZoneInfo("Europe/London")


def at(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=LONDON).timestamp()


class Book:
    """Records what the presenter logs (the real one is app.gui.reminders.service.ReminderService)."""

    def __init__(self, *reminders: Reminder) -> None:
        self.reminders = {r.id: r for r in reminders}
        self.log: list[tuple[str, str, str | None]] = []

    def reminder(self, reminder_id: str) -> Reminder | None:
        return self.reminders.get(reminder_id)

    def record(self, slot: Slot, outcome: str, *, session_id: str | None = None) -> None:
        self.log.append((slot.id, outcome, session_id))

    def snooze(self, slot: Slot) -> None:
        self.log.append((slot.id, "snoozed", None))


@pytest.fixture(scope="module")
def library() -> ExerciseLibrary:
    return load_library(None)


def slot(reminder_id: str = "r-1", day: date = date(2024, 5, 6)) -> Slot:
    return Slot(at(f"{day.isoformat()} 10:00:00"), reminder_id, day)


# -- the notice ------------------------------------------------------------------------------------
def test_the_notice_says_what_and_how_long_and_never_scolds(library):
    book = Book(Reminder("r-1", exercise_id="box", minutes=3))
    model = ReminderPresenterModel(book, lambda: library, Settings)
    started: list[Slot] = []
    notice = model.notice(Announcement(slot()), started.append)
    assert notice.text == "Time for your practice: Box breathing, 3 minutes."
    assert [title for title, _act in notice.actions] == ["Start", "Snooze 10 minutes", "Skip"]
    catch_up = model.notice(Announcement(slot(), merged=(slot(day=date(2024, 5, 5)),), catch_up=True), started.append)
    assert catch_up.text == ("2 practice times passed while Steady was closed or asleep. That is fine. "
                             "Practise now? Box breathing, 3 minutes.")
    assert model.notice(Announcement(slot(), snoozed=True), started.append).text.startswith(
        "Here is your practice reminder again: Box breathing")
    gone = model.notice(Announcement(slot("r-gone")), started.append)
    assert gone.text == "Time for your practice: Breathing practice, 5 minutes."

    start, snooze, skip = (act for _title, act in notice.actions)
    start()
    snooze()
    skip()
    assert started == [slot()]
    assert book.log == [("r-1@2024-05-06", "snoozed", None), ("r-1@2024-05-06", "skipped", None)]
    model.started(slot(), "session-7")
    assert book.log[-1] == ("r-1@2024-05-06", "started", "session-7")


def test_start_runs_the_reminders_exercise_for_its_minutes_or_the_usual_one(library):
    book = Book(Reminder("r-1", exercise_id="box", minutes=2), Reminder("r-2", exercise_id="gone", minutes=4))
    settings = Settings(moment_exercise="calm-exhale")
    model = ReminderPresenterModel(book, lambda: library, lambda: settings)
    practice = model.practice(slot("r-1"))
    assert practice.note is None and practice.exercise is not None
    assert practice.exercise.id == "box" and abs(practice.exercise.planned_seconds - 120) < 16
    instead = model.practice(slot("r-2"))
    assert instead.note == words.missing_exercise("gone") and "not there any more" in instead.note
    assert instead.exercise is not None and instead.exercise.id == "calm-exhale"
    assert abs(instead.exercise.planned_seconds - 240) < 12
    nothing = ReminderPresenterModel(book, lambda: library, lambda: Settings(moment_exercise="gone-too"))
    assert nothing.practice(slot("r-2")).exercise is None


def test_the_tray_is_told_only_when_the_window_is_out_of_sight():
    assert ReminderPresenterModel.tells_the_tray(window_hidden=True, window_active=False)
    assert ReminderPresenterModel.tells_the_tray(window_hidden=False, window_active=False)
    assert not ReminderPresenterModel.tells_the_tray(window_hidden=False, window_active=True)


# -- the Settings list and editor -------------------------------------------------------------------
class Saved:
    def __init__(self, *reminders: Reminder, paused_until: float | None = None) -> None:
        self.settings = Settings(reminders=reminders, reminders_paused_until=paused_until)

    def save(self, reminders: tuple[Reminder, ...]) -> None:
        self.settings = self.settings.with_changes(reminders=reminders)


def reminder_list(saved: Saved, library: ExerciseLibrary, now: str = "2024-05-06 09:59:00") -> ReminderList:
    return ReminderList(lambda: saved.settings, lambda: library, FakeClock(at(now)), lambda: LONDON, saved.save)


def test_the_list_describes_each_reminder_and_the_next_one(library):
    saved = Saved(Reminder("r-1", hour=10, exercise_id="calm-exhale", minutes=2),
                  Reminder("r-2", days=frozenset({0, 2, 4}), hour=7, minute=30, exercise_id="gone", enabled=False))
    reminders = reminder_list(saved, library)
    assert [row.text for row in reminders.rows()] == [
        "Every day at 10:00: Calm exhale, 2 min", "Mon, Wed, Fri at 07:30: gone, 5 min (off)"]
    assert reminders.status() == "Next reminder: today at 10:00."
    assert reminder_list(saved, library, "2024-05-06 10:30:00").status() == "Next reminder: tomorrow at 10:00."
    paused = Saved(*saved.settings.reminders, paused_until=at("2024-05-06 10:59:00"))
    assert reminder_list(paused, library).status() == "Reminders are paused until today at 10:59."
    assert reminder_list(paused, library).paused() and not reminders.paused()
    assert reminder_list(Saved(), library).status() == "" and reminder_list(Saved(), library).rows() == ()


def test_the_chosen_reminder_stays_chosen_and_the_first_stands_in(library):
    saved = Saved(Reminder("r-1"), Reminder("r-2"), Reminder("r-3"))
    reminders = reminder_list(saved, library)
    assert reminders.selected_index() == 0
    reminders.select(2)
    saved.save((Reminder("r-0"), *saved.settings.reminders))
    assert reminders.selected_index() == 3
    reminders.remove_selected()
    assert [r.id for r in saved.settings.reminders] == ["r-0", "r-1", "r-2"]
    assert reminders.selected_index() == 0
    assert reminder_list(Saved(), library).selected_index() is None


def test_a_new_reminder_starts_at_this_hour_and_needs_a_day(library):
    saved = Saved()
    reminders = reminder_list(saved, library, "2024-05-06 18:40:00")
    draft = reminders.new_draft()
    assert draft.title == "New reminder" and (draft.hour, draft.minute) == (18, 0)
    assert draft.days == set(range(7)) and draft.exercise_id == "calm-exhale" and draft.can_save
    for day in DAYS:
        draft.set_day(day.number, False)
    assert not draft.can_save and draft.note == "Pick at least one day."
    draft.set_day(0, True)
    draft.set_minutes(7)
    added = reminders.save_draft(draft)
    assert saved.settings.reminders == (added,) and added.days == frozenset({0}) and added.minutes == 7
    assert reminders.selected_index() == 0 and added.id.startswith("r-")
    assert [(d.label, d.name) for d in DAYS[:2]] == [("Mon", "Monday"), ("Tue", "Tuesday")]


def test_changing_days_or_time_makes_a_new_reminder_and_anything_else_keeps_it(library):
    saved = Saved(Reminder("r-1", hour=10, exercise_id="gone"))
    reminders = reminder_list(saved, library)
    draft = reminders.edit_draft()
    assert draft is not None and draft.title == "Change reminder"
    labels = [label for _id, label in draft.exercise_choices]
    assert labels[-1] == "gone (not found)" and labels[:-1] == sorted(labels[:-1], key=str.lower)
    draft.set_exercise("box")
    draft.set_enabled(False)
    kept = reminders.save_draft(draft)
    assert kept.id == "r-1" and (kept.exercise_id, kept.enabled) == ("box", False)
    draft = reminders.edit_draft()
    draft.set_time(11, 15)
    moved = reminders.save_draft(draft)
    assert moved.id != "r-1" and (moved.hour, moved.minute, moved.exercise_id) == (11, 15, "box")
    assert saved.settings.reminders == (moved,) and reminders.selected_index() == 0


# -- pausing and today's words ---------------------------------------------------------------------------
def test_a_pause_ends_after_an_hour_or_at_local_midnight_even_on_a_short_day():
    now = at("2024-03-30 22:15:00")  # London's clocks go forward that night
    assert start_of_tomorrow(now, LONDON) == at("2024-03-31 00:00:00")
    assert pause_end(now, LONDON) == now + 3600
    assert pause_end(now, LONDON, 600) == now + 600
    assert pause_end(now, LONDON, until_tomorrow=True) == at("2024-03-31 00:00:00")


def test_today_is_told_without_a_target():
    assert words.today_summary(0.2) == "No practice yet today, and that is fine."
    assert words.today_summary(1.4) == "Today you have practised for 1 minute."
    assert words.today_summary(12.6) == "Today you have practised for 13 minutes."


def test_the_reminder_models_need_no_qt():
    import subprocess
    import sys

    code = ("import sys, app.core.reminders.presenter, app.core.reminders.editor, app.core.reminders.pausing;"
            " print('PySide6' in sys.modules)")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], check=False, cwd=root, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
