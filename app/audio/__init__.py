"""Sound cues: which cue belongs to which breath boundary, and one small Player interface.

The rest of the app only calls ``player.play(cue)``; ``CueDriver`` (Qt, in cue_driver.py) decides
when. ``cues``, ``sets`` and ``player`` are Qt-free. See docs/sound.md.
"""

from app.audio.cues import Cue, CueScheduler, PlannedCue, cue_for_phase
from app.audio.player import (
    NullPlayer,
    OnceNotice,
    Player,
    Playsound3Player,
    RecorderPlayer,
    SoundSupport,
    detect_sound_support,
    make_player,
)
from app.audio.sets import NO_SOUND, available_sound_sets, resolve_sound_set

__all__ = [
    "Cue",
    "CueScheduler",
    "NO_SOUND",
    "NullPlayer",
    "OnceNotice",
    "PlannedCue",
    "Player",
    "Playsound3Player",
    "RecorderPlayer",
    "SoundSupport",
    "available_sound_sets",
    "cue_for_phase",
    "detect_sound_support",
    "make_player",
    "resolve_sound_set",
]
