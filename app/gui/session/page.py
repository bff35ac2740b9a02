"""The Breathe page: choose an exercise, then breathe with the pacer.

The session panel (app.gui.session_panel.panel) is built first; the exercise list
(app/gui/session/chooser.py) and the grounding card are built on first use, so that
`steady breathe` paints a running pacer before anything else is set up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from app.core.model import Exercise
from app.core.session.panel import PanelSpec
from app.gui.context import AppContext
from app.gui.session_panel.controller import PacerController
from app.gui.session_panel.panel import SessionPanel

if TYPE_CHECKING:
    from app.gui.session.chooser import ExerciseChooser

#: The page offers everything: the exercise's name, Stop and Done, its own keys (Space, Esc,
#: G), and a grounding card that fills the panel.
BREATHE_PAGE_PANEL = PanelSpec()


class BreathePage(QWidget):
    """Chooser and session on one page; `start_exercise` goes straight to a running pacer."""

    sessionStarted = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("Breathe")
        self.stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.session = SessionPanel(context, BREATHE_PAGE_PANEL, margins=(16, 8, 16, 16))
        self.session.leaveRequested.connect(self.show_chooser)
        self.stack.addWidget(self.session)
        self._chooser: ExerciseChooser | None = None

    @property
    def chooser(self) -> ExerciseChooser:
        """Built on first use, so that a direct start paints the pacer first."""
        if self._chooser is None:
            from app.gui.session.chooser import ExerciseChooser

            self._chooser = ExerciseChooser(self.context)
            self._chooser.startRequested.connect(self.start_exercise)
            self._chooser.refresh()
            self.stack.addWidget(self._chooser)
        return self._chooser

    def start_exercise(self, exercise_id: str, source: str = "practice", on_recorded: Callable[[str], object] | None = None) -> bool:
        """Breathe with the library's `exercise_id`; an unknown id is told and the list shown."""
        exercise = self.context.library.get(exercise_id)
        if exercise is None:
            self.context.notify(f"There is no exercise called '{exercise_id}'. Pick one from the list.", "warning", key="unknown-exercise")
            self.show_chooser()
            return False
        self.start(exercise, source, on_recorded)
        return True

    def start(self, exercise: Exercise, source: str, on_recorded: Callable[[str], object] | None = None) -> PacerController:
        """Breathe with `exercise` now (a reminder's practice, cut to its minutes, comes here too);
        `on_recorded` gets the history's id for the session once it is written."""
        self.stack.setCurrentWidget(self.session)
        controller = self.session.start(exercise, source)
        if on_recorded is not None and self.session.services is not None:
            self.session.services.when_recorded(on_recorded)
        self.sessionStarted.emit(controller)
        return controller

    def show_chooser(self) -> None:
        self.session.stop()
        chooser = self.chooser
        self.stack.setCurrentWidget(chooser)
        chooser.list.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        """Shown before any session ran: the list to choose from, not an idle pacer."""
        super().showEvent(event)
        if self.stack.currentWidget() is self.session and self.session.controller is None:
            self.show_chooser()
