"""Step 5: choose a response on purpose: wait, write it (don't send it), soothe, reach out.

Each choice opens its own panel below the four buttons. The choice, the check-in and the
user's lists are the respond part's (app.core.moment.respond); this step shows them and
forwards the user's clicks.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

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
from app.core.moment.respond import RESPONSES, Respond
from app.gui.context import AppContext
from app.gui.help_now import CrisisLinesView
from app.gui.moment.draft_pad import DraftPad
from app.gui.moment.step_base import Step
from widgets.choice_button import ChoiceButton

#: The words on each response's button.
CHOICE_TITLES: dict[str, str] = {
    "wait": "Wait, and check in later",
    "draft": "Write it, don't send it",
    "soothe": "Soothe myself",
    "reach-out": "Reach out to someone",
}

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


def _edit_button(title: str, accessible_name: str, edit: Callable[[], None]) -> QPushButton:
    button = QPushButton(title)
    button.setAccessibleName(accessible_name)
    button.clicked.connect(edit)
    return button


def _user_list(accessible_name: str, max_height: int) -> QListWidget:
    shown = QListWidget()
    shown.setAccessibleName(accessible_name)
    shown.setWordWrap(True)
    shown.setMaximumHeight(max_height)
    return shown


class RespondStep(Step):
    def __init__(
        self, context: AppContext, flow: Flow, respond: Respond, edit_list: EditList, parent: QWidget | None = None
    ) -> None:
        super().__init__("respond", flow.title("respond"), flow.prompt("respond"), parent)
        self.respond = respond
        row = QHBoxLayout()
        row.addStretch(1)
        self.group = QButtonGroup(self)
        self.choice_buttons: dict[str, ChoiceButton] = {}
        for key in RESPONSES:
            button = ChoiceButton(CHOICE_TITLES[key])
            button.setAccessibleName(CHOICE_TITLES[key])
            self.group.addButton(button)
            button.clicked.connect(partial(respond.choose, key))
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
        for minutes in flow.wait_minutes:
            wait_button = QPushButton(f"Check in with me in {minutes} minutes")
            wait_button.clicked.connect(partial(respond.wait, minutes))
            wait_row.addWidget(wait_button)
            self.wait_buttons.append(wait_button)
        wait_row.addStretch(1)
        wait_layout.addLayout(wait_row)
        self.wait_status = _words("")
        self.wait_status.setAccessibleName("Check-in")
        wait_layout.addWidget(self.wait_status)
        wait_layout.addStretch(1)

        self.draft = DraftPad(respond.draft, flow.starters)

        soothe, soothe_layout = _panel()
        soothe_layout.addWidget(_words("Your own ways to be kind to your body for a few minutes. Pick one and do it slowly."))
        self.soothe_list = _user_list("Soothing things", 240)
        soothe_layout.addWidget(self.soothe_list, 1)
        edit_soothe = _edit_button("Edit my list…", "Edit my list of soothing things", partial(edit_list, "respond", "soothe"))
        soothe_layout.addWidget(edit_soothe, 0, Qt.AlignmentFlag.AlignLeft)

        reach, reach_layout = _panel()
        columns = QHBoxLayout()
        people = QVBoxLayout()
        people.addWidget(_words("<b>People you can reach</b>"))
        self.support_list = _user_list("People you can reach", 180)
        people.addWidget(self.support_list, 1)
        edit_people = _edit_button("Edit people…", "Edit the people you can reach", partial(edit_list, "respond", "support"))
        people.addWidget(edit_people, 0, Qt.AlignmentFlag.AlignLeft)
        people.addWidget(_words("<b>Notes from your therapist</b>"))
        self.notes = _words("")
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.notes.setAccessibleName("Notes from your therapist")
        people.addWidget(self.notes)
        edit_notes = _edit_button(
            "Edit notes…", "Edit notes from your therapist", partial(edit_list, "respond", "therapist_notes")
        )
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

        self.panel_for: dict[str, QWidget] = {"wait": wait, "draft": self.draft, "soothe": soothe, "reach-out": reach}
        for panel in self.panel_for.values():
            self.panels.addWidget(panel)
        respond.changed.add(self._show)
        respond.lists_changed.add(self._show_lists)
        self._show()
        self._show_lists()

    def _show(self) -> None:
        choice = self.respond.choice
        if choice is not None:
            self.choice_buttons[choice].setChecked(True)
            self.panels.setCurrentWidget(self.panel_for[choice])
        self.wait_status.setText(self.respond.checkin)

    def _show_lists(self) -> None:
        """The user's lists (again, after an edit)."""
        flow = self.respond.flow
        self.soothe_list.clear()
        self.soothe_list.addItems(list(flow.soothe) or ["Your list is empty. Add a few things that calm you."])
        self.support_list.clear()
        self.support_list.addItems(list(flow.support) or ["No one here yet. Add people you trust, and how to reach them."])
        self.notes.setText(flow.therapist_notes or "Nothing yet. If you see a therapist, you can keep their suggestions here.")

    def enter(self) -> None:
        checked = self.group.checkedButton()
        (checked or self.choice_buttons["wait"]).setFocus()
