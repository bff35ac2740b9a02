"""The Breathe page: choose an exercise, then breathe with the pacer.

The pacer view is built first; the exercise list (app/gui/exercise_chooser.py) and the
grounding card are built on first use, so that `steady breathe` paints a running pacer before
anything else is set up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from app.core.engine import BreathState, SessionStatus
from app.core.safety import caution_text
from app.core.model import Exercise

if TYPE_CHECKING:
    from app.gui.exercise_chooser import ExerciseChooser
    from widgets.grounding import GroundingCard
from app.gui.context import AppContext
from app.gui.session_services import SessionControlsMixin, SessionServices, attach_session_services
from app.gui.session.controller import PacerController
from widgets.pacer import PacerWidget


class SessionView(SessionControlsMixin, QWidget):
    """The pacer with its controls; Space pauses, Esc stops and then leaves."""

    leaveRequested = Signal()
    groundingRequested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.controller: PacerController | None = None
        self.services: SessionServices | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 16)
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.2)
        self.title.setFont(title_font)
        layout.addWidget(self.title)
        self.caution = QLabel()
        self.caution.setWordWrap(True)
        self.caution.setObjectName("caution")
        self.caution.setAccessibleName("Caution")
        self.caution.hide()
        layout.addWidget(self.caution)
        self.pacer = PacerWidget(parent=self)
        self.pacer.set_reduced_motion(context.reduced_motion)
        layout.addWidget(self.pacer, 1)
        row = QHBoxLayout()
        self.pause_button = QPushButton("Pause")
        self.pause_button.setToolTip("Pause or continue (Space)")
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setToolTip("Stop this session (Esc)")
        self.stop_button.clicked.connect(self.escape)
        self.keep_going_button = QPushButton("Keep going")
        self.keep_going_button.setToolTip("Carry on breathing at this pace")
        self.keep_going_button.clicked.connect(self.keep_going)
        self.done_button = QPushButton("Done")
        self.done_button.clicked.connect(self.leaveRequested)
        self.grounding_button = QPushButton("Breathing feels worse? Try grounding")
        self.grounding_button.setToolTip("A senses exercise instead of breath focus (G)")
        self.grounding_button.clicked.connect(self.groundingRequested)
        row.addWidget(self.grounding_button)
        row.addStretch(1)
        for button in (self.pause_button, self.stop_button, self.keep_going_button, self.done_button):
            row.addWidget(button)
        layout.addLayout(row)
        for key, slot in (("Space", self.toggle_pause), ("Esc", self.escape), ("G", self.groundingRequested.emit)):
            shortcut = QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        context.settingsChanged.connect(lambda _s: self.pacer.set_reduced_motion(context.reduced_motion))
        self._show_controls(SessionStatus.READY)

    def start(self, exercise: Exercise, source: str = "practice") -> PacerController:
        if self.controller is not None:
            self.controller.stop()
            self.controller.deleteLater()
        self.controller = PacerController(exercise, self.context.clock, self.context.timers, parent=self)
        self.controller.attach(self.pacer)
        self.services = attach_session_services(self.controller, self.context, source)
        self.controller.statusChanged.connect(self._on_status)
        self.controller.finished.connect(lambda _state: self._show_controls(self.controller.state().status))
        self.title.setText(exercise.name)
        caution = caution_text(exercise)
        self.caution.setText(caution or "")
        self.caution.setVisible(bool(caution))
        if caution:
            # A caution is read before beginning, not beside a pacer that already runs.
            self._show_controls(SessionStatus.READY)
        else:
            self.controller.start()
            self._show_controls(SessionStatus.RUNNING)
        self.pacer.setFocus()
        return self.controller

    def escape(self) -> None:
        """Esc stops a running session; on the end screen it leaves."""
        if self.controller is None or self.controller.state().ended:
            self.leaveRequested.emit()
            return
        if self.controller.session.overtime:
            self.controller.finish_now()
        else:
            self.controller.stop()
        self._show_controls(self.controller.state().status)

    def state(self) -> BreathState | None:
        return self.controller.state() if self.controller else None

    def _on_status(self, status: str) -> None:
        self._show_controls(SessionStatus(status))

    def _show_controls(self, status: SessionStatus) -> None:
        ended = status in (SessionStatus.FINISHED, SessionStatus.STOPPED)
        self.pause_button.setVisible(not ended)
        self.pause_button.setText({SessionStatus.PAUSED: "Continue", SessionStatus.READY: "Begin"}.get(status, "Pause"))
        self.stop_button.setVisible(not ended)
        self.keep_going_button.setVisible(status == SessionStatus.FINISHED)
        self.done_button.setVisible(ended)
        self._keep_focus_here(self.done_button if ended else self.pacer)

    def _keep_focus_here(self, target: QWidget) -> None:
        """When a control hides itself (Keep going, Pause at the end), Qt hands focus to the next
        widget in the window, often Breathe now, where Space would leave this session: keep it here."""
        if not self.isVisible():
            return
        focused = QApplication.focusWidget()
        if focused is None or not focused.isVisible() or not self.isAncestorOf(focused):
            target.setFocus()


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
        self.session = SessionView(context)
        self.session.leaveRequested.connect(self.show_chooser)
        self.session.groundingRequested.connect(self.show_grounding)
        self.stack.addWidget(self.session)
        self._chooser: ExerciseChooser | None = None
        self._grounding: GroundingCard | None = None

    @property
    def chooser(self) -> ExerciseChooser:
        """Built on first use, so that a direct start paints the pacer first."""
        if self._chooser is None:
            from app.gui.exercise_chooser import ExerciseChooser

            self._chooser = ExerciseChooser(self.context)
            self._chooser.startRequested.connect(self.start_exercise)
            self._chooser.refresh()
            self.stack.addWidget(self._chooser)
        return self._chooser

    def start_exercise(self, exercise_id: str, source: str = "practice") -> bool:
        exercise = self.context.library.get(exercise_id)
        if exercise is None:
            self.context.notify(f"There is no exercise called '{exercise_id}'. Pick one from the list.", "warning", key="unknown-exercise")
            self.show_chooser()
            return False
        self.stack.setCurrentWidget(self.session)
        controller = self.session.start(exercise, source)
        self.sessionStarted.emit(controller)
        return True

    def show_chooser(self) -> None:
        if self.session.controller is not None and not self.session.controller.state().ended:
            self.session.controller.stop()
        chooser = self.chooser
        self.stack.setCurrentWidget(chooser)
        chooser.list.setFocus()

    def show_grounding(self) -> None:
        if self.session.controller is not None and self.session.controller.state().status == SessionStatus.RUNNING:
            self.session.controller.pause()
        if self._grounding is None:
            from widgets.grounding import GroundingCard

            self._grounding = GroundingCard()
            self._grounding.finished.connect(self._after_grounding)
            self._grounding.leaveRequested.connect(self._after_grounding)
            self.stack.addWidget(self._grounding)
        self._grounding.restart()
        self.stack.setCurrentWidget(self._grounding)
        self._grounding.next_button.setFocus()

    def _after_grounding(self) -> None:
        if self.session.controller is not None and not self.session.controller.state().ended:
            self.stack.setCurrentWidget(self.session)
            self.session.pacer.setFocus()
        else:
            self.show_chooser()
