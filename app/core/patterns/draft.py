"""What the editor holds while a pattern is being changed, and the way to and from `Exercise`.

A `Draft` is the editor's state in plain values: it can hold things an `Exercise` cannot
(an empty name, both a cycle count and a minute count for a stage, so switching between them
loses neither). `check_draft` says, in the user's words, why a draft cannot be saved yet;
`to_exercise` turns a savable draft into the frozen `Exercise` the loader would build from
the file, and the round trip through `exercise_to_yaml` is the final judge.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from app.core.exercise_schema import (
    CAUTION_MAX,
    CYCLES_MAX,
    CYCLES_MIN,
    DECIMAL_PLACES,
    ID_PATTERN,
    MINUTES_MAX,
    MINUTES_MIN,
    NAME_MAX,
    PHASE_SECONDS_BOUNDS,
    PHASES_MAX,
    STAGES_MAX,
    SUMMARY_MAX,
    TOTAL_MINUTES_MAX,
    exercise_from_yaml,
    exercise_to_yaml,
)
from app.core.model import Exercise, Phase, PhaseKind, Stage
from app.core.problems import FileProblems
from app.core.safety import format_number

#: What a brand-new pattern starts as: no holds, a longer out-breath, a few minutes.
NEW_PHASES: tuple[tuple[PhaseKind, float], ...] = ((PhaseKind.INHALE, 4.0), (PhaseKind.EXHALE, 6.0))
NEW_MINUTES = 3.0
NEW_CYCLES = 12
ID_MAX = 64
FALLBACK_ID = "my-pattern"


def tenths(value: float) -> float:
    """A number as the editor and files keep it: rounded to one decimal place."""
    return round(float(value), DECIMAL_PLACES)


def slugify(name: str) -> str:
    """The file name a pattern's name suggests: lower-case letters, digits and '-' only.

    Accents are folded to plain letters ("Détente" -> "detente") so that a name in another
    language still gives a readable file name rather than a row of dashes.
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:ID_MAX].strip("-")
    return slug or FALLBACK_ID


def id_problem(exercise_id: str) -> str | None:
    """Why `exercise_id` cannot be a file name, in plain words (None: it can)."""
    if not exercise_id:
        return "Give the file a name: lower-case letters, digits and '-'."
    if not ID_PATTERN.fullmatch(exercise_id):
        return (
            "The file name can only use lower-case letters, digits and '-', starting with a letter "
            f"or digit, at most {ID_MAX} characters; for example {slugify(exercise_id)}."
        )
    return None


@dataclass
class DraftStage:
    """One stage being edited; `use_minutes` picks which of `minutes` and `cycles` counts."""

    phases: list[tuple[PhaseKind, float]] = field(default_factory=lambda: list(NEW_PHASES))
    use_minutes: bool = True
    minutes: float = NEW_MINUTES
    cycles: int = NEW_CYCLES

    def to_stage(self) -> Stage:
        phases = tuple(Phase(kind, tenths(seconds)) for kind, seconds in self.phases)
        if self.use_minutes:
            return Stage(phases, minutes=tenths(self.minutes))
        return Stage(phases, cycles=int(self.cycles))

    @classmethod
    def from_stage(cls, stage: Stage) -> DraftStage:
        phases = [(p.kind, tenths(p.seconds)) for p in stage.phases]
        if stage.minutes is not None:
            cycles = min(CYCLES_MAX, max(CYCLES_MIN, stage.planned_cycles))
            return cls(phases, True, tenths(stage.minutes), cycles)
        assert stage.cycles is not None
        minutes = min(MINUTES_MAX, max(MINUTES_MIN, tenths(stage.planned_seconds / 60.0)))
        return cls(phases, False, minutes, stage.cycles)


