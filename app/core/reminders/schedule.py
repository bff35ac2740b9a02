"""Daily practice reminders: when each one falls due, and which ones are owed (Qt-free).

Why this is its own state machine: desktop schedulers commonly fail in the same few ways
(DESIGN.md names Vorta, Stretchly, Safe Eyes, Workrave). A timer counted on the monotonic clock
drifts from the calendar, stops while the machine sleeps, and forgets everything on a restart;
a scheduler that only looks at the wall clock fires twice when the clock is set back. So:

- **Slots come from the wall clock.** A slot is one reminder on one local date
  (``"<reminder id>@2024-03-31"``); it falls due at the reminder's time on that date in the user's
  time zone. A time that does not exist that day (the spring-forward gap) falls due at the first
  valid moment after the gap; a time that happens twice (autumn) falls due once, at the first
  occurrence (``fold=0``). A time-zone change is followed from the next check on.
- **Every slot is accounted for exactly once.** :class:`SchedulerState` keeps, per reminder, the
  last local date accounted for. Slots are accounted in date order and the mark only moves
  forward (but see the wrong future clock below), so a clock set back cannot repeat a slot and a
  jump forward cannot skip one. The
  caller persists the state after every decision that changed it (see
  :mod:`app.core.reminders.store`), so this holds across restarts.
- **A changed reminder starts afresh.** The state also keeps each reminder's days and time as
  they were when its mark was set. A reminder whose days or time differ (edited in Settings, or
  by hand in settings.yaml while Steady was closed) is treated like a new one: nothing before now
  is owed, and its next slot after now falls due, even later the same day.
- **A clock that went far back re-opens the future.** A mark more than one day after today can
  only come from a wall clock that was wrong in the future (say 2030) and was then corrected.
  Holding such a mark would silence the reminder until that date, so it is pulled back as for a
  new reminder and the slots it had covered are reported in :attr:`Decision.reopened`. Smaller
  steps back (an hour's correction, moving west) keep the mark, so they repeat nothing.
- **Missed slots give one catch-up.** Slots that fell due while the machine slept, while Steady
  was closed, or across a wall-clock jump are not announced one by one: one catch-up is announced
  at least :attr:`ReminderScheduler.catch_up_delay` seconds (30 s) after waking or starting, and
  every other missed slot is recorded as merged into it.
- **Resume is detected by comparing clocks.** Between two checks the wall clock and the
  monotonic clock should move together; when they disagree by more than
  :attr:`ReminderScheduler.gap_tolerance`, the machine slept or the clock was changed.
- **Waits are short.** :meth:`ReminderScheduler.check` never asks to be called back later than
  :attr:`ReminderScheduler.max_wait` (one hour): a Qt timer cannot hold more than 2^31-1 ms, and a
  wait measured on the monotonic clock would miss a clock change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

#: Monday first, as ``date.weekday()`` counts.
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EVERY_DAY = frozenset(range(7))
MIN_MINUTES = 1
MAX_MINUTES = 60
_TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Reminder:
    """One practice reminder: on these days, at this local time, this exercise for so long."""

    id: str
    days: frozenset[int] = EVERY_DAY
    hour: int = 9
    minute: int = 0
    exercise_id: str = "calm-exhale"
    minutes: int = 5
    enabled: bool = True

    def __post_init__(self) -> None:
        if not (0 <= self.hour <= 23 and 0 <= self.minute <= 59):
            raise ValueError(f"no such time {self.hour}:{self.minute}")
        if not all(isinstance(d, int) and 0 <= d <= 6 for d in self.days):
            raise ValueError("days are 0 (Monday) to 6 (Sunday)")
        if not MIN_MINUTES <= self.minutes <= MAX_MINUTES:
            raise ValueError(f"minutes must be {MIN_MINUTES} to {MAX_MINUTES}")

    @property
    def time_text(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"

    def falls_on(self, day: date) -> bool:
        return day.weekday() in self.days


def parse_time(text: str) -> tuple[int, int]:
    """``"07:30"`` -> (7, 30); raises ValueError for anything else (``"7.30"``, ``"24:00"``)."""
    found = _TIME_RE.match(text.strip()) if isinstance(text, str) else None
    if not found:
        raise ValueError(f"{text!r} is not a time like 07:30")
    return int(found.group(1)), int(found.group(2))


def describe_days(days: Iterable[int]) -> str:
    """Plain words for a set of weekdays: "every day", "weekdays", "Mon, Wed, Fri"."""
    chosen = frozenset(days)
    if chosen == EVERY_DAY:
        return "every day"
    if chosen == frozenset(range(5)):
        return "weekdays"
    if chosen == frozenset({5, 6}):
        return "weekends"
    if not chosen:
        return "no days"
    return ", ".join(WEEKDAY_KEYS[d].capitalize() for d in sorted(chosen))


# -- wall-clock maths ---------------------------------------------------------------------------
def _local_naive(epoch: float, tz: tzinfo) -> datetime:
    return datetime.fromtimestamp(epoch, tz=tz).replace(tzinfo=None)


def local_date(epoch: float, tz: tzinfo) -> date:
    return datetime.fromtimestamp(epoch, tz=tz).date()


def local_instant(day: date, hour: int, minute: int, tz: tzinfo) -> float:
    """Epoch seconds of `hour:minute` on `day` in `tz`.

    An ambiguous time (it happens twice when clocks go back) gives its first occurrence. A time
    that does not exist (clocks went forward over it) gives the first moment after the gap: a
    01:30 reminder on the day London's clocks jump from 01:00 to 02:00 falls due at 02:00 BST.
    """
    naive = datetime(day.year, day.month, day.day, hour, minute)
    first = naive.replace(tzinfo=tz, fold=0)
    epoch = first.timestamp()
    if _local_naive(epoch, tz) == naive:
        return epoch
    other = naive.replace(tzinfo=tz, fold=1).timestamp()
    low, high = int(min(epoch, other)), int(max(epoch, other)) + 1
    if _local_naive(low, tz) >= naive:  # not a gap this function understands; be safe
        return float(low)
    while high - low > 1:  # invariant: local(low) < naive <= local(high)
        middle = (low + high) // 2
        if _local_naive(middle, tz) >= naive:
            high = middle
        else:
            low = middle
    return float(high)


@dataclass(frozen=True, order=True)
class Slot:
    """One reminder on one local date; `at` is when it falls due (epoch seconds)."""

    at: float
    reminder_id: str
    day: date

    @property
    def id(self) -> str:
        return slot_id(self.reminder_id, self.day)


def slot_id(reminder_id: str, day: date) -> str:
    return f"{reminder_id}@{day.isoformat()}"


def slot_for(reminder: Reminder, day: date, tz: tzinfo) -> Slot:
    return Slot(local_instant(day, reminder.hour, reminder.minute, tz), reminder.id, day)


def slots_after(reminder: Reminder, after: date, tz: tzinfo) -> Iterator[Slot]:
    """The reminder's slots on the dates after `after`, in order (endless; empty without days)."""
    if not reminder.days:
        return
    day = after + timedelta(days=1)
    while True:
        if reminder.falls_on(day):
            yield slot_for(reminder, day, tz)
        day += timedelta(days=1)


