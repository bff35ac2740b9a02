"""Fixtures that build the real main window around a temporary data folder and fake services.

`make_window` goes through the app's own bootstrap (app.gui.application.build_window) with a
Services of fakes, built once per window and never swapped afterwards: a fake monotonic clock
with its fake event loop (FakeTimers, shared by every window of a test, as one event loop
would be), the real wall clock unless a test gives a fake one, a recording player factory,
and scripted prompts that answer every confirm with its action (so closing never opens a
modal box in tests).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from app.core.clock import Clock
from app.paths import DataPaths
from tests.helpers.stubs import FakeClock, FakeTimers

if TYPE_CHECKING:
    from app.gui.session.page import BreathePage


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data")


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock(5000.0)


@pytest.fixture
def fake_timers(fake_clock: FakeClock) -> FakeTimers:
    """The fake event loop of every window a test makes on `fake_clock`: `advance` fires timers."""
    return FakeTimers(fake_clock)


@pytest.fixture
def make_window(qtbot, data_paths: DataPaths, fake_clock: FakeClock, fake_timers: FakeTimers) -> Iterator[Callable[..., object]]:
    """Build the app's real window (real settings file, real YAML library) on fake services.

    `clock=None` gives the real monotonic clock and real Qt timers; `wall_clock`, `prompts`
    (a PromptsFactory), `player_factory` and `zone` replace the defaults described above;
    `quiet` holds the start-up notices back as `steady now` does.
    """
    from PySide6.QtWidgets import QApplication

    from app.core.clock import MonotonicClock, WallClock
    from app.core.library import load_library
    from app.core.notices import Notices
    from app.gui.application import build_window
    from app.gui.services import Services, system_zone
    from app.timers import qt_timer
    from tests.gui.scripted_prompts import ScriptedPrompts
    from tests.helpers.stubs import RecorderPlayer

    windows = []
    recorders: dict[str, RecorderPlayer] = {}

    def make(
        clock: FakeClock | None = fake_clock,
        *,
        wall_clock: Clock | None = None,
        prompts=None,
        player_factory=None,
        zone=None,
        quiet: bool = False,
    ):
        if clock is None:
            mono: Clock = MonotonicClock()
            timers = qt_timer
        else:
            mono = clock
            timers = fake_timers if clock is fake_clock else FakeTimers(clock)
        scripted = ScriptedPrompts()
        services = Services(
            clock=mono,
            wall_clock=wall_clock if wall_clock is not None else WallClock(),
            timers=timers,
            player_factory=player_factory
            or (lambda sound_set, volume, notify: recorders.setdefault(sound_set, RecorderPlayer(mono))),
            prompts=prompts or (lambda parent: scripted),
            zone=zone or system_zone,
            notices=Notices(),
        )
        window = build_window(data_paths, load_library(data_paths.exercises), QApplication.instance(), services, quiet=quiet)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.context.close()
    for handler in list(logging.getLogger("steady").handlers):
        logging.getLogger("steady").removeHandler(handler)
        handler.close()


def breathe_page(window) -> BreathePage:
    """The window's Breathe page (installed by app.gui.session.feature)."""
    from app.gui.session.feature import BreatheFeature

    return window.features[BreatheFeature].page


def activate(qtbot, window) -> None:
    """Show `window` and wait until it really is the active window (shortcuts need that)."""
    from PySide6.QtWidgets import QApplication

    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
