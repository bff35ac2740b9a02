"""Interface checks over every screen (issue 13): keyboard, clipping, contrast, text size,
windows of their own, a window that keeps its size.

Generic: the screens are found by walking the real window (tests/gui/screens.py) and each check
knows nothing about a particular page (tests/helpers/ui_checks.py), so new pages and flow steps
are covered without new test code. Each failure names the screen, the widget and the numbers.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from app.core.settings import Settings, save_settings
from tests.gui.conftest import activate
from tests.gui.screens import walk_screens
from tests.helpers.ui_checks import (
    StrayWindowWatch,
    clipping_findings,
    contrast_findings,
    format_findings,
    keyboard_findings,
    small_text_findings,
)

DEFAULT_SIZE = (960, 640)

#: Until the redesign of issue 13 has fixed every screen, these checks report what is left to fix.
#: The mark goes with the last fix.
pending_redesign = pytest.mark.xfail(reason="issue 13: screens still being fixed", strict=False)


def themed_window(make_window, data_paths, theme: str):
    data_paths.ensure()
    save_settings(data_paths.settings, Settings(theme=theme, first_run_done=True, extra={"told_no_sound": True}))
    return make_window()


@pending_redesign
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_screen_reads_well_and_works_by_keyboard(make_window, data_paths, qtbot, theme) -> None:
    window = themed_window(make_window, data_paths, theme)
    window.resize(*DEFAULT_SIZE)
    activate(qtbot, window)
    problems: list[str] = []
    for name, screen in walk_screens(window):
        found = {
            "clipping": clipping_findings(screen),
            "contrast": contrast_findings(screen),
            "small text": small_text_findings(screen),
            "keyboard": keyboard_findings(screen, screen),
        }
        problems.extend(format_findings(name, found))
    assert problems == [], "\n".join(problems)


@pending_redesign
def test_nothing_is_cut_at_the_smallest_window_size(make_window, data_paths, qtbot) -> None:
    window = themed_window(make_window, data_paths, "light")
    activate(qtbot, window)
    smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
    window.resize(smallest)
    problems: list[str] = []
    for name, screen in walk_screens(window, dialogs=False):
        problems.extend(format_findings(name, {"clipping": clipping_findings(screen)}))
    assert problems == [], f"at {smallest.width()}x{smallest.height()}:\n" + "\n".join(problems)


@pending_redesign
def test_nothing_is_cut_with_large_system_fonts(make_window, data_paths, qtbot) -> None:
    app = QApplication.instance()
    normal = app.font()
    large = app.font()
    large.setPointSizeF(normal.pointSizeF() * 1.5)
    app.setFont(large)
    try:
        window = themed_window(make_window, data_paths, "light")
        window.resize(*DEFAULT_SIZE)
        activate(qtbot, window)
        problems: list[str] = []
        for name, screen in walk_screens(window, dialogs=False):
            problems.extend(format_findings(name, {"clipping": clipping_findings(screen)}))
    finally:
        app.setFont(normal)
    assert problems == [], "\n".join(problems)


@pending_redesign
def test_the_window_keeps_the_size_the_person_chose(make_window, data_paths, qtbot) -> None:
    window = themed_window(make_window, data_paths, "light")
    window.resize(*DEFAULT_SIZE)
    activate(qtbot, window)
    changes = []
    for name, _screen in walk_screens(window, dialogs=False):
        if (window.width(), window.height()) != DEFAULT_SIZE:
            changes.append(f"{name}: the window became {window.width()}x{window.height()}")
            window.resize(*DEFAULT_SIZE)
    assert changes == [], "\n".join(changes)


@pending_redesign
def test_no_widget_shows_up_as_a_window_of_its_own(make_window, data_paths, qtbot) -> None:
    with StrayWindowWatch() as watch:
        window = themed_window(make_window, data_paths, "dark")
        window.resize(*DEFAULT_SIZE)
        activate(qtbot, window)
        for _name, _screen in walk_screens(window):
            pass
    assert watch.strays == []
