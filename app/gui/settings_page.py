"""The Settings page: every control saves at once through AppContext.update_settings."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QSlider, QVBoxLayout, QWidget

from app.core.safety import pick_moment_exercise, suits_a_hard_moment
from app.gui.context import AppContext

#: How long the volume slider must rest before the new volume is saved.
VOLUME_SAVE_DELAY_MS = 400

SOUND_SET_LABELS = {"soft": "Soft tones", "wood": "Wooden clicks", "none": "None"}

MOTION_LABELS = (("system", "Follow my desktop"), ("reduced", "Reduced: no moving shapes"), ("full", "Full animation"))
THEME_LABELS = (("system", "Follow my desktop"), ("light", "Light"), ("dark", "Dark"))


class SettingsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("Settings")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        heading = QLabel("Settings")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        heading.setFont(font)
        outer.addWidget(heading)
        form = QFormLayout()
        outer.addLayout(form)

        self.moment_exercise = QComboBox()
        self.moment_exercise.setAccessibleName("Exercise for Breathe now")
        self.moment_exercise.setToolTip("Only patterns that need no caution (no long holds, no fast breathing) are offered here.")
        form.addRow("Exercise for &Breathe now:", self.moment_exercise)

        self.motion = self._choice_box(MOTION_LABELS, context.settings.motion, "Motion", "motion")
        form.addRow("&Motion:", self.motion)
        self.theme = self._choice_box(THEME_LABELS, context.settings.theme, "Theme", "theme")
        form.addRow("&Theme:", self.theme)

        self.sound_enabled = QCheckBox("Play soft sound cues at each breath")
        self.sound_enabled.setChecked(context.settings.sound_enabled)
        self.sound_enabled.toggled.connect(lambda on: context.update_settings(sound_enabled=on))
        form.addRow("Sound:", self.sound_enabled)
        self.sound_set = QComboBox()
        self.sound_set.setAccessibleName("Sound cues")
        from app.audio.sets import available_sound_sets

        for name in available_sound_sets():
            self.sound_set.addItem(SOUND_SET_LABELS.get(name, name.capitalize()), name)
        self.sound_set.setCurrentIndex(max(0, self.sound_set.findData(context.settings.sound_set)))
        self.sound_set.currentIndexChanged.connect(lambda _i: context.update_settings(sound_set=self.sound_set.currentData()))
        form.addRow("Cue so&unds:", self.sound_set)
        self.sound_note = QLabel(context.sound_problem or "")
        self.sound_note.setWordWrap(True)
        self.sound_note.setAccessibleName("Sound on this computer")
        self.sound_note.setVisible(bool(context.sound_problem))
        form.addRow("", self.sound_note)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setPageStep(10)
        self.volume.setValue(round(context.settings.volume * 100))
        self.volume.setAccessibleName("Volume")
        # Saved when the slider rests, not at every step of a drag or a held arrow key.
        self._volume_save = QTimer(self, singleShot=True, interval=VOLUME_SAVE_DELAY_MS)
        self._volume_save.timeout.connect(self.save_volume)
        self.volume.valueChanged.connect(self._volume_save.start)
        self.volume.sliderReleased.connect(self.save_volume)
        form.addRow("&Volume:", self.volume)
        from app.gui.moment.settings_rows import add_moment_settings

        self.crisis_country, self.draft_cooling = add_moment_settings(form, context)

        self.data_folder = QLabel(str(context.paths.root))
        self.data_folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.data_folder.setAccessibleName("Data folder")
        form.addRow("Your files are in:", self.data_folder)
        from app.gui.reminders.settings_section import add_reminder_settings

        self.reminders = add_reminder_settings(form, outer, context)
        outer.addStretch(1)
        self.refresh_exercises()
        self.moment_exercise.currentIndexChanged.connect(self._moment_exercise_chosen)
        context.libraryChanged.connect(self.refresh_exercises)

    def save_volume(self) -> None:
        self._volume_save.stop()
        if self.context.settings.volume != self.volume.value() / 100:
            self.context.update_settings(volume=self.volume.value() / 100)

    def _choice_box(self, labels: tuple[tuple[str, str], ...], current: str, name: str, setting: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        for value, label in labels:
            box.addItem(label, value)
        box.setCurrentIndex(max(0, box.findData(current)))
        box.currentIndexChanged.connect(lambda _i: self.context.update_settings(**{setting: box.currentData()}))
        return box

    def refresh_exercises(self) -> None:
        self.moment_exercise.blockSignals(True)
        self.moment_exercise.clear()
        exercises = self.context.library.exercises
        for exercise_id, exercise in sorted(exercises.items()):
            if suits_a_hard_moment(exercise):
                self.moment_exercise.addItem(exercise.name, exercise_id)
        in_use = pick_moment_exercise(exercises, self.context.settings.moment_exercise)
        self.moment_exercise.setCurrentIndex(max(0, self.moment_exercise.findData(in_use.id if in_use else None)))
        self.moment_exercise.blockSignals(False)

    def _moment_exercise_chosen(self) -> None:
        value = self.moment_exercise.currentData()
        if value:
            self.context.update_settings(moment_exercise=value)
