"""Step 4: anchoring statements, one at a time; star the ones that hold, write your own.

Next and Back page through the statements before the flow moves on. While the breathing from
step 1 is still running, a new statement comes with each out-breath (it stops at the last one,
and as soon as the user pages, stars or writes themselves). "Write your own" saves to
DATA_DIR/anchors/mine.yaml at once, so the statement is there next time.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.core.anchors import Anchor, AnchorSet, add_own_anchor, load_anchors, set_favourite
from app.core.engine import BreathState
from app.core.flow import Flow
from app.core.model import PhaseKind
from app.core.problems import FileProblems
from app.gui.context import AppContext
from app.gui.moment.record import MomentRecord
from app.gui.moment.step_base import Step, prompt_label
from widgets.announce import announce


#: Out-breaths a statement stays for when the flow paces them (at least one whole breath).
EXHALES_PER_STATEMENT = 2


class AnchorStep(Step):
    def __init__(self, context: AppContext, flow: Flow, record: MomentRecord, parent: QWidget | None = None) -> None:
        super().__init__("anchor", flow.title("anchor"), flow.prompt("anchor"), parent)
        self._exhales_since_shown = 0
        self.context = context
        self.record = record
        self.count = int(flow.get("anchor", "count"))
        self.anchor_set: AnchorSet = load_anchors(context.paths.anchors)
        self.anchors: list[Anchor] = []
        self.index = 0
        self.paced = False
        self.outer.addStretch(1)
        self.statement = prompt_label("", 1.6)
        self.statement.setObjectName("anchorStatement")
        self.statement.setMinimumHeight(120)
        self.outer.addWidget(self.statement)
        self.position = QLabel()
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.outer.addWidget(self.position)
        self.pacing_note = QLabel("A new line comes with each out-breath. Next and Back work too.")
        self.pacing_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pacing_note.hide()
        self.outer.addWidget(self.pacing_note)
        star_row = QHBoxLayout()
        star_row.addStretch(1)
        self.star_button = QPushButton()
        self.star_button.setCheckable(True)
        self.star_button.setToolTip("Keep this one among your favourites (F)")
        self.star_button.toggled.connect(self._starred)
        star_row.addWidget(self.star_button)
        star_row.addStretch(1)
        self.outer.addLayout(star_row)
        self.outer.addStretch(1)
        own = QVBoxLayout()
        own_label = QLabel("Write your own:")
        self.own_edit = QLineEdit()
        self.own_edit.setPlaceholderText("e.g. I can feel this and still be kind to myself.")
        self.own_edit.setAccessibleName("Write your own anchoring statement")
        own_label.setBuddy(self.own_edit)
        self.own_edit.textEdited.connect(lambda _t: self.stop_pacing())
        self.save_own_button = QPushButton("Save it")
        self.save_own_button.setAccessibleName("Save your own statement")
        self.save_own_button.clicked.connect(self.save_own)
        self.own_edit.returnPressed.connect(self.save_own)
        row = QHBoxLayout()
        row.addWidget(self.own_edit, 1)
        row.addWidget(self.save_own_button)
        own.addWidget(own_label)
        own.addLayout(row)
        self.own_status = QLabel()
        self.own_status.setWordWrap(True)
        own.addWidget(self.own_status)
        self.outer.addLayout(own)

    def begin(self, tag: str | None, breathing: bool) -> None:
        """Choose the statements for this trigger; pace them with the breath if it runs."""
        self.anchors = self.anchor_set.ordered(tag)[: self.count]
        self.index = 0
        self.paced = breathing and len(self.anchors) > 1
        self.pacing_note.setVisible(self.paced)
        if self.anchor_set.problems:
            self.own_status.setText("Some of your anchor files could not be read, so they are left out: " + str(self.anchor_set.problems[0]))
        self._show()

    def current(self) -> Anchor | None:
        return self.anchors[self.index] if 0 <= self.index < len(self.anchors) else None

    def _show(self) -> None:
        self._exhales_since_shown = 0
        anchor = self.current()
        if anchor is None:
            self.statement.setText("There are no statements yet. Write one of your own below.")
            self.position.clear()
            self.star_button.setEnabled(False)
            self.star_button.setText("☆ Keep this one")
            return
        self.statement.setText(anchor.text)
        self.statement.setAccessibleName(anchor.text)
        self.position.setText(f"{self.index + 1} of {len(self.anchors)}")
        starred = anchor.id in self.anchor_set.favourites
        self.star_button.setEnabled(True)
        self.star_button.blockSignals(True)
        self.star_button.setChecked(starred)
        self.star_button.blockSignals(False)
        self._star_text(starred)
        self.record.show_anchor(anchor.id, anchor.text, starred)
        announce(self.statement, anchor.text)

    def _star_text(self, starred: bool) -> None:
        self.star_button.setText("★ One of your favourites" if starred else "☆ Keep this one")
        self.star_button.setAccessibleName("Favourite: yes" if starred else "Mark as a favourite")

    def toggle_star(self) -> None:
        if self.star_button.isEnabled():
            self.star_button.toggle()

    def _starred(self, on: bool) -> None:
        anchor = self.current()
        if anchor is None:
            return
        self.stop_pacing()
        try:
            set_favourite(self.context.paths.anchors, anchor.id, on)
        except (FileProblems, OSError) as error:
            self.own_status.setText(f"Your star could not be saved: {_reason(error)}")
        if on:
            self.anchor_set.favourites.add(anchor.id)
        else:
            self.anchor_set.favourites.discard(anchor.id)
        self._star_text(on)
        self.record.show_anchor(anchor.id, anchor.text, on)

    def save_own(self) -> None:
        text = self.own_edit.text().strip()
        if not text:
            return
        self.stop_pacing()
        try:
            anchor = add_own_anchor(self.context.paths.anchors, text, {a.id for a in self.anchor_set.anchors})
        except (FileProblems, OSError) as error:
            self.own_status.setText(f"That could not be saved: {_reason(error)}")
            return
        self.anchor_set.anchors.append(anchor)
        self.anchors.insert(self.index + 1 if self.anchors else 0, anchor)
        self.index = self.anchors.index(anchor)
        self.own_edit.clear()
        self.own_status.setText("Saved. It will be here next time too.")
        self._show()

    def stop_pacing(self) -> None:
        self.paced = False
        self.pacing_note.hide()

    def on_phase(self, state: BreathState) -> None:
        """With each out-breath, the next statement (only while this step is shown)."""
        if not self.paced or not self.isVisible() or state.phase.kind != PhaseKind.EXHALE:
            return
        # A statement that arrived late in a breath stays for the whole next one: time to read it.
        self._exhales_since_shown += 1
        if self._exhales_since_shown < EXHALES_PER_STATEMENT:
            return
        if self.index < len(self.anchors) - 1:
            self.index += 1
            self._show()
        if self.index >= len(self.anchors) - 1:
            self.stop_pacing()

    def advance(self) -> bool:
        """Enter in "write your own" saves it; otherwise the next statement, then the next step."""
        self.stop_pacing()
        if self.own_edit.hasFocus() and self.own_edit.text().strip():
            self.save_own()
            return True
        if self.index < len(self.anchors) - 1:
            self.index += 1
            self._show()
            return True
        return False

    def retreat(self) -> bool:
        self.stop_pacing()
        if self.index > 0:
            self.index -= 1
            self._show()
            return True
        return False

    def enter(self) -> None:
        self.star_button.setFocus()


def _reason(error: Exception) -> str:
    if isinstance(error, FileProblems):
        return f"{error.problems[0]} (fix the file, then try again)"
    return str(getattr(error, "strerror", None) or error)
