"""An exercise stretched or shortened to the minutes a reminder asks for (Qt-free).

A reminder says "calm exhale, 10 minutes"; the exercise file says how long one breath is and
how many cycles each stage lasts. The rule, kept simple on purpose: the earlier stages run as
written (they often ease the user in at a gentler pace) and the last stage gets the remaining
time, in whole breaths. When the earlier stages alone would fill the time, only the last stage
is used, for the whole time. The id stays the same, so the history counts it as that exercise.
"""

from __future__ import annotations

import math

from app.core.model import Exercise


def exercise_for_minutes(exercise: Exercise, minutes: float) -> Exercise:
    """`exercise` lasting about `minutes` (rounded up to a whole breath); see the module doc."""
    if minutes <= 0 or not math.isfinite(minutes):
        raise ValueError("minutes must be a positive number")
    *earlier, last = exercise.stages
    remaining = minutes * 60.0 - math.fsum(s.planned_seconds for s in earlier)
    if remaining < last.cycle_seconds:
        earlier, remaining = [], minutes * 60.0
    stretched = last.replace(cycles=None, minutes=remaining / 60.0)
    return exercise.replace(stages=(*earlier, stretched))
