"""The pattern editor without Qt: what is shown, what changed, and what saving would do.

The Patterns page builds widgets and forwards what the user does; this model holds the rules:

- what is selected (`selection`: a new pattern, a saved one by id, or a user file that does
  not load, by path) and what the chooser lists (`entries`);
- the draft being edited, what it was when opened (`dirty`: unsaved changes), and what can be
  done now (`actions`) with the words of the status line (`status`);
- Save and Import through one plan -> ask -> write loop (app.core.patterns.writing), Delete
  and Export, each asking through `Questions` (the app's prompts);
- built-ins are read-only (Duplicate makes a copy); a file that does not load is shown with
  its problems (`broken`) and never rewritten; a library reloaded after a change on disk is
  followed unless the form holds unsaved changes.

It tells the view through two callbacks: `show_draft(load)` puts a draft in the form and
returns what the form then holds (a text field may normalise what it is given, and a pattern
just opened must never look changed), and `changed()` after anything the view shows changed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from app.core.exercise_schema import NAME_MAX
from app.core.library import ExerciseLibrary, load_library
from app.core.model import Exercise
from app.core.patterns import store
from app.core.patterns.draft import Draft, check_draft, slugify
from app.core.patterns.safety import caution_question, caution_reasons, caution_to_save
from app.core.patterns.salvage import salvage
from app.core.patterns.selection import (
    BrokenFile,
    ChooserEntry,
    NewPattern,
    SavedPattern,
    Selection,
)
from app.core.patterns.store import Written
from app.core.patterns.writing import (
    Declined,
    Failed,
    KeptChanging,
    Refused,
    WriteOutcome,
    plan_ask_write,
)
from app.core.problems import FileProblems, Problem
from app.core.prompts import Questions
from app.core.user_file import read_user_file

#: How long a suggested file name may be before "-2", "-3", ... is added.
_UNUSED_ID_STEM = 60


class FormLoad(NamedTuple):
    """A draft for the form, and how the form should hold it."""

    draft: Draft
    #: False for a built-in: shown read-only.
    editable: bool
    #: A pattern being made: typing starts in its name.
    new: bool
    #: The file name follows the name as it is typed (until the user edits the file name).
    id_follows_name: bool


class Actions(NamedTuple):
    """Which of the page's actions can be used now."""

    save: bool
    duplicate: bool
    delete: bool
    export: bool
    breathe: bool


class BrokenReport(NamedTuple):
    """A user file that does not load, and every line to show about it."""

    path: Path
    lines: tuple[str, ...]


ShowDraft = Callable[[FormLoad], Draft]


