"""Breathing safety (CONTENT.md): which patterns need a caution, and the caution's words.

Kept apart from the YAML schema so that the breathing screen can show a caution without
loading any YAML machinery on the way to its first frame.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from app.core.model import Exercise, PhaseKind

#: Holds longer than this (seconds) need a caution (CONTENT.md).
CAUTION_HOLD_SECONDS = 15.0
#: Breathing faster than this (breaths a minute) needs a caution (CONTENT.md).
CAUTION_BREATHS_PER_MINUTE = 20.0

#: In- or out-breaths shorter than this (seconds) turn into a gasp or a push: "very short phases".
VERY_SHORT_BREATH_SECONDS = 1.0

#: Shown before any pattern that `needs_caution`, unless its file gives its own caution.
STANDARD_CAUTION = (
    "Sit or lie down somewhere safe before you begin, and never practise this while driving or "
    "in water. If you feel dizzy, light-headed or tingly, stop and let your breath find its own "
    "pace. If you are pregnant, or live with epilepsy or a heart condition, check with a doctor "
    "before you try it."
)


def format_number(value: float) -> str:
    """4.0 -> '4', 7.5 -> '7.5': the shortest text that reads back as the same number."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def fastest_breaths_per_minute(ex: Exercise) -> float:
    """The quickest pace anywhere in the exercise, counting a cyclic sigh's two inhales as one breath.

    Two views are combined per stage: the average (breaths per cycle over the cycle, holds
    included) and the quickest single breath (one inhale run and the exhale run after it, holds
    left out), so that a burst of quick breaths followed by a long hold still counts as rapid.
    """
    fastest = 0.0
    for stage in ex.stages:
        moving = [p for p in stage.phases if p.kind != PhaseKind.HOLD]
        starts = [i for i, p in enumerate(moving) if p.kind == PhaseKind.INHALE and moving[i - 1].kind != PhaseKind.INHALE]
        if not starts:
            continue
        fastest = max(fastest, len(starts) * 60.0 / stage.cycle_seconds)
        for n, start in enumerate(starts):
            end = starts[(n + 1) % len(starts)]
            span = moving[start:end] if end > start else moving[start:] + moving[:end]
            seconds = math.fsum(p.seconds for p in span)
            if seconds > 0:
                fastest = max(fastest, 60.0 / seconds)
    return fastest


def needs_caution(ex: Exercise) -> list[str]:
    """Why this pattern needs the plain caution of CONTENT.md (empty: it does not)."""
    reasons: list[str] = []
    if ex.longest_hold > CAUTION_HOLD_SECONDS:
        reasons.append(
            f"it holds the breath for {format_number(ex.longest_hold)} seconds, "
            f"longer than {format_number(CAUTION_HOLD_SECONDS)}"
        )
    fastest = fastest_breaths_per_minute(ex)
    if fastest > CAUTION_BREATHS_PER_MINUTE:
        reasons.append(
            f"it paces breaths at up to {fastest:.0f} a minute, faster than {format_number(CAUTION_BREATHS_PER_MINUTE)}"
        )
    shortest = min((p.seconds for s in ex.stages for p in s.phases if p.kind != PhaseKind.HOLD), default=None)
    if shortest is not None and shortest < VERY_SHORT_BREATH_SECONDS:
        reasons.append(
            f"it has a breath of only {format_number(shortest)} seconds, shorter than "
            f"{format_number(VERY_SHORT_BREATH_SECONDS)} second"
        )
    return reasons


def caution_text(ex: Exercise) -> str | None:
    """The caution to show before starting: the file's own, or the standard one when needed."""
    if ex.caution:
        return ex.caution
    return STANDARD_CAUTION if needs_caution(ex) else None


#: The triggered-moment default (CONTENT.md: no holds, a longer exhale, starting near a resting pace).
MOMENT_DEFAULT = "calm-exhale"


def suits_a_hard_moment(ex: Exercise) -> bool:
    """Breathe now must never start a pattern that needs a caution: a flooded person will not read one."""
    return caution_text(ex) is None


def pick_moment_exercise(exercises: Mapping[str, Exercise], configured: str) -> Exercise | None:
    """The exercise Breathe now starts: the chosen one if it suits a hard moment, else calm-exhale,
    else any that suits; None only when no exercise at all suits."""
    for candidate in (exercises.get(configured), exercises.get(MOMENT_DEFAULT)):
        if candidate is not None and suits_a_hard_moment(candidate):
            return candidate
    return next((ex for _, ex in sorted(exercises.items()) if suits_a_hard_moment(ex)), None)