def next_slot(reminder: Reminder, wall_now: float, tz: tzinfo, accounted: date | None = None) -> Slot | None:
    """The first slot after `wall_now` not yet accounted for (None if it has no days)."""
    start = local_date(wall_now, tz) - timedelta(days=2)
    if accounted is not None and accounted > start:
        start = accounted
    for slot in slots_after(reminder, start, tz):
        if slot.at > wall_now:
            return slot
    return None


# -- the state machine --------------------------------------------------------------------------
def reminder_shape(reminder: Reminder) -> str:
    """The part of a reminder that decides its slots: ``"mon,wed,fri 09:00"``."""
    return ",".join(WEEKDAY_KEYS[d] for d in sorted(reminder.days)) + " " + reminder.time_text


@dataclass
class SchedulerState:
    """What must survive a restart: per reminder, the last local date accounted for.

    `shapes` holds each reminder's days and time (:func:`reminder_shape`) as they were when its
    mark was set, so that a reminder changed while Steady was closed is still seen as changed.
    A state written before shapes were kept has none; the current shape is then taken as given.
    """

    accounted: dict[str, date] = field(default_factory=dict)
    shapes: dict[str, str] = field(default_factory=dict)

    def to_plain(self) -> dict[str, Any]:
        plain: dict[str, Any] = {
            "version": 1,
            "accounted": {rid: day.isoformat() for rid, day in sorted(self.accounted.items())},
        }
        if self.shapes:
            plain["shapes"] = dict(sorted(self.shapes.items()))
        return plain

    @classmethod
    def from_plain(cls, data: Mapping[str, Any]) -> SchedulerState:
        """Raises ValueError for anything that is not a mapping of ids to ISO dates."""
        accounted = data.get("accounted", {}) if isinstance(data, Mapping) else None
        if not isinstance(accounted, Mapping):
            raise ValueError("'accounted' must map reminder ids to dates")
        result: dict[str, date] = {}
        for rid, text in accounted.items():
            if not isinstance(rid, str) or not isinstance(text, str):
                raise ValueError(f"'{rid}' must have a date like 2024-05-01")
            result[rid] = date.fromisoformat(text)
        shapes = data.get("shapes", {}) or {}
        if not isinstance(shapes, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in shapes.items()):
            raise ValueError("'shapes' must map reminder ids to days and a time")
        return cls(result, {rid: shape for rid, shape in shapes.items() if rid in result})


