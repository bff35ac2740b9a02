"""The exercise list with details, Start, and the files that could not be used."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.describe import duration_words, pace_text, pattern_words
from app.core.safety import caution_text
from app.gui.context import AppContext


class ExerciseChooser(QWidget):
    """The list of exercises with details, Start, and any files that could not be used."""

    startRequested = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        left = QVBoxLayout()
        heading = QLabel("Exercises")
        heading.setAccessibleName("Exercises")
        left.addWidget(heading)
        self.list = QListWidget()
        self.list.setAccessibleName("Exercise list")
        self.list.setStyleSheet("QListWidget::item { padding: 6px 8px; }")
        self.list.currentItemChanged.connect(self._show_details)
        self.list.itemActivated.connect(lambda item: self.startRequested.emit(item.data(Qt.ItemDataRole.UserRole)))
        left.addWidget(self.list, 1)
        self.problems = QLabel()
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems.setAccessibleName("Files that could not be used")
        left.addWidget(self.problems)
        layout.addLayout(left, 2)

        details = QFrame()
        details.setFrameShape(QFrame.Shape.StyledPanel)
        right = QVBoxLayout(details)
        right.setContentsMargins(16, 16, 16, 16)
        right.setSpacing(10)
        self.name = QLabel()
        name_font = self.name.font()
        name_font.setPointSizeF(name_font.pointSizeF() * 1.4)
        self.name.setFont(name_font)
        self.name.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.breath = QLabel()
        self.breath.setWordWrap(True)
        self.breath.setAccessibleName("The breath")
        self.caution = QLabel()
        self.caution.setWordWrap(True)
        self.caution.setObjectName("caution")
        self.start_button = QPushButton("Start breathing")
        self.start_button.setDefault(True)
        self.start_button.setMinimumHeight(36)
        self.start_button.clicked.connect(self._start_current)
        for widget in (self.name, self.summary, self.breath, self.facts, self.caution):
            right.addWidget(widget)
        right.addStretch(1)
        right.addWidget(self.start_button)
        layout.addWidget(details, 3)
        context.libraryChanged.connect(self.refresh)

    def refresh(self) -> None:
        current = self.current_id()
        self.list.clear()
        library = self.context.library
        for exercise_id, exercise in sorted(library.exercises.items(), key=lambda kv: kv[1].name.lower()):
            item = QListWidgetItem(exercise.name)
            item.setData(Qt.ItemDataRole.UserRole, exercise_id)
            item.setToolTip(exercise.summary)
            self.list.addItem(item)
            if exercise_id == (current or self.context.settings.moment_exercise):
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        lines = [str(p) for p in library.problems] + list(library.notes)
        self.problems.setText(("These files could not be used:\n" + "\n".join(lines)) if lines else "")
        self.problems.setVisible(bool(lines))

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _start_current(self) -> None:
        exercise_id = self.current_id()
        if exercise_id:
            self.startRequested.emit(exercise_id)

    def _show_details(self) -> None:
        exercise = self.context.library.get(self.current_id() or "")
        self.start_button.setEnabled(exercise is not None)
        if exercise is None:
            for label in (self.name, self.summary, self.breath, self.facts, self.caution):
                label.clear()
            return
        self.name.setText(exercise.name)
        self.summary.setText(exercise.summary)
        breath = pattern_words(exercise)
        self.breath.setText(breath[0].upper() + breath[1:] + " (seconds)")
        stages = f" · {len(exercise.stages)} stages" if len(exercise.stages) > 1 else ""
        origin = "built in" if exercise.builtin else "your exercise"
        self.facts.setText(
            f"{pace_text(exercise)} · {duration_words(exercise.planned_seconds)}{stages} · {origin}"
        )
        caution = caution_text(exercise)
        self.caution.setText(caution or "")
        self.caution.setVisible(bool(caution))
