"""The welcome on the first plain start of Steady: three short screens, each one skippable.

Shown only for ``steady`` with no command (``LaunchRequest.command == "open"``) while
``settings.first_run_done`` is false; never for ``steady now`` or ``steady breathe``, which are
for moments when nobody should be asked to read. It is a page inside the window, not a modal
dialog: the "Breathe now" button stays in view, and a ``steady now`` that arrives meanwhile simply
switches to the pacer. Finishing or skipping marks it done; if it is left any other way it
comes back on the next plain start.

Screens: 1) what Steady is and is not, and the breathing-safety note; 2) choices: crisis-line
country (when that feature is present), sound, motion; 3) an optional first reminder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.reminders.schedule import EVERY_DAY, Reminder
from app.core.reminders.store import new_reminder_id
from app.core.settings_model import MOTION_LABELS
from app.gui.context import AppContext

if TYPE_CHECKING:
    from app.core.settings import Settings
    from app.gui.handover import LaunchRequest
    from app.gui.main_window import MainWindow

WHAT_STEADY_IS = (
    "Steady is a companion for practice. It helps you slow your breathing, notice what your body "
    "is telling you, and come back to words that steady you, in a hard moment and in a few quiet "
    "minutes a day."
)
WHAT_STEADY_IS_NOT = (
    "It is not therapy and not a crisis service. If things feel like too much, a therapist can help, "
    "and Ctrl+H shows people you can call right now."
)
BREATHING_SAFETY = (
    "Breathe gently, never forcefully: small, soft breaths are enough. If you feel dizzy, light-headed "
    "or tingly, stop and let your breath find its own pace. Patterns with long holds or a fast pace "
    "show a caution before they start. If watching your breath makes you more anxious, choose "
    "\"Try grounding\" instead; that is a good choice too."
)


def wants_welcome(request: LaunchRequest, settings: Settings) -> bool:
    return request.command == "open" and not settings.first_run_done


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _text(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _crisis_countries(context: AppContext) -> list[tuple[str, str]] | None:
    """(code, name) pairs when the crisis-line feature and its setting exist; else None."""
    if "crisis_country" not in type(context.settings)._fields:
        return None
    try:
        from app.core.crisis_lines import load_crisis_lines
    except ImportError:
        return None
    lines = load_crisis_lines(context.paths.crisis_lines)
    return sorted(((code, country.name) for code, country in lines.countries.items()), key=lambda pair: pair[1])


class WelcomePage(QWidget):
    """The three screens; `finished` when done or skipped (both mark the welcome done)."""

    finished = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("Welcome")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 20)
        self.screens = QStackedWidget()
        outer.addWidget(self.screens, 1)
        self.screens.addWidget(self._about_screen())
        self.screens.addWidget(self._choices_screen())
        self.screens.addWidget(self._reminder_screen())
        row = QHBoxLayout()
        self.skip_button = QPushButton("Skip welcome")
        self.skip_button.setToolTip("Go straight to Steady; everything here is also in Settings")
        self.skip_button.clicked.connect(self.finish)
        self.step = QLabel()
        self.step.setAccessibleName("Step")
        self.back_button = QPushButton("Back")
        self.back_button.clicked.connect(lambda: self.go(self.screens.currentIndex() - 1))
        self.next_button = QPushButton("Next")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self._next)
        row.addWidget(self.skip_button)
        row.addStretch(1)
        row.addWidget(self.step)
        row.addWidget(self.back_button)
        row.addWidget(self.next_button)
        outer.addLayout(row)
        back = lambda: self.go(self.screens.currentIndex() - 1)  # noqa: E731
        for key, slot in (("Right", self._next), ("Return", self._next), ("Enter", self._next), ("Left", back), ("Esc", self.finish)):
            QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut).activated.connect(slot)
        self.go(0)

    # -- screens -----------------------------------------------------------------------
    def _about_screen(self) -> QWidget:
        screen = QWidget()
        layout = QVBoxLayout(screen)
        layout.addWidget(_heading("Welcome to Steady"))
        layout.addWidget(_text(WHAT_STEADY_IS))
        layout.addWidget(_text(WHAT_STEADY_IS_NOT))
        layout.addSpacing(8)
        layout.addWidget(_heading("Breathing safely"))
        layout.addWidget(_text(BREATHING_SAFETY))
        layout.addStretch(1)
        return screen

    def _choices_screen(self) -> QWidget:
        screen = QWidget()
        layout = QVBoxLayout(screen)
        layout.addWidget(_heading("A few choices"))
        layout.addWidget(_text("You can change any of these later in Settings."))
        form = QFormLayout()
        layout.addLayout(form)
        self.country: QComboBox | None = None
        countries = _crisis_countries(self.context)
        if countries is not None:
            self.country = QComboBox()
            self.country.setAccessibleName("Country for crisis lines")
            self.country.addItem("Use my computer's country", "")
            for code, name in countries:
                self.country.addItem(name, code)
            self.country.setCurrentIndex(max(0, self.country.findData(getattr(self.context.settings, "crisis_country", ""))))
            form.addRow("Help lines for:", self.country)
        self.sound = QCheckBox("Play soft sound cues at each breath")
        self.sound.setChecked(self.context.settings.sound_enabled)
        form.addRow("Sound:", self.sound)
        self.motion = QComboBox()
        self.motion.setAccessibleName("Motion")
        for value, label in MOTION_LABELS:
            self.motion.addItem(label, value)
        self.motion.setCurrentIndex(max(0, self.motion.findData(self.context.settings.motion)))
        form.addRow("Motion:", self.motion)
        layout.addStretch(1)
        return screen

    def _reminder_screen(self) -> QWidget:
        screen = QWidget()
        layout = QVBoxLayout(screen)
        layout.addWidget(_heading("A daily practice, if you like"))
        layout.addWidget(
            _text(
                "A few minutes of slow breathing on calm days makes it easier to find in hard ones. "
                "Steady can remind you once a day. A missed day is simply a new day."
            )
        )
        self.remind = QCheckBox("Remind me every day")
        self.remind.setChecked(False)
        layout.addWidget(self.remind)
        form = QFormLayout()
        self.time = QTimeEdit(QTime(19, 0))
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("Reminder time")
        form.addRow("At:", self.time)
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 60)
        self.minutes.setValue(5)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Reminder length")
        form.addRow("For:", self.minutes)
        layout.addLayout(form)
        for widget in (self.time, self.minutes):
            widget.setMaximumWidth(120)
            widget.setEnabled(False)
            self.remind.toggled.connect(widget.setEnabled)
        layout.addStretch(1)
        return screen

    # -- moving ------------------------------------------------------------------------
    def go(self, index: int) -> None:
        index = max(0, min(self.screens.count() - 1, index))
        self.screens.setCurrentIndex(index)
        last = index == self.screens.count() - 1
        self.step.setText(f"{index + 1} of {self.screens.count()}")
        self.back_button.setVisible(index > 0)
        self.next_button.setText("Start using Steady" if last else "Next")
        self.next_button.setFocus()

    def _next(self) -> None:
        if self.screens.currentIndex() == self.screens.count() - 1:
            self.finish(save_choices=True)
        else:
            self.go(self.screens.currentIndex() + 1)

    def finish(self, save_choices: bool = False) -> None:
        """Mark the welcome done; with `save_choices`, also keep what the screens set."""
        changes: dict[str, object] = {"first_run_done": True}
        if save_choices:
            changes.update(sound_enabled=self.sound.isChecked(), motion=self.motion.currentData())
            if self.country is not None:
                changes["crisis_country"] = self.country.currentData()
            if self.remind.isChecked():
                time = self.time.time()
                reminder = Reminder(
                    new_reminder_id(), EVERY_DAY, time.hour(), time.minute(),
                    self.context.settings.moment_exercise, self.minutes.value(),
                )
                changes["reminders"] = (*self.context.settings.reminders, reminder)
        self.context.update_settings(**changes)
        self.finished.emit()


def show_welcome_if_first_run(window: MainWindow, request: LaunchRequest) -> WelcomePage | None:
    """Called once at start-up with the request that started Steady; the welcome is a screen
    outside the side bar's list, removed when finished or skipped."""
    if not wants_welcome(request, window.context.settings):
        return None
    page = WelcomePage(window.context)
    window.show_unlisted_page(page)

    def done() -> None:
        window.show_exercise_list()
        window.remove_unlisted_page(page)

    page.finished.connect(done)
    page.next_button.setFocus()
    return page