@dataclass
class Draft:
    """A pattern as the editor shows it; equal drafts mean "nothing changed"."""

    id: str = FALLBACK_ID
    name: str = ""
    summary: str = ""
    caution: str = ""
    sound: str | None = None
    staged: bool = False
    stages: list[DraftStage] = field(default_factory=lambda: [DraftStage()])

    @classmethod
    def new(cls, name: str = "My pattern") -> Draft:
        return cls(id=slugify(name), name=name)

    @classmethod
    def from_exercise(cls, exercise: Exercise) -> Draft:
        return cls(
            id=exercise.id,
            name=exercise.name,
            summary=exercise.summary,
            caution=exercise.caution or "",
            sound=exercise.sound,
            staged=exercise.staged,
            stages=[DraftStage.from_stage(s) for s in exercise.stages],
        )

    def copy(self) -> Draft:
        return replace(self, stages=[replace(s, phases=list(s.phases)) for s in self.stages])

    def to_exercise(self, preview: bool = False) -> Exercise:
        """The Exercise this draft describes; `preview` tolerates a missing name or bad id."""
        name = self.name.strip() or ("Your pattern" if preview else "")
        exercise_id = self.id
        if preview and not ID_PATTERN.fullmatch(exercise_id):
            exercise_id = FALLBACK_ID
        return Exercise(
            id=exercise_id,
            name=name,
            stages=tuple(s.to_stage() for s in self.stages),
            summary=self.summary.strip(),
            caution=self.caution.strip() or None,
            sound=self.sound,
            staged=self.staged or len(self.stages) > 1,
        )

    def preview(self) -> Exercise | None:
        """What the preview can run of this draft while it is unfinished (None: nothing yet,
        e.g. a stage without phases)."""
        try:
            return self.to_exercise(preview=True)
        except ValueError:
            return None


def check_draft(draft: Draft) -> list[str]:
    """Everything that stops this draft from being saved, in the user's words (empty: none).

    The editor's spin boxes already keep each number within the loader's bounds; what is left
    is what no single field can enforce (a name, a valid file name, the whole session's
    length), and, last, the loader itself reading the exact text that would be written.
    """
    problems: list[str] = []
    name = draft.name.strip()
    if not name:
        problems.append("Give your pattern a name.")
    elif len(name) > NAME_MAX:
        problems.append(f"Keep the name to {NAME_MAX} characters or fewer.")
    if len(draft.summary.strip()) > SUMMARY_MAX:
        problems.append(f"Keep the summary to {SUMMARY_MAX} characters or fewer.")
    if len(draft.caution.strip()) > CAUTION_MAX:
        problems.append(f"Keep the caution to {CAUTION_MAX} characters or fewer.")
    id_trouble = id_problem(draft.id)
    if id_trouble:
        problems.append(id_trouble)
    if not draft.stages or len(draft.stages) > STAGES_MAX:
        problems.append(f"A pattern has 1 to {STAGES_MAX} stages.")
    for number, stage in enumerate(draft.stages, start=1):
        where = f"Stage {number}" if len(draft.stages) > 1 else "The breath"
        if not stage.phases:
            problems.append(f"{where} needs at least one phase.")
        elif len(stage.phases) > PHASES_MAX:
            problems.append(f"{where} has {len(stage.phases)} phases; keep it to {PHASES_MAX}.")
        kinds = {kind for kind, _seconds in stage.phases}
        if stage.phases and not {PhaseKind.INHALE, PhaseKind.EXHALE} <= kinds:
            problems.append(f"{where} needs at least one in-breath and one out-breath.")
        for kind, seconds in stage.phases:
            low, high = PHASE_SECONDS_BOUNDS[kind]
            if not low <= tenths(seconds) <= high:
                problems.append(f"{where}: each {kind.value} lasts {format_number(low)} to {format_number(high)} seconds.")
    if problems:
        return problems
    exercise = draft.to_exercise()
    total_minutes = exercise.planned_seconds / 60.0
    if total_minutes > TOTAL_MINUTES_MAX + 1e-9:
        return [f"The whole session comes to {total_minutes:.0f} minutes; keep it to {format_number(TOTAL_MINUTES_MAX)} or fewer."]
    try:
        exercise_from_yaml(exercise_to_yaml(exercise).encode("utf-8"), f"{draft.id}.yaml", draft.id)
    except FileProblems as error:
        return [p.message[:1].upper() + p.message[1:] for p in error.problems]
    return []


# -- facts shown beside the preview (lengths and paces are in app.core.describe) ----------


def _short(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def ratio_text(stage: Stage) -> str:
    """In-breath to out-breath as "1 : 1.75" (holds left out); a dash when one is missing."""
    inhale = stage.seconds_of(PhaseKind.INHALE)
    exhale = stage.seconds_of(PhaseKind.EXHALE)
    if inhale <= 0 or exhale <= 0:
        return "—"
    return f"1 : {_short(exhale / inhale)}"
