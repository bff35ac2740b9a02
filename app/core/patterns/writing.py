"""The one plan -> ask -> write loop behind Save and Import.

A plan (app.core.patterns.store.SavePlan) says what writing would replace and what must be
asked first; the user answers through `app.core.prompts.Questions`; then the plan is carried out. If the file
changed while the user was answering (another program wrote it), nothing is written and the
loop plans and asks again, about what is there now. A file that keeps changing is left alone
after `PLAN_TRIES` plans, so a busy program on the other side cannot keep the user answering
forever. The outcome is a value; the caller chooses the words ("Not saved", "not imported").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core.patterns import store
from app.core.patterns.store import Written
from app.core.prompts import Questions

#: How often a write plans again when its file keeps changing underneath it.
PLAN_TRIES = 3


@dataclass(frozen=True)
class Declined:
    """The user kept things as they are: nothing was written."""

    target: Path


@dataclass(frozen=True)
class Refused:
    """The plan refused (the target does not load, so it is never written over)."""

    target: Path
    reason: str


@dataclass(frozen=True)
class Failed:
    """The system refused the write; nothing was changed."""

    target: Path
    error: OSError


@dataclass(frozen=True)
class KeptChanging:
    """The target changed under every plan; it was left as it is."""

    target: Path


#: Written (app.core.patterns.store) when the file was written, else why not.
WriteOutcome = Written | Declined | Refused | Failed | KeptChanging


def plan_ask_write(plan: Callable[[], store.SavePlan], questions: Questions) -> WriteOutcome:
    """Plan, ask every question of the plan (stopping at the first no), then write.

    `plan` is called afresh for each try, so each plan sees the file (and the library) as
    they are at that moment.
    """
    for _try in range(PLAN_TRIES):
        current = plan()
        outcome = _ask_and_write(current, questions)
        if outcome is not None:
            return outcome
    return KeptChanging(current.target)


def _ask_and_write(plan: store.SavePlan, questions: Questions) -> WriteOutcome | None:
    """One try; None when the file changed while the user answered (nothing was written)."""
    if plan.refusal:
        return Refused(plan.target, plan.refusal)
    if not all(questions.confirm(q.title, q.text, q.action) for q in plan.questions):
        return Declined(plan.target)
    try:
        return store.carry_out(plan)
    except store.FileChanged:
        return None
    except OSError as error:
        return Failed(plan.target, error)
