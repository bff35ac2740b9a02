"""The cue sets shipped in assets/sounds, and which one an exercise ends up using."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.audio.cues import Cue
from app.core.packaged import package_root

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

#: The set that plays nothing; it has no folder.
NO_SOUND = "none"


def sounds_root() -> Path | Traversable:
    return package_root("assets") / "sounds"


def available_sound_sets() -> list[str]:
    """Names of the shipped sets that hold every cue, sorted, plus "none" last."""
    names = []
    for entry in sounds_root().iterdir():
        if entry.is_dir() and all((entry / f"{cue.value}.wav").is_file() for cue in Cue):
            names.append(entry.name)
    return sorted(names) + [NO_SOUND]


def resolve_sound_set(exercise_sound: str | None, default: str) -> str:
    """The set to play: the exercise's `sound:` if it names a known set, else the settings' default.

    An unknown name (a typo, or a set from a newer version) falls back to the default rather
    than silencing the session; an unknown default falls back to the first shipped set.
    """
    known = available_sound_sets()
    if exercise_sound is not None and exercise_sound in known:
        return exercise_sound
    if default in known:
        return default
    return known[0]