@dataclass(frozen=True)
class Announcement:
    """Something to show the user now: one slot, with any missed slots merged into it."""

    slot: Slot
    merged: tuple[Slot, ...] = ()
    catch_up: bool = False
    snoozed: bool = False


@dataclass(frozen=True)
class Reopened:
    """A mark pulled back because the wall clock went back past it: dates in (`now_after`, `was`]."""

    reminder_id: str
    now_after: date
    was: date


@dataclass(frozen=True)
class Decision:
    """The result of one check: what to announce, what was accounted silently, when to look again."""

    announcements: tuple[Announcement, ...] = ()
    #: Slots that fell due while reminders were paused: accounted, not announced.
    paused: tuple[Slot, ...] = ()
    #: Seconds (on the monotonic clock) until the scheduler wants the next check; <= max_wait.
    next_check: float = 0.0
    #: True when the state changed and should be saved before anything is shown.
    state_changed: bool = False
    #: True when this check found the clocks had parted (sleep, or the clock was changed).
    resumed: bool = False
    #: Marks pulled back from a wrong future date; their slots will be accounted again.
    reopened: tuple[Reopened, ...] = ()


class ReminderScheduler:
    """Decides, from a wall time and a monotonic time, which reminder slots are due.

    It reads no clock itself: the caller passes both times to :meth:`check`, so tests move the
    wall clock (suspend, clock changes) independently of the monotonic one.
    """

    #: Disagreement between the two clocks between checks that counts as sleep or a clock change.
    gap_tolerance = 20.0
    #: A slot found due later than this (and not across a gap) is treated as missed, not on time.
    on_time_grace = 120.0
    #: A catch-up comes at least this long after waking or starting.
    catch_up_delay = 30.0
    #: The longest wait between checks.
    max_wait = 3600.0

    def __init__(self, reminders: Iterable[Reminder], state: SchedulerState, tz: tzinfo) -> None:
        self.state = state
        self.tz = tz
        self.reminders: dict[str, Reminder] = {}
        self._last: tuple[float, float] | None = None
        self._catch_up_at: float | None = None
        self._snoozed: list[tuple[float, Slot]] = []
        self._fresh_ids: set[str] = set()
        self.set_reminders(reminders)

    # -- configuration -----------------------------------------------------------------
    def set_reminders(self, reminders: Iterable[Reminder]) -> None:
        """Use a new list. New, re-enabled and changed reminders owe nothing from before now.

        A reminder whose days or time changed is new to the scheduler even when it keeps its id:
        keeping the old mark would skip the rest of today (09:00 moved to 21:00 after 09:00 had
        fired) or owe a catch-up for a time that never was (21:00 moved to 09:00 at 10:00).
        """
        active = {r.id: r for r in reminders if r.enabled and r.days}
        for rid in list(self.state.accounted):
            if rid not in active:
                del self.state.accounted[rid]
        for rid in list(self.state.shapes):
            if rid not in self.state.accounted:
                del self.state.shapes[rid]
        fresh = set()
        for rid, reminder in active.items():
            shape = reminder_shape(reminder)
            if rid not in self.state.accounted:
                fresh.add(rid)
                continue
            if rid not in self.state.shapes:  # a state from before shapes were kept
                before = self.reminders.get(rid)
                self.state.shapes[rid] = reminder_shape(before) if before is not None else shape
            if self.state.shapes[rid] != shape:
                fresh.add(rid)
        self._fresh_ids = fresh
        self.reminders = active

    def forget_clocks(self) -> None:
        """Treat the next check like a start: for when the clocks themselves are replaced."""
        self._last = None

    @property
    def catch_up_pending(self) -> bool:
        return self._catch_up_at is not None

    def snooze(self, slot: Slot, mono_due: float) -> None:
        """Announce `slot` again at `mono_due` (monotonic seconds); it stays accounted once."""
        self._snoozed = [(due, s) for due, s in self._snoozed if s != slot]
        self._snoozed.append((mono_due, slot))

    def cancel_snooze(self, slot: Slot) -> None:
        self._snoozed = [(due, s) for due, s in self._snoozed if s != slot]

    @property
    def snoozed(self) -> list[tuple[float, Slot]]:
        return list(self._snoozed)

    def upcoming(self, wall_now: float) -> list[Slot]:
        """Every active reminder's next slot, soonest first (for "Today's practice")."""
        found = (next_slot(r, wall_now, self.tz, self.state.accounted.get(r.id)) for r in self.reminders.values())
        return sorted(s for s in found if s is not None)

    # -- the check ---------------------------------------------------------------------
    def check(self, wall_now: float, mono_now: float, paused_until: float | None = None) -> Decision:
        """Account for every slot now due, and say what to announce and when to look again."""
        changed = self._baseline_new(wall_now)
        reopened = self._reopen_future(wall_now)
        changed = changed or bool(reopened)
        fresh_start = self._last is None
        resumed = False
        if self._last is not None:
            wall_then, mono_then = self._last
            resumed = abs((wall_now - wall_then) - (mono_now - mono_then)) > self.gap_tolerance
        self._last = (wall_now, mono_now)

        due = self._due_slots(wall_now)
        paused: list[Slot] = []
        if paused_until is not None and due:
            paused = [s for s in due if s.at < paused_until]
            due = [s for s in due if s.at >= paused_until]
            if paused:
                self._account(paused)
                changed = True

        announcements: list[Announcement] = []
        if due:
            late = any(wall_now - s.at > self.on_time_grace for s in due)
            if fresh_start or resumed or (late and self._catch_up_at is None):
                self._catch_up_at = mono_now + self.catch_up_delay
            if self._catch_up_at is None:
                announcements.append(self._announce(due, catch_up=False))
                changed = True
            elif mono_now >= self._catch_up_at:
                self._catch_up_at = None
                announcements.append(self._announce(due, catch_up=True))
                changed = True
        else:
            self._catch_up_at = None

        still_snoozed = []
        for mono_due, slot in self._snoozed:
            if mono_now >= mono_due:
                announcements.append(Announcement(slot, snoozed=True))
            else:
                still_snoozed.append((mono_due, slot))
        self._snoozed = still_snoozed

        return Decision(
            tuple(announcements), tuple(paused), self._next_wait(wall_now, mono_now), changed, resumed, reopened
        )

    # -- internals ---------------------------------------------------------------------
    def _baseline_new(self, wall_now: float) -> bool:
        """A reminder seen for the first time owes nothing due at or before `wall_now`."""
        if not self._fresh_ids:
            return False
        for rid in self._fresh_ids:
            reminder = self.reminders.get(rid)
            if reminder is None:
                continue
            self.state.accounted[rid] = self._baseline_mark(reminder, wall_now)
            self.state.shapes[rid] = reminder_shape(reminder)
        self._fresh_ids.clear()
        return True

    def _baseline_mark(self, reminder: Reminder, wall_now: float) -> date:
        """The mark of a reminder that owes nothing due at or before `wall_now`."""
        mark = local_date(wall_now, self.tz) - timedelta(days=2)
        for slot in slots_after(reminder, mark, self.tz):
            if slot.at > wall_now:
                break
            mark = slot.day
        return mark

    def _reopen_future(self, wall_now: float) -> tuple[Reopened, ...]:
        """Pull back marks a wrong future clock left behind (more than a day after today).

        One day of slack is kept on purpose: a clock corrected back by a few hours, or a move
        west, leaves a mark one day ahead, and re-opening it would show a slot the user has just
        seen. Anything further ahead can only be a clock that was wrong, and holding it would
        silence the reminder for as long as the clock had been wrong.
        """
        limit = local_date(wall_now, self.tz) + timedelta(days=1)
        reopened = []
        for rid, mark in self.state.accounted.items():
            reminder = self.reminders.get(rid)
            if reminder is None or mark <= limit:
                continue
            pulled = self._baseline_mark(reminder, wall_now)
            reopened.append(Reopened(rid, pulled, mark))
        for item in reopened:
            self.state.accounted[item.reminder_id] = item.now_after
        return tuple(reopened)

    def _due_slots(self, wall_now: float) -> list[Slot]:
        due: list[Slot] = []
        for reminder in self.reminders.values():
            after = self.state.accounted[reminder.id]
            for slot in slots_after(reminder, after, self.tz):
                if slot.at > wall_now:
                    break
                due.append(slot)
        return sorted(due)

    def _account(self, slots: Iterable[Slot]) -> None:
        for slot in slots:
            if slot.day > self.state.accounted[slot.reminder_id]:
                self.state.accounted[slot.reminder_id] = slot.day

    def _announce(self, due: list[Slot], catch_up: bool) -> Announcement:
        """The latest due slot is announced; every earlier one is merged into it."""
        self._account(due)
        latest = due[-1]
        return Announcement(latest, tuple(due[:-1]), catch_up)

    def _next_wait(self, wall_now: float, mono_now: float) -> float:
        waits = [self.max_wait]
        if self._catch_up_at is not None:
            waits.append(self._catch_up_at - mono_now)
        waits.extend(due - mono_now for due, _slot in self._snoozed)
        for slot in self.upcoming(wall_now):
            waits.append(slot.at - wall_now)
        return max(0.0, min(waits))
