"""The user's pattern files: what is there, what saving would do, and doing it safely.

Nothing here asks the user anything; it says what needs asking (`SavePlan.questions`) and
what must be refused (`SavePlan.refusal`), and the editor model (app.core.patterns.editor)
asks. The rules:

- a file that fails to load is never written over (its author's work is in it);
- a file written by hand (its text is not what Steady would write for it, e.g. it has
  comments) is copied to ``ID.yaml.bak`` before it is replaced, after asking;
- any other existing file, and a built-in of the same id, are replaced only after asking;
- a plan holds the bytes it saw; if the file is different when the plan is carried out
  (something else wrote it in between), nothing is written and the model plans and asks again;
- every write is atomic, so a crash leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import NamedTuple

from app.core.atomic import atomic_write_bytes, atomic_write_text
from app.core.exercise_schema import ID_PATTERN, exercise_from_yaml, exercise_to_yaml
from app.core.library import SUFFIX, ExerciseLibrary
from app.core.model import Exercise
from app.core.patterns.draft import slugify
from app.core.problems import FileProblems, Problem
from app.core.user_file import read_user_file

IMPORT_SUFFIXES = (".yaml", ".yml")
BACKUP_SUFFIX = ".bak"
FILE_MODE = 0o600


class FileState(Enum):
    MISSING = "missing"
    APP_WRITTEN = "app-written"
    HAND_WRITTEN = "hand-written"
    BROKEN = "broken"


@dataclass
class FileCheck:
    """One user file as it is on disk now."""

    path: Path
    state: FileState
    data: bytes = b""
    exercise: Exercise | None = None
    problems: list[Problem] = field(default_factory=list)


def user_file(folder: Path, exercise_id: str) -> Path:
    return Path(folder) / f"{exercise_id}{SUFFIX}"


def check_file(path: Path) -> FileCheck:
    """Read `path` and say whether it is missing, broken, hand-written or Steady's own.

    Read as every user file is (app.core.user_file): a pipe, a device, a folder or a huge file is
    named as such at once instead of hanging or filling memory.
    """
    try:
        data = read_user_file(path)
    except FileProblems as error:
        return FileCheck(path, FileState.BROKEN, problems=error.problems)
    if data is None:
        return FileCheck(path, FileState.MISSING)
    try:
        exercise = exercise_from_yaml(data, str(path), path.stem, source=path)
    except FileProblems as error:
        return FileCheck(path, FileState.BROKEN, data, problems=error.problems)
    own = exercise_to_yaml(exercise).encode("utf-8") == data
    return FileCheck(path, FileState.APP_WRITTEN if own else FileState.HAND_WRITTEN, data, exercise)


class Question(NamedTuple):
    """One thing to confirm before writing: a title, the words, and the verb of the yes button."""

    title: str
    text: str
    action: str


@dataclass
class SavePlan:
    """What saving `exercise` to `target` involves."""

    target: Path
    text: str
    questions: list[Question] = field(default_factory=list)
    refusal: str | None = None
    backup: bool = False
    seen: bytes | None = None  # the target's bytes when planned; None when it did not exist


class FileChanged(Exception):
    """The target is not what the plan saw: plan again (and ask again) before writing."""

    def __init__(self, target: Path) -> None:
        super().__init__(f"{target.name} changed after Steady looked at it")
        self.target = target


def plan_save(
    folder: Path, exercise: Exercise, library: ExerciseLibrary, opened: bytes | None, incoming: str | None = None
) -> SavePlan:
    """What must be asked or refused before `exercise` is written to its file in `folder`.

    `opened` is the file's bytes when the editor loaded this pattern from that very file
    (None for a new pattern, a copy, or a file name the user changed). `incoming` names the
    file being imported, whose own bytes will be copied instead of Steady's layout.
    """
    target = user_file(folder, exercise.id)
    plan = SavePlan(target, exercise_to_yaml(exercise))
    found = check_file(target)
    plan.seen = None if found.state == FileState.MISSING else found.data
    name = target.name
    if found.state == FileState.BROKEN:
        plan.refusal = (
            f"{name} has problems, so Steady leaves it exactly as it is. Give your pattern another "
            "file name, or fix that file in a text editor."
        )
        return plan
    if found.state == FileState.MISSING:
        builtin = library.get(exercise.id)
        if builtin is not None and builtin.builtin:
            plan.questions.append(
                Question(
                    "Replace a built-in pattern?",
                    f"Steady has a built-in pattern with the file name {exercise.id}, "
                    f"'{builtin.name}'. Saving puts yours in its place. Delete yours later and "
                    "the built-in one comes back.",
                    "Save mine",
                )
            )
        return plan
    # One question per save: what the user would lose, said once, in the plainest words.
    if opened is None:
        other = found.exercise.name if found.exercise else exercise.id
        what = f"{name} already holds your pattern '{other}'."
        title, action = "Replace a saved pattern?", "Replace"
    elif found.data != opened:
        what = f"{name} was changed outside Steady after you opened it here."
        title, action = "The file changed", "Replace"
    else:
        what, title, action = "", "", ""
    replacement = f"Importing replaces it with {incoming}." if incoming else "Saving replaces it with what you see here."
    if found.state == FileState.HAND_WRITTEN:
        plan.backup = True
        kept = backup_path(target, found.data).name
        lost = "" if incoming else " Steady writes its own tidy layout, so comments and spacing in it would go."
        plan.questions.append(
            Question(
                "Save over a file written by hand?",
                f"{what + ' ' if what else ''}{name} was written or changed by hand.{lost} "
                f"{replacement} Steady keeps the old file as {kept} first.",
                "Replace and keep a copy",
            )
        )
    elif what:
        plan.questions.append(Question(title, f"{what} {replacement}", action))
    return plan


def backup_path(target: Path, data: bytes) -> Path:
    """ID.yaml.bak, unless that holds something else already: then ID.yaml.bak.2, .3, ..."""
    candidate = target.with_name(target.name + BACKUP_SUFFIX)
    number = 1
    while True:
        if not os.path.lexists(candidate):
            return candidate
        try:
            existing = read_user_file(candidate)
        except FileProblems:
            existing = None  # not a file Steady can use: keep looking
        if existing == data:
            return candidate
        number += 1
        candidate = target.with_name(f"{target.name}{BACKUP_SUFFIX}.{number}")


@dataclass(frozen=True)
class Written:
    """A file written, and the copy kept of the file it replaced (None when none was kept)."""

    target: Path
    backup: Path | None


def carry_out(plan: SavePlan) -> Written:
    """Write the plan (after its questions were answered yes); raises OSError untouched.

    Raises `FileChanged`, writing nothing, when the target is not what the plan saw: the
    questions were answered about that file, not about whatever replaced it.
    """
    if plan.refusal:
        raise PermissionError(plan.refusal)
    plan.target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    again = check_file(plan.target)
    if again.state == FileState.BROKEN:
        raise PermissionError(f"{plan.target.name} has problems now, so Steady leaves it as it is.")
    if (None if again.state == FileState.MISSING else again.data) != plan.seen:
        raise FileChanged(plan.target)
    backup = None
    if plan.backup or again.state == FileState.HAND_WRITTEN:
        backup = backup_path(plan.target, again.data)
        atomic_write_bytes(backup, again.data, FILE_MODE)
    atomic_write_text(plan.target, plan.text, FILE_MODE)
    return Written(plan.target, backup)


# -- delete ---------------------------------------------------------------------------------


def delete_question(path: Path, library: ExerciseLibrary, builtin_names: dict[str, str]) -> str:
    """The words of the confirm before deleting a user's file."""
    exercise_id = path.stem
    shown = library.get(exercise_id)
    label = f"your pattern '{shown.name}'" if shown is not None and not shown.builtin else f"the file {path.name}"
    text = f"Delete {label}? The file {path} goes away; this cannot be undone."
    if exercise_id in builtin_names:
        text += f" The built-in '{builtin_names[exercise_id]}' comes back in its place."
    return text


