"""What the Progress page says: every sentence and label, from plain numbers (no Qt).

Wording follows CONTENT.md: practice is celebrated, a gap is never named as a failure. Kept
apart from the figures so the words can be read (and checked) in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

from app.core.describe import duration_words

if TYPE_CHECKING:
    from app.core.history_records import MomentRow, MomentStats, SessionRow, Streaks

EMPTY_TITLE = "Your practice will gather here"
EMPTY_TEXT = (
    "Each time you breathe with Steady, your minutes show up here, day by day. "
    "There is nothing to catch up on: one calm minute is a fine start."
)
UNREADABLE_TEXT = (
    "Your history can't be read right now, so there is nothing to show here. "
    "Your practice still counts: Steady keeps what you do in memory and saves it as soon as it can."
)
MOMENTS_EMPTY = (
    "When you use Breathe now in a hard moment and rate how you feel before and after, "
    "you will see here what eases it for you."
)
ENTRIES_INTRO = "Your most recent sessions and moments. Deleting one removes it from this computer for good."
MINUTES_HEADERS = ("Date", "Minutes")
MINUTES_TABLE_NAME = "Minutes practised each day"
DISTRESS_HEADERS = ("Date", "Before", "After", "Eased by")
DISTRESS_TABLE_NAME = "Distress before and after each moment"


class RankingSpec(NamedTuple):
    """One of the Moments tab's rankings: its key, its heading and its table's columns."""

    key: str
    title: str
    headers: tuple[str, ...]


RANKINGS = (
    RankingSpec("exercises", "Exercises that eased it most", ("Exercise", "Moments", "Eased by")),
    RankingSpec("anchors", "Anchors that eased it most", ("Anchor", "Moments", "Eased by")),
    RankingSpec("triggers", "What set it off most often", ("Trigger", "Times")),
    RankingSpec("signals", "Signals you noticed most often", ("Signal", "Times")),
)


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def join_words(parts: Sequence[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def format_minutes(minutes: float) -> str:
    """A number for the minutes column beside the bars (lengths in words use `duration_words`):
    whole minutes above ten, one decimal below, so a 30-second session still shows."""
    if minutes >= 10 or minutes == int(minutes):
        return f"{minutes:.0f}"
    return f"{minutes:.1f}"


def period_label(period: int) -> str:
    return f"the last {period} days"


def period_choice(period: int) -> str:
    """The period as the chooser offers it: "Last 30 days"."""
    return f"Last {period} days"


def practice_summary(days_practised: int, total_minutes: float, period: int) -> str:
    """"You practised on 12 days in the last 30 days, 1 h 26 min in all." — never a reproach."""
    if days_practised == 0:
        return (f"Nothing recorded in {period_label(period)}. Whenever you are ready, "
                "a few minutes is plenty.")
    return (f"You practised on {plural(days_practised, 'day')} in {period_label(period)}, "
            f"{duration_words(total_minutes * 60)} in all.")


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


def day_label(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def bar_label(day: date, minutes: float) -> str:
    """A bar's hover text: "Wed 1 May 2024: 5 min"."""
    return f"{day_label(day)}: {format_minutes(minutes)} min"


def pair_label(day: date, before: int, after: int) -> str:
    """A rated moment's hover text in the distress chart."""
    return f"{day_label(day)}: before {before}, after {after}"


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
