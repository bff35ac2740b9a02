"""Step 1: breathe with the pacer at once, rate it if you like, or switch to grounding (G).

The pacer starts the moment the step is built, with the exercise chosen for Breathe now cut to
the flow's length (two minutes by default). The step is the session panel of the Breathe page
(app.gui.session_panel.panel) without a title, Stop or Done, with the rating row added, and with the
flow routing its keys; the session is recorded like every session (source "moment"). Moving on
does not stop it: it carries on quietly, and the anchor step shows a new line with each
out-breath while it does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.core.flow import Flow, trim_exercise
from app.core.model import Exercise
from app.core.safety import pick_moment_exercise
from app.core.session.panel import PanelSpec
from app.gui.context import AppContext
from app.gui.moment.rating import RatingRow
from app.gui.moment.step_base import Step
from app.gui.session_panel.controller import PacerController
from app.gui.session_panel.panel import SessionPanel

if TYPE_CHECKING:
    from app.gui.session_panel.services import SessionServices
    from widgets.grounding import GroundingCard
    from widgets.pacer import PacerWidget

#: In the flow: the step's own title instead of the exercise's, Leave instead of Stop and Done,
#: keys routed by the flow, and the rating row and buttons stay in view while grounding.
BREATHE_STEP_PANEL = PanelSpec(
    title=False,
    stop_and_done=False,
    ended_note="That was a good stretch of breathing. Keep going for as long as you like, or go on when you are ready.",
    own_keys=False,
    grounding_fills=False,
)


def moment_exercise(context: AppContext) -> Exercise | None:
    """The exercise for Breathe now: the chosen one if it needs no caution, else calm-exhale."""
    return pick_moment_exercise(context.library.exercises, context.settings.moment_exercise)


class BreatheStep(Step):
    sessionRecorded = Signal(str)

    def __init__(self, context: AppContext, flow: Flow, parent: QWidget | None = None) -> None:
        super().__init__("breathe", flow.title("breathe"), flow.prompt("breathe"), parent)
        self.context = context
        self.outer.setContentsMargins(16, 8, 16, 8)
        self.outer.setSpacing(8)
        font = self.prompt.font()
        font.setPointSizeF(font.pointSizeF() / 1.25 * 1.1)
        self.prompt.setFont(font)
        self.panel = SessionPanel(context, BREATHE_STEP_PANEL)
        self.panel.outer.setSpacing(8)
        self.panel.pause_button.setToolTip("Pause or continue the breathing (Space on the circle)")
        self.panel.groundingFinished.connect(self.requestNext)
        self.rating_row = RatingRow(flow.get("breathe", "rating_prompt"))
        self.panel.add_row(self.rating_row)
        self.outer.addWidget(self.panel, 1)
        self.breathe_seconds = flow.breathe_seconds

    # -- what the flow uses ------------------------------------------------------------------
    @property
    def pacer(self) -> PacerWidget:
        return self.panel.pacer

    @property
    def controller(self) -> PacerController | None:
        return self.panel.controller

    @property
    def services(self) -> SessionServices | None:
        return self.panel.services

    @property
    def grounding(self) -> GroundingCard | None:
        return self.panel.grounding

    def rating(self) -> RatingRow:
        return self.rating_row

    def start(self) -> PacerController | None:
        """Start breathing now (no exercise at all: grounding instead)."""
        exercise = moment_exercise(self.context)
        if exercise is None:
            self.show_grounding()
            return None
        controller = self.panel.start(trim_exercise(exercise, self.breathe_seconds), "moment")
        if self.panel.services is not None:
            self.panel.services.recorded.connect(self.sessionRecorded)
        return controller

    @property
    def breathing(self) -> bool:
        return self.panel.model.breathing

    def stop(self) -> None:
        """End the breathing (leaving the flow); the time breathed is recorded."""
        self.panel.stop()

    def show_grounding(self) -> None:
        """G: senses instead of breath focus; the breathing pauses."""
        self.panel.show_grounding()

    def in_grounding(self) -> bool:
        return self.panel.in_grounding()

    # -- the step protocol -------------------------------------------------------------------
    def advance(self) -> bool:
        if self.grounding is not None and self.in_grounding():
            self.grounding.next()
            return True
        return False

    def retreat(self) -> bool:
        if self.grounding is not None and self.in_grounding():
            if self.grounding.index > 0:
                self.grounding.back()
            else:
                self.panel.leave_grounding()
            return True
        return False

    def enter(self) -> None:
        if self.grounding is not None and self.in_grounding():
            self.grounding.next_button.setFocus()
        else:
            self.pacer.setFocus()
