"""Fixtures that build the real main window around a temporary data folder."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.core.clock import FakeClock
from app.paths import DataPaths


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data")


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock(5000.0)


@pytest.fixture
def make_window(qtbot, data_paths: DataPaths, fake_clock: FakeClock) -> Iterator[Callable[..., object]]:
    """Build the app's real window (real settings file, real YAML library) on a fake clock."""
    from PySide6.QtWidgets import QApplication

    from app.core.library import load_library
    from app.gui.application import build_window

    from app.audio import RecorderPlayer

    windows = []
    recorders: dict[str, RecorderPlayer] = {}

    def make(clock: FakeClock | None = fake_clock):
        window = build_window(data_paths, load_library(data_paths.exercises), QApplication.instance())
        if clock is not None:
            window.context.clock = clock
        window.context.player_factory = lambda sound_set, volume, notify: recorders.setdefault(sound_set, RecorderPlayer(window.context.clock))
        window.confirm_losing_unsaved = lambda count: True  # never a modal box in tests
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.context.close()
    for handler in list(logging.getLogger("steady").handlers):
        logging.getLogger("steady").removeHandler(handler)
        handler.close()


def activate(qtbot, window) -> None:
    """Show `window` and wait until it really is the active window (shortcuts need that)."""
    from PySide6.QtWidgets import QApplication

    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
