"""Step 5: choose a response on purpose: wait, write it (don't send it), soothe, reach out.

Each choice opens its own panel below the four buttons; the last one chosen is the moment's
response. A check-in is owned by the feature (it outlives the flow); the draft pad keeps its
text out of the history unless asked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.flow import Flow
from app.gui.context import AppContext
from app.gui.help_now import CrisisLinesView
from app.gui.moment.draft_pad import DraftPad
from app.gui.moment.record import MomentRecord
from app.gui.moment.step_base import Step
from widgets.choice_button import ChoiceButton

CHOICES: tuple[tuple[str, str, str], ...] = (
    ("wait", "Wait, and check in later", "Let it wait"),
    ("draft", "Write it, don't send it", "Write it down"),
    ("soothe", "Soothe myself", "Something soothing"),
    ("reach-out", "Reach out to someone", "Reach out"),
)

#: Check-in scheduler: minutes -> the words to show (when it will come).
ScheduleCheckIn = Callable[[int], str]
#: Opens the editor for one list of the flow: (section, key) -> None.
EditList = Callable[[str, str], None]


def _panel() -> tuple[QWidget, QVBoxLayout]:
    widget = QWidget()
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 8, 0, 0)
    return widget, layout


def _words(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class RespondStep(Step):
    def __init__(
        self,
        context: AppContext,
        flow: Flow,
        record: MomentRecord,
        schedule_checkin: ScheduleCheckIn,
        edit_list: EditList,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("respond", flow.title("respond"), flow.prompt("respond"), parent)
        self.context = context
        self.record = record
        self.schedule_checkin = schedule_checkin
        row = QHBoxLayout()
        row.addStretch(1)
        self.group = QButtonGroup(self)
        self.choice_buttons: dict[str, ChoiceButton] = {}
        for key, title, _short in CHOICES:
            button = ChoiceButton(title)
            button.setAccessibleName(title)
            self.group.addButton(button)
            button.clicked.connect(lambda _c=False, k=key: self.choose(k))
            row.addWidget(button)
            self.choice_buttons[key] = button
        row.addStretch(1)
        self.outer.addLayout(row)
        self.panels = QStackedWidget()
        self.outer.addWidget(self.panels, 1)
        self.empty = _words("")
        self.panels.addWidget(self.empty)

        wait, wait_layout = _panel()
        wait_layout.addWidget(_words(
            "Not every question needs an answer tonight. Let it wait, and do something kind for yourself meanwhile. "
            "Steady will check in with you here, in this window."
        ))
        wait_row = QHBoxLayout()
        self.wait_buttons: list[QPushButton] = []
        for minutes in flow.get("respond", "wait_minutes"):
            button = QPushButton(f"Check in with me in {minutes} minutes")
            button.clicked.connect(lambda _c=False, m=minutes: self._wait(m))
            wait_row.addWidget(button)
            self.wait_buttons.append(button)
        wait_row.addStretch(1)
        wait_layout.addLayout(wait_row)
        self.wait_status = _words("")
        self.wait_status.setAccessibleName("Check-in")
        wait_layout.addWidget(self.wait_status)
        wait_layout.addStretch(1)

        self.draft = DraftPad(context, record, tuple(flow.get("respond", "starters")))

        soothe, soothe_layout = _panel()
        soothe_layout.addWidget(_words("Your own ways to be kind to your body for a few minutes. Pick one and do it slowly."))
        self.soothe_list = QListWidget()
        self.soothe_list.setAccessibleName("Soothing things")
        self.soothe_list.setWordWrap(True)
        self.soothe_list.setMaximumHeight(240)
        soothe_layout.addWidget(self.soothe_list, 1)
        edit_soothe = QPushButton("Edit my list…")
        edit_soothe.setAccessibleName("Edit my list of soothing things")
        edit_soothe.clicked.connect(lambda: edit_list("respond", "soothe"))
        soothe_layout.addWidget(edit_soothe, 0, Qt.AlignmentFlag.AlignLeft)

        reach, reach_layout = _panel()
        columns = QHBoxLayout()
        people = QVBoxLayout()
        people.addWidget(_words("<b>People you can reach</b>"))
        self.support_list = QListWidget()
        self.support_list.setAccessibleName("People you can reach")
        self.support_list.setWordWrap(True)
        self.support_list.setMaximumHeight(180)
        people.addWidget(self.support_list, 1)
        edit_people = QPushButton("Edit people…")
        edit_people.setAccessibleName("Edit the people you can reach")
        edit_people.clicked.connect(lambda: edit_list("respond", "support"))
        people.addWidget(edit_people, 0, Qt.AlignmentFlag.AlignLeft)
        people.addWidget(_words("<b>Notes from your therapist</b>"))
        self.notes = _words("")
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.notes.setAccessibleName("Notes from your therapist")
        people.addWidget(self.notes)
        edit_notes = QPushButton("Edit notes…")
        edit_notes.setAccessibleName("Edit notes from your therapist")
        edit_notes.clicked.connect(lambda: edit_list("respond", "therapist_notes"))
        people.addWidget(edit_notes, 0, Qt.AlignmentFlag.AlignLeft)
        people.addStretch(1)
        columns.addLayout(people, 1)
        crisis = QVBoxLayout()
        crisis.addWidget(_words("<b>If it feels like too much</b>"))
        self.crisis_view = CrisisLinesView(context)
        crisis.addWidget(self.crisis_view)
        crisis.addStretch(1)
        columns.addLayout(crisis, 1)
        reach_layout.addLayout(columns, 1)

        self.panel_for = {"wait": wait, "draft": self.draft, "soothe": soothe, "reach-out": reach}
        for panel in self.panel_for.values():
            self.panels.addWidget(panel)
        self.set_flow(flow)

    def set_flow(self, flow: Flow) -> None:
        """Show the user's lists (again, after an edit)."""
        self.soothe_list.clear()
        self.soothe_list.addItems(list(flow.get("respond", "soothe")) or ["Your list is empty. Add a few things that calm you."])
        self.support_list.clear()
        self.support_list.addItems(list(flow.get("respond", "support")) or ["No one here yet. Add people you trust, and how to reach them."])
        notes = flow.get("respond", "therapist_notes")
        self.notes.setText(notes or "Nothing yet. If you see a therapist, you can keep their suggestions here.")

    def choose(self, key: str) -> None:
        self.choice_buttons[key].setChecked(True)
        self.panels.setCurrentWidget(self.panel_for[key])
        self.record.update(response=key)

    def _wait(self, minutes: int) -> None:
        self.wait_status.setText(self.schedule_checkin(minutes))

    def leave(self) -> None:
        self.draft.save()

    def enter(self) -> None:
        checked = self.group.checkedButton()
        (checked or self.choice_buttons["wait"]).setFocus()
