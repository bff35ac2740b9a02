"""One session panel on two screens: the Breathe page and the flow's breathe step, as a user sees them.

The rules are tested without Qt in tests/unit/test_session_panel.py; here the real window shows
that each screen draws them as it did before they were shared.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.engine import SessionStatus
from app.gui.single_instance import LaunchRequest
from tests.gui.conftest import activate, breathe_page


def flow_step(make_window, qtbot):
    window = make_window()
    activate(qtbot, window)
    window.handle_request(LaunchRequest("now"))
    return window, window.page("moment").view.breathe


def test_the_flows_step_offers_pause_and_grounding_but_no_title_stop_or_done(make_window, qtbot):
    _window, step = flow_step(make_window, qtbot)
    panel = step.panel
    assert panel.pause_button.isVisible() and panel.pause_button.text() == "Pause"
    assert panel.pause_button.toolTip() == "Pause or continue the breathing (Space on the circle)"
    assert panel.grounding_button.isVisible()
    assert not panel.stop_button.isVisible() and not panel.done_button.isVisible() and not panel.title.isVisible()
    assert step.rating_row.isVisible() and not panel.ended_note.isVisible()


def test_grounding_in_the_flow_takes_only_the_pacers_place(make_window, qtbot):
    _window, step = flow_step(make_window, qtbot)
    step.show_grounding()
    panel = step.panel
    assert panel.stage.currentWidget() is step.grounding and step.grounding.isVisible()
    assert step.rating_row.isVisible() and panel.pause_button.text() == "Continue"
    step.grounding.next()
    step.show_grounding()  # again: the card keeps its place
    assert step.grounding.index == 1
    assert step.retreat() and step.retreat()
    assert panel.stage.currentWidget() is step.pacer
    assert step.controller.state().status == SessionStatus.PAUSED


def test_the_flows_step_says_well_done_at_the_end_and_offers_to_keep_going(make_window, qtbot, fake_timers):
    _window, step = flow_step(make_window, qtbot)
    fake_timers.advance(step.controller.exercise.planned_seconds + 1)
    panel = step.panel
    assert panel.ended_note.isVisible() and panel.ended_note.text().startswith("That was a good stretch of breathing.")
    assert panel.keep_going_button.isVisible() and not panel.pause_button.isVisible() and not panel.done_button.isVisible()
    panel.keep_going_button.click()
    assert step.breathing and not panel.ended_note.isVisible() and panel.pause_button.text() == "Pause"


def test_the_breathe_page_opened_before_any_session_shows_the_list(make_window, qtbot):
    window = make_window()
    activate(qtbot, window)
    window.show_page("settings")
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    page = breathe_page(window)
    assert window.current_page_key() == "breathe"
    assert page.stack.currentWidget() is page.chooser


def test_a_new_session_on_the_breathe_page_replaces_the_one_shown(make_window, qtbot, fake_clock):
    window = make_window()
    activate(qtbot, window)
    window.start_breathing("box")
    first = breathe_page(window).session.controller
    fake_clock.advance(5)
    window.start_breathing("coherent")
    session = breathe_page(window).session
    assert first.state().status == SessionStatus.STOPPED and first.state().elapsed == 5
    assert session.controller.exercise.id == "coherent" and session.state().status == SessionStatus.RUNNING
    assert session.title.text() == session.controller.exercise.name
    assert session.pacer.current_state() == session.state()
    assert session.pacer.accessibleDescription().startswith("Breathe in")