class PatternEditorModel:
    """See the module docstring. `library` gives the current library (it is replaced on each
    reload), `reload_library` reads the folder again, `preferred_id` names the pattern to show
    when the user has none of their own."""

    def __init__(
        self,
        folder: Path,
        library: Callable[[], ExerciseLibrary],
        reload_library: Callable[[], None],
        questions: Questions,
        *,
        preferred_id: Callable[[], str],
        show_draft: ShowDraft,
        changed: Callable[[], None],
    ) -> None:
        self.folder = folder
        self._library = library
        self._reload_library = reload_library
        self.questions = questions
        self._preferred_id = preferred_id
        self._show_draft = show_draft
        self._changed_callback = changed
        self.selection: Selection = NewPattern()
        #: The draft as the form holds it now.
        self.draft = Draft.new("")
        #: The saved pattern as the form held it when opened (None: nothing saved is open).
        self._baseline: Draft | None = None
        #: The bytes of the user's file when it was opened (None: no user file is open).
        self._opened: bytes | None = None
        self.broken: BrokenReport | None = None
        self.status = ""
        #: True while this model reloads the library itself (after a save, import or delete).
        self._reloading = False
        #: The last draft checked for saving, and what the check said.
        self._checked: tuple[Draft, list[str]] | None = None

    @property
    def library(self) -> ExerciseLibrary:
        return self._library()

    # -- what there is to choose ---------------------------------------------------------
    def broken_files(self) -> dict[Path, list[Problem]]:
        """User files that fail to load, with their problems (from the library's last load)."""
        found: dict[Path, list[Problem]] = {}
        for problem in self.library.problems:
            path = Path(problem.path)
            if path.parent == self.folder and path.name.endswith(".yaml"):
                found.setdefault(path, []).append(problem)
        return found

    def entries(self) -> list[ChooserEntry]:
        """The chooser's lines: the pattern being made, the user's and the built-in patterns by
        name, then the files with problems."""
        entries = []
        if isinstance(self.selection, NewPattern):
            entries.append(ChooserEntry("New pattern (not saved yet)", NewPattern()))
        for exercise in sorted(self.library.exercises.values(), key=lambda e: (e.builtin, e.name.lower())):
            label = f"{exercise.name} (built in)" if exercise.builtin else exercise.name
            entries.append(ChooserEntry(label, SavedPattern(exercise.id)))
        for path in sorted(self.broken_files()):
            entries.append(ChooserEntry(f"{path.name}: has problems", BrokenFile(path)))
        return entries

    def first_selection(self) -> Selection:
        """What the page shows first: the user's own pattern first by name, else the preferred
        one, else any, else a new pattern."""
        exercises = self.library.exercises
        mine = sorted((e for e in exercises.values() if not e.builtin), key=lambda e: e.name.lower())
        if mine:
            return SavedPattern(mine[0].id)
        if self._preferred_id() in exercises:
            return SavedPattern(self._preferred_id())
        return SavedPattern(next(iter(exercises))) if exercises else NewPattern()

    def suggest_id(self, name: str) -> str:
        """The file name a name suggests, made unique among the patterns and files there are."""
        return self._unused_id(slugify(name))

    def _unused_id(self, wanted: str) -> str:
        taken = set(self.library.exercises) | {p.stem for p in self.broken_files()}
        with contextlib.suppress(OSError):
            taken |= {p.stem for p in self.folder.glob("*.yaml")}
        if wanted not in taken:
            return wanted
        number = 2
        while f"{wanted[:_UNUSED_ID_STEM]}-{number}" in taken:
            number += 1
        return f"{wanted[:_UNUSED_ID_STEM]}-{number}"

    # -- the state the view shows --------------------------------------------------------
    def current_exercise(self) -> Exercise | None:
        """The saved pattern being shown (None for a new draft or a broken file)."""
        if isinstance(self.selection, SavedPattern):
            return self.library.get(self.selection.exercise_id)
        return None

    @property
    def dirty(self) -> bool:
        """Whether the form holds changes that are not saved (a new pattern always does)."""
        if isinstance(self.selection, BrokenFile):
            return False
        if isinstance(self.selection, NewPattern):
            return True
        return self._baseline is not None and self.draft != self._baseline

    def _read_only(self) -> bool:
        exercise = self.current_exercise()
        return isinstance(self.selection, BrokenFile) or (exercise is not None and exercise.builtin)

    def save_problems(self) -> list[str]:
        """Why the draft cannot be saved yet, in the user's words (empty: it can, or it is
        read-only and nobody is trying)."""
        return [] if self._read_only() else self._draft_problems()

    def _draft_problems(self) -> list[str]:
        # The check writes and reads the YAML back (about 0.5 ms); the status line and the
        # buttons both ask after each edit, so the answer is kept until the draft changes.
        if self._checked is None or self._checked[0] != self.draft:
            self._checked = (self.draft.copy(), check_draft(self.draft))
        return self._checked[1]

    def actions(self) -> Actions:
        exercise = self.current_exercise()
        broken = isinstance(self.selection, BrokenFile)
        dirty = self.dirty
        problems = self.save_problems()
        return Actions(
            save=not self._read_only() and dirty and not problems,
            duplicate=not broken,
            delete=broken or (exercise is not None and not exercise.builtin),
            export=not broken and not (dirty and problems),
            breathe=exercise is not None and not dirty,
        )

    def _status_words(self) -> str:
        exercise = self.current_exercise()
        problems = self.save_problems()
        if isinstance(self.selection, BrokenFile):
            return "This file has problems and is not in use."
        if exercise is not None and exercise.builtin:
            return "A built-in pattern. Duplicate it to make your own version."
        if problems:
            return "Not saved yet. " + " ".join(problems)
        if self.dirty:
            return f"Not saved yet. Save writes {store.user_file(self.folder, self.draft.id)}."
        if exercise is not None and exercise.source is not None:
            return f"Saved in {exercise.source}"
        return ""

    def _changed(self, said: str | None = None) -> None:
        """Tell the view; the status line says `said` until the next change, else the state."""
        self.status = said if said is not None else self._status_words()
        self._changed_callback()

    def preview(self) -> Exercise | None:
        """What the preview runs for the draft (None while it has nothing to run)."""
        return self.draft.preview()

    # -- choosing ------------------------------------------------------------------------
    def open_first(self) -> None:
        self._open(self.first_selection())

    def choose(self, selection: Selection) -> bool:
        """Show `selection`, asking first if the form has unsaved changes; False if it stays."""
        if selection == self.selection:
            return True
        if not self._may_discard():
            self._changed(self.status)
            return False
        self._open(selection)
        return True

    def _open(self, selection: Selection) -> None:
        if isinstance(selection, SavedPattern) and selection.exercise_id in self.library:
            self._show_exercise(self.library.exercises[selection.exercise_id])
        elif isinstance(selection, BrokenFile):
            self._show_broken(selection.path)
        else:
            self._start_draft(Draft.new(""))

    def _show_exercise(self, exercise: Exercise) -> None:
        self.selection = SavedPattern(exercise.id)
        self.broken = None
        self._opened = None
        if not exercise.builtin and exercise.source is not None:
            try:
                self._opened = read_user_file(exercise.source)
            except FileProblems:
                self._opened = None
        shown = self._show_draft(FormLoad(Draft.from_exercise(exercise), not exercise.builtin, False, False))
        self.draft = self._baseline = shown
        self._changed()

    def _show_broken(self, path: Path) -> None:
        self.selection = BrokenFile(path)
        self._baseline = None
        self._opened = None
        problems = self.broken_files().get(path) or store.check_file(path).problems
        notes = [n for n in self.library.notes if str(path) in n]
        self.broken = BrokenReport(path, tuple([str(p) for p in problems] + notes))
        self._changed()

    def _start_draft(self, draft: Draft, id_follows_name: bool = True) -> None:
        self.selection = NewPattern()
        self.broken = None
        self._baseline = None
        self._opened = None
        draft.id = self._unused_id(slugify(draft.name) if id_follows_name and draft.name.strip() else draft.id)
        self.draft = self._show_draft(FormLoad(draft, True, True, id_follows_name))
        self._changed()

    def _may_discard(self) -> bool:
        if not self.dirty:
            return True
        return self.questions.confirm(
            "Leave your changes?", "This pattern has changes that are not saved. They will be lost.", "Discard changes"
        )

    # -- editing -------------------------------------------------------------------------
    def edit(self, draft: Draft) -> None:
        """The user changed the form; `draft` is what it holds now."""
        self.draft = draft
        self._changed()

    def new_pattern(self) -> None:
        if self._may_discard():
            self._start_draft(Draft.new(""))

    def duplicate(self) -> None:
        """An editable copy of what is shown (a built-in is only ever changed this way)."""
        if isinstance(self.selection, BrokenFile) or not self._may_discard():
            return
        draft = self.draft.copy()
        draft.name = f"{draft.name.strip() or 'Pattern'} (my version)"[:NAME_MAX]
        draft.id = slugify(draft.name)
        self._start_draft(draft)

    def start_copy(self) -> None:
        """From a broken file: a new draft with whatever could be read; the file stays as it is."""
        if isinstance(self.selection, BrokenFile):
            self._start_draft(salvage(self.selection.path), id_follows_name=False)

    # -- library changes (saves, the folder watcher, imports) ----------------------------
    def library_changed(self) -> None:
        """Follow the files: show a hand edit at once, unless the form holds unsaved changes."""
        if self._reloading:
            return
        selection = self.selection
        if self.dirty:
            if isinstance(selection, SavedPattern):
                on_disk = store.check_file(store.user_file(self.folder, selection.exercise_id)).data
                if on_disk != (self._opened or b""):
                    self._changed(f"{self._status_words()} Its file changed outside Steady; saving will ask first.")
                    return
            self._changed(self.status)
            return
        broken = self.broken_files()
        if isinstance(selection, SavedPattern):
            user_path = store.user_file(self.folder, selection.exercise_id)
            exercise = self.library.get(selection.exercise_id)
            if user_path in broken:
                self._show_broken(user_path)
            elif exercise is not None:
                self._show_exercise(exercise)
            else:
                self._open(self.first_selection())
        elif isinstance(selection, BrokenFile):
            exercise = self.library.get(selection.path.stem)
            if selection.path in broken:
                self._show_broken(selection.path)
            elif exercise is not None and not exercise.builtin:
                self._show_exercise(exercise)
            else:
                self._open(self.first_selection())
        else:
            self._changed()

    def _reload(self) -> None:
        """Read the library again after this model wrote; its own change needs no following."""
        self._reloading = True
        try:
            self._reload_library()
        finally:
            self._reloading = False

    def _reload_and_show(self, exercise_id: str) -> None:
        self._reload()
        exercise = self.library.get(exercise_id)
        if exercise is not None:
            self._show_exercise(exercise)
        else:
            self._changed()

    # -- writing -------------------------------------------------------------------------
    def save(self) -> bool:
        """Save the draft to FOLDER/ID.yaml, asking first where something could be lost."""
        if not self.actions().save:
            return False
        exercise = self.draft.to_exercise()
        if caution_reasons(exercise):
            if not self.questions.confirm("Save a pattern that needs a caution?", caution_question(exercise), "Save"):
                return False
            exercise = exercise.replace(caution=caution_to_save(exercise))
        opened = self._opened if self.selection == SavedPattern(exercise.id) else None
        outcome = plan_ask_write(lambda: store.plan_save(self.folder, exercise, self.library, opened), self.questions)
        match outcome:
            case Written(backup=backup):
                self._reload_and_show(exercise.id)
                if backup is not None:
                    self._changed(f"{self.status} The old file is kept beside it as {backup.name}.")
                return True
            case Refused(reason=reason):
                self.questions.inform("Not saved", reason)
            case Failed(target=target, error=error):
                self.questions.inform("Not saved", f"Steady could not write {target}: {error.strerror or error}. Nothing was changed.")
            case KeptChanging(target=target):
                self.questions.inform("Not saved", f"{target} keeps changing outside Steady, so it was left as it is. Nothing was changed.")
            case Declined():
                pass
        return False

    def import_files(self, paths: Sequence[Path]) -> list[Path]:
        """Validate and copy pattern files into the folder; returns the files written.

        A file with problems is reported with its line and column and nothing of it is
        copied; an existing file is replaced only after asking (and never a broken one).
        """
        written: list[Path] = []
        refused: list[str] = []
        for source in paths:
            check = store.check_import(Path(source))
            if check.problems or check.exercise is None:
                refused.extend(str(p) for p in check.problems)
                continue
            match self._import_one(check):
                case Written(target=target):
                    written.append(target)
                case Refused(reason=reason):
                    refused.append(f"{source}: {reason}")
                case Failed(error=error):
                    refused.append(f"{source}: could not copy it ({error.strerror or error})")
                case KeptChanging(target=target):
                    refused.append(f"{source}: {target.name} keeps changing outside Steady, so it was left as it is")
                case Declined():
                    pass
        if written:
            if self.dirty:
                self._reload()
                self._changed()
            else:
                self._reload_and_show(written[-1].stem)
            self._changed("Imported " + ", ".join(str(p) for p in written) + ".")
        if refused:
            count = len({line.split(":")[0] for line in refused})
            self.questions.inform(
                "Some files were not imported" if written else "Nothing was imported",
                f"Nothing was copied from {'this file' if count == 1 else 'these files'}:\n\n" + "\n".join(refused),
            )
        return written

    def _import_one(self, check: store.ImportCheck) -> WriteOutcome:
        return plan_ask_write(lambda: store.plan_import(self.folder, check, self.library), self.questions)

    def delete(self) -> bool:
        """Delete the user's file shown (after asking); a built-in it replaced comes back."""
        path = self._deletable_path()
        if path is None:
            return False
        builtin_names = {e.id: e.name for e in load_library(None).exercises.values()}
        text = store.delete_question(path, self.library, builtin_names)
        if not self.questions.confirm("Delete this pattern?", text, "Delete"):
            return False
        try:
            store.delete_file(path)
        except FileNotFoundError:
            pass
        except OSError as error:
            self.questions.inform("Not deleted", f"Steady could not delete {path}: {error.strerror or error}.")
            return False
        self._reload()
        again = self.library.get(path.stem)
        self._open(SavedPattern(path.stem) if again is not None else self.first_selection())
        self._changed(f"Deleted {path.name}." + (f" The built-in '{again.name}' is back." if again is not None else ""))
        return True

    def _deletable_path(self) -> Path | None:
        if isinstance(self.selection, BrokenFile):
            return self.selection.path
        exercise = self.current_exercise()
        if exercise is not None and not exercise.builtin and exercise.source is not None:
            return Path(exercise.source)
        return None

    def export_candidate(self) -> Exercise | None:
        """What Export would share now: the unsaved draft when it can be saved, else the saved
        pattern shown (None: nothing can be exported)."""
        if self.dirty:
            return None if self._draft_problems() else self.draft.to_exercise()
        return self.current_exercise()

    def export(self, target: Path) -> bool:
        """Write a copy to share at `target` (the file chosen by the user, who was asked before
        an existing one is replaced)."""
        exercise = self.export_candidate()
        if exercise is None:
            return False
        try:
            store.write_export(target, store.export_bytes(exercise, unsaved=self.dirty))
        except OSError as error:
            self.questions.inform("Not exported", f"Steady could not write {target}: {error.strerror or error}.")
            return False
        self._changed(f"Exported a copy to {target}")
        return True

    def breathe_id(self) -> str | None:
        """The saved pattern "Breathe with it" starts (None while there are unsaved changes)."""
        exercise = self.current_exercise()
        return exercise.id if exercise is not None and not self.dirty else None

