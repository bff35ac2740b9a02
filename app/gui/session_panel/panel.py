"""The one session panel: pacer, caution, controls and the grounding card, for every screen that breathes.

The Breathe page and the flow's breathe step both show this panel; a
:class:`~app.core.session.panel.PanelSpec` says what each offers (the step has no title, Stop or
Done, keeps its rating row and buttons in view while grounding, and routes its own keys). The
rules live in :class:`~app.core.session.panel.SessionPanelModel`: this widget builds the
controls, draws the model's :class:`~app.core.session.panel.Controls` after every change, and
forwards clicks and keys to it. The grounding card is built the first time it is asked for, so
a direct start paints the pacer first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.engine import BreathState
from app.core.model import Exercise
from app.core.safety import caution_text
from app.core.session.panel import Focus, PanelSpec, SessionPanelModel
from app.gui.context import AppContext
from app.gui.session_panel.controller import PacerController
from app.gui.session_panel.services import SessionServices
from widgets.pacer import PacerWidget

if TYPE_CHECKING:
    from widgets.grounding import GroundingCard


class SessionPanel(QWidget):
    """Runs sessions on one screen; see the module docstring.

    Signals:
        leaveRequested(): Done, or Esc on the end screen (the Breathe page shows its list).
        groundingFinished(): the grounding card's last prompt was done (the flow moves on).
    """

    leaveRequested = Signal()
    groundingFinished = Signal()

    def __init__(
        self, context: AppContext, spec: PanelSpec, parent: QWidget | None = None, *, margins: tuple[int, int, int, int] = (0, 0, 0, 0)
    ) -> None:
        """`margins` frame the pacer and its controls; a grounding card that fills the panel goes edge to edge."""
        super().__init__(parent)
        self.context = context
        self.model = SessionPanelModel(spec, self._show)
        self.controller: PacerController | None = None
        self.services: SessionServices | None = None
        self.grounding: GroundingCard | None = None
        self._margins = margins
        layout = self.outer = QVBoxLayout(self)

        self.head = QWidget()
        head = QVBoxLayout(self.head)
        head.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.2)
        self.title.setFont(title_font)
        self.title.setVisible(spec.title)
        head.addWidget(self.title)
        self.caution = QLabel()
        self.caution.setWordWrap(True)
        self.caution.setObjectName("caution")
        self.caution.setAccessibleName("Caution")
        self.caution.hide()
        head.addWidget(self.caution)
        layout.addWidget(self.head)

        self.stage = QStackedWidget()
        self.pacer = PacerWidget(parent=self.stage)
        self.pacer.set_reduced_motion(context.reduced_motion)
        self.stage.addWidget(self.pacer)
        layout.addWidget(self.stage, 1)
        self.ended_note = QLabel(spec.ended_note)
        self.ended_note.setWordWrap(True)
        self.ended_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ended_note.hide()
        layout.addWidget(self.ended_note)
        self._rows = QVBoxLayout()
        layout.addLayout(self._rows)

        self.control_row = QWidget()
        row = QHBoxLayout(self.control_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.grounding_button = QPushButton("Breathing feels worse? Try grounding")
        self.grounding_button.setToolTip("A senses exercise instead of breath focus (G)")
        self.grounding_button.clicked.connect(self.show_grounding)
        self.pause_button = QPushButton("Pause")
        self.pause_button.setToolTip("Pause or continue (Space)")
        self.pause_button.clicked.connect(self.model.toggle_pause)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setToolTip("Stop this session (Esc)")
        self.stop_button.clicked.connect(self.escape)
        self.keep_going_button = QPushButton("Keep going")
        self.keep_going_button.setToolTip("Carry on breathing at this pace")
        self.keep_going_button.clicked.connect(self.model.keep_going)
        self.done_button = QPushButton("Done")
        self.done_button.clicked.connect(self.leaveRequested)
        row.addWidget(self.grounding_button)
        row.addStretch(1)
        for button in (self.pause_button, self.stop_button, self.keep_going_button, self.done_button):
            row.addWidget(button)
        layout.addWidget(self.control_row)

        self._pacer_keys: list[QShortcut] = []
        if spec.own_keys:
            for key, slot in (("Space", self.model.toggle_pause), ("G", self.show_grounding), ("Esc", self.escape)):
                shortcut = QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
                if key != "Esc":
                    self._pacer_keys.append(shortcut)
        context.settingsChanged.connect(lambda _s: self.pacer.set_reduced_motion(context.reduced_motion))
        self._show()

    def add_row(self, widget: QWidget) -> None:
        """A row of the host's under the pacer, above the controls (the flow's rating)."""
        self._rows.addWidget(widget)

    # -- sessions --------------------------------------------------------------------------
    def start(self, exercise: Exercise, source: str) -> PacerController:
        """Run `exercise` here, recorded with `source`; the session shown before stops."""
        previous = self.controller
        if previous is not None:
            self.model.close()
            previous.deleteLater()
        self.controller = PacerController(exercise, self.context.clock, self.context.timers, parent=self)
        self.controller.attach(self.pacer)
        self.services = SessionServices(self.controller, self.context, source)
        self.title.setText(exercise.name)
        caution = caution_text(exercise)
        self.caution.setText(caution or "")
        self.model.open(self.controller.run, caution)
        self.pacer.setFocus()
        return self.controller

    def state(self) -> BreathState | None:
        return self.model.state()

    def stop(self) -> None:
        """End the session if it has not ended (the time breathed is recorded)."""
        self.model.stop()

    def escape(self) -> None:
        """Esc stops a running session; on the end screen it leaves; on the grounding card it goes back."""
        if self.model.escape():
            self.leaveRequested.emit()

    # -- grounding -------------------------------------------------------------------------
    def show_grounding(self) -> None:
        """G: senses instead of breath focus; the breathing pauses."""
        self.model.ground()

    def in_grounding(self) -> bool:
        return self.model.grounding

    def leave_grounding(self) -> None:
        """Back to the (paused) pacer; off the screen if the session is over."""
        if self.model.leave_grounding():
            self.leaveRequested.emit()

    def _grounding_done(self) -> None:
        self.leave_grounding()
        self.groundingFinished.emit()

    def _grounding_card(self) -> GroundingCard:
        if self.grounding is None:
            from widgets.grounding import (
                GroundingCard,  # built when asked for, not before the first frame
            )

            self.grounding = GroundingCard(own_keys=self.model.spec.own_keys)
            self.grounding.finished.connect(self._grounding_done)
            self.stage.addWidget(self.grounding)
        return self.grounding

    # -- drawing the model -------------------------------------------------------------------
    def _show(self) -> None:
        controls = self.model.controls()
        self.outer.setContentsMargins(*(self._margins if controls.chrome else (0, 0, 0, 0)))
        self.head.setVisible(controls.chrome and (self.model.spec.title or bool(self.model.caution)))
        self.caution.setVisible(bool(self.model.caution))
        self.control_row.setVisible(controls.chrome)
        self.pause_button.setVisible(controls.pause is not None)
        if controls.pause is not None:
            self.pause_button.setText(controls.pause.value)
        self.stop_button.setVisible(controls.stop)
        self.keep_going_button.setVisible(controls.keep_going)
        self.done_button.setVisible(controls.done)
        self.ended_note.setVisible(controls.ended_note)
        for shortcut in self._pacer_keys:
            shortcut.setEnabled(controls.pacer_keys)
        if controls.grounding and self.stage.currentWidget() is self.pacer:
            card = self._grounding_card()
            card.restart()
            self.stage.setCurrentWidget(card)
            card.next_button.setFocus()
        elif not controls.grounding and self.stage.currentWidget() is not self.pacer:
            self.stage.setCurrentWidget(self.pacer)
            self.pacer.setFocus()
        else:
            self._keep_focus_here(controls.focus)

    def _keep_focus_here(self, focus: Focus) -> None:
        """When a control hides itself (Keep going, Pause at the end), Qt hands focus to the next
        widget in the window, often Breathe now, where Space would leave this session: keep it here."""
        if not self.isVisible():
            return
        focused = QApplication.focusWidget()
        if focused is None or not focused.isVisible() or not self.isAncestorOf(focused):
            target: QWidget = self.pacer
            if focus == Focus.DONE:
                target = self.done_button
            elif focus == Focus.GROUNDING and self.grounding is not None:
                target = self.grounding.next_button
            target.setFocus()
