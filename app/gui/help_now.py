"""Get help now (Ctrl+H, and a button under Breathe now): crisis lines, offline, by country.

The lines come from app.core.crisis_lines (built-in file, the user's file over it); the
country is the setting, or the system locale's. Nothing here opens a link or dials: Steady
never goes online, it only shows the numbers, large and selectable.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.core.crisis_lines import CrisisLines, chosen_country, load_crisis_lines
from app.gui.context import AppContext
from widgets.announce import announce

NOT_THERAPY = (
    "Steady is a companion for practice, not a crisis service. If you might hurt yourself, or you are "
    "in danger, please call someone now."
)


def describe_country(lines: CrisisLines, code: str | None) -> str:
    """The lines for `code` as rich text; the international advice and directory when unknown."""
    country = lines.for_country(code)
    parts: list[str] = []
    if country is not None:
        if country.emergency:
            parts.append(f"<p><b>Emergency: {html.escape(country.emergency)}</b></p>")
        for line in country.lines:
            how = []
            if line.phone:
                how.append(f"call <b>{html.escape(line.phone)}</b>")
            if line.text:
                how.append(f"text <b>{html.escape(line.text)}</b>")
            extra = " · ".join(html.escape(x) for x in (line.hours, line.note) if x)
            parts.append(
                f"<p><span style='font-size:large'>{html.escape(line.name)}</span><br>"
                f"{' or '.join(how)}{('<br>' + extra) if extra else ''}</p>"
            )
    else:
        parts.append(f"<p><b>{html.escape(lines.international)}</b></p>")
    if lines.directory:
        parts.append(f"<p>{html.escape(lines.directory)}</p>")
    return "".join(parts)


class CrisisLinesView(QWidget):
    """The lines for one country, with a box to pick another (saved as the setting)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.lines = load_crisis_lines(context.paths.crisis_lines)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        label = QLabel("&Country:")
        self.country = QComboBox()
        self.country.setAccessibleName("Country for crisis lines")
        label.setBuddy(self.country)
        self.country.addItem("Other country: international advice", "")
        for code, country in sorted(self.lines.countries.items(), key=lambda kv: kv[1].name):
            self.country.addItem(f"{country.name} ({code})", code)
        row.addWidget(label)
        row.addWidget(self.country, 1)
        layout.addLayout(row)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.body.setAccessibleName("Crisis lines")
        layout.addWidget(self.body)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setVisible(bool(self.lines.problems))
        if self.lines.problems:
            self.problems.setText("Your crisis-lines file could not be read, so the built-in list is shown:\n" + "\n".join(str(p) for p in self.lines.problems[:3]))
        layout.addWidget(self.problems)
        current = self.code()
        self.country.setCurrentIndex(max(0, self.country.findData(current or "")))
        self.country.currentIndexChanged.connect(self._picked)
        self._show()

    def code(self) -> str | None:
        """The country shown: the setting, else the locale's (when the list has it)."""
        code = chosen_country(self.context.settings.crisis_country)
        return code if code in self.lines.countries else None

    def _picked(self) -> None:
        self.context.update_settings(crisis_country=self.country.currentData() or "")
        self._show()

    def _show(self) -> None:
        code = self.country.currentData() or None
        self.body.setText(describe_country(self.lines, code))
        self.body.setAccessibleDescription(self.body.text())


class HelpNowDialog(QDialog):
    """The crisis lines in a window of their own, over whatever the user was doing."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Get help now")
        self.setAccessibleName("Get help now")
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        heading = QLabel("Get help now")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        heading.setFont(font)
        layout.addWidget(heading)
        intro = QLabel(NOT_THERAPY)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.view = CrisisLinesView(context)
        layout.addWidget(self.view)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 420)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        announce(self, NOT_THERAPY)
