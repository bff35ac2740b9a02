"""The Patterns page: pick a pattern, change it with a live preview, save it as YAML.

Layout, top to bottom: the pattern chooser with New, Duplicate and Import; the form beside
the running preview; the breath shape over the whole session; a status line that says where
the file is or why it cannot be saved yet; Delete, Export, Breathe with it and Save.

The page owns the decisions the user makes (it asks through `self.prompts`, the app's one
`app.gui.prompts` helper, which tests replace with scripted answers) and leaves the file rules to `store`, the safety rules to `safety`, and the form to
`editor`. Built-in patterns are shown read-only: "Duplicate" makes an editable copy. A user
file that fails to load is shown with its problems instead of the form, never rewritten.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.exercise_schema import exercise_to_yaml
from app.core.model import Exercise
from app.core.problems import Problem
from app.gui.context import AppContext
from app.core.patterns import store
from app.core.patterns.draft import Draft, check_draft, slugify
from app.core.patterns.safety import caution_question, caution_reasons, caution_to_save
from app.core.patterns.salvage import salvage
from app.gui.patterns.editor import PatternEditor
from app.gui.patterns.preview import PatternPreview
from app.gui.prompts import DialogPrompts, FileType, Prompts
from app.paths import dialog_dir

NEW_KEY = "new:"
PATTERN_TYPE = FileType("Pattern files", ("yaml", "yml"))
#: How often a save or an import plans again when its file keeps changing underneath it.
PLAN_TRIES = 3


def exercise_key(exercise_id: str) -> str:
    return f"exercise:{exercise_id}"


def broken_key(path: Path) -> str:
    return f"broken:{path}"


def split_key(key: str) -> tuple[str, str]:
    kind, _sep, value = key.partition(":")
    return kind, value


class BrokenFileView(QFrame):
    """What a user file that fails to load shows instead of the form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        explain = QLabel(
            "Steady leaves this file exactly as it is. Fix it in a text editor and Steady picks up "
            "the change as soon as you save it, or start a copy here and save that under a new name."
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName("Problems in this file")
        self.problems.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.problems.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        layout.addWidget(self.problems, 1)
        row = QHBoxLayout()
        self.copy_button = QPushButton("Start a copy")
        self.copy_button.setAccessibleName("Start a copy")
        row.addWidget(self.copy_button)
        row.addStretch(1)
        layout.addLayout(row)

    def show_problems(self, path: Path, problems: list[Problem], notes: list[str]) -> None:
        self.heading.setText(f"{path.name} has problems")
        self.problems.setPlainText("\n".join([str(p) for p in problems] + notes))


class PatternsPage(QWidget):
    """See the module docstring; `start_breathing(id)` runs a saved pattern for real."""

    def __init__(self, context: AppContext, start_breathing: Callable[[str], object] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.start_breathing = start_breathing
        self.prompts: Prompts = DialogPrompts(self)
        self.setAccessibleName("Patterns")
        self._key: str = NEW_KEY
        self._baseline: Draft | None = None
        self._opened: bytes | None = None
        self._editing_new = False
        self._busy = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(8)

        top = QHBoxLayout()
        chooser_label = QLabel("&Pattern:")
        self.chooser = QComboBox()
        self.chooser.setAccessibleName("Pattern")
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(14)
        chooser_label.setBuddy(self.chooser)
        top.addWidget(chooser_label)
        top.addWidget(self.chooser, 1)
        self.new_button = self._button("New", "Start a new pattern")
        self.duplicate_button = self._button("Duplicate", "Make an editable copy of this pattern")
        self.import_button = self._button("Import…", "Copy a pattern file into your patterns (or drop a .yaml file on the window)")
        for button in (self.new_button, self.duplicate_button, self.import_button):
            top.addWidget(button)
        outer.addLayout(top)

        self.editor = PatternEditor(self._sound_sets())
        self.editor.make_id = lambda name: self._unused_id(slugify(name))
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.editor)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.broken = BrokenFileView()
        self.views = QStackedWidget()
        self.views.addWidget(self.scroll)
        self.views.addWidget(self.broken)
        self.preview = PatternPreview(context)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.views)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([360, 200])
        outer.addWidget(self.splitter, 1)
        outer.addWidget(self.preview.plot)

        self.status = QLabel()
        self.status.setObjectName("patternStatus")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Pattern status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        outer.addWidget(self.status)
        bottom = QHBoxLayout()
        self.delete_button = self._button("Delete…", "Delete your file for this pattern")
        self.export_button = self._button("Export…", "Save a copy of this pattern to share")
        self.breathe_button = self._button("Breathe with it", "Start a session with this pattern")
        self.save_button = self._button("Save", "Save this pattern to its file (Ctrl+S)")
        self.save_button.setDefault(True)
        bottom.addWidget(self.delete_button)
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        bottom.addWidget(self.breathe_button)
        bottom.addWidget(self.save_button)
        outer.addLayout(bottom)

        self.new_button.clicked.connect(self.new_pattern)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.import_button.clicked.connect(self.import_dialog)
        self.delete_button.clicked.connect(self.delete_current)
        self.export_button.clicked.connect(self.export_current)
        self.breathe_button.clicked.connect(self.breathe_with_it)
        self.save_button.clicked.connect(self.save)
        self.broken.copy_button.clicked.connect(self.start_copy)
        self.editor.edited.connect(self._on_edited)
        self.chooser.activated.connect(self._chosen)
        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_shortcut.activated.connect(self.save)
        context.libraryChanged.connect(self._library_changed)

        first = self._first_key()
        self._fill_chooser()
        self.select(first)

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.rstrip("…"))
        button.setAutoDefault(False)
        return button

    @staticmethod
    def _sound_sets() -> list[str]:
        from app.audio import available_sound_sets

        try:
            return available_sound_sets()
        except OSError:
            return []

    # -- what there is to choose ---------------------------------------------------------
    @property
    def folder(self) -> Path:
        return self.context.paths.exercises

    def broken_files(self) -> dict[Path, list[Problem]]:
        """User files that fail to load, with their problems (from the library's last load)."""
        found: dict[Path, list[Problem]] = {}
        for problem in self.context.library.problems:
            path = Path(problem.path)
            if path.parent == self.folder and path.name.endswith(".yaml"):
                found.setdefault(path, []).append(problem)
        return found

    def _first_key(self) -> str:
        exercises = self.context.library.exercises
        mine = sorted((e for e in exercises.values() if not e.builtin), key=lambda e: e.name.lower())
        if mine:
            return exercise_key(mine[0].id)
        if self.context.settings.moment_exercise in exercises:
            return exercise_key(self.context.settings.moment_exercise)
        return exercise_key(next(iter(exercises))) if exercises else NEW_KEY

    def _fill_chooser(self) -> None:
        self.chooser.blockSignals(True)
        self.chooser.clear()
        if self._editing_new:
            self.chooser.addItem("New pattern (not saved yet)", NEW_KEY)
        exercises = sorted(self.context.library.exercises.values(), key=lambda e: (e.builtin, e.name.lower()))
        for exercise in exercises:
            label = f"{exercise.name} (built in)" if exercise.builtin else exercise.name
            self.chooser.addItem(label, exercise_key(exercise.id))
        for path in sorted(self.broken_files()):
            self.chooser.addItem(f"{path.name}: has problems", broken_key(path))
        index = self.chooser.findData(self._key)
        self.chooser.setCurrentIndex(max(0, index))
        self.chooser.blockSignals(False)

    def chooser_labels(self) -> list[str]:
        return [self.chooser.itemText(i) for i in range(self.chooser.count())]

    # -- choosing ------------------------------------------------------------------------
    def _chosen(self, index: int) -> None:
        key = self.chooser.itemData(index)
        if key == self._key:
            return
        if not self._may_discard():
            self.chooser.setCurrentIndex(max(0, self.chooser.findData(self._key)))
            return
        self._editing_new = False
        self.select(key)

    def select(self, key: str) -> None:
        """Show a saved pattern ("exercise:ID") or a broken file ("broken:PATH")."""
        kind, value = split_key(key)
        if kind == "exercise" and value in self.context.library:
            self._show_exercise(self.context.library.exercises[value])
        elif kind == "broken":
            self._show_broken(Path(value))
        elif key == NEW_KEY and self._editing_new:
            return
        else:
            self._start_draft(Draft.new(""))

    def open_pattern(self, exercise_id: str) -> bool:
        """Show the saved pattern `exercise_id` (asking first if the form has unsaved changes)."""
        if exercise_id not in self.context.library or not self._may_discard():
            return False
        self.select(exercise_key(exercise_id))
        return True

    def _show_exercise(self, exercise: Exercise) -> None:
        self._key = exercise_key(exercise.id)
        self._editing_new = False
        self._opened = None
        if not exercise.builtin and exercise.source is not None:
            try:
                self._opened = Path(exercise.source).read_bytes()
            except OSError:
                self._opened = None
        self.editor.set_draft(Draft.from_exercise(exercise))
        # What the form holds, not the exercise: Qt may normalise text (PySide drops a leading
        # U+FEFF), and a pattern just opened must never look "changed".
        self._baseline = self.editor.draft()
        self.editor.setEnabled(not exercise.builtin)
        self.views.setCurrentWidget(self.scroll)
        self._fill_chooser()
        self.preview.show_exercise(exercise, at_once=True)
        self._update_state()

    def _show_broken(self, path: Path) -> None:
        self._key = broken_key(path)
        self._editing_new = False
        self._baseline = None
        self._opened = None
        problems = self.broken_files().get(path) or store.check_file(path).problems
        notes = [n for n in self.context.library.notes if str(path) in n]
        self.broken.show_problems(path, problems, notes)
        self.views.setCurrentWidget(self.broken)
        self._fill_chooser()
        self._update_state()

    def _start_draft(self, draft: Draft, follows_name: bool = True) -> None:
        self._key = NEW_KEY
        self._editing_new = True
        self._baseline = None
        self._opened = None
        draft.id = self._unused_id(slugify(draft.name) if follows_name and draft.name.strip() else draft.id)
        self.editor.set_draft(draft, id_follows_name=follows_name)
        self.editor.setEnabled(True)
        self.views.setCurrentWidget(self.scroll)
        self._fill_chooser()
        self.preview.show_exercise(draft.to_exercise(preview=True), at_once=True)
        self._update_state()
        self.editor.name.setFocus()
        self.editor.name.selectAll()

    def _unused_id(self, wanted: str) -> str:
        taken = set(self.context.library.exercises) | {p.stem for p in self.broken_files()}
        try:
            taken |= {p.stem for p in self.folder.glob("*.yaml")}
        except OSError:
            pass
        if wanted not in taken:
            return wanted
        number = 2
        while f"{wanted[:60]}-{number}" in taken:
            number += 1
        return f"{wanted[:60]}-{number}"

    # -- state ---------------------------------------------------------------------------
    def current_exercise(self) -> Exercise | None:
        """The saved pattern being shown (None for a new draft or a broken file)."""
        kind, value = split_key(self._key)
        return self.context.library.get(value) if kind == "exercise" else None

    def is_dirty(self) -> bool:
        if self.views.currentWidget() is not self.scroll:
            return False
        if self._editing_new:
            return True
        return self._baseline is not None and self.editor.draft() != self._baseline

    def _on_edited(self) -> None:
        draft = self.editor.draft()
        try:
            self.preview.show_exercise(draft.to_exercise(preview=True))
        except ValueError:
            pass
        self._update_state()

    def _update_state(self) -> None:
        exercise = self.current_exercise()
        broken = self._key.startswith("broken:")
        builtin = exercise is not None and exercise.builtin
        dirty = self.is_dirty()
        problems = check_draft(self.editor.draft()) if not broken and not builtin else []
        self.save_button.setEnabled(not broken and not builtin and dirty and not problems)
        self.duplicate_button.setEnabled(not broken)
        self.delete_button.setEnabled(broken or (exercise is not None and not exercise.builtin and not self._editing_new))
        self.export_button.setEnabled(not broken and not (dirty and problems))
        self.breathe_button.setEnabled(exercise is not None and not dirty)
        self.breathe_button.setToolTip("Start a session with this pattern" if not dirty else "Save first, then breathe with it")
        if broken:
            text = "This file has problems and is not in use."
        elif builtin:
            text = "A built-in pattern. Duplicate it to make your own version."
        elif problems:
            text = "Not saved yet. " + " ".join(problems)
        elif dirty:
            target = store.user_file(self.folder, self.editor.draft().id)
            text = f"Not saved yet. Save writes {target}."
        elif exercise is not None and exercise.source is not None:
            text = f"Saved in {exercise.source}"
        else:
            text = ""
        self.status.setText(text)

    def _may_discard(self) -> bool:
        if not self.is_dirty():
            return True
        return self.prompts.confirm(
            "Leave your changes?", "This pattern has changes that are not saved. They will be lost.", "Discard changes"
        )

    # -- library changes (saves, the folder watcher, imports) ----------------------------
    def _library_changed(self) -> None:
        """Follow the files: show a hand edit at once, unless the form holds unsaved changes."""
        if self._busy:
            return
        if self.is_dirty():
            self._fill_chooser()
            kind, value = split_key(self._key)
            if kind == "exercise" and store.check_file(store.user_file(self.folder, value)).data != (self._opened or b""):
                self._update_state()
                self.status.setText(self.status.text() + " Its file changed outside Steady; saving will ask first.")
            return
        kind, value = split_key(self._key)
        broken = self.broken_files()
        if kind == "exercise":
            user_path = store.user_file(self.folder, value)
            exercise = self.context.library.get(value)
            if user_path in broken:
                self._show_broken(user_path)
            elif exercise is not None:
                self._show_exercise(exercise)
            else:
                self.select(self._first_key())
        elif kind == "broken":
            path = Path(value)
            exercise = self.context.library.get(path.stem)
            if path in broken:
                self._show_broken(path)
            elif exercise is not None and not exercise.builtin:
                self._show_exercise(exercise)
            else:
                self.select(self._first_key())
        else:
            self._fill_chooser()
            self._update_state()

    # -- actions -------------------------------------------------------------------------
    def new_pattern(self) -> None:
        if self._may_discard():
            self._start_draft(Draft.new(""))

    def duplicate(self) -> None:
        if self._key.startswith("broken:") or not self._may_discard():
            return
        draft = self.editor.draft()
        draft.name = f"{draft.name.strip() or 'Pattern'} (my version)"[:80]
        draft.id = slugify(draft.name)
        self._start_draft(draft)

    def start_copy(self) -> None:
        """From a broken file: a new draft with whatever could be read; the file stays as it is."""
        kind, value = split_key(self._key)
        if kind == "broken":
            self._start_draft(salvage(Path(value)), follows_name=False)

    def save(self) -> bool:
        """Save the form to DATA_DIR/exercises/ID.yaml, asking first where something could be lost."""
        if not self.save_button.isEnabled():
            return False
        draft = self.editor.draft()
        problems = check_draft(draft)
        if problems:
            self.status.setText("Not saved yet. " + " ".join(problems))
            return False
        exercise = draft.to_exercise()
        if caution_reasons(exercise):
            if not self.prompts.confirm("Save a pattern that needs a caution?", caution_question(exercise), "Save"):
                return False
            exercise = exercise.replace(caution=caution_to_save(exercise))
        opened = self._opened if self._key == exercise_key(exercise.id) else None
        for _try in range(PLAN_TRIES):
            plan = store.plan_save(self.folder, exercise, self.context.library, opened)
            if plan.refusal:
                self.prompts.inform("Not saved", plan.refusal)
                return False
            for title, text, action in plan.questions:
                if not self.prompts.confirm(title, text, action):
                    return False
            try:
                target = store.carry_out(plan)
                break
            except store.FileChanged:
                continue  # written by something else while we asked: look again, ask again
            except OSError as error:
                self.prompts.inform("Not saved", f"Steady could not write {plan.target}: {error.strerror or error}. Nothing was changed.")
                return False
        else:
            self.prompts.inform("Not saved", f"{plan.target} keeps changing outside Steady, so it was left as it is. Nothing was changed.")
            return False
        self._reload_and_show(exercise.id)
        if plan.backup:
            self.status.setText(f"{self.status.text()} The old file is kept beside it as {target.name}.bak.")
        return True

    def _reload_and_show(self, exercise_id: str) -> None:
        self._busy = True
        try:
            self.context.reload_library()
        finally:
            self._busy = False
        self._editing_new = False
        if exercise_id in self.context.library:
            self._show_exercise(self.context.library.exercises[exercise_id])
        else:
            self._fill_chooser()
            self._update_state()

    def delete_current(self) -> None:
        kind, value = split_key(self._key)
        path = Path(value) if kind == "broken" else None
        exercise = self.current_exercise()
        if path is None and exercise is not None and not exercise.builtin and exercise.source is not None:
            path = Path(exercise.source)
        if path is None:
            return
        builtin_names = self._builtin_names()
        text = store.delete_question(path, self.context.library, builtin_names)
        if not self.prompts.confirm("Delete this pattern?", text, "Delete"):
            return
        try:
            store.delete_file(path)
        except FileNotFoundError:
            pass
        except OSError as error:
            self.prompts.inform("Not deleted", f"Steady could not delete {path}: {error.strerror or error}.")
            return
        self._busy = True
        try:
            self.context.reload_library()
        finally:
            self._busy = False
        self._baseline = None
        again = self.context.library.get(path.stem)
        self.select(exercise_key(path.stem) if again is not None else self._first_key())
        self.status.setText(f"Deleted {path.name}." + (f" The built-in '{again.name}' is back." if again is not None else ""))

    def _builtin_names(self) -> dict[str, str]:
        from app.core.library import load_library

        return {e.id: e.name for e in load_library(None).exercises.values()}

    def export_current(self) -> None:
        dirty = self.is_dirty()
        if dirty:
            draft = self.editor.draft()
            if check_draft(draft):
                return
            exercise = draft.to_exercise()
        else:
            exercise = self.current_exercise()
            if exercise is None:
                return
        suggested = dialog_dir() / f"{exercise.id}.yaml"
        chosen = self.prompts.save_file("Export a pattern", suggested, (PATTERN_TYPE,))
        if chosen is None:
            return
        target = chosen.path
        try:
            store.write_export(target, store.export_bytes(exercise, unsaved=dirty))
        except OSError as error:
            self.prompts.inform("Not exported", f"Steady could not write {target}: {error.strerror or error}.")
            return
        self.status.setText(f"Exported a copy to {target}")

    def import_dialog(self) -> None:
        paths = self.prompts.open_files("Import patterns", dialog_dir(), (PATTERN_TYPE,))
        if paths:
            self.import_files(paths)

    def import_files(self, paths: list[Path]) -> list[Path]:
        """Validate and copy pattern files into the user folder; returns the files written.

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
            for _try in range(PLAN_TRIES):
                plan = store.plan_import(self.folder, check, self.context.library)
                if plan.refusal:
                    refused.append(f"{source}: {plan.refusal}")
                    break
                if not all(self.prompts.confirm(title, text, action) for title, text, action in plan.questions):
                    break
                try:
                    written.append(store.carry_out(plan))
                    break
                except store.FileChanged:
                    continue  # written by something else while we asked: look again, ask again
                except OSError as error:
                    refused.append(f"{source}: could not copy it ({error.strerror or error})")
                    break
            else:
                refused.append(f"{source}: {plan.target.name} keeps changing outside Steady, so it was left as it is")
        if written:
            if self.is_dirty():
                self._busy = True
                try:
                    self.context.reload_library()
                finally:
                    self._busy = False
                self._fill_chooser()
            else:
                self._reload_and_show(written[-1].stem)
            self.status.setText("Imported " + ", ".join(str(p) for p in written) + ".")
        if refused:
            count = len({line.split(":")[0] for line in refused})
            self.prompts.inform(
                "Some files were not imported" if written else "Nothing was imported",
                f"Nothing was copied from {'this file' if count == 1 else 'these files'}:\n\n" + "\n".join(refused),
            )
        return written

    def breathe_with_it(self) -> None:
        exercise = self.current_exercise()
        if exercise is not None and not self.is_dirty() and self.start_breathing is not None:
            self.start_breathing(exercise.id)

    # -- visibility ----------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.preview.set_active(True)

    def hideEvent(self, event: QHideEvent) -> None:
        self.preview.set_active(False)
        super().hideEvent(event)

    def yaml_preview(self) -> str:
        """The text Save would write now (for tests and the docs)."""
        return exercise_to_yaml(self.editor.draft().to_exercise())
