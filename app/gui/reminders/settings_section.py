"""Settings for daily practice: the reminder list and editor, the tray, start at login, the data folder.

The list and the editor are bound to app.core.reminders.editor (`ReminderList`, `ReminderDraft`):
they hold which reminder is chosen, the words of each row and of the status line, which day
boxes are ticked and whether the reminder may be saved. Every change saves at once through
``context.update_settings``, like the rest of the Settings page.
"""

from __future__ import annotations

from PySide6.QtCore import QTime, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.reminders import words
from app.core.reminders.editor import DAYS, MINUTES_RANGE, ReminderDraft, ReminderList
from app.gui import autostart
from app.gui.context import AppContext
from app.gui.tray import resume_reminders, tray_available


class ReminderDialog(QDialog):
    """Add or change one reminder: days, time, exercise, minutes (the `draft` holds them)."""

    def __init__(self, draft: ReminderDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.setWindowTitle(draft.title)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        days_row = QHBoxLayout()
        self.day_boxes: list[QCheckBox] = []
        for day in DAYS:
            box = QCheckBox(day.label)
            box.setAccessibleName(day.name)
            box.setChecked(day.number in draft.days)
            box.toggled.connect(lambda on, number=day.number: self._set_day(number, on))
            days_row.addWidget(box)
            self.day_boxes.append(box)
        form.addRow("Days:", days_row)
        self.time = QTimeEdit(QTime(draft.hour, draft.minute))
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("Time")
        self.time.timeChanged.connect(lambda time: draft.set_time(time.hour(), time.minute()))
        form.addRow("&Time:", self.time)
        self.exercise = QComboBox()
        self.exercise.setAccessibleName("Exercise")
        for exercise_id, label in draft.exercise_choices:
            self.exercise.addItem(label, exercise_id)
        self.exercise.setCurrentIndex(max(0, self.exercise.findData(draft.exercise_id)))
        self.exercise.currentIndexChanged.connect(lambda _i: draft.set_exercise(self.exercise.currentData()))
        form.addRow("&Exercise:", self.exercise)
        self.minutes = QSpinBox()
        self.minutes.setRange(*MINUTES_RANGE)
        self.minutes.setSuffix(" min")
        self.minutes.setValue(draft.minutes)
        self.minutes.setAccessibleName("Minutes")
        self.minutes.valueChanged.connect(draft.set_minutes)
        form.addRow("&Length:", self.minutes)
        self.enabled = QCheckBox("Remind me")
        self.enabled.setChecked(draft.enabled)
        self.enabled.toggled.connect(draft.set_enabled)
        form.addRow("", self.enabled)
        self.note = QLabel(words.PICK_A_DAY)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._show_validity()

    def _set_day(self, number: int, on: bool) -> None:
        self.draft.set_day(number, on)
        self._show_validity()

    def _show_validity(self) -> None:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(self.draft.can_save)
        self.note.setText(self.draft.note)
        self.note.setVisible(bool(self.draft.note))


class ReminderSettings(QWidget):
    """The "Daily practice" group and the background rows of the Settings page."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = ReminderList(
            lambda: context.settings, lambda: context.library, context.wall_clock, context.zone,
            lambda reminders: context.update_settings(reminders=reminders),
        )
        self.dialog: ReminderDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        group = QGroupBox("Daily practice reminders")
        group_layout = QVBoxLayout(group)
        self.list = QListWidget()
        self.list.setAccessibleName("Reminders")
        self.list.setMaximumHeight(110)
        self.list.currentRowChanged.connect(self.model.select)
        self.list.itemActivated.connect(lambda _item: self.edit_current())
        group_layout.addWidget(self.list)
        self.empty = QLabel(words.NO_REMINDERS)
        self.empty.setWordWrap(True)
        group_layout.addWidget(self.empty)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Reminder status")
        group_layout.addWidget(self.status)
        row = QHBoxLayout()
        self.add_button = QPushButton("&Add reminder…")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton("Change…")
        self.edit_button.clicked.connect(self.edit_current)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_current)
        self.resume_button = QPushButton("Resume reminders")
        self.resume_button.clicked.connect(lambda: resume_reminders(context))
        for button in (self.add_button, self.edit_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.resume_button)
        group_layout.addLayout(row)
        layout.addWidget(group)

        form = QFormLayout()
        layout.addLayout(form)
        has_tray = tray_available()
        self.tray = QCheckBox("Keep Steady running in the tray when I close the window")
        self.tray.setChecked(context.settings.tray and has_tray)
        self.tray.setEnabled(has_tray)
        self.tray.toggled.connect(lambda on: context.update_settings(tray=on))
        form.addRow("Background:", self.tray)
        self.tray_note = QLabel(words.NO_TRAY_NOTE)
        self.tray_note.setWordWrap(True)
        self.tray_note.setAccessibleName("No system tray")
        self.tray_note.setVisible(not has_tray)
        form.addRow("", self.tray_note)
        self.login = QCheckBox("Start Steady when I log in")
        self.login.setChecked(context.settings.start_at_login)
        self.login.toggled.connect(self._set_login)
        form.addRow("Login:", self.login)
        self.open_folder = QPushButton("Open data folder")
        self.open_folder.setToolTip(str(context.paths.root))
        self.open_folder.clicked.connect(self.open_data_folder)
        form.addRow("", self.open_folder)

        self.refresh()
        context.settingsChanged.connect(lambda _s: self.refresh())
        context.libraryChanged.connect(self.refresh)

    # -- list --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the model's rows, choice and status again (after any change of settings or library)."""
        rows = self.model.rows()
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems([row.text for row in rows])
        index = self.model.selected_index()
        self.list.setCurrentRow(-1 if index is None else index)
        self.list.blockSignals(False)
        self.list.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.edit_button.setEnabled(bool(rows))
        self.remove_button.setEnabled(bool(rows))
        self.status.setText(self.model.status())
        self.status.setVisible(bool(self.status.text()))
        self.resume_button.setVisible(self.model.paused())

    def add(self) -> ReminderDialog:
        return self._open_dialog(self.model.new_draft())

    def edit_current(self) -> ReminderDialog | None:
        draft = self.model.edit_draft()
        return self._open_dialog(draft) if draft is not None else None

    def _open_dialog(self, draft: ReminderDraft) -> ReminderDialog:
        """Non-blocking (`open`, not `exec`), so a `steady now` arriving meanwhile is never held up."""
        self.dialog = ReminderDialog(draft, self)
        self.dialog.accepted.connect(lambda: self.model.save_draft(draft))
        self.dialog.open()
        return self.dialog

    def remove_current(self) -> None:
        self.model.remove_selected()

    # -- background --------------------------------------------------------------------
    def _set_login(self, on: bool) -> None:
        try:
            autostart.set_enabled(on, self.context.paths.root)
        except OSError as error:
            self.context.notify(
                f"Steady could not {'add' if on else 'remove'} its login entry ({error.strerror or error}).",
                "warning",
                key="autostart",
            )
            self.login.blockSignals(True)
            self.login.setChecked(not on)
            self.login.blockSignals(False)
            return
        self.context.update_settings(start_at_login=on)

    def open_data_folder(self) -> bool:
        """Open the data folder in the file manager: a local file URL, nothing else."""
        self.context.paths.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.context.paths.root)))


def add_reminder_settings(form: QFormLayout, outer: QVBoxLayout, context: AppContext) -> ReminderSettings:
    """The Settings page's one call: the section goes below the existing rows."""
    section = ReminderSettings(context)
    outer.addWidget(section)
    return section
