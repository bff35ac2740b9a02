"""The Settings page: lays out app.core.settings_model.SettingsModel; every control saves at once.

The choices, what is in use, the sound note and when the volume is saved are the model's; the
page builds the controls, shows what it offers and forwards each change (through the model to
AppContext.update_settings). The moment and reminder sections add their own rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QSlider, QVBoxLayout, QWidget

from app.core.settings_model import MOTION_LABELS, THEME_LABELS, Choice, SettingsModel
from app.gui.context import AppContext


class SettingsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.audio.sets import available_sound_sets

        self.context = context
        self.model = model = SettingsModel(
            lambda: context.settings, lambda **changes: context.update_settings(**changes), lambda: context.library,
            available_sound_sets(), lambda: context.sound_problem, context.timers, timer_owner=self,
        )
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

        settings = context.settings
        self.motion = self._choice_box(MOTION_LABELS, settings.motion, "Motion", lambda v: model.change(motion=v))
        form.addRow("&Motion:", self.motion)
        self.theme = self._choice_box(THEME_LABELS, settings.theme, "Theme", lambda v: model.change(theme=v))
        form.addRow("&Theme:", self.theme)

        self.sound_enabled = QCheckBox("Play soft sound cues at each breath")
        self.sound_enabled.setChecked(settings.sound_enabled)
        self.sound_enabled.toggled.connect(lambda on: model.change(sound_enabled=on))
        form.addRow("Sound:", self.sound_enabled)
        self.sound_set = self._choice_box(model.sound_sets, settings.sound_set, "Sound cues",
                                          lambda v: model.change(sound_set=v))
        form.addRow("Cue so&unds:", self.sound_set)
        self.sound_note = QLabel(model.sound_note)
        self.sound_note.setWordWrap(True)
        self.sound_note.setAccessibleName("Sound on this computer")
        self.sound_note.setVisible(bool(model.sound_note))
        form.addRow("", self.sound_note)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setPageStep(10)
        self.volume.setValue(model.volume_percent)
        self.volume.setAccessibleName("Volume")
        self.volume.valueChanged.connect(model.move_volume)
        self.volume.sliderReleased.connect(model.save_volume)
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
        self.moment_exercise.currentIndexChanged.connect(
            lambda _i: model.choose_moment_exercise(self.moment_exercise.currentData()))
        context.libraryChanged.connect(self.refresh_exercises)

    @staticmethod
    def _choice_box(choices: Sequence[Choice], current: str, name: str, chosen: Callable[[str], object]) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        for value, label in choices:
            box.addItem(label, value)
        box.setCurrentIndex(max(0, box.findData(current)))
        box.currentIndexChanged.connect(lambda _i: chosen(box.currentData()))
        return box

    def refresh_exercises(self) -> None:
        """The exercises Breathe now may start, again (the library changed)."""
        self.moment_exercise.blockSignals(True)
        self.moment_exercise.clear()
        for value, label in self.model.moment_exercises():
            self.moment_exercise.addItem(label, value)
        self.moment_exercise.setCurrentIndex(max(0, self.moment_exercise.findData(self.model.moment_exercise_in_use())))
        self.moment_exercise.blockSignals(False)
