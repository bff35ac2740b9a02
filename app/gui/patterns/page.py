"""The Patterns page: pick a pattern, change it with a live preview, save it as YAML.

Layout, top to bottom: the pattern chooser with New, Duplicate and Import; the form beside
the running preview; the breath shape over the whole session; a status line that says where
the file is or why it cannot be saved yet; Delete, Export, Breathe with it and Save.

The page only lays out, binds and forwards: what is shown, what changed, what can be saved
and every question before a file is written or deleted belong to its model,
app.core.patterns.editor_model.PatternEditorModel, which asks through the app's prompts
(`context.prompts(self)`). The page asks only for file names (Import, Export).
"""

from __future__ import annotations

from collections.abc import Callable

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

from app.core.patterns.draft import Draft
from app.core.patterns.editor_model import BrokenReport, FormLoad, PatternEditorModel
from app.core.patterns.selection import ChooserEntry
from app.gui.context import AppContext
from app.gui.patterns.editor import PatternEditor
from app.gui.patterns.preview import PatternPreview
from app.gui.prompts import FileType, Prompts
from app.paths import dialog_dir

PATTERN_TYPE = FileType("Pattern files", ("yaml", "yml"))


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

    def show_report(self, report: BrokenReport) -> None:
        self.heading.setText(f"{report.path.name} has problems")
        self.problems.setPlainText("\n".join(report.lines))


class PatternsPage(QWidget):
    """See the module docstring; `start_breathing(id)` runs a saved pattern for real."""

    def __init__(self, context: AppContext, start_breathing: Callable[[str], object] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.start_breathing = start_breathing
        self.prompts: Prompts = context.prompts(self)
        self.model = PatternEditorModel(
            context.paths.exercises,
            library=lambda: context.library,
            reload_library=context.reload_library,
            questions=self.prompts,
            preferred_id=lambda: context.settings.moment_exercise,
            show_draft=self._show_draft,
            changed=self._render,
        )
        #: What the chooser lists now, line by line (the model's entries when last drawn).
        self._entries: list[ChooserEntry] = []
        self.setAccessibleName("Patterns")

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

        self.editor = PatternEditor(self._sound_sets(), make_id=self.model.suggest_id)
        # Not `self.scroll`: that would hide QWidget.scroll().
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        self.form_area.setFrameShape(QFrame.Shape.NoFrame)
        self.form_area.setWidget(self.editor)
        self.form_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.broken = BrokenFileView()
        self.views = QStackedWidget()
        self.views.addWidget(self.form_area)
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

        self.new_button.clicked.connect(self.model.new_pattern)
        self.duplicate_button.clicked.connect(self.model.duplicate)
        self.import_button.clicked.connect(self.import_dialog)
        self.delete_button.clicked.connect(self.model.delete)
        self.export_button.clicked.connect(self.export_current)
        self.breathe_button.clicked.connect(self.breathe_with_it)
        self.save_button.clicked.connect(self.save)
        self.broken.copy_button.clicked.connect(self.model.start_copy)
        self.editor.edited.connect(self._on_edited)
        self.chooser.activated.connect(self._chosen)
        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_shortcut.activated.connect(self.save)
        context.libraryChanged.connect(self._library_changed)
        self.model.open_first()

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

    # -- the model, drawn ----------------------------------------------------------------
    def _show_draft(self, load: FormLoad) -> Draft:
        """Put a draft in the form (the model's `show_draft`); returns what the form holds."""
        self.editor.set_draft(load.draft, id_follows_name=load.id_follows_name)
        self.editor.setEnabled(load.editable)
        self.views.setCurrentWidget(self.form_area)
        shown = self.editor.draft()
        exercise = shown.preview()
        if exercise is not None:
            self.preview.show_exercise(exercise, at_once=True)
        if load.new:
            self.editor.name.setFocus()
            self.editor.name.selectAll()
        return shown

    def _render(self) -> None:
        """Draw what the model holds now (the model's `changed`)."""
        model = self.model
        entries = model.entries()
        if entries != self._entries:
            self.chooser.blockSignals(True)
            self.chooser.clear()
            for entry in entries:
                self.chooser.addItem(entry.label)
            self.chooser.blockSignals(False)
            self._entries = entries
        index = next((i for i, entry in enumerate(entries) if entry.selection == model.selection), 0)
        self.chooser.setCurrentIndex(index)
        if model.broken is not None:
            self.broken.show_report(model.broken)
            self.views.setCurrentWidget(self.broken)
        else:
            self.views.setCurrentWidget(self.form_area)
        actions = model.actions()
        self.save_button.setEnabled(actions.save)
        self.duplicate_button.setEnabled(actions.duplicate)
        self.delete_button.setEnabled(actions.delete)
        self.export_button.setEnabled(actions.export)
        self.breathe_button.setEnabled(actions.breathe)
        self.breathe_button.setToolTip("Save first, then breathe with it" if model.dirty else "Start a session with this pattern")
        self.status.setText(model.status)

    # -- what the user does --------------------------------------------------------------
    def _chosen(self, index: int) -> None:
        if 0 <= index < len(self._entries):
            self.model.choose(self._entries[index].selection)

    def _on_edited(self) -> None:
        self.model.edit(self.editor.draft())
        exercise = self.model.preview()
        if exercise is not None:
            self.preview.show_exercise(exercise)

    def _library_changed(self) -> None:
        self.model.library_changed()

    def save(self) -> bool:
        """Save (the button and Ctrl+S); False when nothing was written."""
        return self.model.save()

    def export_current(self) -> None:
        exercise = self.model.export_candidate()
        if exercise is None:
            return
        chosen = self.prompts.save_file("Export a pattern", dialog_dir() / f"{exercise.id}.yaml", (PATTERN_TYPE,))
        if chosen is not None:
            self.model.export(chosen.path)

    def import_dialog(self) -> None:
        paths = self.prompts.open_files("Import patterns", dialog_dir(), (PATTERN_TYPE,))
        if paths:
            self.model.import_files(paths)

    def breathe_with_it(self) -> None:
        exercise_id = self.model.breathe_id()
        if exercise_id is not None and self.start_breathing is not None:
            self.start_breathing(exercise_id)

    # -- visibility ----------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.preview.set_active(True)

    def hideEvent(self, event: QHideEvent) -> None:
        self.preview.set_active(False)
        super().hideEvent(event)
