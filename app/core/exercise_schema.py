"""Exercise files: YAML <-> `Exercise`, with every problem reported at its line and column.

The format (docs/exercises.md has the full description)::

    name: Evening wind-down
    summary: Longer out-breaths to settle before sleep.
    phases:
      - inhale: 4
      - exhale: 7.5
    minutes: 3            # or: cycles: 12

or, for a pattern that changes as it goes, ``stages:`` — a list of ``{phases, cycles|minutes}``.
The bounds below are exported so that the pattern editor offers exactly what a file may hold.
Times in seconds and minutes have at most one decimal place: that is as fine as anyone can
follow a breath, and it keeps files and the editor's spin boxes exact.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from app.core.ids import ID_REGEX
from app.core.model import Exercise, Phase, PhaseKind, Stage
from app.core.printable import quoted
from app.core.problems import FileProblems, Problem, cap_problems
from app.core.schema_reader import (
    INVALID,
    KEY_LIMIT,
    ListOf,
    Matches,
    Number,
    Path_,
    Reader,
    Text,
    YamlDoc,
    closest,
    describe_value,
    guess_hint,
)
from app.core.yaml_writer import Inline, dump_yaml
from app.core.yamlsafe import load_yaml

# -- bounds ---------------------------------------------------------------------------------

#: Seconds allowed for each kind of phase (inclusive).
PHASE_SECONDS_BOUNDS: dict[PhaseKind, tuple[float, float]] = {
    PhaseKind.INHALE: (0.5, 60.0),
    PhaseKind.EXHALE: (0.5, 60.0),
    PhaseKind.HOLD: (0.5, 60.0),
}
#: Seconds and minutes are written with at most this many decimal places.
DECIMAL_PLACES = 1
CYCLES_MIN, CYCLES_MAX = 1, 1000
MINUTES_MIN, MINUTES_MAX = 0.1, 120.0
#: The whole session, all stages together, in minutes.
TOTAL_MINUTES_MAX = 180.0
PHASES_MIN, PHASES_MAX = 1, 12
STAGES_MIN, STAGES_MAX = 1, 20
NAME_MAX = 80
SUMMARY_MAX = 200
CAUTION_MAX = 600
SOUND_PATTERN = re.compile(r"[a-z0-9-]{1,40}")
ID_PATTERN = re.compile(ID_REGEX)
KIND = "exercise"

TOP_KEYS = ("version", "kind", "name", "summary", "caution", "sound", "phases", "stages", "cycles", "minutes")
STAGE_KEYS = ("phases", "cycles", "minutes")
PHASE_KEYS = tuple(kind.value for kind in PhaseKind)

# -- safety (app.core.safety; re-exported here for the editor and the tests) ----------------

from app.core.safety import (  # noqa: E402,F401 - re-exported
    CAUTION_BREATHS_PER_MINUTE,
    CAUTION_HOLD_SECONDS,
    STANDARD_CAUTION,
    caution_text,
    fastest_breaths_per_minute,
    format_number,
    needs_caution,
)

# -- reading --------------------------------------------------------------------------------

NAME = Text(NAME_MAX, example='name: "478 breathing"')
SUMMARY = Text(SUMMARY_MAX, example='summary: "..."')
CAUTION = Text(CAUTION_MAX, multiline=True, example='caution: "..."')
SOUND = Matches(SOUND_PATTERN, "{what} must be a sound id made of a-z, 0-9 and '-' (at most 40), e.g. soft-bell, not {value}")
CYCLES = Number(CYCLES_MIN, CYCLES_MAX, unit="cycles", example="10", whole=True)
MINUTES = Number(MINUTES_MIN, MINUTES_MAX, unit="minutes", places=DECIMAL_PLACES)
PHASE_SECONDS = {
    kind: Number(low, high, unit="seconds", places=DECIMAL_PLACES) for kind, (low, high) in PHASE_SECONDS_BOUNDS.items()
}


def _phases(reader: Reader, value: Any, path: Path_) -> tuple[Phase, ...] | None:
    phases = reader.read(PHASES, value, path, "phases")
    if phases is None:
        return None
    kinds = {p.kind for p in phases}
    missing = [k.value for k in (PhaseKind.INHALE, PhaseKind.EXHALE) if k not in kinds]
    if missing:
        reader.add(path, f"a breath cycle needs at least one inhale and one exhale; add {' and '.join(missing)}")
        return None
    return tuple(phases)


class _PhaseEntry:
    """One ``- inhale: 4`` of a breath cycle."""

    __slots__ = ()

    def read(self, reader: Reader, item: Any, path: Path_, what: str) -> Phase | None:
        return _phase(reader, item, path)


def _phase(reader: Reader, item: Any, path: Path_) -> Phase | None:
    if item is INVALID:
        return None
    if not isinstance(item, dict):
        guess = ""
        if isinstance(item, str) and item.split() and closest(item.split()[0], PHASE_KEYS):
            guess = f" (write '- {closest(item.split()[0], PHASE_KEYS)}: SECONDS', with a ':')"
        reader.add(path, f"a phase looks like '- inhale: 4' (inhale, hold or exhale, then seconds), not {describe_value(item)}{guess}")
        return None
    if len(item) != 1:
        reader.add(
            path,
            f"a phase has exactly one of inhale, hold or exhale, but this one has {len(item) or 'none'}; "
            "put each phase on its own '- ' line",
        )
        return None
    ((key, seconds),) = item.items()
    if key not in PHASE_KEYS:
        hint, guessed = guess_hint(key, PHASE_KEYS)
        reader.add(path + (key,), f"unknown phase {quoted(key, KEY_LIMIT)}: {hint}{'A' if guessed else 'a'} phase is inhale, hold or exhale", key=True)
        return None
    kind = PhaseKind(key)
    value = reader.read(PHASE_SECONDS[kind], seconds, path + (key,), key)
    return None if value is None else Phase(kind, float(value))


def _length(reader: Reader, mapping: dict[str, Any], path: Path_, anchor_key: str) -> tuple[int | None, float | None] | None:
    """(cycles, minutes) with exactly one set, or None after reporting why not."""
    has_cycles, has_minutes = "cycles" in mapping, "minutes" in mapping
    if has_cycles and has_minutes:
        second = max(("cycles", "minutes"), key=lambda k: reader.doc.mark(path + (k,), key=True))
        reader.add(path + (second,), "give either cycles or minutes, not both; remove one of them", key=True)
        return None
    if not has_cycles and not has_minutes:
        reader.add(path + (anchor_key,), "say how long to breathe this: add 'minutes: 3' or 'cycles: 12' beside phases", key=True)
        return None
    if has_cycles:
        cycles = reader.field(mapping, path, "cycles", CYCLES)
        return None if cycles is None else (int(cycles), None)
    minutes = reader.field(mapping, path, "minutes", MINUTES)
    return None if minutes is None else (None, float(minutes))


def _stage(reader: Reader, mapping: dict[str, Any], path: Path_, anchor_key: str) -> Stage | None:
    phases = None
    if "phases" in mapping:
        phases = _phases(reader, mapping["phases"], path + ("phases",))
    else:
        reader.add(path, "this stage has no phases: add e.g. 'phases: [{inhale: 4}, {exhale: 6}]'")
    length = _length(reader, mapping, path, anchor_key)
    if phases is None or length is None:
        return None
    return Stage(phases, cycles=length[0], minutes=length[1])


class _StageEntry:
    """One stage: a mapping with phases and cycles or minutes."""

    __slots__ = ()

    def read(self, reader: Reader, item: Any, path: Path_, what: str) -> Stage | None:
        if item is INVALID:
            return None
        if not isinstance(item, dict):
            reader.add(path, f"a stage is a mapping with phases and cycles or minutes, not {describe_value(item)}")
            return None
        reader.check_keys(item, path, STAGE_KEYS, "in a stage")
        return _stage(reader, item, path, "phases")


PHASES = ListOf(
    _PhaseEntry(),
    PHASES_MAX,
    least=PHASES_MIN,
    shape="a list such as [{inhale: 4}, {exhale: 6}]",
    count="a breath cycle has {least} to {most} phases; this one has {n}",
)
STAGES = ListOf(
    _StageEntry(),
    STAGES_MAX,
    least=STAGES_MIN,
    shape="a list of stages, each with phases and cycles or minutes",
    count="an exercise has {least} to {most} stages; this one has {n}",
)


def check_id(exercise_id: str, display_path: str) -> Problem | None:
    """A problem at 1:1 when the file name cannot be an exercise id."""
    if ID_PATTERN.fullmatch(exercise_id):
        return None
    suggestion = re.sub(r"[^a-z0-9]+", "-", exercise_id.lower()).strip("-")[:64] or "my-exercise"
    return Problem(
        display_path,
        1,
        1,
        f"the file name {quoted(exercise_id, KEY_LIMIT)} cannot be an exercise id: use lower-case letters, digits and '-' "
        f"(starting with a letter or digit, at most 64), e.g. {suggestion}.yaml",
    )


def exercise_from_doc(
    doc: YamlDoc, display_path: str, exercise_id: str, builtin: bool = False, source: Path | None = None
) -> Exercise:
    """Build an Exercise from a parsed file, or raise FileProblems with every problem found."""
    reader = Reader(doc)
    id_problem = check_id(exercise_id, display_path)
    if id_problem:
        reader.problems.append(id_problem)
    top = reader.top("an exercise file", TOP_KEYS, "'name:' and 'phases:'", where="in an exercise")
    reader.kind_is(top, KIND, "an exercise", required=False)
    root: Path_ = ()
    name = reader.field(top, root, "name", NAME)
    if "name" not in top:
        reader.add(root, "missing name: add a line such as 'name: Evening wind-down'")
    summary = reader.field(top, root, "summary", SUMMARY) if "summary" in top else ""
    caution = reader.field(top, root, "caution", CAUTION)
    sound = reader.field(top, root, "sound", SOUND)

    stages: tuple[Stage, ...] | None = None
    staged = "stages" in top
    if "phases" in top and "stages" in top:
        reader.add(("stages",), "use either phases (one breath pattern) or stages (a pattern that changes), not both", key=True)
    elif staged:
        for key in ("cycles", "minutes"):
            if key in top:
                reader.add((key,), f"with stages, {key} goes inside each stage, not at the top", key=True)
        listed = reader.read(STAGES, top["stages"], ("stages",), "stages")
        stages = None if listed is None else tuple(listed)
    elif "phases" in top:
        stage = _stage(reader, top, root, "phases")
        stages = None if stage is None else (stage,)
    else:
        reader.add(root, "missing phases: add the breath cycle, e.g. 'phases: [{inhale: 4}, {exhale: 6}]' and 'minutes: 3'")

    if stages is not None:
        total_minutes = math.fsum(s.planned_seconds for s in stages) / 60.0
        if total_minutes > TOTAL_MINUTES_MAX + 1e-9:
            where = ("stages",) if staged else ("minutes",) if "minutes" in top else ("cycles",)
            reader.add(
                where,
                f"the whole session comes to {total_minutes:.0f} minutes; keep it to {format_number(TOTAL_MINUTES_MAX)} or fewer",
                key=staged,
            )
            stages = None

    if reader.problems or name is None or stages is None or summary is None:
        raise FileProblems(cap_problems(sorted(reader.problems)))
    return Exercise(
        id=exercise_id,
        name=name,
        stages=stages,
        summary=summary,
        caution=caution,
        sound=sound,
        staged=staged,
        source=source,
        builtin=builtin,
    )


def exercise_from_yaml(
    data: bytes, display_path: str, exercise_id: str, builtin: bool = False, source: Path | None = None
) -> Exercise:
    """Read an exercise file's bytes; raises FileProblems listing every problem found."""
    try:
        doc = load_yaml(data, display_path)
    except FileProblems as error:
        id_problem = check_id(exercise_id, display_path)
        if id_problem:
            error.problems.insert(0, id_problem)
            raise FileProblems(cap_problems(error.problems)) from None
        raise
    return exercise_from_doc(doc, display_path, exercise_id, builtin, source)


