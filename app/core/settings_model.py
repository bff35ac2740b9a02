"""The Settings page's choices and rules, without Qt: `SettingsModel`.

What each list offers (only exercises that suit a hard moment for Breathe now; the shipped
sound sets; the motion and theme choices), which entry is in use, the note about sound on this
computer, and the volume: saved once the slider has rested `VOLUME_SAVE_DELAY_MS`, not at every
step of a drag or a held arrow key (each save writes settings.yaml). Every other change saves at
once through the `update` it is given (app.gui's `context.update_settings`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from app.core.library import ExerciseLibrary
from app.core.model import Exercise
from app.core.safety import pick_moment_exercise, suits_a_hard_moment
from app.core.settings import Settings
from app.core.timers import TimerFactory

#: How long the volume slider must rest before the new volume is saved.
VOLUME_SAVE_DELAY_MS = 400


class Choice(NamedTuple):
    """One entry of a list of choices: the value saved, and the words shown."""

    value: str
    label: str


MOTION_LABELS = (
    Choice("system", "Follow my desktop"), Choice("reduced", "Reduced: no moving shapes"), Choice("full", "Full animation"),
)
THEME_LABELS = (Choice("system", "Follow my desktop"), Choice("light", "Light"), Choice("dark", "Dark"))
SOUND_SET_LABELS = {"soft": "Soft tones", "wood": "Wooden clicks", "none": "None"}


def sound_set_choices(names: Sequence[str]) -> tuple[Choice, ...]:
    """The shipped sets, in the order given, with their names in words."""
    return tuple(Choice(name, SOUND_SET_LABELS.get(name, name.capitalize())) for name in names)


def moment_exercise_choices(exercises: Mapping[str, Exercise]) -> tuple[Choice, ...]:
    """Only patterns that need no caution (no long holds, no fast breathing), by id."""
    return tuple(Choice(exercise_id, exercise.name) for exercise_id, exercise in sorted(exercises.items())
                 if suits_a_hard_moment(exercise))


class SettingsModel:
    def __init__(
        self,
        settings: Callable[[], Settings],
        update: Callable[..., object],
        library: Callable[[], ExerciseLibrary],
        sound_sets: Sequence[str],
        sound_problem: Callable[[], str | None],
        timers: TimerFactory,
        timer_owner: object = None,
    ) -> None:
        self._settings = settings
        self._update = update
        self._library = library
        self._sound_problem = sound_problem
        self.sound_sets = sound_set_choices(sound_sets)
        self._volume_percent = round(settings().volume * 100)
        self._volume_save = timers(self.save_volume, single_shot=True, owner=timer_owner)

    # -- what is offered, and what is in use -----------------------------------------------------
    def moment_exercises(self) -> tuple[Choice, ...]:
        return moment_exercise_choices(self._library().exercises)

    def moment_exercise_in_use(self) -> str | None:
        """The exercise Breathe now starts (a suitable one stands in for one that is gone)."""
        in_use = pick_moment_exercise(self._library().exercises, self._settings().moment_exercise)
        return in_use.id if in_use is not None else None

    @property
    def sound_note(self) -> str:
        """Why sound cues are silent on this computer, once a player found out; else nothing."""
        return self._sound_problem() or ""

    # -- changes ---------------------------------------------------------------------------------
    def change(self, **changes: Any) -> None:
        """Save a choice at once (motion, theme, sound, sound set, Breathe now's exercise...)."""
        self._update(**changes)

    def choose_moment_exercise(self, exercise_id: str | None) -> None:
        if exercise_id:
            self._update(moment_exercise=exercise_id)

    @property
    def volume_percent(self) -> int:
        return self._volume_percent

    def move_volume(self, percent: int) -> None:
        """The slider moved: saved once it rests (or is released)."""
        self._volume_percent = percent
        self._volume_save.start(VOLUME_SAVE_DELAY_MS)

    def save_volume(self) -> None:
        """Save the volume now (the slider was released, or rested long enough)."""
        self._volume_save.stop()
        volume = self._volume_percent / 100
        if self._settings().volume != volume:
            self._update(volume=volume)
