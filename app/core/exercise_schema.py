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
import unicodedata
from pathlib import Path
from typing import Any

from app.core.model import Exercise, Phase, PhaseKind, Stage
from app.core.problems import FileProblems, Problem
from app.core.yaml_writer import Inline, dump_yaml
from app.core.yamlsafe import INVALID, YamlDoc, cap_problems, load_yaml

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
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
SUPPORTED_VERSION = 1
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


def describe_value(value: Any) -> str:
    """A value in words, for problem messages ("the number 4", "a list")."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {format_number(value)}"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f"the text '{shown}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "something else"


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (tiny strings only)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def closest(word: str, choices: tuple[str, ...]) -> str | None:
    """The choice `word` was probably meant to be, if one is close enough."""
    if not isinstance(word, str) or len(word) > 40:
        return None
    lowered = word.lower().strip()
    best = min(choices, key=lambda c: _distance(lowered, c))
    limit = 1 if len(best) <= 4 else 2
    if _distance(lowered, best) <= limit or (len(lowered) >= 3 and best.startswith(lowered)):
        return best
    return None


def _unknown_key_message(key: str, allowed: tuple[str, ...], where: str) -> str:
    guess = closest(key, allowed)
    hint = f"did you mean '{guess}'? " if guess else ""
    listing = f"{'The' if guess else 'the'} keys here are {', '.join(allowed)}"
    return f"unknown key '{key}' {where}: {hint}{listing}"


def _text_problem(value: str, allow_newlines: bool) -> str | None:
    for ch in value:
        if ch == "\n" and allow_newlines:
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs", "Zl", "Zp") or ch in "\ufffe\uffff":
            if ch in "\n\r\x85\u2028\u2029":
                return "must be a single line; remove the line break"
            return f"contains the control character U+{ord(ch):04X}; remove it"
    return None


def _round_hint(value: float) -> str:
    factor = 10**DECIMAL_PLACES
    low = math.floor(value * factor) / factor
    high = math.ceil(value * factor) / factor
    return f"{format_number(low)} or {format_number(high)}"


class _Reader:
    """Walks a YamlDoc, collecting problems; every getter returns None when a value is unusable."""

    def __init__(self, doc: YamlDoc) -> None:
        self.doc = doc
        self.problems: list[Problem] = list(doc.problems)

    def add(self, path: tuple[Any, ...], message: str, key: bool = False) -> None:
        self.problems.append(self.doc.problem(path, message, key))

    def text(self, mapping: dict[str, Any], path: tuple[Any, ...], key: str, limit: int, multiline: bool) -> str | None:
        value = mapping[key]
        here = path + (key,)
        if value is INVALID:
            return None
        if not isinstance(value, str):
            example = '"478 breathing"' if key == "name" else '"..."'
            self.add(
                here,
                f"{key} must be text, not {describe_value(value)}; put it in quotes, e.g. {key}: {example}",
                key=value is None,
            )
            return None
        stripped = value.strip()
        if not stripped:
            self.add(here, f"{key} is empty: write some text, or remove the key")
            return None
        trouble = _text_problem(stripped, multiline)
        if trouble:
            self.add(here, f"{key} {trouble}")
            return None
        if len(stripped) > limit:
            self.add(here, f"{key} is {len(stripped)} characters long; keep it to {limit} or fewer")
            return None
        return stripped

    def number(
        self, value: Any, path: tuple[Any, ...], what: str, low: float, high: float, unit: str, whole: bool = False
    ) -> float | int | None:
        if value is INVALID:
            return None
        example = "10" if whole else "4 or 7.5"
        if value is None:
            self.add(path, f"{what} has no value: write a number of {unit}, e.g. {example}", key=True)
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.add(path, f"{what} must be a number of {unit}, e.g. {example}, not {describe_value(value)}")
            return None
        if whole and not isinstance(value, int):
            self.add(path, f"{what} must be a whole number, e.g. {format_number(max(low, round(value)))}")
            return None
        if not low <= value <= high:
            self.add(
                path,
                f"{what} is {format_number(value)} {unit}; it must be from {format_number(low)} to {format_number(high)}",
            )
            return None
        if not whole:
            scaled = value * 10**DECIMAL_PLACES
            if abs(scaled - round(scaled)) > 1e-6:
                self.add(path, f"{what} {format_number(value)} has more than one decimal place; round it, e.g. {_round_hint(value)}")
                return None
            return float(value)
        return int(value)

    def check_keys(self, mapping: dict[str, Any], path: tuple[Any, ...], allowed: tuple[str, ...], where: str) -> None:
        for key in mapping:
            if key not in allowed:
                self.add(path + (key,), _unknown_key_message(key, allowed, where), key=True)

    # -- phases and stages ---------------------------------------------------------------

    def phases(self, value: Any, path: tuple[Any, ...]) -> tuple[Phase, ...] | None:
        if value is INVALID:
            return None
        if not isinstance(value, list):
            self.add(path, f"phases must be a list such as [{{inhale: 4}}, {{exhale: 6}}], not {describe_value(value)}")
            return None
        if not PHASES_MIN <= len(value) <= PHASES_MAX:
            self.add(path, f"a breath cycle has {PHASES_MIN} to {PHASES_MAX} phases; this one has {len(value)}")
            return None
        result: list[Phase] = []
        ok = True
        for index, item in enumerate(value):
            phase = self.phase(item, path + (index,))
            if phase is None:
                ok = False
            else:
                result.append(phase)
        if not ok:
            return None
        kinds = {p.kind for p in result}
        missing = [k.value for k in (PhaseKind.INHALE, PhaseKind.EXHALE) if k not in kinds]
        if missing:
            self.add(path, f"a breath cycle needs at least one inhale and one exhale; add {' and '.join(missing)}")
            return None
        return tuple(result)

    def phase(self, item: Any, path: tuple[Any, ...]) -> Phase | None:
        if item is INVALID:
            return None
        if not isinstance(item, dict):
            guess = ""
            if isinstance(item, str) and item.split() and closest(item.split()[0], PHASE_KEYS):
                guess = f" (write '- {closest(item.split()[0], PHASE_KEYS)}: SECONDS', with a ':')"
            self.add(path, f"a phase looks like '- inhale: 4' (inhale, hold or exhale, then seconds), not {describe_value(item)}{guess}")
            return None
        if len(item) != 1:
            self.add(
                path,
                f"a phase has exactly one of inhale, hold or exhale, but this one has {len(item) or 'none'}; "
                "put each phase on its own '- ' line",
            )
            return None
        (key, seconds), = item.items()
        if key not in PHASE_KEYS:
            guess = closest(key, PHASE_KEYS)
            hint = f"did you mean '{guess}'? " if guess else ""
            self.add(path + (key,), f"unknown phase '{key}': {hint}{'A' if guess else 'a'} phase is inhale, hold or exhale", key=True)
            return None
        kind = PhaseKind(key)
        low, high = PHASE_SECONDS_BOUNDS[kind]
        value = self.number(seconds, path + (key,), key, low, high, "seconds")
        return None if value is None else Phase(kind, float(value))

    def length(self, mapping: dict[str, Any], path: tuple[Any, ...], anchor_key: str) -> tuple[int | None, float | None] | None:
        """(cycles, minutes) with exactly one set, or None after reporting why not."""
        has_cycles, has_minutes = "cycles" in mapping, "minutes" in mapping
        if has_cycles and has_minutes:
            second = max(("cycles", "minutes"), key=lambda k: self.doc.mark(path + (k,), key=True))
            self.add(path + (second,), "give either cycles or minutes, not both; remove one of them", key=True)
            return None
        if not has_cycles and not has_minutes:
            self.add(
                path + (anchor_key,),
                "say how long to breathe this: add 'minutes: 3' or 'cycles: 12' beside phases",
                key=True,
            )
            return None
        if has_cycles:
            cycles = self.number(mapping["cycles"], path + ("cycles",), "cycles", CYCLES_MIN, CYCLES_MAX, "cycles", whole=True)
            return None if cycles is None else (int(cycles), None)
        minutes = self.number(mapping["minutes"], path + ("minutes",), "minutes", MINUTES_MIN, MINUTES_MAX, "minutes")
        return None if minutes is None else (None, float(minutes))

    def stage(self, mapping: dict[str, Any], path: tuple[Any, ...], anchor_key: str) -> Stage | None:
        phases = None
        if "phases" in mapping:
            phases = self.phases(mapping["phases"], path + ("phases",))
        else:
            self.add(path, "this stage has no phases: add e.g. 'phases: [{inhale: 4}, {exhale: 6}]'")
        length = self.length(mapping, path, anchor_key)
        if phases is None or length is None:
            return None
        return Stage(phases, cycles=length[0], minutes=length[1])

    def stages(self, value: Any, path: tuple[Any, ...]) -> tuple[Stage, ...] | None:
        if value is INVALID:
            return None
        if not isinstance(value, list):
            self.add(path, f"stages must be a list of stages, each with phases and cycles or minutes, not {describe_value(value)}")
            return None
        if not STAGES_MIN <= len(value) <= STAGES_MAX:
            self.add(path, f"an exercise has {STAGES_MIN} to {STAGES_MAX} stages; this one has {len(value)}")
            return None
        result: list[Stage] = []
        ok = True
        for index, item in enumerate(value):
            here = path + (index,)
            if item is INVALID:
                ok = False
                continue
            if not isinstance(item, dict):
                self.add(here, f"a stage is a mapping with phases and cycles or minutes, not {describe_value(item)}")
                ok = False
                continue
            self.check_keys(item, here, STAGE_KEYS, "in a stage")
            stage = self.stage(item, here, "phases")
            if stage is None:
                ok = False
            else:
                result.append(stage)
        return tuple(result) if ok else None


def check_id(exercise_id: str, display_path: str) -> Problem | None:
    """A problem at 1:1 when the file name cannot be an exercise id."""
    if ID_PATTERN.fullmatch(exercise_id):
        return None
    suggestion = re.sub(r"[^a-z0-9]+", "-", exercise_id.lower()).strip("-")[:64] or "my-exercise"
    return Problem(
        display_path,
        1,
        1,
        f"the file name '{exercise_id}' cannot be an exercise id: use lower-case letters, digits and '-' "
        f"(starting with a letter or digit, at most 64), e.g. {suggestion}.yaml",
    )


def exercise_from_doc(
    doc: YamlDoc, display_path: str, exercise_id: str, builtin: bool = False, source: Path | None = None
) -> Exercise:
    """Build an Exercise from a parsed file, or raise FileProblems with every problem found."""
    reader = _Reader(doc)
    id_problem = check_id(exercise_id, display_path)
    if id_problem:
        reader.problems.append(id_problem)
    top = doc.value
    if not isinstance(top, dict):
        if top is not INVALID:
            reader.add((), f"an exercise file is a mapping of keys such as 'name:' and 'phases:', not {describe_value(top)}")
        raise FileProblems(cap_problems(sorted(reader.problems)))
    root: tuple[Any, ...] = ()
    reader.check_keys(top, root, TOP_KEYS, "in an exercise")

    version = top.get("version", SUPPORTED_VERSION)
    if version is not INVALID and not (type(version) is int and version == SUPPORTED_VERSION):
        reader.add(
            ("version",),
            f"{describe_value(version)} is not a version this Steady reads: write 'version: {SUPPORTED_VERSION}' or remove the key",
        )
    if "kind" in top and top["kind"] is not INVALID and top["kind"] != KIND:
        reader.add(("kind",), f"this file's kind is {describe_value(top['kind'])}, but an exercise needs 'kind: exercise' (or no kind at all)")

    name = None
    if "name" in top:
        name = reader.text(top, root, "name", NAME_MAX, multiline=False)
    else:
        reader.add(root, "missing name: add a line such as 'name: Evening wind-down'")
    summary = reader.text(top, root, "summary", SUMMARY_MAX, multiline=False) if "summary" in top else ""
    caution = reader.text(top, root, "caution", CAUTION_MAX, multiline=True) if "caution" in top else None
    sound = None
    if "sound" in top:
        raw = top["sound"]
        if raw is not INVALID:
            if isinstance(raw, str) and SOUND_PATTERN.fullmatch(raw):
                sound = raw
            else:
                reader.add(("sound",), f"sound must be a sound id made of a-z, 0-9 and '-' (at most 40), e.g. soft-bell, not {describe_value(raw)}")

    stages: tuple[Stage, ...] | None = None
    staged = "stages" in top
    if "phases" in top and "stages" in top:
        reader.add(("stages",), "use either phases (one breath pattern) or stages (a pattern that changes), not both", key=True)
    elif staged:
        for key in ("cycles", "minutes"):
            if key in top:
                reader.add((key,), f"with stages, {key} goes inside each stage, not at the top", key=True)
        stages = reader.stages(top["stages"], ("stages",))
    elif "phases" in top:
        stage = reader.stage(top, root, "phases")
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