# -- writing --------------------------------------------------------------------------------

HEADER_LINES = "A Steady breathing exercise. Times are in seconds.\nFormat, keys and limits: docs/exercises.md"


def _number(value: float) -> int | float:
    """4.0 is written 4, 7.5 stays 7.5 (the reader takes either as seconds)."""
    return int(value) if float(value).is_integer() else value


def _phases_plain(stage: Stage) -> list[dict[str, int | float]]:
    return [{p.kind.value: _number(p.seconds)} for p in stage.phases]


def _length_plain(stage: Stage) -> dict[str, int | float]:
    if stage.cycles is not None:
        return {"cycles": stage.cycles}
    assert stage.minutes is not None
    return {"minutes": _number(stage.minutes)}


def _file_body(ex: Exercise) -> dict[str, Any]:
    """An exercise as the plain values of its file, keys in the order people write them."""
    body: dict[str, Any] = {"name": ex.name}
    for key in ("summary", "caution", "sound"):
        if getattr(ex, key):
            body[key] = getattr(ex, key)
    if not ex.staged and len(ex.stages) == 1:
        body["phases"] = _phases_plain(ex.stages[0])
        body.update(_length_plain(ex.stages[0]))
    else:
        body["stages"] = [{"phases": Inline(_phases_plain(stage)), **_length_plain(stage)} for stage in ex.stages]
    return body


def exercise_to_yaml(ex: Exercise) -> str:
    """Clean YAML for an exercise, in the same format users write; reads back to an equal one."""
    return dump_yaml(_file_body(ex), comment=HEADER_LINES)
