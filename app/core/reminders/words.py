"""What reminders say: the notice, the catch-up, the Settings list and its status line (no Qt).

Plain and warm, and never a reproach for a missed day (CONTENT.md). Times are told in the
user's zone, which the caller passes in (app.gui's `context.zone()`), never read here.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from app.core.reminders.schedule import Announcement, Reminder, describe_days

NOTICE_KEY = "reminder"
START, SNOOZE, SKIP = "Start", "Snooze 10 minutes", "Skip"
TRAY_TITLE = "Steady: time to practise"
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NO_REMINDERS = "No reminders yet. Add one for a time of day that is usually quiet for you."
PICK_A_DAY = "Pick at least one day."
NO_TRAY_NOTE = (
    "This desktop has no system tray, so Steady cannot keep running in the background. "
    "Everything works from the window, and reminders appear at its top while it is open."
)


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


def missing_exercise(exercise_id: str) -> str:
    return (f"The exercise '{exercise_id}' for this reminder is not there any more, so your usual one starts "
            "instead. You can pick another in Settings.")


def describe_reminder(reminder: Reminder, exercise_name: str) -> str:
    """One line of the Settings list: "Every day at 10:00: Calm exhale, 2 min"."""
    state = "" if reminder.enabled else " (off)"
    days = describe_days(reminder.days)
    return f"{days[:1].upper()}{days[1:]} at {reminder.time_text}: {exercise_name}, {reminder.minutes} min{state}"


def describe_when(epoch: float, now: float, tz: tzinfo) -> str:
    """"today at 10:00", "tomorrow at 07:30", or "Friday at 18:00"."""
    when = datetime.fromtimestamp(epoch, tz)
    days = (when.date() - datetime.fromtimestamp(now, tz).date()).days
    day = "today" if days == 0 else "tomorrow" if days == 1 else when.strftime("%A")
    return f"{day} at {when:%H:%M}"


def paused_until(until: float, now: float, tz: tzinfo) -> str:
    return f"Reminders are paused until {describe_when(until, now, tz)}."


def next_reminder(at: float, now: float, tz: tzinfo) -> str:
    return f"Next reminder: {describe_when(at, now, tz)}."


def today_summary(minutes_today: float) -> str:
    """The tray's "Today's practice": what today holds so far, without a target to miss."""
    done = round(minutes_today)
    if not done:
        return "No practice yet today, and that is fine."
    return f"Today you have practised for {done} minute{'s' if done != 1 else ''}."
