"""The small steps of the flow: notice, name the trigger, close (built when first shown).

Each binds to its part of the flow run (app.core.moment) and forwards what the user does.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.flow import Flow
from app.core.moment.notice import SignalTicks
from app.core.moment.trigger import TriggerPick
from app.gui.moment.rating import RatingRow
from app.gui.moment.step_base import Step, prompt_label


class NoticeStep(Step):
    """Body signals, thoughts and urges to tick, a column a group; each tick is saved at once."""

    def __init__(self, flow: Flow, ticks: SignalTicks, parent: QWidget | None = None) -> None:
        super().__init__("notice", flow.title("notice"), flow.prompt("notice"), parent)
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(6)
        self.boxes: list[QCheckBox] = []
        for column, group in enumerate(ticks.groups):
            heading = QLabel(group.title)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            grid.addWidget(heading, 0, column, Qt.AlignmentFlag.AlignTop)
            for line, item in enumerate(group.items, start=1):
                box = QCheckBox(item)
                box.setAccessibleName(item)
                box.setAccessibleDescription(group.title)
                box.setChecked(item in ticks.ticked)
                box.toggled.connect(partial(ticks.tick, item))
                grid.addWidget(box, line, column)
                self.boxes.append(box)
        grid.setRowStretch(grid.rowCount(), 1)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addLayout(grid)
        centred.addStretch(1)
        self.outer.addSpacing(12)
        self.outer.addLayout(centred, 1)

    def enter(self) -> None:
        if self.boxes:
            self.boxes[0].setFocus()


class TriggerStep(Step):
    """Pick a trigger from the user's list, or write it; the list can be edited."""

    def __init__(self, flow: Flow, pick: TriggerPick, edit_list: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__("trigger", flow.title("trigger"), flow.prompt("trigger"), parent)
        self.pick = pick
        self.list = QListWidget()
        self.list.setAccessibleName("Things that set this off")
        self.list.setMaximumWidth(520)
        self.list.setMaximumHeight(280)
        self.list.setSpacing(3)
        self.list.itemSelectionChanged.connect(self._picked)
        self.own = QLineEdit()
        self.own.setPlaceholderText("Or in your own words")
        self.own.setAccessibleName("What set this off, in your own words")
        self.own.setMaximumWidth(520)
        self.own.textEdited.connect(pick.write)
        self.own.editingFinished.connect(pick.commit)
        self.edit_button = QPushButton("Edit this list…")
        self.edit_button.setAccessibleName("Edit the list of triggers")
        self.edit_button.clicked.connect(edit_list)
        column = QVBoxLayout()
        column.addWidget(self.list, 1)
        column.addWidget(self.own)
        column.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(column, 3)
        row.addStretch(1)
        self.outer.addLayout(row, 1)
        pick.changed.add(self._show)
        self._show()

    def _show(self) -> None:
        """The list, the pick and the words as the model has them (without telling it back)."""
        self.list.blockSignals(True)
        texts = [choice.text for choice in self.pick.choices]
        if texts != [self.list.item(i).text() for i in range(self.list.count())]:
            self.list.clear()
            for text in texts:
                self.list.addItem(QListWidgetItem(text))
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setSelected(item.text() == self.pick.picked)
        self.list.blockSignals(False)
        if self.own.text() != self.pick.typed:
            self.own.setText(self.pick.typed)

    def _picked(self) -> None:
        selected = self.list.selectedItems()
        self.pick.pick(selected[0].text() if selected else None)

    def enter(self) -> None:
        if not self.list.selectedItems():
            self.list.setCurrentRow(-1)  # so that the first Down picks the first trigger
        self.list.setFocus()


class CloseStep(Step):
    """How strong is it now, and a short acknowledgement."""

    def __init__(self, flow: Flow, acknowledgement: str, parent: QWidget | None = None) -> None:
        super().__init__("close", flow.title("close"), flow.prompt("close"), parent)
        self.prompt.hide()
        self.rating_row = RatingRow(flow.prompt("close"))
        font = self.rating_row.prompt.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.rating_row.prompt.setFont(font)
        self.outer.addStretch(1)
        self.outer.addWidget(self.rating_row)
        self.acknowledgement = prompt_label(acknowledgement, 1.1)
        self.acknowledgement.setObjectName("acknowledgement")
        self.outer.addWidget(self.acknowledgement)
        self.outer.addStretch(1)

    def rating(self) -> RatingRow:
        return self.rating_row

    def enter(self) -> None:
        self.rating_row.buttons[self.rating_row.value() or 0].setFocus()
