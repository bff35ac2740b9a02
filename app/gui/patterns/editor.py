"""The pattern form: name, file name, summary, stages of phases, length, caution and sound.

The form only shows a `Draft` and reads one back (`draft()`); it decides nothing about files
or safety. Every number comes from a spin box or slider whose range is the loader's bound
(app.core.exercise_schema), so a value the loader would refuse cannot be typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.describe import duration_words
from app.core.exercise_schema import (
    CYCLES_MAX,
    CYCLES_MIN,
    MINUTES_MAX,
    MINUTES_MIN,
    NAME_MAX,
    PHASE_SECONDS_BOUNDS,
    PHASES_MAX,
    PHASES_MIN,
    STAGES_MAX,
    SUMMARY_MAX,
)
from app.core.model import PhaseKind
from app.core.patterns.draft import ID_MAX, Draft, DraftStage, ratio_text, slugify
from widgets.phase_list import PhaseListEditor, Row
from widgets.plain_text import plain_text

KIND_LABELS = ((PhaseKind.INHALE, "Breathe in"), (PhaseKind.HOLD, "Hold"), (PhaseKind.EXHALE, "Breathe out"))
UNIT_MINUTES, UNIT_BREATHS = 0, 1
#: The sliders cover the everyday range; longer phases (up to the loader's bound) are typed.
SLIDER_MAX_SECONDS = 20.0


def next_phase(rows: list[Row]) -> Row:
    """A new phase continues the breath: after an in-breath an out-breath, and so on."""
    if not rows:
        return PhaseKind.INHALE, 4.0
    kind, seconds = rows[-1]
    following = {PhaseKind.INHALE: PhaseKind.EXHALE, PhaseKind.EXHALE: PhaseKind.INHALE, PhaseKind.HOLD: PhaseKind.EXHALE}
    return following[kind], seconds


class StageEditor(QGroupBox):
    """One stage: its phases and how long it lasts, in minutes or in whole breaths."""

    edited = Signal()
    removeRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        self.phases = PhaseListEditor(
            KIND_LABELS,
            PHASE_SECONDS_BOUNDS,
            min_rows=PHASES_MIN,
            max_rows=PHASES_MAX,
            slider_max=SLIDER_MAX_SECONDS,
            new_row=next_phase,
        )
        layout.addWidget(self.phases)
        length_row = QHBoxLayout()
        self.length_label = QLabel("Length:")
        length_row.addWidget(self.length_label)
        self.length_stack = QStackedWidget()
        self.minutes = QDoubleSpinBox()
        self.minutes.setDecimals(1)
        self.minutes.setSingleStep(0.5)
        self.minutes.setRange(MINUTES_MIN, MINUTES_MAX)
        self.cycles = QSpinBox()
        self.cycles.setRange(CYCLES_MIN, CYCLES_MAX)
        self.length_stack.addWidget(self.minutes)
        self.length_stack.addWidget(self.cycles)
        self.length_stack.setSizePolicy(self.minutes.sizePolicy())
        length_row.addWidget(self.length_stack)
        self.unit = QComboBox()
        self.unit.addItem("minutes")
        self.unit.addItem("breaths")
        self.unit.setToolTip("Minutes end on a whole breath; breaths counts whole breath cycles")
        length_row.addWidget(self.unit)
        length_row.addStretch(1)
        self.remove_button = QPushButton("Remove stage")
        length_row.addWidget(self.remove_button)
        layout.addLayout(length_row)
        self.facts = QLabel()
        self.facts.setObjectName("stageFacts")
        self.facts.setWordWrap(True)
        layout.addWidget(self.facts)
        self.length_label.setBuddy(self.minutes)
        self.phases.changed.connect(self.edited)
        self.minutes.valueChanged.connect(self.edited)
        self.cycles.valueChanged.connect(self.edited)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self.remove_button.clicked.connect(lambda: self.removeRequested.emit(self))

    def _unit_changed(self, index: int) -> None:
        self.length_stack.setCurrentIndex(index)
        self.length_label.setBuddy(self.minutes if index == UNIT_MINUTES else self.cycles)
        self.edited.emit()

    def set_stage(self, stage: DraftStage) -> None:
        for widget in (self.minutes, self.cycles, self.unit):
            widget.blockSignals(True)
        self.phases.set_values(stage.phases)
        self.minutes.setValue(stage.minutes)
        self.cycles.setValue(stage.cycles)
        self.unit.setCurrentIndex(UNIT_MINUTES if stage.use_minutes else UNIT_BREATHS)
        self.length_stack.setCurrentIndex(self.unit.currentIndex())
        for widget in (self.minutes, self.cycles, self.unit):
            widget.blockSignals(False)

    def stage(self) -> DraftStage:
        return DraftStage(
            phases=[(PhaseKind(kind), round(seconds, 1)) for kind, seconds in self.phases.values()],
            use_minutes=self.unit.currentIndex() == UNIT_MINUTES,
            minutes=round(self.minutes.value(), 1),
            cycles=self.cycles.value(),
        )

    def name(self, number: int, count: int, staged: bool) -> None:
        many = staged or count > 1
        self.setTitle(f"Stage {number}" if many else "The breath")
        prefix = f"Stage {number}, phase " if many else "Phase "
        self.phases.set_label_prefix(prefix)
        where = f"Stage {number}" if many else "Session"
        self.minutes.setAccessibleName(f"{where} length in minutes")
        self.cycles.setAccessibleName(f"{where} length in breaths")
        self.unit.setAccessibleName(f"{where} length unit")
        self.remove_button.setAccessibleName(f"Remove stage {number}")
        self.remove_button.setVisible(count > 1)
        self.facts.setVisible(count > 1)
        try:
            real = self.stage().to_stage()
        except ValueError:
            self.facts.clear()
            return
        self.facts.setText(
            f"{real.breaths_per_minute:.1f} breaths a minute · in to out {ratio_text(real)} · {duration_words(real.planned_seconds)}"
        )


class PatternEditor(QWidget):
    """The whole form; `edited` after every change the user makes.

    `make_id` turns a name into a file name while the file name follows the name (the page
    passes its model's, which makes it unique).
    """

    edited = Signal()

    def __init__(self, sound_sets: list[str], make_id: Callable[[str], str] = slugify, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Pattern editor")
        self._id_follows_name = True
        self._staged = False
        self._loading = False
        self._make_id = make_id
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 8, 0)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name = QLineEdit()
        self.name.setMaxLength(NAME_MAX)
        self.name.setPlaceholderText("e.g. 4 in, 7 out")
        self.name.setAccessibleName("Name")
        form.addRow("&Name:", self.name)
        self.file_id = QLineEdit()
        self.file_id.setMaxLength(ID_MAX)
        self.file_id.setValidator(QRegularExpressionValidator(QRegularExpression(f"[a-z0-9-]{{0,{ID_MAX}}}"), self.file_id))
        self.file_id.setAccessibleName("File name")
        self.file_id.setToolTip("Saved as this name with .yaml, in your exercises folder. Lower-case letters, digits and '-'.")
        form.addRow("&File name:", self.file_id)
        self.summary = QLineEdit()
        self.summary.setMaxLength(SUMMARY_MAX)
        self.summary.setPlaceholderText("One line about how it feels")
        self.summary.setAccessibleName("Summary")
        form.addRow("S&ummary:", self.summary)
        outer.addLayout(form)

        self.stage_box = QVBoxLayout()
        self.stage_box.setSpacing(8)
        outer.addLayout(self.stage_box)
        self.stages: list[StageEditor] = []
        add_row = QHBoxLayout()
        self.add_stage_button = QPushButton("Add a stage")
        self.add_stage_button.setAccessibleName("Add a stage")
        self.add_stage_button.setToolTip("For a pattern that changes as it goes, such as slowing down step by step")
        self.add_stage_button.clicked.connect(self.add_stage)
        add_row.addWidget(self.add_stage_button)
        add_row.addStretch(1)
        outer.addLayout(add_row)

        lower = QFormLayout()
        lower.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.caution = QPlainTextEdit()
        self.caution.setAccessibleName("Caution")
        self.caution.setPlaceholderText("Optional. When a pattern needs one, Steady shows its standard caution.")
        self.caution.setTabChangesFocus(True)
        self.caution.setFixedHeight(self.caution.fontMetrics().lineSpacing() * 3 + 14)
        lower.addRow("&Caution:", self.caution)
        self.sound = QComboBox()
        self.sound.setAccessibleName("Sound")
        self.sound.addItem("As in Settings", None)
        for name in sound_sets:
            self.sound.addItem("No sound" if name == "none" else name.capitalize(), name)
        lower.addRow("S&ound:", self.sound)
        outer.addLayout(lower)
        outer.addStretch(1)

        self.name.textEdited.connect(self._name_edited)
        self.file_id.textEdited.connect(self._id_edited)
        self.summary.textEdited.connect(self._changed)
        self.caution.textChanged.connect(self._changed)
        self.sound.currentIndexChanged.connect(self._changed)
        self.set_draft(Draft.new())

    # -- reading and writing the form ----------------------------------------------------
    def set_draft(self, draft: Draft, id_follows_name: bool = False) -> None:
        self._loading = True
        try:
            self._id_follows_name = id_follows_name
            self._staged = draft.staged
            self.name.setText(draft.name)
            self.file_id.setText(draft.id)
            self.summary.setText(draft.summary)
            for line in (self.name, self.file_id, self.summary):
                line.setCursorPosition(0)
            self.caution.setPlainText(draft.caution)
            index = self.sound.findData(draft.sound)
            if index < 0:
                self.sound.addItem(f"{draft.sound} (not installed)", draft.sound)
                index = self.sound.count() - 1
            self.sound.setCurrentIndex(index)
            while len(self.stages) > len(draft.stages):
                self._drop_stage(self.stages[-1])
            while len(self.stages) < len(draft.stages):
                self._append_stage()
            for editor, stage in zip(self.stages, draft.stages, strict=True):
                editor.set_stage(stage)
            self._renumber()
        finally:
            self._loading = False

    def draft(self) -> Draft:
        return Draft(
            id=self.file_id.text(),
            name=self.name.text(),
            summary=self.summary.text(),
            caution=plain_text(self.caution),
            sound=self.sound.currentData(),
            staged=self._staged or len(self.stages) > 1,
            stages=[editor.stage() for editor in self.stages],
        )

    @property
    def id_follows_name(self) -> bool:
        return self._id_follows_name

    # -- stages --------------------------------------------------------------------------
    def add_stage(self) -> None:
        if len(self.stages) >= STAGES_MAX:
            return
        last = self.stages[-1].stage() if self.stages else DraftStage()
        editor = self._append_stage()
        editor.set_stage(last)
        self._staged = True
        self._renumber()
        editor.phases.rows[0].seconds.setFocus()
        self._changed()

    def remove_stage(self, editor: StageEditor) -> None:
        if len(self.stages) <= 1 or editor not in self.stages:
            return
        index = self.stages.index(editor)
        self._drop_stage(editor)
        if len(self.stages) == 1:
            self._staged = False
        self._renumber()
        self.stages[min(index, len(self.stages) - 1)].phases.rows[0].seconds.setFocus()
        self._changed()

    def _append_stage(self) -> StageEditor:
        editor = StageEditor(self)
        editor.edited.connect(self._changed)
        editor.removeRequested.connect(self.remove_stage)
        self.stages.append(editor)
        self.stage_box.addWidget(editor)
        return editor

    def _drop_stage(self, editor: StageEditor) -> None:
        self.stages.remove(editor)
        self.stage_box.removeWidget(editor)
        editor.hide()
        editor.deleteLater()

    def _renumber(self) -> None:
        for number, editor in enumerate(self.stages, start=1):
            editor.name(number, len(self.stages), self._staged)
        self.add_stage_button.setEnabled(len(self.stages) < STAGES_MAX)

    # -- edits ---------------------------------------------------------------------------
    def _name_edited(self, text: str) -> None:
        if self._id_follows_name:
            self.file_id.setText(self._make_id(text))
        self._changed()

    def _id_edited(self, _text: str) -> None:
        self._id_follows_name = False
        self._changed()

    def _changed(self) -> None:
        if self._loading:
            return
        for number, editor in enumerate(self.stages, start=1):
            editor.name(number, len(self.stages), self._staged)
        self.edited.emit()
