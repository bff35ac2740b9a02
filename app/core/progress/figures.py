"""What the Progress page shows, read from the history and put into figures and tables (no Qt).

The plot and its table are always fed from the same figures (`PracticeFigures`,
`MomentsFigures`), so a screen-reader user reads exactly the numbers the bars draw.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple, Protocol

from app.core.progress import words

if TYPE_CHECKING:
    from app.core.history_records import Count, DayMinutes, HelpfulThing, MomentRow, MomentStats, SessionRow, Streaks

PERIODS: tuple[int, ...] = (30, 90, 365)
DEFAULT_PERIOD = 30
RECENT_LIMIT = 50
TOP = 5

#: One row of a table: text and numbers, shown as text.
Row = tuple[str | int, ...]


class ProgressHistory(Protocol):
    """What the Progress page reads from the history and deletes (app.history.ResilientHistory does it)."""

    def daily_minutes(self, days: int) -> list[DayMinutes]: ...
    def streaks(self) -> Streaks: ...
    def moment_stats(self, start: date | None = None, end: date | None = None, *, top: int = 5) -> MomentStats: ...
    def list_sessions(self, *, limit: int | None = None) -> list[SessionRow]: ...
    def list_moments(self, *, limit: int | None = None) -> list[MomentRow]: ...
    def delete_session(self, session_id: str) -> bool | None: ...
    def delete_moment(self, moment_id: str) -> bool | None: ...
    def delete_all(self) -> None: ...


class EntryKind(enum.Enum):
    SESSION = "practice session"
    MOMENT = "moment"


class Entry(NamedTuple):
    """One row of "Your entries": a session or a moment the user may delete."""

    kind: EntryKind
    id: str
    started_utc: str
    when: str
    what: str

    @property
    def description(self) -> str:
        return f"{self.when}: {self.what}"


class ProgressData(NamedTuple):
    """What the first tab shows, read at once. (The figures here are NamedTuples, not
    dataclasses: opening the page creates these classes, and NamedTuples cost a fraction.)"""

    period: int
    days: tuple[DayMinutes, ...]
    streaks: Streaks
    entries: tuple[Entry, ...] = ()

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


class PracticeFigures(NamedTuple):
    """The Practice tab: its two sentences, one bar per day, and the same numbers as a table."""

    summary: str
    streaks: str  # empty when there is no run to tell
    days: tuple[date, ...]
    minutes: tuple[float, ...]
    bar_labels: tuple[str, ...]
    rows: tuple[Row, ...]


class Ranking(NamedTuple):
    spec: words.RankingSpec
    rows: tuple[Row, ...]


class MomentsFigures(NamedTuple):
    """The Moments tab: the summary, each rated moment as a pair, and the rankings."""

    moment_count: int  # none: words.MOMENTS_EMPTY explains the tab instead
    summary: str
    pairs: tuple[tuple[date, int, int], ...]  # (day, before, after), oldest first
    pair_labels: tuple[str, ...]
    distress_rows: tuple[Row, ...]
    rankings: tuple[Ranking, ...]  # in the order of words.RANKINGS


def load_progress(history: ProgressHistory, period: int) -> ProgressData:
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


def load_moments(history: ProgressHistory, data: ProgressData) -> MomentStats:
    """Distress before and after, and what helped, over the same days as `data`."""
    start, end = (data.days[0].day, data.days[-1].day) if data.days else (None, None)
    return history.moment_stats(start, end, top=TOP)


def recent_entries(sessions: Sequence[SessionRow], moments: Sequence[MomentRow], limit: int = RECENT_LIMIT) -> list[Entry]:
    """Sessions and moments together, newest first."""
    entries = [Entry(EntryKind.SESSION, s.id, s.started_utc, words.when_label(s.started_local),
                     words.describe_session(s)) for s in sessions]
    entries += [Entry(EntryKind.MOMENT, m.id, m.started_utc, words.when_label(m.started_local),
                      words.describe_moment(m)) for m in moments]
    entries.sort(key=lambda e: (e.started_utc, e.id), reverse=True)
    return entries[:limit]


def practice_figures(data: ProgressData) -> PracticeFigures:
    return PracticeFigures(
        summary=words.practice_summary(data.days_practised, data.total_minutes, data.period),
        streaks=words.streak_summary(data.streaks),
        days=tuple(d.day for d in data.days),
        minutes=tuple(d.minutes for d in data.days),
        bar_labels=tuple(words.bar_label(d.day, d.minutes) for d in data.days),
        rows=tuple((words.day_label(d.day), words.format_minutes(d.minutes)) for d in data.days),
    )


def moments_figures(stats: MomentStats, period: int) -> MomentsFigures:
    ranked = {
        "exercises": _helpful_rows(stats.by_exercise),
        "anchors": _helpful_rows(stats.by_anchor),
        "triggers": _count_rows(stats.top_triggers),
        "signals": _count_rows(stats.top_signals),
    }
    return MomentsFigures(
        moment_count=stats.total_moments,
        summary=words.moments_summary(stats, period),
        pairs=tuple((p.day, p.before, p.after) for p in stats.pairs),
        pair_labels=tuple(words.pair_label(p.day, p.before, p.after) for p in stats.pairs),
        distress_rows=tuple((words.day_label(p.day), p.before, p.after, p.drop) for p in stats.pairs),
        rankings=tuple(Ranking(spec, ranked[spec.key]) for spec in words.RANKINGS),
    )


def _helpful_rows(things: Sequence[HelpfulThing]) -> tuple[Row, ...]:
    return tuple((t.label, t.moments, f"{t.mean_drop:.1f}") for t in things)


def _count_rows(counts: Sequence[Count]) -> tuple[Row, ...]:
    return tuple((c.label, c.count) for c in counts)
