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
``DATA_DIR/reminders-state.yaml``, written atomically after every decision that changes it. A
state file that cannot be read or understood is set aside and reported; the scheduler then starts afresh (nothing
before now is owed), which can lose a catch-up but never doubles one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from app.core.atomic import atomic_write_text
from app.core.corrupt import set_aside
from app.core.digest import checksum
from app.core.ids import EXERCISE_ID
from app.core.printable import quoted
from app.core.problems import FileProblems, Problem
from app.core.reminders.schedule import MAX_MINUTES, MIN_MINUTES, WEEKDAY_KEYS, Reminder, SchedulerState, parse_time
from app.core.schema_reader import INVALID, Flag, Matches, Number, Path_, Reader, Repeated, Spec, describe_value
from app.core.user_file import read_user_file

STATE_FILE = "reminders-state.yaml"
UNUSABLE_KEY = "reminders_unusable"
MAX_REMINDERS = 50


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


class _Days(NamedTuple):
    """A list of weekdays, ``mon`` to ``sun`` (any longer spelling starting with those)."""

    def read(self, reader: Reader, value: Any, path: Path_, what: str) -> frozenset[int] | None:
        if value is INVALID or (isinstance(value, list) and INVALID in value):
            return None
        if isinstance(value, list) and all(isinstance(d, str) and d.lower()[:3] in WEEKDAY_KEYS for d in value):
            return frozenset(WEEKDAY_KEYS.index(d.lower()[:3]) for d in value)
        reader.add(path, f"{what} must be a list of: {', '.join(WEEKDAY_KEYS)}", key=value is None)
        return None


class _Time(NamedTuple):
    """A 24-hour time written as text, ``"07:30"``."""

    def read(self, reader: Reader, value: Any, path: Path_, what: str) -> tuple[int, int] | None:
        if value is INVALID:
            return None
        try:
            return parse_time(value)
        except ValueError:
            reader.add(path, f"{what} must be a time like \"07:30\" (24-hour, in quotes), not {describe_value(value)}", key=value is None)
            return None


_REQUIRED = object()  # the time: there is no sensible default
#: How each field of a reminder is read, and the value used when it is left out.
FIELDS: dict[str, tuple[Spec, Any]] = {
    "id": (Matches(r"[^@]{1,40}", "{what} must be a short name without '@', not {value}"), None),
    "days": (_Days(), frozenset(range(7))),
    "time": (_Time(), _REQUIRED),
    "exercise": (EXERCISE_ID, "calm-exhale"),
    "minutes": (Number(MIN_MINUTES, MAX_MINUTES, unit="minutes", example="5", whole=True), 5),
    "enabled": (Flag(), True),
}
_KEPT = "this reminder is kept but not used until it is fixed"
#: Said of a `reminders:` value that is not a list, or written twice.
KEPT_LIST = "the reminders written there are kept but not used until it is fixed"


def read_reminders(reader: Reader, value: Any) -> tuple[tuple[Reminder, ...], list[Any]]:
    """(usable reminders, unusable entries kept as written) from the value of ``reminders:``;
    each problem is reported through `reader`, located in the file."""
    path: Path_ = ("reminders",)
    if value is None:
        return (), []
    if not isinstance(value, list):
        if value is not INVALID:
            reader.add(path, "'reminders' must be a list of reminders (each starts with '- ')")
        reader.note_found(KEPT_LIST, path)
        kept = reader.doc.kept(path)
        return (), [kept.values[0] if isinstance(kept, Repeated) else kept]
    reminders: list[Reminder] = []
    unusable: list[Any] = []
    seen: set[str] = set()
    for index, entry in enumerate(value[:MAX_REMINDERS]):
        with reader.noting(_KEPT, under=path + (index,)):
            found = _one_reminder(reader, entry, path + (index,), seen)
        if found is None:
            unusable.append(reader.doc.kept(path + (index,)))
        else:
            reminders.append(found)
            seen.add(found.id)
    if len(value) > MAX_REMINDERS:
        reader.add(path + (MAX_REMINDERS,), f"only the first {MAX_REMINDERS} reminders are used")
        unusable.extend(reader.doc.kept(path + (index,)) for index in range(MAX_REMINDERS, len(value)))
    return tuple(reminders), unusable


def _one_reminder(reader: Reader, entry: Any, path: Path_, seen: set[str]) -> Reminder | None:
    """The reminder an entry describes, or None after reporting every problem it has."""
    if entry is INVALID:
        return None
    if not isinstance(entry, dict):
        reader.add(path, "a reminder must be a mapping with days, time, exercise and minutes")
        return None
    before = len(reader.problems)
    usable = not reader.doc.troubled(path)  # a yes/no word, 07:30 unquoted, a key written twice
    reader.check_keys(entry, path, tuple(FIELDS), "in a reminder")
    values: dict[str, Any] = {}
    for key, (spec, default) in FIELDS.items():
        if key not in entry or (key == "id" and not entry[key]):
            if default is _REQUIRED:
                reader.add(path, 'this reminder has no time: add e.g. time: "07:30"')
            values[key] = default
        else:
            values[key] = reader.read(spec, entry[key], path + (key,), f"'{key}'")
            usable = usable and values[key] is not None
    rid = values["id"] or _stable_id(path, entry)
    if rid in seen:
        reader.add(path + ("id",), f"the id {quoted(rid, 40)} is used twice; give each reminder its own")
    if len(reader.problems) > before or not usable:
        return None
    hour, minute = values["time"]
    return Reminder(rid, values["days"], hour, minute, values["exercise"], values["minutes"], values["enabled"])


def _stable_id(path: Path_, entry: dict[Any, Any]) -> str:
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
        if not isinstance(doc.value, dict):
            raise ValueError("it is not a mapping of keys to values")
        return SchedulerState.from_plain(doc.value)
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
        data = read_user_file(path)
        if data is None:
            return StateLoad(SchedulerState())
        return StateLoad(state_from_text(data, str(path)))
    except FileProblems as broken:  # unreadable or not a state file: either way, kept before the next save
        aside = None
        try:
            aside = set_aside(path)
        except OSError:
            pass
        return StateLoad(SchedulerState(), list(broken.problems), aside)


def save_state(path: Path, state: SchedulerState) -> None:
    """Atomic; OSError (read-only, disk full) is left to the caller to report."""
    atomic_write_text(path, state_to_text(state))
