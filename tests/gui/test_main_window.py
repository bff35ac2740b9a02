"""The shell as a user meets it: Breathe now, keys, pages, notices, settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.core.engine import SessionStatus
from app.gui.single_instance import LaunchRequest
from tests.gui.conftest import activate, breathe_page


def test_breathe_now_runs_the_moment_exercise_with_nothing_to_choose(make_window, qtbot, fake_clock):
    window = make_window()
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    # Breathe now opens the triggered-moment flow, whose first step is the running pacer.
    breathe = window.page("moment").view.breathe
    assert window.current_page_key() == "moment"
    assert breathe.controller.exercise.id == "calm-exhale"
    assert breathe.controller.state().status == SessionStatus.RUNNING
    fake_clock.advance(2.0)
    assert breathe.controller.state().elapsed == pytest.approx(2.0)


def test_space_pauses_and_esc_stops_then_leaves(make_window, qtbot, fake_clock):
    window = make_window()
    activate(qtbot, window)
    window.handle_request(LaunchRequest("breathe", "box"))
    session = breathe_page(window).session
    fake_clock.advance(3.0)
    qtbot.keyClick(session.pacer, Qt.Key.Key_Space)
    assert session.state().status == SessionStatus.PAUSED
    assert session.pause_button.text() == "Continue"
    fake_clock.advance(100.0)
    assert session.state().elapsed == pytest.approx(3.0), "paused time must not count"
    qtbot.keyClick(session.pacer, Qt.Key.Key_Space)
    assert session.state().status == SessionStatus.RUNNING
    fake_clock.advance(1.0)
    qtbot.keyClick(session.pacer, Qt.Key.Key_Escape)
    assert session.state().status == SessionStatus.STOPPED
    assert session.state().elapsed == pytest.approx(4.0)
    assert session.done_button.isVisible()
    qtbot.keyClick(session.done_button, Qt.Key.Key_Escape)
    assert breathe_page(window).stack.currentWidget() is breathe_page(window).chooser


def test_finished_session_offers_keep_going(make_window, qtbot, fake_clock, fake_timers):
    window = make_window()
    window.show()
    window.start_breathing("box")
    session = breathe_page(window).session
    planned = session.controller.exercise.planned_seconds
    fake_timers.advance(planned + 1)
    qtbot.waitUntil(lambda: session.keep_going_button.isVisible())
    assert session.state().status == SessionStatus.FINISHED
    session.keep_going_button.click()
    fake_clock.advance(10)
    assert session.state().status == SessionStatus.RUNNING
    assert session.state().elapsed == pytest.approx(planned + 10)  # the second on the end screen is not practice


def test_an_idle_breathe_page_paints_a_resting_pacer_instead_of_crashing(tmp_path):
    """The Breathe page before any session: its pacer shows "Ready when you are".

    It once took the page as its state source, and painting it ended the process (exit 139),
    so this runs in a child process of its own.
    """
    import subprocess
    import sys

    from tests.helpers.processes import ROOT, steady_env

    code = (
        "from pathlib import Path\n"
        "from app.paths import DataPaths; from app.core.library import load_library\n"
        "from app.gui.application import build_window, create_application\n"
        f"paths = DataPaths(Path({str(tmp_path / 'data')!r}))\n"
        "window = build_window(paths, load_library(paths.exercises), create_application())\n"
        "from app.gui.session.feature import BreatheFeature\n"
        "pacer = window.features[BreatheFeature].page.session.pacer\n"
        "pacer.resize(300, 300)\n"
        "assert not pacer.grab().isNull()\n"
        "print(pacer.lines_for(pacer.current_state())[0][1])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, env=steady_env())
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Ready when you are"


def test_ctrl_digits_switch_pages_in_the_documented_order(make_window, qtbot):
    window = make_window()
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "settings"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "breathe"


def test_opening_shows_the_exercise_list_with_the_moment_exercise_selected(make_window, qtbot):
    window = make_window()
    window.handle_request(LaunchRequest("open"))
    chooser = breathe_page(window).chooser
    assert breathe_page(window).stack.currentWidget() is chooser
    assert chooser.current_id() == "calm-exhale"
    ids = [chooser.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(chooser.list.count())]
    assert {"calm-exhale", "cyclic-sigh", "coherent", "box", "4-7-8", "slow-down"} <= set(ids)
    qtbot.keyClick(chooser.list, Qt.Key.Key_Return)
    assert breathe_page(window).session.controller.exercise.id == "calm-exhale"


def test_unknown_exercise_gives_a_notice_not_a_crash(make_window):
    window = make_window()
    assert window.start_breathing("no-such-thing") is False
    assert any("no-such-thing" in n.text for n in window.notices.notices())


def test_a_broken_user_file_is_named_and_others_still_work(make_window, data_paths):
    data_paths.exercises.mkdir(parents=True)
    (data_paths.exercises / "mine.yaml").write_text("name: Mine\nphases:\n  - inhale: 4\n  - exhale: 600\ncycles: 3\n")
    window = make_window()
    window.handle_request(LaunchRequest("open"))
    chooser = breathe_page(window).chooser
    assert "mine.yaml:4:" in chooser.problems.text()
    assert any("could not be used" in n.text for n in window.notices.notices())
    assert window.start_breathing("box")


def test_notices_with_a_key_replace_each_other_and_can_be_dismissed(make_window, qtbot):
    window = make_window()
    window.show()
    window.context.notify("first", key="k")
    window.context.notify("second", key="k")
    assert [n.text for n in window.notices.notices()] == ["second"]
    qtbot.mouseClick(window.notices.notices()[0].close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.notices.notices())
    assert not window.notices.isVisible()


def showing_grounding(page) -> bool:
    """The Breathe page shows the grounding card, filling the session panel (no controls beside it)."""
    session = page.session
    return (
        page.stack.currentWidget() is session
        and session.grounding is not None
        and session.stage.currentWidget() is session.grounding
        and not session.control_row.isVisible()
    )


def showing_pacer(page) -> bool:
    session = page.session
    return page.stack.currentWidget() is session and session.stage.currentWidget() is session.pacer and session.control_row.isVisible()


def test_grounding_is_offered_and_pauses_breathing(make_window, qtbot, fake_clock):
    window = make_window()
    activate(qtbot, window)
    window.start_breathing(None)
    page = breathe_page(window)
    qtbot.keyClick(page.session.pacer, Qt.Key.Key_G)
    assert showing_grounding(page)
    assert page.session.state().status == SessionStatus.PAUSED
    qtbot.keyClick(page.session.grounding.next_button, Qt.Key.Key_Escape)
    assert showing_pacer(page)


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_a_notice_and_the_pacer_keeps_running(make_window, qtbot, fake_clock):
    import sys

    from app.logs import install_exception_hook

    window = make_window()
    window.show()
    window.start_breathing(None)
    old_hook = sys.excepthook
    install_exception_hook(lambda text: window.context.notify(text, "warning", key="internal-error"))
    try:
        window.context.notify("boom", actions=[("Fail", lambda: 1 / 0)])
        button = window.notices.notices()[-1].buttons[0]
        button.click()
    finally:
        sys.excepthook = old_hook
    assert any("Your breathing goes on" in n.text for n in window.notices.notices())
    fake_clock.advance(1.0)
    assert breathe_page(window).session.state().status == SessionStatus.RUNNING


def test_a_pattern_that_needs_a_caution_waits_for_the_user_to_begin(make_window, qtbot, fake_clock):
    from app.core.model import Exercise, Phase, PhaseKind, Stage

    long_hold = Exercise(
        "long-hold", "Long hold",
        (Stage((Phase(PhaseKind.INHALE, 4), Phase(PhaseKind.HOLD, 20), Phase(PhaseKind.EXHALE, 8)), cycles=3),),
    )
    window = make_window()
    window.context.library.exercises["long-hold"] = long_hold
    activate(qtbot, window)
    window.start_breathing("long-hold", source="practice")
    session = breathe_page(window).session
    assert session.caution.isVisible() and "doctor" in session.caution.text()
    assert session.state().status == SessionStatus.READY
    assert session.pause_button.text() == "Begin"
    fake_clock.advance(30)
    assert session.state().elapsed == 0
    qtbot.keyClick(session.pacer, Qt.Key.Key_Space)
    assert session.state().status == SessionStatus.RUNNING
    fake_clock.advance(2)
    assert session.state().elapsed == pytest.approx(2)


def test_breathe_now_never_starts_a_pattern_that_needs_a_caution(make_window, data_paths):
    data_paths.root.mkdir(parents=True)
    data_paths.settings.write_text("moment_exercise: 4-7-8\n")
    window = make_window()
    window.start_breathing(None)
    assert breathe_page(window).session.controller.exercise.id == "calm-exhale"
    window.show_page("settings")
    page = window.page("settings")
    offered = {page.moment_exercise.itemData(i) for i in range(page.moment_exercise.count())}
    assert "4-7-8" not in offered and "calm-exhale" in offered
    assert page.moment_exercise.currentData() == "calm-exhale"


def test_grounding_answers_its_keys_and_esc_returns_to_the_pacer(make_window, qtbot, fake_clock):
    window = make_window()
    activate(qtbot, window)
    window.start_breathing("box")
    page = breathe_page(window)
    qtbot.keyClick(page.session.pacer, Qt.Key.Key_G)
    card = page.session.grounding
    qtbot.keyClick(card.next_button, Qt.Key.Key_Right)
    qtbot.keyClick(card.next_button, Qt.Key.Key_Right)
    assert card.index == 2
    qtbot.keyClick(card.next_button, Qt.Key.Key_Left)
    assert card.index == 1
    assert card.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(card.next_button, Qt.Key.Key_Escape)
    assert showing_pacer(page)


def test_space_after_keep_going_still_pauses_this_session(make_window, qtbot, fake_timers):
    window = make_window()
    activate(qtbot, window)
    window.start_breathing("box")
    session = breathe_page(window).session
    fake_timers.advance(session.controller.exercise.planned_seconds + 1)
    qtbot.waitUntil(lambda: session.keep_going_button.isVisible())
    qtbot.mouseClick(session.keep_going_button, Qt.MouseButton.LeftButton)
    assert session.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert session.state().status == SessionStatus.PAUSED
    assert window.current_page_key() == "breathe"


def test_after_steady_now_file_problems_wait_until_the_user_moves_on(make_window, data_paths):
    from app.gui.application import show_start_notices_when_calm

    data_paths.exercises.mkdir(parents=True)
    (data_paths.exercises / "mine.yaml").write_text("name: Mine\nphases: 3\ncycles: 2\n")
    window = make_window(quiet=True)
    window.handle_request(LaunchRequest("now"))
    show_start_notices_when_calm(window)
    assert not any("could not be used" in n.text for n in window.notices.notices())
    window.show_page("progress")
    assert any("1 of your exercise files could not be used" in n.text for n in window.notices.notices())
    window.context.close()


def test_the_page_list_is_one_tab_stop_and_follows_the_arrow_keys(make_window, qtbot):
    """Like a list: Tab reaches the current page only; Up/Down/Home/End change page."""
    window = make_window()
    activate(qtbot, window)
    window.show_page("breathe")
    nav = window.nav
    assert nav.keys()[0] == "breathe" and nav.current_key() == "breathe"
    stops = [b for b in (nav.button(k) for k in nav.keys()) if b.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert stops == [nav.button("breathe")]
    nav.button("breathe").setFocus()
    qtbot.keyClick(nav.button("breathe"), Qt.Key.Key_Down)
    assert window.current_page_key() == nav.keys()[1] and QApplication.focusWidget() is nav.button(nav.keys()[1])
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_End)
    assert window.current_page_key() == "settings" and nav.current_key() == "settings"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Home)
    assert window.current_page_key() == "breathe"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)  # already first: stays
    assert window.current_page_key() == "breathe"


def test_clicking_a_page_shows_it_and_ctrl_numbers_move_the_selection(make_window, qtbot):
    window = make_window()
    activate(qtbot, window)
    qtbot.mouseClick(window.nav.button("settings"), Qt.MouseButton.LeftButton)
    assert window.current_page_key() == "settings" and window.nav.button("settings").isChecked()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "breathe" and window.nav.current_key() == "breathe"
    assert not window.nav.button("settings").isChecked()


def test_pages_added_later_keep_the_side_bar_in_order_and_intact(make_window, qtbot):
    """Features add pages after the first frame; rows are kept, none is left behind on screen."""
    window = make_window()
    activate(qtbot, window)
    first = window.nav.button("breathe")
    from PySide6.QtWidgets import QLabel

    window.add_page("zzz-extra", "Extra", lambda: QLabel("extra"))
    assert window.nav.button("breathe") is first
    assert window.nav.keys()[-1] == "zzz-extra" and window.nav.keys()[:5] == ["breathe", "moment", "progress", "patterns", "settings"]
    rows = [window.nav.button(k) for k in window.nav.keys()]

    def laid_out_in_order() -> bool:
        tops = [b.geometry().top() for b in rows]
        return all(b.isVisible() for b in rows) and tops == sorted(tops) and len(set(tops)) == len(tops)

    qtbot.waitUntil(laid_out_in_order)
    visible_children = [c for c in window.nav.findChildren(type(first)) if c.isVisible()]
    assert len(visible_children) == len(rows)
