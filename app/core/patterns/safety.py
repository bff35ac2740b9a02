"""What the pattern editor says about a pattern that needs the plain caution of CONTENT.md.

The rules themselves (long holds, fast breathing, very short breaths) live in app.core.safety,
so a hand-written or imported file gets the same caution at run time as one made here.
"""

from __future__ import annotations

from app.core.model import Exercise
from app.core.safety import STANDARD_CAUTION, needs_caution


def caution_reasons(exercise: Exercise) -> list[str]:
    """Every reason this pattern needs a caution (empty: it needs none)."""
    return needs_caution(exercise)


def caution_to_save(exercise: Exercise) -> str | None:
    """The caution the file itself should carry: only the author's own words.

    Whenever `needs_caution` finds a reason, the app shows the standard caution before the
    pattern starts, so nothing needs to be written into the file for that.
    """
    return exercise.caution or None


def caution_question(exercise: Exercise) -> str:
    """The words of the confirm shown before saving a pattern that needs a caution."""
    joined = "; and ".join(caution_reasons(exercise))
    shown = exercise.caution or STANDARD_CAUTION
    return (
        f"This pattern needs a caution: {joined}.\n\n"
        f"Steady will show this before it starts:\n\n{shown}\n\n"
        "Save it anyway?"
    )
