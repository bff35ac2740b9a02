"""F1: the keys, and a reminder of what Steady is and is not (built only when asked for)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from app.gui.keys import KEYS


class HelpDialog(QDialog):
    """F1: the keys, and a reminder of what Steady is and is not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Steady help")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Steady is a companion for practice, not therapy. If things feel too much, "
            "Ctrl+H shows people you can call."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        table = QTableWidget(len(KEYS), 2)
        table.setAccessibleName("Keys")
        table.setHorizontalHeaderLabels(["Key", "What it does"])
        for row, (key, what) in enumerate(KEYS):
            table.setItem(row, 0, QTableWidgetItem(key))
            table.setItem(row, 1, QTableWidgetItem(what))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 420)
