"""Sound cues: which cue belongs to which breath boundary, and one small Player interface.

The rest of the app only calls ``player.play(cue)``; ``CueDriver`` (Qt, in cue_driver.py) decides
when. ``cues``, ``sets`` and ``player`` are Qt-free. See docs/sound.md.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.audio.cues import Cue, CueScheduler, PlannedCue, cue_for_phase
    from app.audio.player import (
        CommandPlayer,
        NullPlayer,
        OnceNotice,
        Player,
        SoundSupport,
        detect_sound_support,
        make_player,
    )
    from app.audio.sets import NO_SOUND, available_sound_sets, resolve_sound_set

#: Where each name lives; loaded on first use (PEP 562), so that `app.audio.sets` on the start-up
#: path does not pull in subprocess and threading through the player.
_HOME = {
    "Cue": "cues", "CueScheduler": "cues", "PlannedCue": "cues", "cue_for_phase": "cues",
    "NullPlayer": "player", "OnceNotice": "player", "Player": "player", "CommandPlayer": "player",
"SoundSupport": "player", "detect_sound_support": "player",
    "make_player": "player",
    "NO_SOUND": "sets", "available_sound_sets": "sets", "resolve_sound_set": "sets",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(import_module(f"app.audio.{_HOME[name]}"), name)
    raise AttributeError(f"module 'app.audio' has no attribute {name!r}")


__all__ = [
    "CommandPlayer",
    "Cue",
    "CueScheduler",
    "NO_SOUND",
    "NullPlayer",
    "OnceNotice",
    "PlannedCue",
    "Player",
    "SoundSupport",
    "available_sound_sets",
    "cue_for_phase",
    "detect_sound_support",
    "make_player",
    "resolve_sound_set",
]
