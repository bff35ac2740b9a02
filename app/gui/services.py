"""The services every part of Steady shares, built once by the bootstrap and passed in.

Pages, features and the window never make their own clock, timer, sound player or dialog,
and nobody swaps one on a shared object later: the bootstrap (app.gui.application.build_window)
builds one :class:`Services` and hands it to the AppContext, which every page gets. Tests
build the same Services from fakes (tests/gui/conftest.py: fake clocks, FakeTimers, a
recording player factory, scripted prompts), so the app under test is wired exactly like the
app a user runs.

This module imports no Qt (real_services imports the Qt parts when it is called), so that it
can be loaded with the other Qt-free modules before PySide6 (see app.gui.launch).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from app.core.clock import MonotonicClock, WallClock
from app.core.notices import Notices
from app.core.timers import TimerFactory

if TYPE_CHECKING:
    from datetime import tzinfo

    from PySide6.QtWidgets import QWidget

    from app.audio import Player
    from app.audio.player import SoundSupport
    from app.gui.prompts import Prompts

#: Makes the player for a sound set: (sound set, volume 0..1, how to tell the user sound is off).
PlayerFactory = Callable[[str, float, Callable[[str], None]], "Player"]
#: The prompts that ask over `parent` (app.gui.prompts.Prompts): real dialogs, or a test's script.
PromptsFactory = Callable[["QWidget | None"], "Prompts"]
#: The user's local time zone, asked each time (it changes when the user travels).
ZoneSource = Callable[[], "tzinfo"]


class Services(NamedTuple):
    """What the bootstrap builds once. A NamedTuple: immutable, and cheap on the way to the
    first frame (a dataclass would load `dataclasses`)."""

    #: Monotonic seconds: breathing, intervals, anything that must not jump with the wall clock.
    clock: MonotonicClock
    #: Seconds since the epoch: history stamps, reminders, check-ins promised for a time of day.
    wall_clock: WallClock
    #: Every timer a feature keeps (app.core.timers): real Qt timers, or FakeTimers in tests.
    timers: TimerFactory
    player_factory: PlayerFactory
    prompts: PromptsFactory
    zone: ZoneSource
    #: The notices model; the window's notice area draws it.
    notices: Notices


def real_services() -> Services:
    """The services of the running app: real clocks, Qt timers, sound, dialogs, the system zone."""
    from app.timers import qt_timer

    return Services(
        clock=MonotonicClock(),
        wall_clock=WallClock(),
        timers=qt_timer,
        player_factory=SystemPlayers(),
        prompts=dialog_prompts,
        zone=system_zone,
        notices=Notices(),
    )


class SystemPlayers:
    """The real PlayerFactory. It probes the sound system once per run (the probe runs
    programs) and only when the first player is made, after the first frame."""

    def __init__(self) -> None:
        self._support: SoundSupport | None = None

    def __call__(self, sound_set: str, volume: float, notify: Callable[[str], None]) -> Player:
        from app.audio import detect_sound_support, make_player

        if self._support is None:
            self._support = detect_sound_support()
        return make_player(sound_set, volume, notify, support=self._support)


def dialog_prompts(parent: QWidget | None) -> Prompts:
    """Real dialogs over `parent`. The dialog module (QFileDialog, QMessageBox) is imported on
    the first question, never on the way to the first frame."""
    from app.gui.prompts import DialogPrompts

    return DialogPrompts(parent)


def system_zone() -> tzinfo:
    """The system's named time zone; the history's reader is imported when first asked."""
    from app.history.timefmt import system_zone as read_system_zone

    return read_system_zone()
