"""The flow run without Qt: which step, moving, which keys are live, ratings, and what Esc saves."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.flow import STEPS
from app.core.flow_files import load_flow
from app.core.model import PhaseKind
from app.core.moment.run import RATED, KeyGroup
from tests.unit.moment_fakes import GROUNDING_PROMPTS, Moment, open_moment

NAV, RATING, GROUNDING, STAR = KeyGroup.NAV, KeyGroup.RATING, KeyGroup.GROUNDING, KeyGroup.STAR


@pytest.fixture
def moment(tmp_path: Path) -> Iterator[Moment]:
    with open_moment(tmp_path) as made:
        made.record.start()  # as after the first frame
        yield made


def test_a_run_starts_on_breathing_and_moves_through_the_six_steps_in_order(moment: Moment) -> None:
    run, seen = moment.run, []
    run.step_changed.add(lambda: seen.append(run.current))
    assert run.current == "breathe" and not run.is_last
    while not run.is_last:
        run.next()  # the anchor step pages first
    assert seen == list(STEPS[1:]) and run.is_last
    assert moment.saved().ended_step == "close", "the history knows where the user is"


def test_which_keys_are_live_on_which_step(moment: Moment) -> None:
    live = {}
    for step in STEPS:
        moment.walk_to(step)
        live[step] = moment.run.live_keys()
    assert live == {
        "breathe": {NAV, RATING, GROUNDING},
        "notice": {NAV},
        "trigger": {NAV},
        "anchor": {NAV, STAR},
        "respond": {NAV},
        "close": {NAV, RATING},
    }


def test_back_goes_one_step_back_and_not_before_the_first(moment: Moment) -> None:
    run = moment.run
    run.back()
    assert run.current == "breathe"
    run.next()
    run.next()
    run.back()
    assert run.current == "notice"


def test_grounding_has_the_move_first_and_skip_does_not_wait_for_it(moment: Moment) -> None:
    run = moment.run
    run.ground()
    assert moment.breath.grounding == 0
    run.next()
    assert run.current == "breathe" and moment.breath.grounding == 1
    run.back()
    run.back()
    assert run.current == "breathe" and moment.breath.grounding is None, "Back from the first prompt: the pacer"
    run.ground()
    for _ in range(GROUNDING_PROMPTS):
        run.next()
    assert run.current == "breathe"
    run.next()
    assert run.current == "notice"
    run.ground()
    assert moment.breath.grounding is None, "G only on the breathe step"
    run.back()
    run.ground()
    run.skip()
    assert run.current == "notice"


def test_the_anchors_page_before_the_flow_moves_on(moment: Moment) -> None:
    run = moment.run
    moment.walk_to("anchor")
    deck = run.anchors
    for expected in range(1, len(deck.shown)):
        run.next()
        assert (run.current, deck.index) == ("anchor", expected)
    run.back()
    assert deck.index == len(deck.shown) - 2
    run.skip()
    assert run.current == "respond"


def test_ratings_by_digit_and_arrow_on_the_rated_steps_only(moment: Moment) -> None:
    run, told = moment.run, []
    run.rating_changed.add(lambda step, value: told.append((step, value)))
    run.step_rating(-1)
    assert run.rating("breathe") == 0, "Down with nothing chosen gives 0"
    run.rate(9)
    run.step_rating(1)
    run.step_rating(1)
    assert run.rating("breathe") == 10, "Up from 9 gives 10, and no more"
    run.next()
    run.rate(4)
    assert run.rating("close") is None, "no rating on the notice step"
    moment.walk_to("close")
    run.set_rating("close", 12)
    run.set_rating("close", 10)
    assert told == [("breathe", 0), ("breathe", 9), ("breathe", 10), ("close", 10)]
    saved = moment.saved()
    assert (saved.distress_before, saved.distress_after) == (10, 10)
    assert set(RATED) == {"breathe", "close"}


def test_esc_saves_the_words_typed_and_ends_where_the_user_was(moment: Moment) -> None:
    run, ended = moment.run, []
    run.finished.add(ended.append)
    moment.walk_to("trigger")
    run.trigger.write("No reply since lunch")
    assert moment.saved().trigger is None, "typed words are saved on leaving, not at every key"
    run.leave()
    assert ended == ["trigger"] and run.ended and moment.breath.stopped
    saved = moment.saved()
    assert (saved.trigger, saved.ended_step) == ("No reply since lunch", "trigger")
    run.next()
    run.skip()
    run.back()
    run.leave()
    assert run.current == "trigger" and ended == ["trigger"], "an ended run does not move"


def test_finishing_after_the_close_is_done_and_stops_the_breathing(moment: Moment) -> None:
    run, ended = moment.run, []
    run.finished.add(ended.append)
    moment.walk_to("close")
    run.next()
    assert ended == ["done"] and moment.breath.stopped
    assert moment.saved().ended_step == "done"


def test_a_moment_left_before_its_first_frame_is_recorded_with_what_was_entered(tmp_path: Path) -> None:
    with open_moment(tmp_path) as moment:
        moment.run.rate(6)
        assert moment.history.list_moments() == []
        moment.run.leave()
        saved = moment.saved()
        assert (saved.distress_before, saved.ended_step) == (6, "breathe")


def test_the_anchors_for_the_trigger_come_first_and_follow_the_breath(moment: Moment) -> None:
    run = moment.run
    moment.walk_to("trigger")
    run.trigger.pick("They asked for space")
    run.next()
    deck = run.anchors
    assert deck.current().id == "space-is-not-leaving" and deck.paced
    for _ in range(2):
        run.on_breath_phase(PhaseKind.INHALE)
        run.on_breath_phase(PhaseKind.EXHALE)
    assert deck.index == 1, "a new statement every other out-breath"
    run.back()
    run.back()
    run.next()
    assert (deck.index, deck.paced) == (0, False), "the same trigger: the deck is not dealt again"
    run.back()
    run.trigger.pick("Plans changed")
    run.next()
    assert deck.current().id == "plans-change" and deck.paced


def test_the_anchors_are_not_paced_when_the_breathing_is_over_and_only_while_they_show(tmp_path: Path) -> None:
    with open_moment(tmp_path, breathing=False) as moment:
        moment.walk_to("anchor")
        assert not moment.run.anchors.paced
    with open_moment(tmp_path / "again") as moment:
        moment.walk_to("anchor")
        deck = moment.run.anchors
        moment.run.skip()
        for _ in range(4):
            moment.run.on_breath_phase(PhaseKind.EXHALE)
        assert deck.index == 0 and deck.paced


def test_f_stars_the_statement_shown_on_the_anchor_step_only(moment: Moment) -> None:
    run = moment.run
    run.star()
    moment.walk_to("anchor")
    first = run.anchors.current()
    run.star()
    assert first.id in run.anchors.favourites
    assert [(a.anchor_id, a.favourited) for a in moment.saved().anchors] == [(first.id, True)]
    run.star()
    assert first.id not in run.anchors.favourites


def test_the_respond_step_saves_a_draft_on_leaving_only_when_kept(moment: Moment) -> None:
    run = moment.run
    moment.walk_to("respond")
    run.respond.choose("draft")
    run.respond.draft.set_text("I feel hurt when plans change")
    run.next()
    assert moment.saved().draft_text is None
    run.back()
    run.respond.draft.set_keep(True)
    run.respond.draft.set_text("I feel hurt when plans change. Would you call me?")
    run.leave()
    saved = moment.saved()
    assert (saved.response, saved.draft_text) == ("draft", "I feel hurt when plans change. Would you call me?")


def test_the_acknowledgement_is_one_of_the_flows_and_the_same_for_the_same_moment(moment: Moment) -> None:
    words = moment.run.acknowledgement()
    assert words in moment.run.flow.acknowledgements
    assert moment.run.acknowledgement() == words


def test_an_edited_trigger_list_is_written_and_keeps_the_tags(moment: Moment) -> None:
    run, told = moment.run, []
    moment.walk_to("trigger")
    run.trigger.changed.add(lambda: told.append(run.trigger.choices))
    assert run.list_text("trigger", "choices")[1] == "They asked for space"
    assert run.save_list("trigger", "choices", ["They asked for space", "A cancelled call"]) is None
    assert [(c.text, c.tag) for c in run.trigger.choices] == [("They asked for space", "space"), ("A cancelled call", None)]
    assert told == [run.trigger.choices]
    assert load_flow(moment.tmp_path / "flows").flow.triggers == run.trigger.choices
    assert run.save_list("respond", "therapist_notes", "Breathe first.") is None
    assert run.respond.flow.therapist_notes == "Breathe first."


def test_a_list_is_not_written_over_a_broken_flow_file(moment: Moment) -> None:
    path = moment.tmp_path / "flows" / "moment-flow.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("breathe:\n  minutes: lots\n")
    problem = moment.run.save_list("respond", "soothe", ["Tea"])
    assert problem is not None and problem.startswith("Your list was not saved, because your flow file has a problem; fix it first: ")
    assert f"{path}:2:12:" in problem
    assert path.read_text() == "breathe:\n  minutes: lots\n"
