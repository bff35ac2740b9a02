"""The live preview: the pacer running the pattern being edited, its pace, and its shape.

Edits arrive many times a second while someone holds an arrow key, so the preview waits for a
short pause (`DEBOUNCE_MS`) and then restarts the pacer with the new pattern. Changes that do
not touch the breath (the name, the summary) do not restart it. The preview loops, because a
pacer saying "Well done" in the middle of editing would be odd; it stops whenever the page is
hidden, so it costs nothing in the background. It is a preview, not practice: it is not
recorded in the history and plays no sound cues ("Breathe with it" on the page starts a real,
recorded session).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.core.describe import duration_words, pace_text
from app.core.model import Exercise
from app.core.patterns.draft import ratio_text
from app.core.patterns.safety import caution_reasons
from app.core.patterns.shape import session_shape
from app.gui.context import AppContext
from app.gui.session_panel.controller import PacerController
from widgets.breath_plot import BreathPlot
from widgets.pacer import PacerWidget
from widgets.pacer_geometry import eased_level

#: How long edits must pause before the preview restarts with them.
DEBOUNCE_MS = 300


def shape_description(exercise: Exercise) -> str:
    stages = f"{len(exercise.stages)} stages over " if len(exercise.stages) > 1 else ""
    return f"The breath over the whole session: {stages}{duration_words(exercise.planned_seconds)}, {pace_text(exercise)}."


class PatternPreview(QWidget):
    """Pacer and facts; `plot` is placed by the page (it wants the full width)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("Preview")
        self.controller: PacerController | None = None
        self._shown: Exercise | None = None
        self._pending: Exercise | None = None
        self._active = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.setSpacing(6)
        self.pacer = PacerWidget(parent=self)
        self.pacer.setMinimumSize(170, 170)
        self.pacer.setAccessibleName("Preview pacer")
        self.pacer.set_reduced_motion(context.reduced_motion)
        self.pacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.pacer, 1)
        self.pace = QLabel()
        self.pace.setAccessibleName("Breaths a minute")
        self.ratio = QLabel()
        self.ratio.setAccessibleName("In-breath to out-breath")
        self.length = QLabel()
        self.length.setAccessibleName("Total length")
        for label in (self.pace, self.ratio, self.length):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        self.caution = QLabel()
        self.caution.setObjectName("caution")
        self.caution.setAccessibleName("Caution")
        self.caution.setWordWrap(True)
        self.caution.hide()
        layout.addWidget(self.caution)
        self.plot = BreathPlot()
        self._debounce = context.timers(self.apply_now, single_shot=True, owner=self)
        #: Starts the preview again after it ran to its end (from the event loop, not from
        #: inside the controller's own `finished` signal).
        self._again = context.timers(self._restart_if_active, single_shot=True, owner=self)
        context.settingsChanged.connect(lambda _s: self.pacer.set_reduced_motion(context.reduced_motion))

    # -- what to show --------------------------------------------------------------------
    def show_exercise(self, exercise: Exercise, at_once: bool = False) -> None:
        """Preview `exercise` after the debounce pause (or now)."""
        self._pending = exercise
        if at_once:
            self.apply_now()
        else:
            self._debounce.start(DEBOUNCE_MS)

    def apply_now(self) -> None:
        self._debounce.stop()
        exercise = self._pending
        if exercise is None:
            return
        self._pending = None
        self._update_facts(exercise)
        breath_changed = self._shown is None or self._shown.stages != exercise.stages
        self._shown = exercise
        if breath_changed:
            shape = session_shape(exercise, eased_level)
            self.plot.set_shape(shape.minutes, shape.levels, shape.stage_starts, shape.total_minutes, shape_description(exercise))
            if self._active:
                self._restart()
        elif self.controller is None and self._active:
            self._restart()

    @property
    def exercise(self) -> Exercise | None:
        """The pattern the preview shows now (after any pending edit is applied)."""
        return self._shown

    # -- running -------------------------------------------------------------------------
    def set_active(self, active: bool) -> None:
        """Run while the page is in view; stop (and free the timers) when it is not."""
        if active == self._active:
            return
        self._active = active
        if active:
            self.apply_now()
            if self.controller is None and self._shown is not None:
                self._restart()
        else:
            self._again.stop()
            self._stop()

    def _restart(self) -> None:
        self._stop()
        if self._shown is None:
            return
        controller = PacerController(self._shown, self.context.clock, self.context.timers, parent=self)
        controller.attach(self.pacer)
        controller.finished.connect(self._loop)
        self.controller = controller
        controller.start()

    def _loop(self, _state: object) -> None:
        self._again.start(0)

    def _restart_if_active(self) -> None:
        if self._active:
            self._restart()

    def _stop(self) -> None:
        if self.controller is not None:
            controller = self.controller
            self.controller = None
            controller.finished.disconnect(self._loop)
            controller.stop()
            controller.deleteLater()
            self.pacer.set_state_source(None)

    def _update_facts(self, exercise: Exercise) -> None:
        self.pace.setText(pace_text(exercise))
        self.ratio.setText(f"In to out {ratio_text(exercise.stages[-1])}")
        self.length.setText(f"{duration_words(exercise.planned_seconds)} in all")
        reasons = caution_reasons(exercise)
        self.caution.setText(("Needs a caution: " + "; ".join(reasons) + ".") if reasons else "")
        self.caution.setVisible(bool(reasons))
