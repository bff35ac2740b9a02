"""What the history hands back: plain frozen dataclasses, free of SQL and Qt.

They live in app.core, below app.history, so that the features' models (app.core.progress,
app.core.moment) can name what they read without importing the history package: the layers
contract keeps app.core below everything else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class AnchorShown:
    """An anchoring statement shown during a moment, and whether the user starred it."""

    text: str
    anchor_id: str | None = None
    favourited: bool = False


class _StartedLocally:
    """A record stamped with the local time where the user was, offset included."""

    started_local: str

    @property
    def local_date(self) -> date:
        """The date the user lived it on, whatever the zone or daylight saving did since."""
        return date.fromisoformat(self.started_local[:10])


@dataclass(frozen=True)
class SessionRow(_StartedLocally):
    id: str
    exercise_id: str
    exercise_name: str
    started_utc: str
    started_local: str
    tz: str
    planned_seconds: float | None
    practised_seconds: float
    status: str
    source: str
    updated_utc: str


@dataclass(frozen=True)
class MomentRow(_StartedLocally):
    id: str
    session_id: str | None
    started_utc: str
    started_local: str
    tz: str
    distress_before: int | None
    distress_after: int | None
    trigger: str | None
    response: str
    draft_text: str | None
    ended_step: str | None
    updated_utc: str
    signals: tuple[str, ...] = ()
    anchors: tuple[AnchorShown, ...] = ()


@dataclass(frozen=True)
class ReminderEventRow:
    id: str
    slot_id: str
    scheduled_for_utc: str
    outcome: str
    merged_into: str | None
    session_id: str | None
    recorded_utc: str


@dataclass(frozen=True)
class DayMinutes:
    day: date
    minutes: float


@dataclass(frozen=True)
class Streaks:
    """Runs of consecutive local dates with practice.

    `current` counts back from today, or from yesterday when today has no practice yet (a day
    that is not over is never counted as a break). `longest` is the longest run ever.
    """

    current: int
    longest: int
    practised_today: bool
    last_day: date | None


@dataclass(frozen=True)
class DistressPair:
    moment_id: str
    day: date
    before: int
    after: int

    @property
    def drop(self) -> int:
        return self.before - self.after


@dataclass(frozen=True)
class HelpfulThing:
    """An exercise or anchor, with how much distress fell on average in moments that used it."""

    key: str
    label: str
    moments: int
    mean_drop: float
    favourited: int = 0


@dataclass(frozen=True)
class Count:
    label: str
    count: int


@dataclass(frozen=True)
class MomentStats:
    """`pairs`: the most recent before/after pairs, oldest first (for a plot); `pair_count`,
    `mean_drop` and the rankings cover every pair in the range."""

    pairs: tuple[DistressPair, ...] = ()
    mean_drop: float | None = None
    by_exercise: tuple[HelpfulThing, ...] = ()
    by_anchor: tuple[HelpfulThing, ...] = ()
    top_triggers: tuple[Count, ...] = ()
    top_signals: tuple[Count, ...] = ()
    responses: tuple[Count, ...] = field(default=())
    total_moments: int = 0
    pair_count: int = 0
