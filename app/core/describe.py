"""Plain words about exercises and durations, shared by every screen that shows them.

One place decides how a length, a pace or a breath reads ("4 min 2 s", "6.0 breaths a minute",
"in 4 · out 6"), so the list, the pacer, the editor and the Progress page say it the same way.
"""

from __future__ import annotations

import math

from app.core.model import Exercise, PhaseKind, Stage
from app.core.safety import format_number

_PHASE_WORDS = {PhaseKind.INHALE: "in", PhaseKind.HOLD: "hold", PhaseKind.EXHALE: "out"}


def minutes_seconds(whole_seconds: int) -> str:
    """m:ss, for a count of whole seconds (callers decide how to round)."""
    minutes, secs = divmod(max(0, whole_seconds), 60)
    return f"{minutes}:{secs:02d}"


def duration_words(seconds: float) -> str:
    """"45 s", "3 min", "3 min 10 s", "1 h 20 min": a length at a glance."""
    total = max(0, int(round(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes and secs:
        return f"{minutes} min {secs} s"
    return f"{minutes} min" if minutes else f"{secs} s"


def breath_words(stage: Stage) -> str:
    """One breath of a stage: "in 4 · hold 7 · out 8"."""
    return " · ".join(f"{_PHASE_WORDS[p.kind]} {format_number(p.seconds)}" for p in stage.phases)


def pace_text(exercise: Exercise) -> str:
    """Breaths a minute: one number, or where a staged pattern starts and ends."""
    first = exercise.stages[0].breaths_per_minute
    last = exercise.stages[-1].breaths_per_minute
    if len(exercise.stages) > 1 and not math.isclose(first, last, abs_tol=0.05):
        return f"{first:.1f} → {last:.1f} breaths a minute"
    return f"{last:.1f} breaths a minute"


def pattern_words(exercise: Exercise) -> str:
    """The breath in words: "in 4 · out 6", or how a staged pattern starts and settles."""
    first, last = exercise.stages[0], exercise.stages[-1]
    if len(exercise.stages) == 1 or breath_words(first) == breath_words(last):
        return breath_words(last)
    return f"starts at {breath_words(first)}, settles at {breath_words(last)}"
