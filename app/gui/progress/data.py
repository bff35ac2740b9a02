"""What the Progress page shows, gathered from the history and put into words (no Qt).

Kept apart from the widgets so the numbers and the wording can be checked without a window,
and so the plot and its table are always fed from the same `ProgressData`.

Wording follows CONTENT.md: practice is celebrated, a gap is never named as a failure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from app.core.describe import duration_words
from app.history.records import DayMinutes, MomentRow, MomentStats, SessionRow, Streaks
from app.history.timefmt import local_date

PERIODS: tuple[int, ...] = (30, 90, 365)
DEFAULT_PERIOD = 30
RECENT_LIMIT = 50
TOP = 5


class HistoryReader(Protocol):
    """The reads the page needs (ResilientHistory provides them)."""

    def daily_minutes(self, days: int) -> list[DayMinutes]: ...
    def streaks(self) -> Streaks: ...
    def moment_stats(self, start: date | None = None, end: date | None = None, *, top: int = 5) -> MomentStats: ...
    def list_sessions(self, *, limit: int | None = None) -> list[SessionRow]: ...
    def list_moments(self, *, limit: int | None = None) -> list[MomentRow]: ...


@dataclass(frozen=True)
class Entry:
    """One row of "Your entries": a session or a moment the user may delete."""

    kind: str  # "session" or "moment"
    id: str
    started_utc: str
    when: str
    what: str

    @property
    def description(self) -> str:
        return f"{self.when}: {self.what}"


@dataclass(frozen=True)
class ProgressData:
    period: int
    days: tuple[DayMinutes, ...]
    streaks: Streaks
    entries: tuple[Entry, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        """Nothing recorded at all (not merely nothing in this period)."""
        return not self.entries

    @property
    def days_practised(self) -> int:
        return sum(1 for day in self.days if day.minutes > 0)

    @property
    def total_minutes(self) -> float:
        return sum(day.minutes for day in self.days)


def load_progress(history: HistoryReader, period: int) -> ProgressData:
    """What the first tab needs for `period` days ending today: four indexed queries.

    Moment statistics (a pass over every moment) are left out: `load_moments` reads them
    when the Moments tab is first looked at.
    """
    return ProgressData(
        period=period,
        days=tuple(history.daily_minutes(period)),
        streaks=history.streaks(),
        entries=tuple(recent_entries(history.list_sessions(limit=RECENT_LIMIT),
                                     history.list_moments(limit=RECENT_LIMIT))),
    )


def load_moments(history: HistoryReader, data: ProgressData) -> MomentStats:
    """Distress before and after, and what helped, over the same days as `data`."""
    start, end = (data.days[0].day, data.days[-1].day) if data.days else (None, None)
    return history.moment_stats(start, end, top=TOP)


def history_fingerprint(history: Any) -> tuple[object, ...]:
    """Changes whenever the history does: SQLite's count of rows this connection changed, the
    writes still waiting in memory, and today's date (for a page left open past midnight).

    Every feature writes through the same connection, so a session, a moment or a reminder
    all move the counter; reading it costs nothing, so the page refreshes only when needed.
    """
    store = history.store
    changes = store.connection.total_changes if store is not None else -1
    today = local_date(history.clock.now(), history.tz)
    return (id(store), changes, history.unsaved_count(), today)


# -- words --------------------------------------------------------------------------------------
def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def format_minutes(minutes: float) -> str:
    """A number for the minutes column beside the bars (lengths in words use `duration_words`):
    whole minutes above ten, one decimal below, so a 30-second session still shows."""
    if minutes >= 10 or minutes == int(minutes):
        return f"{minutes:.0f}"
    return f"{minutes:.1f}"


def period_label(period: int) -> str:
    return f"the last {period} days"


def practice_summary(data: ProgressData) -> str:
    """"You practised on 12 days in the last 30 days, 1 h 26 min in all." — never a reproach."""
    count = data.days_practised
    if count == 0:
        return (f"Nothing recorded in {period_label(data.period)}. Whenever you are ready, "
                "a few minutes is plenty.")
    return (f"You practised on {plural(count, 'day')} in {period_label(data.period)}, "
            f"{duration_words(data.total_minutes * 60)} in all.")


def streak_summary(streaks: Streaks) -> str:
    """Runs celebrated as they are; a day without practice is simply not mentioned."""
    if streaks.longest == 0:
        return ""
    longest = f"Longest run: {plural(streaks.longest, 'day')}."
    if streaks.current >= 2:
        return f"Current run: {plural(streaks.current, 'day')}. {longest}"
    if streaks.practised_today:
        return f"You practised today. {longest}"
    return longest


def moments_summary(stats: MomentStats, period: int) -> str:
    if stats.total_moments == 0:
        return ""
    counted = f"{plural(stats.total_moments, 'hard moment')} in {period_label(period)}"
    if stats.pair_count == 0 or stats.mean_drop is None:
        return f"{counted}. Rate how you feel before and after, and you will see here what eases it."
    if stats.pair_count != stats.total_moments:
        counted += f"; you rated {stats.pair_count} before and after"
    if stats.mean_drop > 0:
        return f"{counted}. On average your distress eased by {stats.mean_drop:.1f} points out of 10."
    return (f"{counted}. Some moments stay heavy for a while, and that is okay: "
            "noticing them is part of the practice.")


MOMENTS_EMPTY = (
    "When you use Breathe now in a hard moment and rate how you feel before and after, "
    "you will see here what eases it for you."
)
EMPTY_TITLE = "Your practice will gather here"
EMPTY_TEXT = (
    "Each time you breathe with Steady, your minutes show up here, day by day. "
    "There is nothing to catch up on: one calm minute is a fine start."
)


# -- table rows -----------------------------------------------------------------------------------
def day_label(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def minutes_rows(data: ProgressData) -> list[tuple[str, str]]:
    """Date and minutes for every day of the period: the same numbers as the bars."""
    return [(day_label(d.day), format_minutes(d.minutes)) for d in data.days]


def distress_rows(stats: MomentStats) -> list[tuple[str, int, int, int]]:
    return [(day_label(p.day), p.before, p.after, p.drop) for p in stats.pairs]


def helpful_rows(things: Any) -> list[tuple[str, int, str]]:
    return [(t.label, t.moments, f"{t.mean_drop:.1f}") for t in things]


def count_rows(counts: Any) -> list[tuple[str, int]]:
    return [(c.label, c.count) for c in counts]


# -- entries ----------------------------------------------------------------------------------------
def when_label(started_local: str) -> str:
    """`Wed 1 May 2024, 21:04` in the time the user lived it."""
    try:
        moment = datetime.fromisoformat(started_local)
    except ValueError:
        return started_local
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M}"


def describe_session(row: SessionRow) -> str:
    """"Practice: Box breathing, 4 min 2 s (stopped early)": the length as every screen says it."""
    length = duration_words(row.practised_seconds)
    ended = "" if row.status == "finished" else " (stopped early)" if row.status == "stopped" else " (in progress)"
    return f"Practice: {row.exercise_name}, {length}{ended}"


def describe_moment(row: MomentRow) -> str:
    parts = ["Hard moment"]
    if row.distress_before is not None and row.distress_after is not None:
        parts.append(f"distress {row.distress_before} to {row.distress_after}")
    elif row.distress_before is not None:
        parts.append(f"distress {row.distress_before}")
    if row.trigger:
        parts.append(row.trigger.strip())
    return ", ".join(parts)


def recent_entries(sessions: list[SessionRow], moments: list[MomentRow], limit: int = RECENT_LIMIT) -> list[Entry]:
    """Sessions and moments together, newest first."""
    entries = [Entry("session", s.id, s.started_utc, when_label(s.started_local), describe_session(s)) for s in sessions]
    entries += [Entry("moment", m.id, m.started_utc, when_label(m.started_local), describe_moment(m)) for m in moments]
    entries.sort(key=lambda e: (e.started_utc, e.id), reverse=True)
    return entries[:limit]
