"""Reminders on disk: their entries in settings.yaml, and the scheduler's accounting state.

The reminders themselves are preferences, so they live in settings.yaml under ``reminders:``::

    reminders:
      - id: r-3f2a9c
        days: [mon, tue, wed, thu, fri]
        time: "07:30"
        exercise: calm-exhale
        minutes: 5
        enabled: true

An entry that cannot be used is reported with its line and column and kept, word for word,
under ``reminders_unusable:`` so that saving settings never loses what the user wrote.

What the scheduler has accounted for (the last local date per reminder, and the days and time
that date was counted for) is state, not a preference: it lives in
``DATA_DIR/reminders-state.yaml``, written atomically after every decision that changes it. An unreadable state file is set aside and reported; the scheduler then
starts afresh (nothing before now is owed), which can lose a catch-up but never doubles one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.atomic import atomic_write_text
from app.core.corrupt import set_aside
from app.core.digest import checksum
from app.core.problems import FileProblems, Problem
from app.core.schedule import MAX_MINUTES, MIN_MINUTES, WEEKDAY_KEYS, Reminder, SchedulerState, parse_time

STATE_FILE = "reminders-state.yaml"
UNUSABLE_KEY = "reminders_unusable"
MAX_REMINDERS = 50
_FIELDS = ("id", "days", "time", "exercise", "minutes", "enabled")

Mark = Callable[..., tuple[int, int]]


def new_reminder_id() -> str:
    return "r-" + os.urandom(4).hex()  # not `secrets`: it loads OpenSSL (about 3 MB) for four random bytes


def reminder_to_plain(reminder: Reminder) -> dict[str, Any]:
    return {
        "id": reminder.id,
        "days": [WEEKDAY_KEYS[d] for d in sorted(reminder.days)],
        "time": reminder.time_text,
        "exercise": reminder.exercise_id,
        "minutes": reminder.minutes,
        "enabled": reminder.enabled,
    }


def reminders_to_plain(reminders: Iterable[Reminder]) -> list[dict[str, Any]]:
    return [reminder_to_plain(r) for r in reminders]


def reminders_from_value(value: Any, display_path: str, mark: Mark) -> tuple[tuple[Reminder, ...], list[Any], list[Problem]]:
    """(usable reminders, unusable entries kept as written, problems located in the file)."""
    if value is None:
        return (), [], []
    if not isinstance(value, list):
        line, column = mark(("reminders",))
        return (), [value], [Problem(display_path, line, column, "'reminders' must be a list of reminders (each starts with '- ')")]
    reminders: list[Reminder] = []
    unusable: list[Any] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, entry in enumerate(value[:MAX_REMINDERS]):
        found = _one_reminder(entry, ("reminders", index), display_path, mark, seen)
        if isinstance(found, Reminder):
            reminders.append(found)
            seen.add(found.id)
        else:
            unusable.append(entry)
            problems.append(found)
    if len(value) > MAX_REMINDERS:
        line, column = mark(("reminders", MAX_REMINDERS))
        problems.append(Problem(display_path, line, column, f"only the first {MAX_REMINDERS} reminders are used"))
        unusable.extend(value[MAX_REMINDERS:])
    return tuple(reminders), unusable, problems


def _one_reminder(entry: Any, path: tuple, display_path: str, mark: Mark, seen: set[str]) -> Reminder | Problem:
    def problem(key: str | None, message: str) -> Problem:
        line, column = mark(path + ((key,) if key else ()))
        return Problem(display_path, line, column, message + " (this reminder is kept but not used until it is fixed)")

    if not isinstance(entry, dict):
        return problem(None, "a reminder must be a mapping with days, time, exercise and minutes")
    unknown = [k for k in entry if k not in _FIELDS]
    if unknown:
        line, column = mark(path + (unknown[0],), True)
        return Problem(display_path, line, column, f"unknown reminder field '{unknown[0]}'; use: {', '.join(_FIELDS)}")
    rid = entry.get("id") or _stable_id(path, entry)
    if not isinstance(rid, str) or not 0 < len(rid) <= 40 or "@" in rid:
        return problem("id", "'id' must be a short name without '@'")
    if rid in seen:
        return problem("id", f"the id '{rid}' is used twice; give each reminder its own")
    days_value = entry.get("days", list(WEEKDAY_KEYS))
    if not isinstance(days_value, list) or not all(isinstance(d, str) and d.lower()[:3] in WEEKDAY_KEYS for d in days_value):
        return problem("days", "'days' must be a list of: " + ", ".join(WEEKDAY_KEYS))
    days = frozenset(WEEKDAY_KEYS.index(d.lower()[:3]) for d in days_value)
    try:
        hour, minute = parse_time(entry.get("time", ""))
    except ValueError:
        return problem("time", "'time' must be a time like \"07:30\" (24-hour, in quotes)")
    exercise = entry.get("exercise", "calm-exhale")
    if not isinstance(exercise, str) or not 0 < len(exercise) <= 64:
        return problem("exercise", "'exercise' must be an exercise id, as `steady list` shows")
    minutes = entry.get("minutes", 5)
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not MIN_MINUTES <= minutes <= MAX_MINUTES:
        return problem("minutes", f"'minutes' must be a whole number from {MIN_MINUTES} to {MAX_MINUTES}")
    enabled = entry.get("enabled", True)
    if not isinstance(enabled, bool):
        return problem("enabled", "'enabled' must be true or false")
    return Reminder(rid, days, hour, minute, exercise, minutes, enabled)


def _stable_id(path: tuple, entry: dict) -> str:
    """An id for a hand-written entry without one: the same on every start until it is saved."""
    text = repr((path, sorted((str(k), repr(v)) for k, v in entry.items())))
    return "r-" + checksum(text.encode("utf-8"))[:8]


# -- accounting state ---------------------------------------------------------------------------
def state_path(root: Path) -> Path:
    return Path(root) / STATE_FILE


def state_to_text(state: SchedulerState) -> str:
    from app.core.yaml_writer import dump_yaml

    return dump_yaml(state.to_plain(), comment="Steady's reminder bookkeeping: the last day each reminder was accounted for. Written by the app.")


def state_from_text(data: bytes, display_path: str) -> SchedulerState:
    """Raises FileProblems when the text is not a state file this version understands."""
    from app.core.yamlsafe import parse_yaml

    doc = parse_yaml(data, display_path)
    try:
        return SchedulerState.from_plain(doc.value if isinstance(doc.value, dict) else None)
    except (ValueError, TypeError) as error:
        raise FileProblems([Problem(display_path, 1, 1, f"reminder state could not be read ({error})")]) from error


@dataclass
class StateLoad:
    state: SchedulerState
    problems: list[Problem] = field(default_factory=list)
    set_aside_as: Path | None = None


def load_state(path: Path) -> StateLoad:
    """The saved state; a missing file is a fresh start, a broken one is set aside and reported."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return StateLoad(SchedulerState())
    except OSError as error:
        return StateLoad(SchedulerState(), [Problem(str(path), 1, 1, f"cannot be read ({error.strerror})")])
    try:
        return StateLoad(state_from_text(data, str(path)))
    except FileProblems as broken:
        aside = None
        try:
            aside = set_aside(path)
        except OSError:
            pass
        return StateLoad(SchedulerState(), list(broken.problems), aside)


def save_state(path: Path, state: SchedulerState) -> None:
    """Atomic; OSError (read-only, disk full) is left to the caller to report."""
    atomic_write_text(path, state_to_text(state))
