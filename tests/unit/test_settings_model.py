"""The Settings page's model without Qt: what each list offers and when the volume is saved."""

from __future__ import annotations

from typing import Any

import pytest

from app.core.library import ExerciseLibrary, load_library
from app.core.safety import suits_a_hard_moment
from app.core.settings import Settings
from app.core.settings_model import MOTION_LABELS, THEME_LABELS, VOLUME_SAVE_DELAY_MS, SettingsModel
from tests.helpers.stubs import FakeClock, FakeTimers


@pytest.fixture(scope="module")
def library() -> ExerciseLibrary:
    return load_library(None)


class Saved:
    def __init__(self, **values: Any) -> None:
        self.settings = Settings(**values)
        self.saves: list[dict[str, Any]] = []

    def update(self, **changes: Any) -> None:
        self.saves.append(changes)
        self.settings = self.settings.with_changes(**changes)


def settings_model(saved: Saved, library: ExerciseLibrary, timers: FakeTimers, problem: str | None = None) -> SettingsModel:
    return SettingsModel(lambda: saved.settings, saved.update, lambda: library, ["soft", "wood", "chimes", "none"],
                         lambda: problem, timers)


def test_breathe_now_offers_only_exercises_without_a_caution(library):
    model = settings_model(Saved(moment_exercise="box-gone"), library, FakeTimers())
    offered = model.moment_exercises()
    assert [c.value for c in offered] == sorted(c.value for c in offered)
    assert {c.value for c in offered} == {i for i, e in library.exercises.items() if suits_a_hard_moment(e)}
    assert "calm-exhale" in {c.value for c in offered} and "4-7-8" not in {c.value for c in offered}
    assert model.moment_exercise_in_use() in {c.value for c in offered}, "a suitable one stands in for one that is gone"
    model.choose_moment_exercise("cyclic-sigh")
    model.choose_moment_exercise(None)
    assert model.moment_exercise_in_use() == "cyclic-sigh"


def test_the_lists_say_their_choices_in_words(library):
    model = settings_model(Saved(), library, FakeTimers(), problem="Sound cues are off: no sound card was found.")
    assert [(c.value, c.label) for c in model.sound_sets] == [
        ("soft", "Soft tones"), ("wood", "Wooden clicks"), ("chimes", "Chimes"), ("none", "None")]
    assert [c.value for c in MOTION_LABELS] == ["system", "reduced", "full"]
    assert [c.label for c in THEME_LABELS] == ["Follow my desktop", "Light", "Dark"]
    assert model.sound_note.startswith("Sound cues are off")
    assert settings_model(Saved(), library, FakeTimers()).sound_note == ""


def test_the_volume_is_saved_once_it_rests_or_is_let_go(library):
    saved, timers = Saved(volume=0.6), FakeTimers(FakeClock(0.0))
    model = settings_model(saved, library, timers)
    assert model.volume_percent == 60
    for percent in range(55, 20, -5):
        model.move_volume(percent)
        timers.advance(VOLUME_SAVE_DELAY_MS / 2000)
    assert saved.saves == []
    timers.advance(VOLUME_SAVE_DELAY_MS / 1000)
    assert saved.saves == [{"volume": 0.25}]
    model.move_volume(40)
    model.save_volume()
    assert saved.saves[-1] == {"volume": 0.4}
    timers.advance(VOLUME_SAVE_DELAY_MS / 1000)
    model.save_volume()
    assert len(saved.saves) == 2, "an unchanged volume is not written again"
