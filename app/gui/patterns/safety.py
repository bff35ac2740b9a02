"""When a pattern needs the plain caution of CONTENT.md, and what the editor says about it.

The loader's `needs_caution` covers long holds and fast breathing. The editor adds one more
reason the issue asks for: an in- or out-breath so short that it turns into a gasp or a
forced push. That reason alone does not make the app show the standard caution at run time,
so a pattern saved for it carries the caution in its own file (see `caution_to_save`).
"""

from __future__ import annotations

from app.core.exercise_schema import STANDARD_CAUTION, format_number, needs_caution
from app.core.model import Exercise, PhaseKind

#: In- or out-breaths shorter than this (seconds) are "very short phases" (CONTENT.md).
VERY_SHORT_BREATH_SECONDS = 1.0


def short_breath_reason(exercise: Exercise) -> str | None:
    shortest = min(
        (p.seconds for s in exercise.stages for p in s.phases if p.kind != PhaseKind.HOLD),
        default=None,
    )
    if shortest is None or shortest >= VERY_SHORT_BREATH_SECONDS:
        return None
    return (
        f"it has a breath of only {format_number(shortest)} seconds, shorter than "
        f"{format_number(VERY_SHORT_BREATH_SECONDS)} second"
    )


def caution_reasons(exercise: Exercise) -> list[str]:
    """Every reason this pattern needs a caution (empty: it needs none)."""
    reasons = list(needs_caution(exercise))
    short = short_breath_reason(exercise)
    if short:
        reasons.append(short)
    return reasons


def caution_to_save(exercise: Exercise) -> str | None:
    """The caution the file should carry so that the app shows one before it starts.

    The pattern's own caution wins. Without one, the app already shows the standard caution
    for what `needs_caution` finds; only the editor's extra reason needs it written down.
    """
    if exercise.caution:
        return exercise.caution
    if caution_reasons(exercise) and not needs_caution(exercise):
        return STANDARD_CAUTION
    return None


def caution_question(exercise: Exercise) -> str:
    """The words of the confirm shown before saving a pattern that needs a caution."""
    reasons = caution_reasons(exercise)
    joined = "; and ".join(reasons)
    shown = caution_to_save(exercise) or STANDARD_CAUTION
    return (
        f"This pattern needs a caution: {joined}.\n\n"
        f"Steady will show this before it starts:\n\n{shown}\n\n"
        "Save it anyway?"
    )
