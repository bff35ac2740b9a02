"""The triggered-moment flow as a user meets it: by keyboard, what is saved, and leaving early."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.core.engine import SessionStatus
from app.core.flow import STEPS
from app.gui.moment.feature import MomentFeature
from app.gui.single_instance import LaunchRequest
from tests.gui.conftest import activate, breathe_page


def start_now(make_window, qtbot, **services):
    window = make_window(**services)
    activate(qtbot, window)
    window.handle_request(LaunchRequest("now"))
    view = window.page("moment").view
    qtbot.waitUntil(lambda: view.run.record.moment_id is not None)
    return window, view


def key(qtbot, window, k, modifier=Qt.KeyboardModifier.NoModifier):
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, k, modifier)


def moments(window):
    return window.context.history.list_moments()


def test_now_opens_straight_onto_a_running_pacer_with_the_moment_exercise(make_window, qtbot, fake_clock):
    window = make_window()
    activate(qtbot, window)
    window.handle_request(LaunchRequest("now"))
    assert window.current_page_key() == "moment"
    view = window.page("moment").view
    assert view.current.key == "breathe"
    assert view.stack.currentWidget() is view.breathe
    controller = view.breathe.controller
    assert controller.exercise.id == "calm-exhale"
    assert controller.state().status == SessionStatus.RUNNING
    assert controller.exercise.planned_seconds == pytest.approx(122.0), "cut to the flow's two minutes"
    assert QApplication.focusWidget() is view.breathe.pacer
    assert QApplication.activeModalWidget() is None, "nothing may stand between `now` and the pacer"
    fake_clock.advance(3.0)
    assert controller.state().elapsed == pytest.approx(3.0)


def test_now_while_a_flow_is_open_only_brings_it_forward(make_window, qtbot):
    window, view = start_now(make_window, qtbot)
    window.show_page("breathe")
    window.handle_request(LaunchRequest("now"))
    assert window.current_page_key() == "moment"
    assert window.page("moment").view is view
    assert len(moments(window)) == 1


def test_breathe_now_button_and_ctrl_b_start_the_flow_but_steady_breathe_does_not(make_window, qtbot):
    window = make_window()
    activate(qtbot, window)
    window.handle_request(LaunchRequest("breathe", "box"))
    assert window.current_page_key() == "breathe"
    assert breathe_page(window).session.controller.exercise.id == "box"
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "moment"
    view = window.page("moment").view
    view.leave()
    window.breathe_now_button.click()
    assert window.page("moment").view is not view
    assert window.page("moment").view.current.key == "breathe"


def test_the_whole_flow_by_keyboard_saves_the_moment_with_both_ratings(make_window, qtbot, fake_clock, data_paths):
    window, view = start_now(make_window, qtbot)
    # Breathe: rate 9, then Up for 10.
    key(qtbot, window, Qt.Key.Key_9)
    key(qtbot, window, Qt.Key.Key_Up)
    assert view.breathe.rating_row.value() == 10
    fake_clock.advance(30.0)
    key(qtbot, window, Qt.Key.Key_Return)
    # Notice: Space ticks the focused box.
    assert view.current.key == "notice"
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_Right)
    # Name it: Down picks from the list.
    assert view.current.key == "trigger"
    key(qtbot, window, Qt.Key.Key_Down)
    key(qtbot, window, Qt.Key.Key_Down)
    picked = view.run.trigger.value()
    assert picked == "They asked for space"
    key(qtbot, window, Qt.Key.Key_Return)
    # Anchor: the ones for "space" come first; F stars one; Tab to the text field and write one.
    assert view.current.key == "anchor"
    anchor_step, deck = view.current, view.run.anchors
    assert deck.current().id == "space-is-not-leaving"
    key(qtbot, window, Qt.Key.Key_F)
    assert "space-is-not-leaving" in deck.favourites
    assert anchor_step.star_button.isChecked()
    anchor_step.own_edit.setFocus()
    qtbot.keyClicks(anchor_step.own_edit, "I can wait and still be loved")
    key(qtbot, window, Qt.Key.Key_Return)  # in the text field, Enter saves it
    assert deck.current().text == "I can wait and still be loved"
    assert anchor_step.statement.text() == "I can wait and still be loved"
    assert "I can wait and still be loved" in (data_paths.anchors / "mine.yaml").read_text()
    anchor_step.star_button.setFocus()
    for _ in range(len(deck.shown) - deck.index):
        key(qtbot, window, Qt.Key.Key_Right)
    # Choose: wait.
    assert view.current.key == "respond"
    view.current.choice_buttons["wait"].setFocus()
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_Return)
    # Close: 3, then Enter finishes.
    assert view.current.key == "close"
    assert view.next_button.text() == "Finish"
    key(qtbot, window, Qt.Key.Key_3)
    key(qtbot, window, Qt.Key.Key_Return)
    assert view.ended
    assert view.breathe.controller.state().ended, "breathing stops when the flow ends"

    (moment,) = moments(window)
    assert moment.distress_before == 10
    assert moment.distress_after == 3
    assert moment.signals == ("Tight chest",)
    assert moment.trigger == "They asked for space"
    assert moment.response == "wait"
    assert moment.ended_step == "done"
    assert moment.draft_text is None
    assert moment.session_id == view.breathe.services.session_id
    shown = {a.anchor_id: a for a in moment.anchors}
    assert shown["space-is-not-leaving"].favourited
    assert any(a.text == "I can wait and still be loved" for a in moment.anchors)
    sessions = window.context.history.list_sessions()
    assert sessions[0].source == "moment" and sessions[0].practised_seconds == pytest.approx(30.0)

    # The written anchor and the star are there next time.
    key(qtbot, window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    view2 = window.page("moment").view
    assert view2 is not view
    view2.step("anchor")
    anchors = view2.run.anchors.anchor_set
    assert any(a.text == "I can wait and still be loved" and a.own for a in anchors.anchors)
    assert "space-is-not-leaving" in anchors.favourites


@pytest.mark.parametrize("leave_at", range(len(STEPS)))
def test_esc_at_any_step_keeps_what_was_entered(make_window, qtbot, leave_at):
    window, view = start_now(make_window, qtbot)
    key(qtbot, window, Qt.Key.Key_7)
    entered = {"distress_before": 7}
    for _ in range(leave_at):
        step = view.current
        if step.key == "notice":
            step.boxes[1].setChecked(True)
            entered["signals"] = ("Racing heart",)
        elif step.key == "trigger":
            step.own.setFocus()
            qtbot.keyClicks(step.own, "No reply since lunch")
            entered["trigger"] = "No reply since lunch"
        elif step.key == "respond":
            step.choice_buttons["soothe"].click()
            entered["response"] = "soothe"
        view.run.skip()
    assert view.current.key == STEPS[leave_at]
    if STEPS[leave_at] == "close":
        key(qtbot, window, Qt.Key.Key_2)
        entered["distress_after"] = 2
    if STEPS[leave_at] == "trigger":
        view.current.own.setFocus()
        qtbot.keyClicks(view.current.own, "Typed, then Esc")
        entered["trigger"] = "Typed, then Esc"
    key(qtbot, window, Qt.Key.Key_Escape)
    assert view.ended
    page = window.page("moment")
    assert page.stack.currentWidget() is page.rest
    assert "saved" in page.rest_message.text()
    (moment,) = moments(window)
    assert moment.ended_step == STEPS[leave_at]
    for field, value in entered.items():
        assert getattr(moment, field) == value, field
    assert view.breathe.controller.state().ended


def test_every_step_can_be_skipped_and_nothing_is_required(make_window, qtbot):
    window, view = start_now(make_window, qtbot)
    for _ in STEPS:
        key(qtbot, window, Qt.Key.Key_S)
    assert view.ended
    (moment,) = moments(window)
    assert (moment.distress_before, moment.distress_after, moment.trigger, moment.signals) == (None, None, None, ())
    assert moment.response == "none" and moment.ended_step == "done"


def test_back_and_text_fields_keep_their_keys(make_window, qtbot):
    window, view = start_now(make_window, qtbot)
    view.run.skip()
    view.run.skip()
    assert view.current.key == "trigger"
    view.current.own.setFocus()
    qtbot.keyClicks(view.current.own, "Sad 5")
    key(qtbot, window, Qt.Key.Key_Left)
    assert view.current.key == "trigger", "Left moves the cursor in a text field"
    assert view.current.own.text() == "Sad 5"
    view.current.list.setFocus()
    key(qtbot, window, Qt.Key.Key_Left)
    assert view.current.key == "notice"


def test_grounding_instead_of_breathing_pauses_the_pacer_and_goes_on_when_done(make_window, qtbot):
    window, view = start_now(make_window, qtbot)
    key(qtbot, window, Qt.Key.Key_G)
    assert view.breathe.in_grounding()
    assert view.breathe.controller.state().status == SessionStatus.PAUSED
    card = view.breathe.grounding
    for _ in range(card.index, 7):
        key(qtbot, window, Qt.Key.Key_Right)
    assert view.current.key == "notice"


def test_anchors_follow_the_out_breath_while_breathing_continues(make_window, qtbot, fake_clock):
    window, view = start_now(make_window, qtbot)
    view.run.skip()
    view.run.skip()
    view.run.skip()
    deck = view.run.anchors
    assert view.current.key == "anchor" and deck.paced
    assert view.current.pacing_note.isVisible()
    controller = view.breathe.controller
    first = deck.index
    for _ in range(40):  # walk the clock through a few breaths
        fake_clock.advance(0.5)
        controller.poll()
    assert deck.index > first
    assert view.current.position.text() == f"{deck.index + 1} of {len(deck.shown)}"
    # Paging by hand stops the pacing.
    view.run.back()
    index = deck.index
    for _ in range(40):
        fake_clock.advance(0.5)
        controller.poll()
    assert deck.index == index
    assert not view.current.pacing_note.isVisible()


def test_check_in_notice_comes_after_the_wait(make_window, qtbot, fake_timers):
    window, view = start_now(make_window, qtbot)
    for _ in range(4):
        view.run.skip()
    step = view.current
    step.choice_buttons["wait"].click()
    step.wait_buttons[0].click()
    assert "check in" in step.wait_status.text() and "dropped" in step.wait_status.text()
    fake_timers.run_until(lambda: any("chose to wait" in n.text for n in window.notices.notices()))
    notice = next(n for n in window.notices.notices() if "chose to wait" in n.text)
    assert [b.text() for b in notice.buttons] == ["Breathe now"]


def choose_to_wait(make_window, qtbot):
    """Walk to the respond step and pick the first check-in, with the wall clock made fake."""
    from tests.helpers.stubs import FakeClock

    wall = FakeClock(1_715_000_000.0)
    window, view = start_now(make_window, qtbot, wall_clock=wall)
    for _ in range(4):
        view.run.skip()
    step = view.current
    step.choice_buttons["wait"].click()
    step.wait_buttons[0].click()
    return window, step, wall


def checkin_notices(window):
    return [n for n in window.notices.notices() if "chose to wait" in n.text]


def test_check_in_after_a_suspend_comes_within_a_minute_of_waking(make_window, qtbot, fake_timers):
    # The real 60 s re-check on the fake event loop; the plain timer keeps its real length (10 minutes
    # and more), so only the wall-clock re-check can bring the check-in here.
    window, step, wall = choose_to_wait(make_window, qtbot)
    feature = window.features[MomentFeature]
    minutes = feature.checkin.minutes
    assert minutes >= 1 and feature.checkin.timer.interval_ms == minutes * 60_000
    wall.advance(2 * 3600)  # asleep for two hours: the monotonic clock stood still
    fake_timers.advance(60)
    (notice,) = checkin_notices(window)
    assert notice.text.startswith("You chose to wait a while ago. How are you now?")
    assert [b.text() for b in notice.buttons] == ["Breathe now"]


def test_check_in_is_not_early_and_afterwards_nothing_keeps_waking(make_window, qtbot, fake_timers):
    window, step, wall = choose_to_wait(make_window, qtbot)
    feature = window.features[MomentFeature]
    minutes = feature.checkin.minutes
    assert feature.checkin.recheck.is_active() and feature.checkin.timer.is_active()
    wall.advance(minutes * 60 - 1)
    recheck_fired = feature.checkin.recheck.fired
    fake_timers.advance(60)
    assert feature.checkin.recheck.fired == recheck_fired + 1
    assert checkin_notices(window) == [], "not a second before the promised time"
    wall.advance(2)
    fake_timers.advance(60)
    assert checkin_notices(window)[0].text.startswith(f"You chose to wait, {minutes} minutes ago.")
    assert not feature.checkin.timer.is_active() and not feature.checkin.recheck.is_active(), "idle again: no timers"


def test_without_a_pending_check_in_no_check_in_timer_runs(make_window, qtbot):
    window, view = start_now(make_window, qtbot)
    feature = window.features[MomentFeature]
    assert not feature.checkin.timer.is_active() and not feature.checkin.recheck.is_active()
    for _ in range(4):
        view.run.skip()
    view.current.choice_buttons["wait"].click()
    view.current.wait_buttons[0].click()
    assert feature.checkin.recheck.interval_ms == 60_000 and feature.checkin.recheck.is_active()
    feature._quitting()  # quitting drops the check-in, as the user was told
    assert not feature.checkin.timer.is_active() and not feature.checkin.recheck.is_active()


def test_draft_is_held_then_reread_before_copy_and_kept_only_when_asked(make_window, qtbot, fake_timers):
    from tests.helpers.stubs import FakeClock

    window, view = start_now(make_window, qtbot, wall_clock=FakeClock(1_715_000_000.0))
    for _ in range(4):
        view.run.skip()
    step = view.current
    step.choice_buttons["draft"].click()
    pad = step.draft
    pad.starter_buttons[0].click()
    qtbot.keyClicks(pad.editor, "hurt when plans change")
    assert pad.editor.toPlainText() == "I feel hurt when plans change"
    assert "reread it after" in pad.status.text()
    assert not pad.copy_button.isEnabled()
    assert not pad.reread_button.isEnabled()
    fake_timers.advance(20 * 60 - 1)
    assert not pad.reread_button.isEnabled(), "held for the whole cooling-off time"
    fake_timers.advance(1)
    assert pad.reread_button.isEnabled()
    assert not pad.copy_button.isEnabled(), "copy only after rereading"
    pad.reread_button.click()
    assert pad.copy_button.isEnabled()
    pad.copy_button.click()
    assert QApplication.clipboard().text() == "I feel hurt when plans change"
    key(qtbot, window, Qt.Key.Key_Escape)
    (moment,) = moments(window)
    assert moment.response == "draft"
    assert moment.draft_text is None, "a draft is not kept unless the user asks"


def test_a_kept_draft_is_saved(make_window, qtbot):
    window, view = start_now(make_window, qtbot)
    for _ in range(4):
        view.run.skip()
    view.current.choice_buttons["draft"].click()
    pad = view.current.draft
    qtbot.keyClicks(pad.editor, "Would you call me tonight?")
    pad.keep.setChecked(True)
    view.leave()
    (moment,) = moments(window)
    assert moment.draft_text == "Would you call me tonight?"


def test_get_help_now_from_anywhere_shows_the_chosen_country(make_window, qtbot):
    window = make_window()
    window.context.update_settings(crisis_country="IE")
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = window.features[MomentFeature]._help
    assert dialog.isVisible()
    text = dialog.view.body.text()
    assert "Samaritans" in text and "116 123" in text and "112" in text
    help_button = window.features[MomentFeature].help_button  # right under Breathe now, above the pages
    assert window.breathe_now_button.geometry().bottom() < help_button.geometry().top() < window.nav.geometry().top()
    dialog.view.country.setCurrentIndex(0)
    assert window.context.settings.crisis_country == ""
    assert "emergency number" in dialog.view.body.text()


def test_a_broken_user_flow_file_is_reported_and_the_built_in_words_are_used(make_window, qtbot, data_paths):
    data_paths.flows.mkdir(parents=True)
    (data_paths.flows / "moment-flow.yaml").write_text("breathe:\n  minutes: ninety\n")
    window, view = start_now(make_window, qtbot)
    assert view.breathe.controller.state().status == SessionStatus.RUNNING
    texts = [n.text for n in window.notices.notices()]
    assert any("moment-flow.yaml:2:12" in t for t in texts)


def test_a_user_flow_file_changes_the_words_and_lists(make_window, qtbot, data_paths):
    data_paths.flows.mkdir(parents=True)
    (data_paths.flows / "moment-flow.yaml").write_text(
        "kind: flow\nbreathe:\n  minutes: 1\nrespond:\n  soothe: [Pet the cat]\n"
    )
    window, view = start_now(make_window, qtbot)
    assert view.breathe.controller.exercise.planned_seconds < 70
    for _ in range(4):
        view.run.skip()
    assert view.current.soothe_list.item(0).text() == "Pet the cat"
    assert view.current.notes.text().startswith("Nothing yet")


def test_reduced_motion_reaches_the_flow_pacer(make_window, qtbot):
    window = make_window()
    window.context.update_settings(motion="reduced")
    window.handle_request(LaunchRequest("now"))
    assert window.page("moment").view.breathe.pacer.reduced_motion()


def test_steps_have_accessible_names_and_the_view_describes_the_step(make_window, qtbot):
    window, view = start_now(make_window, qtbot)
    for _ in range(len(STEPS) - 1):
        assert view.current.accessibleName()
        assert view.accessibleDescription().startswith(f"Step {view.run.index + 1} of {len(STEPS)}")
        view.run.skip()
    for button in view.current.rating().buttons:
        assert button.accessibleName().startswith("Strength")


def test_a_real_steady_now_paints_the_flows_pacer_first(tmp_path):
    from tests.helpers.processes import run_launched

    done = run_launched("--first-frame", "now", "--data-dir", str(tmp_path / "data"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("first-frame ")
    assert "pyqtgraph-loaded 0" in done.stdout


def test_each_anchor_stays_for_at_least_one_whole_breath(make_window, qtbot, fake_clock):
    window, view = start_now(make_window, qtbot)
    for _ in range(3):
        view.run.skip()
    deck = view.run.anchors
    controller = view.breathe.controller
    shown_at: list[tuple[int, float]] = [(deck.index, controller.state().elapsed)]
    for _ in range(240):
        fake_clock.advance(0.25)
        controller.poll()
        if deck.index != shown_at[-1][0]:
            shown_at.append((deck.index, controller.state().elapsed))
    assert len(shown_at) >= 3
    breath = controller.exercise.stages[0].cycle_seconds
    durations = [b[1] - a[1] for a, b in pairwise(shown_at)]
    assert min(durations) >= breath * 0.9


def test_the_list_editor_moves_on_with_tab_and_keeps_no_tab_characters(qtbot):
    from app.gui.moment.list_editor import ListEditDialog

    dialog = ListEditDialog("Notes from your therapist", "Anything.", "", free_text=True)
    qtbot.addWidget(dialog)
    assert dialog.editor.tabChangesFocus()
    dialog.editor.setPlainText("Breathe\tfirst\nthen\twrite")
    assert dialog.text() == "Breathe first\nthen write" and dialog.lines() == ["Breathe first", "then write"]


def test_an_edited_list_shows_at_once_keeps_the_pick_and_never_overwrites_a_broken_file(make_window, qtbot, data_paths, monkeypatch):
    from app.core.flow_files import load_flow
    from app.gui.moment.list_editor import ListEditDialog

    typed = {"Things that set you off": "A cancelled call\nThey asked for space", "Soothing things": "Tea\n\tStretch"}
    offered = []

    def save_what_was_typed(dialog):
        offered.append(dialog.editor.toPlainText().splitlines()[:2])
        dialog.editor.setPlainText(typed[dialog.windowTitle()])
        return ListEditDialog.DialogCode.Accepted

    monkeypatch.setattr(ListEditDialog, "exec", save_what_was_typed)
    window, view = start_now(make_window, qtbot)
    view.run.skip()
    view.run.skip()
    step = view.current
    step.list.setCurrentRow(1)
    step.edit_button.click()
    assert [step.list.item(i).text() for i in range(step.list.count())] == ["A cancelled call", "They asked for space"]
    assert [item.text() for item in step.list.selectedItems()] == ["They asked for space"]
    assert offered == [["A slow reply, or no reply yet", "They asked for space"]]
    assert [(c.text, c.tag) for c in load_flow(data_paths.flows).flow.triggers] == [("A cancelled call", None), ("They asked for space", "space")]
    for _ in range(2):
        view.run.skip()
    view.current.choice_buttons["soothe"].click()
    flow_file = data_paths.flows / "moment-flow.yaml"
    flow_file.write_text("breathe:\n  minutes: lots\n")
    view.edit_list("respond", "soothe")
    assert any(n.text.startswith("Your list was not saved, because your flow file has a problem") for n in window.notices.notices())
    assert flow_file.read_text() == "breathe:\n  minutes: lots\n"
    flow_file.unlink()
    view.edit_list("respond", "soothe")
    assert [view.current.soothe_list.item(i).text() for i in range(view.current.soothe_list.count())] == ["Tea", "Stretch"]
