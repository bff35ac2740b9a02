"""The Moment page: one FlowView per triggered moment, and a quiet screen between moments.

A FlowView builds its breathing step (and starts the pacer) first; the other steps are built
the first time they are shown, so `steady now` paints the pacer before anything else exists.
Keys (docs/keys.md): Enter or Right next, Left back, S skip, 0-9 and Up/Down rating, G
grounding, F favourite, Esc leave. They are shortcuts on the view, so text fields keep the
keys they type with (Qt gives a focused line edit its printable keys and arrows first).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from app.core.flow import STEPS, Flow, FlowLoad, load_flow, save_user_value
from app.core.problems import FileProblems
from app.gui.context import AppContext
from app.gui.moment.breathe_step import BreatheStep
from app.gui.moment.record import MomentRecord
from app.gui.moment.step_base import Step, prompt_label
from widgets.announce import announce
from widgets.first_paint import after_first_paint

EDIT_TEXTS: dict[tuple[str, str], tuple[str, str]] = {
    ("trigger", "choices"): ("Things that set you off", "One per line. They are offered on the Name it step."),
    ("respond", "soothe"): ("Soothing things", "One per line: small, kind things you can do for your body."),
    ("respond", "support"): ("People you can reach", "One per line, with how to reach them, e.g. Sam: 07700 900123."),
    ("respond", "therapist_notes"): ("Notes from your therapist", "Anything your therapist suggested for moments like this."),
}


class FlowView(QWidget):
    """One run of the flow, from the first breath to the close (or Esc)."""

    finished = Signal(str)  # how it ended: "done" or the step left from

    def __init__(
        self,
        context: AppContext,
        flow_load: FlowLoad,
        schedule_checkin: Callable[[int], str],
        show_help: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.flow: Flow = flow_load.flow
        self.schedule_checkin = schedule_checkin
        self.record = MomentRecord(context)
        self.ended = False
        self._anchor_tag: object = ()
        self.setAccessibleName("Triggered moment")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        header = QHBoxLayout()
        header.setContentsMargins(16, 0, 16, 0)
        self.step_label = QLabel()
        self.step_label.setObjectName("stepLabel")
        header.addWidget(self.step_label)
        header.addStretch(1)
        self.help_button = QPushButton("Get help now")
        self.help_button.setToolTip("Crisis lines, if it feels like too much (Ctrl+H)")
        self.help_button.setAccessibleName("Get help now")
        self.help_button.clicked.connect(show_help)
        header.addWidget(self.help_button)
        layout.addLayout(header)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        nav = QHBoxLayout()
        nav.setContentsMargins(16, 0, 16, 0)
        self.leave_button = QPushButton("Leave")
        self.leave_button.setToolTip("Leave the flow; what you entered is saved (Esc)")
        self.leave_button.clicked.connect(self.leave)
        self.back_button = QPushButton("Back")
        self.back_button.setToolTip("Back (Left)")
        self.back_button.clicked.connect(self.back)
        self.skip_button = QPushButton("Skip")
        self.skip_button.setToolTip("Skip this step (S)")
        self.skip_button.clicked.connect(self.skip)
        self.next_button = QPushButton("Next")
        self.next_button.setToolTip("Next (Enter or Right)")
        self.next_button.clicked.connect(self.next)
        nav.addWidget(self.leave_button)
        nav.addStretch(1)
        for button in (self.back_button, self.skip_button, self.next_button):
            nav.addWidget(button)
        layout.addLayout(nav)
        self.problems = flow_load.problems

        self.steps: dict[str, Step] = {}
        self.index = 0
        self.breathe = BreatheStep(context, self.flow)
        self.breathe.requestNext.connect(self.next)
        self.breathe.sessionRecorded.connect(lambda sid: self.record.update(session_id=sid))
        self.breathe.rating_row.changed.connect(lambda value: self.record.update(distress_before=value))
        self._add_step(self.breathe)
        self._shortcuts: dict[str, list[QShortcut]] = {}
        self._bind(("Return", "Enter", "Right"), self.next, "nav")
        self._bind(("Left",), self.back, "nav")
        self._bind(("S",), self.skip, "nav")
        self._bind(("Esc",), self.leave, "nav")
        for digit in range(10):
            self._bind((str(digit),), lambda d=digit: self._rate(d), "rating")
        self._bind(("Up",), lambda: self._step_rating(1), "rating")
        self._bind(("Down",), lambda: self._step_rating(-1), "rating")
        self._bind(("G",), self._grounding, "grounding")
        self._bind(("F",), self._favourite, "anchor")
        self.breathe.start()
        self._show_step()
        # The history database opens only once the pacer is up (a zero timer would run before its
        # first paint); leaving earlier records the moment too (see _end).
        after_first_paint(self.breathe.pacer, self.record.start)

    # -- building ------------------------------------------------------------------------
    def _bind(self, keys: tuple[str, ...], slot: Callable[[], object], group: str) -> None:
        for key in keys:
            shortcut = QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self._shortcuts.setdefault(group, []).append(shortcut)

    def _add_step(self, step: Step) -> None:
        self.steps[step.key] = step
        self.stack.addWidget(step)

    def step(self, key: str) -> Step:
        """The step for `key`, built on first use."""
        if key not in self.steps:
            self._add_step(self._build(key))
        return self.steps[key]

    def _build(self, key: str) -> Step:
        from app.gui.moment import steps as small

        if key == "notice":
            return small.NoticeStep(self.flow, self.record)
        if key == "trigger":
            return small.TriggerStep(self.flow, self.record, lambda: self.edit_list("trigger", "choices"))
        if key == "anchor":
            from app.gui.moment.anchor_step import AnchorStep

            step = AnchorStep(self.context, self.flow, self.record)
            if self.breathe.controller is not None:
                self.breathe.controller.phaseChanged.connect(step.on_phase)
            return step
        if key == "respond":
            from app.gui.moment.respond_step import RespondStep

            return RespondStep(self.context, self.flow, self.record, self.schedule_checkin, self.edit_list)
        if key == "close":
            acknowledgements = self.flow.get("close", "acknowledgements")
            pick = zlib.crc32((self.record.moment_id or "").encode()) % len(acknowledgements)
            return small.CloseStep(self.flow, self.record, acknowledgements[pick])
        raise KeyError(key)

    # -- moving --------------------------------------------------------------------------
    @property
    def current(self) -> Step:
        return self.step(STEPS[self.index])

    def next(self) -> None:
        if self.ended or self.current.advance():
            return
        self._go(self.index + 1)

    def skip(self) -> None:
        if not self.ended:
            self._go(self.index + 1)

    def back(self) -> None:
        if self.ended or self.current.retreat():
            return
        if self.index > 0:
            self._go(self.index - 1)

    def _go(self, index: int) -> None:
        self.current.leave()
        if index >= len(STEPS):
            self.finish()
            return
        self.index = index
        self._show_step()

    def _show_step(self) -> None:
        step = self.current
        if step.key == "anchor":
            tag = self.flow.tag_for(self.record.value("trigger"))
            if tag != self._anchor_tag:
                self._anchor_tag = tag
                step.begin(tag, self.breathe.breathing)  # type: ignore[attr-defined]
        self.stack.setCurrentWidget(step)
        self.record.update(ended_step=step.key)
        self.step_label.setText(f"Step {self.index + 1} of {len(STEPS)} · {step.title}")
        self.back_button.setEnabled(self.index > 0)
        self.next_button.setText("Finish" if self.index == len(STEPS) - 1 else "Next")
        for group, shortcuts in self._shortcuts.items():
            on = (
                group == "nav"
                or (group == "rating" and step.rating() is not None)
                or (group == "grounding" and step.key == "breathe")
                or (group == "anchor" and step.key == "anchor")
            )
            for shortcut in shortcuts:
                shortcut.setEnabled(on)
        step.enter()
        text = f"Step {self.index + 1} of {len(STEPS)}: {step.title}. {step.prompt_text}"
        self.setAccessibleDescription(text)
        announce(self, text)

    def _rate(self, value: int) -> None:
        row = self.current.rating()
        if row is not None:
            row.set_value(value)

    def _step_rating(self, delta: int) -> None:
        row = self.current.rating()
        if row is not None:
            row.step(delta)

    def _grounding(self) -> None:
        if self.current is self.breathe:
            self.breathe.show_grounding()

    def _favourite(self) -> None:
        step = self.current
        if step.key == "anchor":
            step.toggle_star()  # type: ignore[attr-defined]

    # -- the user's lists --------------------------------------------------------------------
    def edit_list(self, section: str, key: str) -> None:
        from app.gui.moment.list_editor import ListEditDialog

        title, help_text = EDIT_TEXTS[(section, key)]
        value = self.flow.get(section, key)
        free = key == "therapist_notes"
        current = value if free else [c.text if hasattr(c, "text") else c for c in value]
        dialog = ListEditDialog(title, help_text, current, self, free_text=free)
        if dialog.exec() != ListEditDialog.DialogCode.Accepted:
            return
        if key == "choices":
            by_text = {c.text: c for c in value}
            new_value: object = tuple(by_text.get(t) or t for t in dialog.lines())
        else:
            new_value = dialog.text() if free else tuple(dialog.lines())
        try:
            save_user_value(self.context.paths.flows, section, key, new_value)
        except FileProblems as error:
            self.context.notify(
                f"Your list was not saved, because your flow file has a problem; fix it first: {error.problems[0]}",
                "warning",
                key="flow-file",
            )
            return
        except OSError as error:
            self.context.notify(f"Your list could not be saved ({error.strerror or error}).", "warning", key="flow-file")
            return
        self.flow = load_flow(self.context.paths.flows).flow
        if "trigger" in self.steps:
            self.steps["trigger"].set_choices(self.flow)  # type: ignore[attr-defined]
        if "respond" in self.steps:
            self.steps["respond"].set_flow(self.flow)  # type: ignore[attr-defined]

    # -- ending --------------------------------------------------------------------------
    def finish(self) -> None:
        """After the close step: saved, breathing stopped."""
        self._end("done")

    def leave(self) -> None:
        """Esc: save what was entered so far and leave (a draft only if the user kept it)."""
        if self.ended:
            return
        self.current.leave()
        self._end(STEPS[self.index])

    def _end(self, how: str) -> None:
        self.ended = True
        self.breathe.stop()
        self.record.start()
        self.record.update(ended_step=how)
        self.finished.emit(how)

    @property
    def pacer(self):  # noqa: ANN201 - a PacerWidget
        return self.breathe.pacer


class MomentPage(QWidget):
    """The page: a running FlowView, or a calm screen to start one from."""

    flowStarted = Signal(object)

    def __init__(self, context: AppContext, schedule_checkin: Callable[[int], str], show_help: Callable[[], None], parent: QWidget | None = None) -> None:
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
