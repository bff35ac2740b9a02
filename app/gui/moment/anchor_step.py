"""Step 4: anchoring statements, one at a time; star the ones that hold, write your own.

The statements, their order, the pacing with the breath and the saving are the anchor deck's
(app.core.moment.anchor_deck); this step shows the deck and forwards the user's star, words and
Enter to it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.flow import Flow
from app.core.moment.anchor_deck import NO_STATEMENTS, AnchorDeck
from app.gui.moment.step_base import Step, prompt_label
from widgets.announce import announce


class OwnStatementEdit(QLineEdit):
    """The "Write your own" field keeps Enter while it holds words (Enter saves them); empty, it
    leaves Enter to the flow, which moves on, as in every other field."""

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.text().strip()
        ):
            event.accept()
            return True
        return super().event(event)


class AnchorStep(Step):
    def __init__(self, flow: Flow, deck: AnchorDeck, parent: QWidget | None = None) -> None:
        super().__init__("anchor", flow.title("anchor"), flow.prompt("anchor"), parent)
        self.deck = deck
        self._announced: tuple[int, str] | None = None
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
        self.outer.addWidget(self.pacing_note)
        star_row = QHBoxLayout()
        star_row.addStretch(1)
        self.star_button = QPushButton()
        self.star_button.setCheckable(True)
        self.star_button.setToolTip("Keep this one among your favourites (F)")
        self.star_button.toggled.connect(deck.set_star)
        star_row.addWidget(self.star_button)
        star_row.addStretch(1)
        self.outer.addLayout(star_row)
        self.outer.addStretch(1)
        own = QVBoxLayout()
        own_label = QLabel("Write your own:")
        self.own_edit = OwnStatementEdit()
        self.own_edit.setPlaceholderText("e.g. I can feel this and still be kind to myself.")
        self.own_edit.setAccessibleName("Write your own anchoring statement")
        own_label.setBuddy(self.own_edit)
        self.own_edit.textEdited.connect(lambda _text: deck.writing())
        self.own_edit.returnPressed.connect(self.save_own)
        self.save_own_button = QPushButton("Save it")
        self.save_own_button.setAccessibleName("Save your own statement")
        self.save_own_button.clicked.connect(self.save_own)
        row = QHBoxLayout()
        row.addWidget(self.own_edit, 1)
        row.addWidget(self.save_own_button)
        own.addWidget(own_label)
        own.addLayout(row)
        self.own_status = QLabel()
        self.own_status.setWordWrap(True)
        own.addWidget(self.own_status)
        self.outer.addLayout(own)
        deck.changed.add(self._show)
        self._show()

    def save_own(self) -> None:
        if self.deck.save_own(self.own_edit.text()):
            self.own_edit.clear()

    def _show(self) -> None:
        deck = self.deck
        self.pacing_note.setVisible(deck.paced)
        self.own_status.setText(deck.status)
        anchor = deck.current()
        self.star_button.blockSignals(True)
        if anchor is None:
            self.statement.setText(NO_STATEMENTS)
            self.position.clear()
            self.star_button.setEnabled(False)
            self.star_button.setChecked(False)
        else:
            self.statement.setText(anchor.text)
            self.statement.setAccessibleName(anchor.text)
            self.position.setText(f"{deck.index + 1} of {len(deck.shown)}")
            self.star_button.setEnabled(True)
            self.star_button.setChecked(deck.is_favourite(anchor))
            if self._announced != (deck.index, anchor.id):
                self._announced = (deck.index, anchor.id)
                announce(self.statement, anchor.text)
        self.star_button.blockSignals(False)
        starred = self.star_button.isChecked()
        self.star_button.setText("★ One of your favourites" if starred else "☆ Keep this one")
        self.star_button.setAccessibleName("Favourite: yes" if starred else "Mark as a favourite")

    def enter(self) -> None:
        self.star_button.setFocus()
