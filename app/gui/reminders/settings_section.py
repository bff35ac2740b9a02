"""Settings for daily practice: the reminder list and editor, the tray, start at login, the data folder.

Every change saves at once through ``context.update_settings``, like the rest of the Settings
page. A reminder whose days or time change gets a new id: to the scheduler it is a new reminder
that owes nothing from before, so moving today's 09:00 to 10:00 gives today's 10:00 without
counting a slot twice.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import Qt, QTime, QUrl
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
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.reminders.schedule import MAX_MINUTES, MIN_MINUTES, WEEKDAY_KEYS, Reminder, describe_days, next_slot
from app.core.reminders.store import new_reminder_id
from app.gui import autostart
from app.gui.context import AppContext
from app.gui.tray import NO_TRAY_NOTE, resume_reminders, tray_available
from app.history.timefmt import system_zone

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def describe_reminder(reminder: Reminder, exercise_name: str) -> str:
    minutes = f"{reminder.minutes} min"
    state = "" if reminder.enabled else " (off)"
    days = describe_days(reminder.days)
    return f"{days[:1].upper()}{days[1:]} at {reminder.time_text}: {exercise_name}, {minutes}{state}"


def describe_when(epoch: float, now: float) -> str:
    tz = system_zone()
    when = datetime.fromtimestamp(epoch, tz)
    today = datetime.fromtimestamp(now, tz).date()
    days = (when.date() - today).days
    day = "today" if days == 0 else "tomorrow" if days == 1 else when.strftime("%A")
    return f"{day} at {when:%H:%M}"


class ReminderDialog(QDialog):
    """Add or change one reminder: days, time, exercise, minutes."""

    def __init__(self, context: AppContext, reminder: Reminder | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.original = reminder
        self.setWindowTitle("Change reminder" if reminder else "New reminder")
        start = reminder or Reminder("new", hour=datetime.now().hour, minute=0, exercise_id=context.settings.moment_exercise)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        days_row = QHBoxLayout()
        self.day_boxes: list[QCheckBox] = []
        for index, key in enumerate(WEEKDAY_KEYS):
            box = QCheckBox(key.capitalize())
            box.setAccessibleName(DAY_NAMES[index])
            box.setChecked(index in start.days)
            box.toggled.connect(self._validate)
            days_row.addWidget(box)
            self.day_boxes.append(box)
        form.addRow("Days:", days_row)
        self.time = QTimeEdit(QTime(start.hour, start.minute))
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("Time")
        form.addRow("&Time:", self.time)
        self.exercise = QComboBox()
        self.exercise.setAccessibleName("Exercise")
        for exercise_id, exercise in sorted(context.library.exercises.items(), key=lambda kv: kv[1].name.lower()):
            self.exercise.addItem(exercise.name, exercise_id)
        if self.exercise.findData(start.exercise_id) < 0:
            self.exercise.addItem(f"{start.exercise_id} (not found)", start.exercise_id)
        self.exercise.setCurrentIndex(max(0, self.exercise.findData(start.exercise_id)))
        form.addRow("&Exercise:", self.exercise)
        self.minutes = QSpinBox()
        self.minutes.setRange(MIN_MINUTES, MAX_MINUTES)
        self.minutes.setSuffix(" min")
        self.minutes.setValue(start.minutes)
        self.minutes.setAccessibleName("Minutes")
        form.addRow("&Length:", self.minutes)
        self.enabled = QCheckBox("Remind me")
        self.enabled.setChecked(start.enabled)
        form.addRow("", self.enabled)
        self.note = QLabel("Pick at least one day.")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._validate()

    def days(self) -> frozenset[int]:
        return frozenset(i for i, box in enumerate(self.day_boxes) if box.isChecked())

    def _validate(self) -> None:
        ok = bool(self.days())
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ok)
        self.note.setVisible(not ok)

    def reminder(self) -> Reminder:
        time = self.time.time()
        values = dict(
            days=self.days(),
            hour=time.hour(),
            minute=time.minute(),
            exercise_id=self.exercise.currentData(),
            minutes=self.minutes.value(),
            enabled=self.enabled.isChecked(),
        )
        old = self.original
        if old is None or (old.days, old.hour, old.minute) != (values["days"], values["hour"], values["minute"]):
            return Reminder(new_reminder_id(), **values)
        return replace(old, **values)


class ReminderSettings(QWidget):
    """The "Daily practice" group and the background rows of the Settings page."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.dialog: ReminderDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        group = QGroupBox("Daily practice reminders")
        group_layout = QVBoxLayout(group)
        self.list = QListWidget()
        self.list.setAccessibleName("Reminders")
        self.list.setMaximumHeight(110)
        self.list.itemActivated.connect(lambda _item: self.edit_current())
        group_layout.addWidget(self.list)
        self.empty = QLabel("No reminders yet. Add one for a time of day that is usually quiet for you.")
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
        self.has_tray = tray_available()
        self.tray = QCheckBox("Keep Steady running in the tray when I close the window")
        self.tray.setChecked(context.settings.tray and self.has_tray)
        self.tray.setEnabled(self.has_tray)
        self.tray.toggled.connect(lambda on: context.update_settings(tray=on))
        form.addRow("Background:", self.tray)
        self.tray_note = QLabel(NO_TRAY_NOTE)
        self.tray_note.setWordWrap(True)
        self.tray_note.setAccessibleName("No system tray")
        self.tray_note.setVisible(not self.has_tray)
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
        settings = self.context.settings
        current = self.current_id()
        self.list.clear()
        now = self.context.wall_clock.now()
        for reminder in settings.reminders:
            exercise = self.context.library.get(reminder.exercise_id)
            text = describe_reminder(reminder, exercise.name if exercise else reminder.exercise_id)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, reminder.id)
            self.list.addItem(item)
            if reminder.id == current:
                self.list.setCurrentItem(item)
        has_any = bool(settings.reminders)
        self.list.setVisible(has_any)
        self.empty.setVisible(not has_any)
        self.edit_button.setEnabled(has_any)
        self.remove_button.setEnabled(has_any)
        if has_any and self.list.currentItem() is None:
            self.list.setCurrentRow(0)
        paused = settings.reminders_paused_until
        if paused is not None and paused > now:
            self.status.setText(f"Reminders are paused until {describe_when(paused, now)}.")
        else:
            upcoming = [next_slot(r, now, system_zone()) for r in settings.reminders if r.enabled]
            upcoming = sorted(s for s in upcoming if s is not None)
            self.status.setText(f"Next reminder: {describe_when(upcoming[0].at, now)}." if upcoming else "")
        self.status.setVisible(bool(self.status.text()))
        self.resume_button.setVisible(paused is not None and paused > now)

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def add(self) -> ReminderDialog:
        return self._open_dialog(None)

    def edit_current(self) -> ReminderDialog | None:
        rid = self.current_id()
        reminder = next((r for r in self.context.settings.reminders if r.id == rid), None)
        return self._open_dialog(reminder) if reminder else None

    def _open_dialog(self, reminder: Reminder | None) -> ReminderDialog:
        """Non-blocking (`open`, not `exec`), so a `steady now` arriving meanwhile is never held up."""
        self.dialog = ReminderDialog(self.context, reminder, self)
        self.dialog.accepted.connect(lambda d=self.dialog: self._save_from(d))
        self.dialog.open()
        return self.dialog

    def _save_from(self, dialog: ReminderDialog) -> None:
        changed = dialog.reminder()
        reminders = list(self.context.settings.reminders)
        if dialog.original is None:
            reminders.append(changed)
        else:
            reminders = [changed if r.id == dialog.original.id else r for r in reminders]
        self.context.update_settings(reminders=tuple(reminders))
        self._select(changed.id)

    def remove_current(self) -> None:
        rid = self.current_id()
        if rid is None:
            return
        self.context.update_settings(reminders=tuple(r for r in self.context.settings.reminders if r.id != rid))

    def _select(self, rid: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == rid:
                self.list.setCurrentRow(row)

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
