"""Step 1: breathe with the pacer at once, rate it if you like, or switch to grounding (G).

The pacer starts the moment the step is built, with the exercise chosen for Breathe now cut to
the flow's length (two minutes by default). Breathing is recorded like every session, through
`attach_session_services` (source "moment"). Moving on does not stop it: it carries on
quietly, and the anchor step shows a new line with each out-breath while it does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QWidget

from app.core.engine import SessionStatus
from app.core.flow import Flow, trim_exercise
from app.core.model import Exercise
from app.core.safety import pick_moment_exercise
from app.gui.context import AppContext
from app.gui.moment.rating import RatingRow
from app.gui.moment.step_base import Step
from app.gui.session_services import SessionControlsMixin, SessionServices, attach_session_services
from app.gui.session.controller import PacerController
from widgets.pacer import PacerWidget

if TYPE_CHECKING:
    from widgets.grounding import GroundingCard


def moment_exercise(context: AppContext) -> Exercise | None:
    """The exercise for Breathe now: the chosen one if it needs no caution, else calm-exhale."""
    return pick_moment_exercise(context.library.exercises, context.settings.moment_exercise)


class BreatheStep(SessionControlsMixin, Step):
    sessionRecorded = Signal(str)

    def __init__(self, context: AppContext, flow: Flow, parent: QWidget | None = None) -> None:
        super().__init__("breathe", flow.title("breathe"), flow.prompt("breathe"), parent)
        self.context = context
        self.controller: PacerController | None = None
        self.services: SessionServices | None = None
        self.outer.setContentsMargins(16, 8, 16, 8)
        self.outer.setSpacing(8)
        font = self.prompt.font()
        font.setPointSizeF(font.pointSizeF() / 1.25 * 1.1)
        self.prompt.setFont(font)
        self.stack = QStackedWidget()
        self.pacer = PacerWidget()
        self.pacer.set_reduced_motion(context.reduced_motion)
        self.stack.addWidget(self.pacer)
        self.grounding: GroundingCard | None = None
        self.outer.addWidget(self.stack, 1)
        self.ended_note = QLabel("That was a good stretch of breathing. Keep going for as long as you like, or go on when you are ready.")
        self.ended_note.setWordWrap(True)
        self.ended_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ended_note.hide()
        self.outer.addWidget(self.ended_note)
        self.rating_row = RatingRow(flow.get("breathe", "rating_prompt"))
        self.outer.addWidget(self.rating_row)
        row = QHBoxLayout()
        self.grounding_button = QPushButton("Breathing feels worse? Try grounding")
        self.grounding_button.setToolTip("A senses exercise instead of breath focus (G)")
        self.grounding_button.clicked.connect(self.show_grounding)
        self.pause_button = QPushButton("Pause")
        self.pause_button.setToolTip("Pause or continue the breathing (Space on the circle)")
        self.pause_button.clicked.connect(self.toggle_pause)
        self.keep_going_button = QPushButton("Keep going")
        self.keep_going_button.setToolTip("Carry on breathing at this pace")
        self.keep_going_button.clicked.connect(self.keep_going)
        self.keep_going_button.hide()
        row.addWidget(self.grounding_button)
        row.addStretch(1)
        row.addWidget(self.pause_button)
        row.addWidget(self.keep_going_button)
        self.outer.addLayout(row)
        context.settingsChanged.connect(lambda _s: self.pacer.set_reduced_motion(context.reduced_motion))
        self.breathe_seconds = flow.breathe_seconds

    def rating(self) -> RatingRow:
        return self.rating_row

    def start(self) -> PacerController | None:
        """Start breathing now (no exercise at all: grounding instead)."""
        exercise = moment_exercise(self.context)
        if exercise is None:
            self.show_grounding()
            return None
        self.controller = PacerController(trim_exercise(exercise, self.breathe_seconds), self.context.clock, self.context.timers, parent=self)
        self.controller.attach(self.pacer)
        self.services = attach_session_services(self.controller, self.context, "moment")
        self.services.recorded.connect(self.sessionRecorded)
        self.controller.statusChanged.connect(self._on_status)
        self.controller.start()
        return self.controller

    @property
    def breathing(self) -> bool:
        return self.controller is not None and self.controller.state().status == SessionStatus.RUNNING

    def stop(self) -> None:
        """End the breathing (leaving the flow); the time breathed is recorded."""
        if self.controller is not None and not self.controller.state().ended:
            self.controller.stop()

    def _on_status(self, status: str) -> None:
        status = SessionStatus(status)
        ended = status in (SessionStatus.FINISHED, SessionStatus.STOPPED)
        self.pause_button.setVisible(not ended)
        self.pause_button.setText("Continue" if status == SessionStatus.PAUSED else "Pause")
        self.keep_going_button.setVisible(status == SessionStatus.FINISHED)
        self.ended_note.setVisible(status == SessionStatus.FINISHED)

    def show_grounding(self) -> None:
        """G: senses instead of breath focus; the breathing pauses."""
        if self.controller is not None and self.controller.state().status == SessionStatus.RUNNING:
            self.controller.pause()
        if self.grounding is None:
            from widgets.grounding import GroundingCard  # built when asked for, not before the first frame

            self.grounding = GroundingCard(own_keys=False)  # the flow routes Enter, Right, Left and Esc
            self.grounding.finished.connect(self._grounding_done)
            self.stack.addWidget(self.grounding)
        self.grounding.restart()
        self.stack.setCurrentWidget(self.grounding)
        self.grounding.next_button.setFocus()

    def _grounding_done(self) -> None:
        """The last prompt: back to the (paused) pacer, and on to the next step."""
        self.stack.setCurrentWidget(self.pacer)
        self.requestNext.emit()

    def in_grounding(self) -> bool:
        return self.grounding is not None and self.stack.currentWidget() is self.grounding

    def advance(self) -> bool:
        if self.in_grounding():
            self.grounding.next()
            return True
        return False

    def retreat(self) -> bool:
        if self.in_grounding():
            if self.grounding.index > 0:
                self.grounding.back()
            else:
                self.stack.setCurrentWidget(self.pacer)
                self.pacer.setFocus()
            return True
        return False

    def enter(self) -> None:
        if self.in_grounding():
            self.grounding.next_button.setFocus()
        else:
            self.pacer.setFocus()
