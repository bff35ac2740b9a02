"""Starting a copy of a pattern file that does not load: keep what can be kept.

The broken file itself is never touched. Whatever parts of it are readable and within the
loader's bounds (name, summary, caution, the phases and length of each stage) start the new
draft, so the user fixes the rest in the editor instead of retyping everything; anything
unreadable falls back to the new-pattern defaults (a breath missing its in- or out-breath gets
a gentle one, so the copy can be saved at once).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.core.exercise_schema import (
    CYCLES_MAX,
    CYCLES_MIN,
    MINUTES_MAX,
    MINUTES_MIN,
    PHASE_SECONDS_BOUNDS,
    PHASES_MAX,
    STAGES_MAX,
)
from app.core.model import PhaseKind
from app.core.patterns.draft import ID_MAX, Draft, DraftStage, slugify, tenths
from app.core.problems import FileProblems
from app.core.user_file import read_user_file
from app.core.yamlsafe import load_yaml


def _number(value: Any, low: float, high: float) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if low <= tenths(value) <= high else None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _stage(mapping: Any) -> DraftStage | None:
    if not isinstance(mapping, dict) or not isinstance(mapping.get("phases"), list):
        return None
    phases: list[tuple[PhaseKind, float]] = []
    for item in mapping["phases"][:PHASES_MAX]:
        if isinstance(item, dict) and len(item) == 1:
            (key, seconds), = item.items()
            if key in {k.value for k in PhaseKind}:
                kind = PhaseKind(key)
                value = _number(seconds, *PHASE_SECONDS_BOUNDS[kind])
                if value is not None:
                    phases.append((kind, tenths(value)))
    if not phases:
        return None
    kinds = {kind for kind, _seconds in phases}
    if PhaseKind.INHALE not in kinds and len(phases) < PHASES_MAX:
        phases.insert(0, (PhaseKind.INHALE, 4.0))
    if PhaseKind.EXHALE not in kinds and len(phases) < PHASES_MAX:
        phases.append((PhaseKind.EXHALE, 6.0))
    stage = DraftStage(phases)
    cycles = _number(mapping.get("cycles"), CYCLES_MIN, CYCLES_MAX)
    minutes = _number(mapping.get("minutes"), MINUTES_MIN, MINUTES_MAX)
    if minutes is not None:
        stage.minutes = tenths(minutes)
    elif cycles is not None and cycles == int(cycles):
        stage.use_minutes = False
        stage.cycles = int(cycles)
    return stage


def salvage(path: Path) -> Draft:
    """A new draft from what is readable in `path`, saved under a new file name."""
    copy_id = f"{slugify(path.stem)[: ID_MAX - 5]}-copy"
    draft = Draft.new(f"{path.stem} (copy)")
    draft.id = copy_id
    try:
        data = read_user_file(path)
        top = load_yaml(data, str(path)).value if data is not None else None
    except FileProblems:
        return draft
    if not isinstance(top, dict):
        return draft
    name = _text(top.get("name"))
    if name:
        draft.name = f"{name} (copy)"
    draft.summary = _text(top.get("summary"))
    draft.caution = _text(top.get("caution"))
    if isinstance(top.get("stages"), list):
        stages = [s for s in (_stage(item) for item in top["stages"][:STAGES_MAX]) if s is not None]
        if stages:
            draft.stages = stages
            draft.staged = True
    else:
        stage = _stage(top)
        if stage is not None:
            draft.stages = [stage]
    return draft
