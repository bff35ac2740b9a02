"""The pattern editor's model without Qt: selection, unsaved changes, and the plan -> ask ->
write loop of Save and Import, with Delete and Export (the page is tested in
tests/gui/test_patterns_page.py, wired the same way)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.exercise_schema import exercise_to_yaml
from app.core.library import ExerciseLibrary, load_exercise_file, load_library
from app.core.model import PhaseKind
from app.core.patterns.draft import Draft, DraftStage
from app.core.patterns.editor_model import FormLoad, PatternEditorModel
from app.core.patterns.selection import BrokenFile, NewPattern, SavedPattern
from app.core.patterns.writing import PLAN_TRIES

SIMPLE = "name: Mine\nphases:\n  - inhale: 4\n  - exhale: 6\nminutes: 3\n"


class Answers:
    """The model's `Questions`, answered from a list (yes when it runs out). The app passes
    app.gui.prompts (tests/gui use scripted_prompts.ScriptedPrompts); this one keeps Qt out."""

    def __init__(self, answers: list[bool] | None = None, while_asking: Callable[[str], None] | None = None) -> None:
        self.answers = list(answers or [])
        self.while_asking = while_asking
        self.asked: list[tuple[str, str, str]] = []
        self.told: list[tuple[str, str]] = []

    def confirm(self, title: str, text: str, action: str, keep: str = "Cancel", *, warning: bool = False) -> bool:
        self.asked.append((title, text, action))
        if self.while_asking is not None:
            self.while_asking(title)
        return self.answers.pop(0) if self.answers else True

    def inform(self, title: str, text: str) -> None:
        self.told.append((title, text))


class Page:
    """The model wired as the Patterns page wires it: a form that holds what it is given (or
    normalises it, as a Qt text field may), a library read again from the folder on reload
    that tells the model as `libraryChanged` does, and scripted answers."""

    def __init__(self, folder: Path, answers: Answers | None = None, form: Callable[[Draft], Draft] = Draft.copy) -> None:
        self.folder = folder
        self.library: ExerciseLibrary = load_library(folder)
        self.questions = answers or Answers()
        self.form = form
        self.loads: list[FormLoad] = []
        self.model = PatternEditorModel(
            folder,
            library=lambda: self.library,
            reload_library=self.reload,
            questions=self.questions,
            preferred_id=lambda: "calm-exhale",
            show_draft=self.show_draft,
            changed=lambda: None,
        )
        self.model.open_first()

    def show_draft(self, load: FormLoad) -> Draft:
        self.loads.append(load)
        return self.form(load.draft)

    def reload(self) -> None:
        self.library = load_library(self.folder)
        self.model.library_changed()

    def type(self, **fields: object) -> None:
        draft = self.model.draft.copy()
        for name, value in fields.items():
            setattr(draft, name, value)
        self.model.edit(draft)

    def labels(self) -> list[str]:
        return [entry.label for entry in self.model.entries()]


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "exercises"


# -- what is shown ---------------------------------------------------------------------------


def test_the_users_own_pattern_comes_first_and_builtins_are_read_only(folder: Path) -> None:
    page = Page(folder)
    assert page.model.selection == SavedPattern("calm-exhale"), "no pattern of their own: the preferred one"
    assert not page.loads[-1].editable
    actions = page.model.actions()
    assert actions.duplicate and actions.export and actions.breathe and not actions.save and not actions.delete
    assert page.model.status == "A built-in pattern. Duplicate it to make your own version."

    _write(folder / "zen.yaml", SIMPLE.replace("Mine", "Zen"))
    _write(folder / "evening.yaml", SIMPLE.replace("Mine", "Evening"))
    page = Page(folder)
    assert page.model.selection == SavedPattern("evening")
    assert page.labels()[:2] == ["Evening", "Zen"] and "Calm exhale (built in)" in page.labels()
    assert page.loads[-1].editable and page.model.actions().delete
    assert page.model.status == f"Saved in {folder / 'evening.yaml'}"


def test_a_file_that_does_not_load_is_shown_with_its_problems_and_a_copy_can_be_started(folder: Path) -> None:
    broken = _write(folder / "mine.yaml", "name: Mine\nphases:\n  - inhale: 4\n  - exhail: 6\nminutes: 3\n")
    page = Page(folder)
    assert "mine.yaml: has problems" in page.labels()
    assert page.model.choose(BrokenFile(broken))
    assert page.model.broken is not None and page.model.broken.path == broken
    assert any(line.startswith(f"{broken}:4:5: unknown phase 'exhail'") for line in page.model.broken.lines)
    assert page.model.status == "This file has problems and is not in use."
    actions = page.model.actions()
    assert actions.delete and not actions.save and not actions.duplicate and not actions.export and not actions.breathe
    assert not page.model.dirty

    page.model.start_copy()
    assert page.model.selection == NewPattern() and page.model.broken is None
    load = page.loads[-1]
    assert load.new and load.editable and not load.id_follows_name
    assert (load.draft.name, load.draft.id) == ("Mine (copy)", "mine-copy")
    assert page.labels()[0] == "New pattern (not saved yet)"


def test_a_pattern_just_opened_is_unchanged_even_when_the_form_normalises_its_text(folder: Path) -> None:
    _write(folder / "bom.yaml", SIMPLE.replace("name: Mine", 'name: "\\ufeffMine"'))

    def drops_a_leading_bom(draft: Draft) -> Draft:
        shown = draft.copy()
        shown.name = shown.name.lstrip("\ufeff")
        return shown

    page = Page(folder, form=drops_a_leading_bom)
    assert page.model.selection == SavedPattern("bom")
    assert page.model.draft.name == "Mine"
    assert not page.model.dirty and not page.model.actions().save


def test_unsaved_changes_are_kept_unless_the_user_lets_them_go(folder: Path) -> None:
    page = Page(folder, Answers([False, True]))
    page.model.duplicate()
    assert page.model.draft.name == "Calm exhale (my version)" and page.model.draft.id == "calm-exhale-my-version"
    page.type(name="Half done")
    assert page.model.dirty and page.model.actions().save
    assert page.model.status == f"Not saved yet. Save writes {folder / 'calm-exhale-my-version.yaml'}."
    assert not page.model.actions().breathe

    assert page.model.choose(SavedPattern("box")) is False
    assert page.questions.asked[-1][2] == "Discard changes"
    assert page.model.selection == NewPattern() and page.model.draft.name == "Half done"
    assert page.model.choose(SavedPattern("box")) is True
    assert page.model.selection == SavedPattern("box") and not page.model.dirty


def test_what_cannot_be_saved_is_said_and_save_writes_nothing(folder: Path) -> None:
    page = Page(folder)
    page.model.new_pattern()
    assert page.model.status == "Not saved yet. Give your pattern a name."
    assert not page.model.actions().save and not page.model.actions().export
    assert page.model.save() is False and page.model.export_candidate() is None
    assert not folder.exists() or not list(folder.iterdir())


def test_the_file_name_follows_the_name_and_is_never_one_already_taken(folder: Path) -> None:
    _write(folder / "evening.yaml", SIMPLE)
    _write(folder / "calm.yaml", "name: [\n")
    page = Page(folder)
    assert page.model.suggest_id("Evening") == "evening-2"
    assert page.model.suggest_id("Calm") == "calm-2", "a file that does not load is taken too"
    assert page.model.suggest_id("Calm exhale") == "calm-exhale-2"
    assert page.model.suggest_id("Something new") == "something-new"


# -- save: one plan -> ask -> write loop -------------------------------------------------------


def test_a_new_gentle_pattern_saves_without_questions_and_is_shown_saved(folder: Path) -> None:
    page = Page(folder)
    page.model.new_pattern()
    page.type(name="4 in, 7 out", id="4-in-7-out", stages=[DraftStage([(PhaseKind.INHALE, 4.0), (PhaseKind.EXHALE, 7.0)], minutes=5)])
    assert page.model.save() is True
    assert page.questions.asked == []
    path = folder / "4-in-7-out.yaml"
    assert load_exercise_file(path).name == "4 in, 7 out"
    assert page.model.selection == SavedPattern("4-in-7-out") and not page.model.dirty
    assert page.model.status == f"Saved in {path}"
    assert page.model.breathe_id() == "4-in-7-out"
    assert page.loads[-1].editable and not page.loads[-1].new


def test_a_pattern_that_needs_a_caution_asks_first(folder: Path) -> None:
    page = Page(folder, Answers([False]))
    page.model.new_pattern()
    page.type(name="Long hold", id="long-hold", stages=[DraftStage([(PhaseKind.INHALE, 4.0), (PhaseKind.HOLD, 20.0), (PhaseKind.EXHALE, 6.0)])])
    assert page.model.save() is False
    title, text, action = page.questions.asked[-1]
    assert (title, action) == ("Save a pattern that needs a caution?", "Save")
    assert "holds the breath for 20 seconds" in text
    assert not (folder / "long-hold.yaml").exists()
    assert page.model.save() is True and load_exercise_file(folder / "long-hold.yaml").longest_hold == 20.0


def test_saving_over_a_hand_written_file_keeps_a_copy_and_says_which(folder: Path) -> None:
    hand = _write(folder / "mine.yaml", "# my notes\n" + SIMPLE)
    _write(folder / "mine.yaml.bak", "# an older copy\n")
    page = Page(folder)
    page.type(summary="Slower")
    assert page.model.save() is True
    assert page.questions.asked[-1][0] == "Save over a file written by hand?"
    assert (folder / "mine.yaml.bak.2").read_text().startswith("# my notes")
    assert page.model.status == f"Saved in {hand} The old file is kept beside it as mine.yaml.bak.2."


def test_a_broken_file_is_never_saved_over(folder: Path) -> None:
    broken = _write(folder / "mine.yaml", "# my work\nname: [\n")
    page = Page(folder)
    page.model.new_pattern()
    page.type(name="Mine", id="mine")
    assert page.model.save() is False
    assert page.questions.told[-1][0] == "Not saved" and "leaves it exactly as it is" in page.questions.told[-1][1]
    assert broken.read_text() == "# my work\nname: [\n"


def test_a_file_written_while_the_user_answers_is_asked_about_again(folder: Path) -> None:
    target = folder / "box.yaml"
    theirs = exercise_to_yaml(Draft(id="box", name="Theirs").to_exercise())

    def another_program_writes(title: str) -> None:
        if title == "Replace a built-in pattern?":
            _write(target, theirs)

    page = Page(folder, Answers([True, False], while_asking=another_program_writes))
    page.model.choose(SavedPattern("box"))
    page.model.duplicate()
    page.type(id="box")
    assert page.model.save() is False
    assert [q[0] for q in page.questions.asked] == ["Replace a built-in pattern?", "Replace a saved pattern?"]
    assert "'Theirs'" in page.questions.asked[1][1]
    assert page.questions.told == [], "declined: nothing to tell"
    assert target.read_text() == theirs


def test_a_file_that_keeps_changing_is_left_as_it_is(folder: Path) -> None:
    target = folder / "box.yaml"
    versions = iter(range(100))

    def another_program_keeps_writing(_title: str) -> None:
        _write(target, exercise_to_yaml(Draft(id="box", name=f"Theirs {next(versions)}").to_exercise()))

    page = Page(folder, Answers(while_asking=another_program_keeps_writing))
    page.model.choose(SavedPattern("box"))
    page.model.duplicate()
    page.type(id="box")
    assert page.model.save() is False
    assert len(page.questions.asked) == PLAN_TRIES
    assert page.questions.told == [
        ("Not saved", f"{target} keeps changing outside Steady, so it was left as it is. Nothing was changed.")
    ]
    assert "Theirs 2" in target.read_text()


def test_a_write_the_system_refuses_is_told_and_changes_nothing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.core.patterns import store

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "atomic_write_text", full_disk)
    page = Page(folder)
    page.model.new_pattern()
    page.type(name="Mine", id="mine")
    assert page.model.save() is False
    assert page.questions.told == [
        ("Not saved", f"Steady could not write {folder / 'mine.yaml'}: No space left on device. Nothing was changed.")
    ]
    assert page.model.dirty


# -- files changed on disk ---------------------------------------------------------------------


def test_a_hand_edit_is_shown_at_once_unless_the_form_holds_changes(folder: Path) -> None:
    path = _write(folder / "mine.yaml", SIMPLE)
    page = Page(folder)
    path.write_text(SIMPLE.replace("exhale: 6", "exhale: 8"))
    page.reload()
    assert page.model.draft.stages[0].phases[-1] == (PhaseKind.EXHALE, 8.0) and not page.model.dirty

    page.type(summary="Mine now")
    shown = len(page.loads)
    path.write_text(SIMPLE.replace("exhale: 6", "exhale: 9"))
    page.reload()
    assert len(page.loads) == shown and page.model.draft.summary == "Mine now", "unsaved changes stay"
    assert page.model.status.endswith("Its file changed outside Steady; saving will ask first.")
    page.questions.answers = [False]
    assert page.model.save() is False
    title, text, _action = page.questions.asked[-1]
    assert title == "Save over a file written by hand?" and "was changed outside Steady after you opened it here" in text


def test_its_own_writes_reload_the_library_once_without_following_them(folder: Path) -> None:
    page = Page(folder)
    page.model.new_pattern()
    page.type(name="Mine", id="mine")
    before = len(page.loads)
    assert page.model.save() is True
    assert len(page.loads) == before + 1, "shown once, as saved"


def test_a_file_that_breaks_on_disk_is_shown_broken_and_one_fixed_comes_back(folder: Path) -> None:
    path = _write(folder / "mine.yaml", SIMPLE)
    page = Page(folder)
    path.write_text("name: [\n")
    page.reload()
    assert page.model.selection == BrokenFile(path)
    path.write_text(SIMPLE)
    page.reload()
    assert page.model.selection == SavedPattern("mine") and page.model.broken is None
    path.unlink()
    page.reload()
    assert page.model.selection == SavedPattern("calm-exhale")


# -- import, delete, export -------------------------------------------------------------------


def test_import_copies_good_files_byte_for_byte_and_lists_the_problems_of_bad_ones(folder: Path, tmp_path: Path) -> None:
    good = _write(tmp_path / "downloads" / "Evening Calm.yml", "# from a friend\n" + SIMPLE)
    bad = _write(tmp_path / "downloads" / "bad.yaml", "name: Bad\nphases:\n  - inhale: 4\n  - exhail: 6\nminutes: 3\n")
    page = Page(folder)
    assert page.model.import_files([good, bad]) == [folder / "evening-calm.yaml"]
    assert (folder / "evening-calm.yaml").read_bytes() == good.read_bytes()
    assert page.model.selection == SavedPattern("evening-calm")
    assert page.model.status == f"Imported {folder / 'evening-calm.yaml'}."
    title, text = page.questions.told[-1]
    assert title == "Some files were not imported"
    assert text.startswith("Nothing was copied from this file:\n\n") and f"{bad}:4:5: unknown phase 'exhail'" in text


def test_import_replaces_a_file_only_after_asking_and_never_a_broken_one(folder: Path, tmp_path: Path) -> None:
    mine = _write(folder / "mine.yaml", exercise_to_yaml(Draft(id="mine", name="Other").to_exercise()))
    kept = mine.read_bytes()
    offered = _write(tmp_path / "mine.yaml", "# shared\n" + SIMPLE)
    page = Page(folder, Answers([False]))
    assert page.model.import_files([offered]) == []
    assert page.questions.asked[-1][0] == "Replace a saved pattern?" and "Importing replaces it with mine.yaml" in page.questions.asked[-1][1]
    assert mine.read_bytes() == kept and page.questions.told == []
    assert page.model.import_files([offered]) == [mine]
    assert mine.read_bytes() == offered.read_bytes()

    mine.write_text("name: [\n")
    page.reload()
    assert page.model.import_files([offered]) == []
    title, text = page.questions.told[-1]
    assert title == "Nothing was imported" and f"{offered}: mine.yaml has problems" in text
    assert mine.read_text() == "name: [\n"


def test_an_import_while_the_form_holds_changes_keeps_them(folder: Path, tmp_path: Path) -> None:
    offered = _write(tmp_path / "other.yaml", SIMPLE)
    page = Page(folder)
    page.model.new_pattern()
    page.type(name="Half done")
    assert page.model.import_files([offered]) == [folder / "other.yaml"]
    assert page.model.selection == NewPattern() and page.model.draft.name == "Half done"
    assert "Mine" in page.labels()


def test_delete_asks_and_a_builtin_it_replaced_comes_back(folder: Path) -> None:
    _write(folder / "box.yaml", SIMPLE)
    page = Page(folder, Answers([False]))
    assert page.model.selection == SavedPattern("box")
    assert page.model.delete() is False
    assert (folder / "box.yaml").exists()
    assert page.model.delete() is True
    title, text, action = page.questions.asked[-1]
    assert (title, action) == ("Delete this pattern?", "Delete") and "comes back" in text
    assert not (folder / "box.yaml").exists()
    assert page.model.selection == SavedPattern("box") and page.library.exercises["box"].builtin
    assert page.model.status == "Deleted box.yaml. The built-in 'Box breathing' is back."
    assert page.model.delete() is False, "a built-in cannot be deleted"


def test_export_shares_the_file_itself_or_clean_yaml_for_unsaved_changes(folder: Path, tmp_path: Path) -> None:
    path = _write(folder / "mine.yaml", "# notes\n" + SIMPLE)
    page = Page(folder)
    assert page.model.export(tmp_path / "share.yaml") is True
    assert (tmp_path / "share.yaml").read_bytes() == path.read_bytes()
    assert page.model.status == f"Exported a copy to {tmp_path / 'share.yaml'}"
    page.type(summary="Changed")
    assert page.model.export(tmp_path / "changed.yaml") is True
    assert load_exercise_file(tmp_path / "changed.yaml").summary == "Changed"
    assert not (tmp_path / "changed.yaml").read_text().startswith("# notes")
