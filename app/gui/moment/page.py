"""The Moment page: one FlowView per triggered moment, and a quiet screen between moments.

A FlowView builds its breathing step (and starts the pacer) first, and a flow run
(app.core.moment.run.FlowRun) that decides everything else: which step shows, what is saved,
which keys are live. The other steps are built the first time the run shows them, so
`steady now` paints the pacer before anything else exists. Keys (docs/keys.md): Enter or Right
next, Left back, S skip, 0-9 and Up/Down rating, G grounding, F favourite, Esc leave. They are
shortcuts on the view, so text fields keep the keys they type with (Qt gives a focused line edit
its printable keys and arrows first); each goes to the run, and only the run's live keys are on.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.flow import STEPS
from app.core.flow_files import FlowLoad, load_flow
from app.core.moment.record import MomentRecord
from app.core.moment.run import FlowRun, FlowSetup, KeyGroup
from app.gui.context import AppContext
from app.gui.moment.breathe_step import BreatheStep
from app.gui.moment.step_base import Step, prompt_label
from widgets.announce import announce
from widgets.first_paint import after_first_paint

if TYPE_CHECKING:
    from app.core.engine import BreathState
    from app.core.moment.respond import ScheduleCheckIn
    from widgets.pacer import PacerWidget


def _button(text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.clicked.connect(slot)
    return button


class FlowView(QWidget):
    """One run of the flow, from the first breath to the close (or Esc)."""

    finished = Signal(str)  # how it ended: "done" or the step left from

    def __init__(
        self,
        context: AppContext,
        flow_load: FlowLoad,
        schedule_checkin: ScheduleCheckIn,
        show_help: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("Triggered moment")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        header = QHBoxLayout()
        header.setContentsMargins(16, 0, 16, 0)
        self.step_label = QLabel()
        self.step_label.setObjectName("stepLabel")
        header.addWidget(self.step_label)
        header.addStretch(1)
        self.help_button = _button("Get help now", "Crisis lines, if it feels like too much (Ctrl+H)", show_help)
        self.help_button.setAccessibleName("Get help now")
        header.addWidget(self.help_button)
        layout.addLayout(header)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)

        self.breathe = BreatheStep(context, flow_load.flow)
        setup = FlowSetup(
            anchors_dir=context.paths.anchors,
            flows_dir=context.paths.flows,
            wall_clock=context.wall_clock,
            timers=context.timers,
            draft_minutes=lambda: context.settings.draft_cooling_minutes,
            schedule_checkin=schedule_checkin,
            owner=self,
        )
        self.run = FlowRun(flow_load.flow, MomentRecord(lambda: context.history), self.breathe, setup)
        self.run.step_changed.add(self._show_step)
        self.run.rating_changed.add(self._show_rating)
        self.run.finished.add(self.finished.emit)

        nav = QHBoxLayout()
        nav.setContentsMargins(16, 0, 16, 0)
        self.leave_button = _button("Leave", "Leave the flow; what you entered is saved (Esc)", self.run.leave)
        self.back_button = _button("Back", "Back (Left)", self.run.back)
        self.skip_button = _button("Skip", "Skip this step (S)", self.run.skip)
        self.next_button = _button("Next", "Next (Enter or Right)", self.run.next)
        nav.addWidget(self.leave_button)
        nav.addStretch(1)
        for button in (self.back_button, self.skip_button, self.next_button):
            nav.addWidget(button)
        layout.addLayout(nav)

        self.steps: dict[str, Step] = {}
        self.breathe.requestNext.connect(self.run.next)
        self.breathe.sessionRecorded.connect(lambda session_id: self.run.record.update(session_id=session_id))
        self._add_step(self.breathe)
        self._shortcuts: dict[KeyGroup, list[QShortcut]] = {}
        self._bind(("Return", "Enter", "Right"), self.run.next, KeyGroup.NAV)
        self._bind(("Left",), self.run.back, KeyGroup.NAV)
        self._bind(("S",), self.run.skip, KeyGroup.NAV)
        self._bind(("Esc",), self.run.leave, KeyGroup.NAV)
        for digit in range(10):
            self._bind((str(digit),), partial(self.run.rate, digit), KeyGroup.RATING)
        self._bind(("Up",), partial(self.run.step_rating, 1), KeyGroup.RATING)
        self._bind(("Down",), partial(self.run.step_rating, -1), KeyGroup.RATING)
        self._bind(("G",), self.run.ground, KeyGroup.GROUNDING)
        self._bind(("F",), self.run.star, KeyGroup.STAR)
        self.breathe.start()
        if self.breathe.controller is not None:
            self.breathe.controller.phaseChanged.connect(self._breath_phase)
        self._show_step()
        # The history database opens only once the pacer is up (a zero timer would run before its
        # first paint); leaving earlier records the moment too (FlowRun.leave).
        after_first_paint(self.breathe.pacer, self.run.record.start)

    # -- building ------------------------------------------------------------------------
    def _bind(self, keys: tuple[str, ...], slot: Callable[[], object], group: KeyGroup) -> None:
        for key in keys:
            shortcut = QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self._shortcuts.setdefault(group, []).append(shortcut)

    def _add_step(self, step: Step) -> None:
        self.steps[step.key] = step
        self.stack.addWidget(step)
        row = step.rating()
        if row is not None:
            value = self.run.rating(step.key)
            if value is not None:
                row.set_value(value)
            row.changed.connect(partial(self.run.set_rating, step.key))

    def step(self, key: str) -> Step:
        """The step for `key`, built on first use."""
        if key not in self.steps:
            self._add_step(self._build(key))
        return self.steps[key]

    def _build(self, key: str) -> Step:
        from app.gui.moment import steps as small

        flow = self.run.flow
        if key == "notice":
            return small.NoticeStep(flow, self.run.notice)
        if key == "trigger":
            return small.TriggerStep(flow, self.run.trigger, partial(self.edit_list, "trigger", "choices"))
        if key == "anchor":
            from app.gui.moment.anchor_step import AnchorStep

            return AnchorStep(flow, self.run.anchors)
        if key == "respond":
            from app.gui.moment.respond_step import RespondStep

            return RespondStep(self.context, flow, self.run.respond, self.edit_list)
        if key == "close":
            return small.CloseStep(flow, self.run.acknowledgement())
        raise KeyError(key)

    # -- following the run ---------------------------------------------------------------------
    @property
    def current(self) -> Step:
        return self.step(self.run.current)

    @property
    def ended(self) -> bool:
        return self.run.ended

    def _show_step(self) -> None:
        step = self.current
        position = f"Step {self.run.index + 1} of {len(STEPS)}"
        self.stack.setCurrentWidget(step)
        self.step_label.setText(f"{position} · {step.title}")
        self.back_button.setEnabled(self.run.index > 0)
        self.next_button.setText("Finish" if self.run.is_last else "Next")
        live = self.run.live_keys()
        for group, shortcuts in self._shortcuts.items():
            for shortcut in shortcuts:
                shortcut.setEnabled(group in live)
        step.enter()
        text = f"{position}: {step.title}. {step.prompt_text}"
        self.setAccessibleDescription(text)
        announce(self, text)

    def _show_rating(self, key: str, value: int) -> None:
        row = self.step(key).rating()
        if row is not None:
            row.set_value(value)

    def _breath_phase(self, state: BreathState) -> None:
        """The breathing paces the anchors only while the user can see them."""
        if self.isVisible():
            self.run.on_breath_phase(state.phase.kind)

    def leave(self) -> None:
        """Esc: save what was entered so far and leave (a draft only if the user kept it)."""
        self.run.leave()

    # -- the user's lists --------------------------------------------------------------------
    def edit_list(self, section: str, key: str) -> None:
        from app.core.moment.lists import EDITABLE
        from app.gui.moment.list_editor import ListEditDialog

        texts = EDITABLE[(section, key)]
        dialog = ListEditDialog(texts.title, texts.help, self.run.list_text(section, key), self, free_text=texts.free_text)
        if dialog.exec() != ListEditDialog.DialogCode.Accepted:
            return
        problem = self.run.save_list(section, key, dialog.edited())
        if problem is not None:
            self.context.notify(problem, "warning", key="flow-file")

    @property
    def pacer(self) -> PacerWidget:
        return self.breathe.pacer


class MomentPage(QWidget):
    """The page: a running FlowView, or a calm screen to start one from."""

    flowStarted = Signal(object)

    def __init__(
        self, context: AppContext, schedule_checkin: ScheduleCheckIn, show_help: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.schedule_checkin = schedule_checkin
        self.show_help = show_help
        self.setAccessibleName("Moment")
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.view: FlowView | None = None
        self.rest = QWidget()
        rest_layout = QVBoxLayout(self.rest)
        rest_layout.setContentsMargins(32, 32, 32, 32)
        rest_layout.addStretch(1)
        self.rest_message = prompt_label("When something sets you off, start here. Breathing comes first; everything else is optional.")
        rest_layout.addWidget(self.rest_message)
        start_row = QHBoxLayout()
        start_row.addStretch(1)
        self.start_button = QPushButton("Begin with breathing")
        self.start_button.setAccessibleName("Start a triggered moment")
        self.start_button.clicked.connect(self.start_flow)
        start_row.addWidget(self.start_button)
        start_row.addStretch(1)
        rest_layout.addLayout(start_row)
        rest_layout.addStretch(2)
        self.stack.addWidget(self.rest)
        self.rest_shortcut = QShortcut(QKeySequence("Return"), self.rest, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.rest_shortcut.activated.connect(self.start_flow)

    @property
    def running(self) -> bool:
        return self.view is not None and not self.view.ended

    def start_flow(self) -> bool:
        """Start a new moment; False (nothing new) when one is already open."""
        if self.running:
            return False
        loaded = load_flow(self.context.paths.flows)
        old = self.view
        self.view = FlowView(self.context, loaded, self.schedule_checkin, self.show_help)
        self.view.finished.connect(self._ended)
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        if loaded.problems:
            self.context.notify(
                "Your flow file could not be used, so the built-in words are shown:\n" + "\n".join(str(p) for p in loaded.problems[:3]),
                "warning",
                key="flow-file",
            )
        self.view.current.enter()
        self.flowStarted.emit(self.view)
        return True

    def _ended(self, how: str) -> None:
        if how == "done":
            self.rest_message.setText("Saved. Your moments are on the Progress page whenever you want to look back.")
        else:
            self.rest_message.setText("You left the flow, and what you entered is saved. Come back whenever you need to.")
        self.stack.setCurrentWidget(self.rest)
        self.start_button.setFocus()
        announce(self, self.rest_message.text())
