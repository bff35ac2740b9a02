"""`steady validate PATH...`: check any Steady YAML file, picking the schema from its `kind:`.

A file named ``settings.yaml`` is checked as settings even without ``kind: settings`` (the app
writes none), as the app reads it: each value it cannot use is named, with what happens meanwhile.

A validator takes the parsed document, the path as the user gave it and the file's Path, and
returns a short description for the OK line ("exercise 'Calm exhale'") or raises FileProblems.
The built-in kinds are listed in `BUILT_IN_KINDS` by module and function, and imported only
when a file of that kind is checked (so this module stays light, and the kinds' modules need
not import this one); `register_kind` adds others.

A folder argument checks every ``*.yaml`` file directly inside it, in name order (not
sub-folders); a folder with none gets an OK line saying so.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.core.exercise_schema import KIND as EXERCISE
from app.core.exercise_schema import NAME_MAX, exercise_from_doc
from app.core.printable import printable, quoted
from app.core.problems import FileProblems, Problem, cap_problems
from app.core.schema_reader import INVALID, YamlDoc, guess_hint
from app.core.user_file import read_user_file
from app.core.yamlsafe import load_yaml

Validator = Callable[[YamlDoc, str, Path], str]

#: kind -> (module, function) of the validators that come with Steady, besides exercises.
BUILT_IN_KINDS: dict[str, tuple[str, str]] = {
    "flow": ("app.core.flow_schema", "validate_flow"),
    "anchors": ("app.core.anchors", "validate_anchors"),
    "crisis-lines": ("app.core.crisis_lines", "validate_crisis_lines"),
    "settings": ("app.core.settings", "validate_settings"),
}
#: File names that say their kind when the file does not.
KIND_BY_NAME = {"settings.yaml": "settings"}

_KINDS: dict[str, Validator] = {}


def register_kind(name: str, validator: Validator) -> None:
    """Make `steady validate` check files saying ``kind: NAME`` with `validator`."""
    _KINDS[name] = validator


def known_kinds() -> list[str]:
    return sorted(set(_KINDS) | set(BUILT_IN_KINDS))


def _validator(kind: str) -> Validator:
    if kind not in _KINDS:
        module, function = BUILT_IN_KINDS[kind]
        _KINDS[kind] = getattr(importlib.import_module(module), function)
    return _KINDS[kind]


def _validate_exercise(doc: YamlDoc, display_path: str, path: Path) -> str:
    problems: list[Problem] = []
    if path.suffix != ".yaml":
        problems.append(
            Problem(
                display_path,
                1,
                1,
                f"Steady reads exercise files only when their name ends in .yaml: rename it to {path.stem}.yaml",
            )
        )
    try:
        exercise = exercise_from_doc(doc, display_path, path.stem, source=path)
    except FileProblems as error:
        raise FileProblems(cap_problems(problems + error.problems)) from None
    if problems:
        raise FileProblems(problems)
    return f"exercise {quoted(exercise.name, NAME_MAX)}"


register_kind(EXERCISE, _validate_exercise)


def _kind_of(doc: YamlDoc, path: Path) -> Any:
    if isinstance(doc.value, dict) and doc.value.get("kind") is not None:
        return doc.value["kind"]
    return KIND_BY_NAME.get(path.name, EXERCISE)


def validate_bytes(data: bytes, display_path: str, path: Path) -> str:
    """Check one file's bytes; the OK description, or FileProblems with every problem."""
    doc = load_yaml(data, display_path)
    kind = _kind_of(doc, path)
    if kind is INVALID:
        raise FileProblems(cap_problems(sorted(doc.problems)))
    kinds = known_kinds()
    if not isinstance(kind, str) or kind not in kinds:
        hint, guessed = guess_hint(kind, tuple(kinds))
        shown = quoted(kind) if isinstance(kind, str) else "this value"
        problem = doc.problem(("kind",), f"unknown kind {shown}: {hint}{'The' if guessed else 'the'} known kinds are {', '.join(kinds)}")
        raise FileProblems(cap_problems(sorted(doc.problems + [problem])))
    return _validator(kind)(doc, display_path, path)


def _expand(raw: str, problems: list[Problem]) -> list[tuple[str, Path]]:
    path = Path(raw)
    if path.is_dir():
        try:
            names = sorted(p.name for p in path.iterdir() if p.name.endswith(".yaml") and not p.name.startswith("."))
        except OSError as error:
            problems.append(Problem(raw, 1, 1, f"cannot read this folder: {error.strerror or error}"))
            return []
        return [(str(path / name), path / name) for name in names]
    return [(raw, path)]


def validate_paths(paths: list[str]) -> tuple[list[str], list[Problem]]:
    """OK lines ("PATH: ok (exercise 'Name')") and every problem, for files and folders."""
    ok_lines: list[str] = []
    problems: list[Problem] = []
    for raw in paths:
        targets = _expand(raw, problems)
        if not targets and Path(raw).is_dir():
            if not any(p.path == raw for p in problems):
                ok_lines.append(f"{printable(raw)}: no .yaml files to check")
            continue
        for display, path in targets:
            try:
                data = read_user_file(path, display)
                if data is None:
                    raise FileProblems([Problem(display, 1, 1, "no such file: check the path")])
                description = validate_bytes(data, display, path)
            except FileProblems as error:
                problems.extend(error.problems)
                continue
            ok_lines.append(f"{printable(display)}: ok ({description})")
    return ok_lines, problems
