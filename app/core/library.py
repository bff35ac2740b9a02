"""The exercise library: built-in exercises plus the user's own, where a bad file disables only itself.

Built-ins are the ``*.yaml`` files of the ``exercises`` package (app.core.packaged) whose ``kind`` is ``exercise`` or absent;
files of other kinds (flows, anchors, crisis lines) live there as well and are skipped here.
The user's files are ``DATA_DIR/exercises/*.yaml``; a user file with a built-in's id replaces
it. When such a file is broken, the built-in stays in use and a note says so. This is on the
start-up path: files whose exact bytes were validated before come from app.core.parse_cache,
so a usual start reads a handful of small files and imports no YAML at all.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from app.core.model import Exercise, Phase, PhaseKind, Stage
from app.core.packaged import PACKAGE, packaged_files
from app.core.parse_cache import ParseCache, code_stamp, content_key
from app.core.printable import printable
from app.core.problems import FileProblems, Problem
from app.core.user_file import read_user_file

SUFFIX = ".yaml"
KIND = "exercise"


class ExerciseLibrary:
    """Every usable exercise by id (sorted), and what went wrong with the files that are not."""

    __slots__ = ("exercises", "problems", "notes")

    def __init__(self) -> None:
        self.exercises: dict[str, Exercise] = {}
        self.problems: list[Problem] = []
        self.notes: list[str] = []

    def get(self, exercise_id: str) -> Exercise | None:
        return self.exercises.get(exercise_id)

    def ids(self) -> list[str]:
        return list(self.exercises)

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self.exercises

    def __len__(self) -> int:
        return len(self.exercises)


def _file_kind(value: Any) -> Any:
    """The `kind:` a parsed file declares (KIND when it says none)."""
    if isinstance(value, dict):
        kind = value.get("kind", KIND)
        return KIND if kind is None else kind
    return KIND


def _read_builtin(data: bytes, display_path: str, exercise_id: str, source: Path | None) -> Exercise | None:
    """An Exercise, or None for a file of another kind (a flow, anchors); raises FileProblems."""
    from app.core.exercise_schema import exercise_from_doc
    from app.core.yamlsafe import load_yaml

    doc = load_yaml(data, display_path)
    kind = _file_kind(doc.value)
    if isinstance(kind, str) and kind != KIND:
        return None
    return exercise_from_doc(doc, display_path, exercise_id, builtin=True, source=source)


def load_exercise_file(path: Path, builtin: bool = False) -> Exercise:
    """One exercise file; raises FileProblems (also for an unreadable file or another kind)."""
    from app.core.exercise_schema import exercise_from_yaml

    path = Path(path)
    display = str(path)
    data = read_user_file(path)
    if data is None:
        raise FileProblems([Problem(display, 1, 1, "no such file: check the path")])
    return exercise_from_yaml(data, display, path.stem, builtin=builtin, source=path)


def exercise_to_plain(exercise: Exercise) -> dict[str, Any]:
    """JSON-ready data for the cache (source and builtin are not part of it)."""
    return {
        "id": exercise.id,
        "name": exercise.name,
        "summary": exercise.summary,
        "caution": exercise.caution,
        "sound": exercise.sound,
        "staged": exercise.staged,
        "stages": [
            {"phases": [[p.kind.value, p.seconds] for p in stage.phases], "cycles": stage.cycles, "minutes": stage.minutes}
            for stage in exercise.stages
        ],
    }


def exercise_from_plain(data: dict[str, Any], source: Path | None, builtin: bool) -> Exercise:
    stages = tuple(
        Stage(tuple(Phase(PhaseKind(kind), seconds) for kind, seconds in stage["phases"]), stage["cycles"], stage["minutes"])
        for stage in data["stages"]
    )
    return Exercise(
        data["id"], data["name"], stages, data["summary"], data["caution"], data["sound"], data["staged"], source, builtin
    )


def _validated(cache: ParseCache, data: bytes, display: str, exercise_id: str, source: Path | None, builtin: bool) -> Exercise | None:
    """The file's exercise (None: a built-in of another kind); raises FileProblems. Cached by content."""
    key = f"{'builtin' if builtin else 'user'}|{display}|{exercise_id}|{content_key(data)}"
    hit = cache.get(key)
    if isinstance(hit, dict):
        try:
            if hit.get("skip"):
                return None
            if "problems" in hit:
                raise FileProblems([Problem(*problem) for problem in hit["problems"]])
            return exercise_from_plain(hit["exercise"], source, builtin)
        except (KeyError, TypeError, ValueError):
            pass  # a damaged entry: validate again
    try:
        if builtin:
            exercise = _read_builtin(data, display, exercise_id, source)
        else:
            from app.core.exercise_schema import exercise_from_yaml

            # Every user file must be an exercise: another kind is reported at its `kind:`.
            exercise = exercise_from_yaml(data, display, exercise_id, source=source)
    except FileProblems as error:
        cache.put(key, {"problems": [[p.path, p.line, p.column, p.message] for p in error.problems]})
        raise
    cache.put(key, {"skip": True} if exercise is None else {"exercise": exercise_to_plain(exercise)})
    return exercise


def _user_files(user_dir: Path, problems: list[Problem]) -> list[Path]:
    try:
        with os.scandir(user_dir) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(SUFFIX) and not e.name.startswith("."))
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        problems.append(Problem(str(user_dir), 1, 1, "this should be the folder of your exercises, but it is a file; move it aside"))
        return []
    except OSError as error:
        problems.append(Problem(str(user_dir), 1, 1, f"cannot read your exercises folder: {error.strerror or error}"))
        return []
    return [user_dir / name for name in names]


def load_library(user_dir: Path | None, cache: ParseCache | None = None) -> ExerciseLibrary:
    """Built-ins, then the user's files on top. Never raises for a bad file."""
    cache = cache or ParseCache("library", code_stamp())
    library = ExerciseLibrary()
    found: dict[str, Exercise] = {}
    builtin_ids: set[str] = set()

    for name, data, path in packaged_files(SUFFIX):
        exercise_id = name[: -len(SUFFIX)]
        display = str(path) if path is not None else f"{PACKAGE}/{name}"
        try:
            exercise = _validated(cache, data, display, exercise_id, path, builtin=True)
        except FileProblems as error:
            library.problems.extend(error.problems)
            continue
        if exercise is not None:
            found[exercise_id] = exercise
            builtin_ids.add(exercise_id)

    if user_dir is not None:
        for path in _user_files(Path(user_dir), library.problems):
            exercise_id = path.stem
            display = str(path)
            try:
                contents = read_user_file(path)
                if contents is None:
                    continue  # gone since the folder was listed
                exercise = _validated(cache, contents, display, exercise_id, path, builtin=False)
                assert exercise is not None
                found[exercise_id] = exercise
            except FileProblems as error:
                library.problems.extend(error.problems)
                _note_kept_builtin(library, exercise_id, display, builtin_ids)

    library.exercises = dict(sorted(found.items()))
    cache.save()
    return library


def _note_kept_builtin(library: ExerciseLibrary, exercise_id: str, display: str, builtin_ids: set[str]) -> None:
    if exercise_id in builtin_ids:
        library.notes.append(
            f"your file {printable(display)} has problems, so the built-in '{exercise_id}' exercise is used instead "
            "until it is fixed"
        )