def delete_file(path: Path) -> None:
    os.unlink(path)


# -- import and export ----------------------------------------------------------------------


@dataclass
class ImportCheck:
    source: Path
    exercise_id: str
    data: bytes = b""
    exercise: Exercise | None = None
    problems: list[Problem] = field(default_factory=list)


def import_id(source: Path) -> str:
    stem = source.name
    for suffix in IMPORT_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return stem if ID_PATTERN.fullmatch(stem) else slugify(stem)


def check_import(source: Path) -> ImportCheck:
    """Read and validate a file offered for import; problems name it as the user gave it."""
    exercise_id = import_id(source)
    check = ImportCheck(source, exercise_id)
    display = str(source)
    if source.suffix.lower() not in IMPORT_SUFFIXES:
        check.problems.append(Problem(display, 1, 1, "only .yaml or .yml files can be imported as patterns"))
        return check
    try:
        data = read_user_file(source, display)
    except FileProblems as error:
        check.problems = list(error.problems)
        return check
    if data is None:
        check.problems.append(Problem(display, 1, 1, "this file is not there any more; pick it again"))
        return check
    check.data = data
    try:
        check.exercise = exercise_from_yaml(check.data, display, exercise_id)
    except FileProblems as error:
        check.problems = list(error.problems)
    return check


def plan_import(folder: Path, check: ImportCheck, library: ExerciseLibrary) -> SavePlan:
    """Like `plan_save`, for copying an imported file's own bytes (comments and all)."""
    assert check.exercise is not None
    plan = plan_save(folder, check.exercise, library, opened=None, incoming=check.source.name)
    plan.text = check.data.decode("utf-8")
    return plan


def export_bytes(exercise: Exercise, unsaved: bool) -> bytes:
    """What to share: the file itself when it matches the pattern shown, else clean YAML."""
    if not unsaved and exercise.source is not None:
        try:
            data = read_user_file(exercise.source)
        except FileProblems:
            data = None
        if data is not None:
            return data
    return exercise_to_yaml(exercise).encode("utf-8")


def write_export(path: Path, data: bytes) -> None:
    atomic_write_bytes(path, data, 0o644)
