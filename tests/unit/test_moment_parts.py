"""Each step's part of the flow run, without Qt: ticks, the trigger, the anchor deck, the draft, the record."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.anchors import load_anchors
from app.core.model import PhaseKind
from app.core.moment.anchor_deck import EXHALES_PER_STATEMENT, NO_STATEMENTS, OWN_SAVED
from app.core.moment.draft import COOLED, COPIED, REREAD
from app.core.moment.rating import RATING_MAX, clamped, stepped
from app.core.moment.time_words import clock_words
from tests.unit.moment_fakes import Moment, open_moment


@pytest.fixture
def moment(tmp_path: Path) -> Iterator[Moment]:
    with open_moment(tmp_path) as made:
        made.record.start()
        yield made


# -- the record ---------------------------------------------------------------------------------


def test_the_record_writes_each_change_and_the_anchors_in_the_order_first_shown(moment: Moment) -> None:
    record = moment.record
    record.update(signals=("Tight chest",), trigger="Plans changed")
    record.show_anchor("b", "Second", False)
    record.show_anchor("a", "First", False)
    record.show_anchor("b", "Second", True)
    saved = moment.saved()
    assert (saved.signals, saved.trigger) == (("Tight chest",), "Plans changed")
    assert [(a.anchor_id, a.text, a.favourited) for a in saved.anchors] == [("b", "Second", True), ("a", "First", False)]
    assert record.start() == saved.id, "recorded once"
    with pytest.raises(AttributeError):
        record.update(mood="fine")  # not a moment field: a programming error, said at once


def test_a_rating_is_0_to_10_and_up_from_9_gives_10() -> None:
    assert [clamped(v) for v in (-3, 0, 7, 11)] == [0, 0, 7, RATING_MAX]
    assert (stepped(None, 1), stepped(None, -1), stepped(9, 1), stepped(10, 1), stepped(0, -1)) == (0, 0, 10, 10, 0)


# -- notice and trigger ----------------------------------------------------------------------------


def test_ticks_are_kept_in_the_flows_order(moment: Moment) -> None:
    ticks = moment.run.notice
    ticks.tick("Urge to text again", True)
    ticks.tick("Tight chest", True)
    ticks.tick("Racing heart", True)
    ticks.tick("Racing heart", False)
    assert ticks.ticked == ("Tight chest", "Urge to text again")
    assert moment.saved().signals == ("Tight chest", "Urge to text again")


def test_a_pick_and_typed_words_clear_each_other(moment: Moment) -> None:
    pick, told = moment.run.trigger, []
    pick.changed.add(lambda: told.append((pick.picked, pick.typed)))
    pick.pick("Plans changed")
    assert moment.saved().trigger == "Plans changed", "a pick is saved at once"
    pick.write("  ")
    assert pick.value() == "Plans changed", "blank words do not count"
    pick.write("No reply since lunch")
    assert (pick.picked, pick.value()) == (None, "No reply since lunch")
    pick.commit()
    assert moment.saved().trigger == "No reply since lunch"
    pick.pick("A fight left open")
    assert (pick.typed, pick.value()) == ("", "A fight left open")
    pick.pick(None)
    assert pick.value() is None and moment.saved().trigger is None
    assert told == [(None, "No reply since lunch"), ("A fight left open", "")]


def test_a_pick_that_leaves_the_list_goes(moment: Moment) -> None:
    pick = moment.run.trigger
    pick.pick("Plans changed")
    pick.set_choices(pick.choices[:1])
    assert pick.picked is None
    pick.pick(pick.choices[0].text)
    pick.set_choices(pick.choices)
    assert pick.picked == pick.choices[0].text


# -- the anchor deck -----------------------------------------------------------------------------


def test_a_statement_stays_for_two_out_breaths_and_the_pacing_stops_at_the_last(moment: Moment) -> None:
    deck = moment.run.anchors
    deck.begin("space", breathing=True)
    assert deck.paced and len(deck.shown) == 6
    for shown in range(1, len(deck.shown)):
        for _ in range(EXHALES_PER_STATEMENT):
            deck.on_phase(PhaseKind.INHALE)
            assert deck.index == shown - 1, "an in-breath changes nothing"
            deck.on_phase(PhaseKind.EXHALE)
        assert deck.index == shown
    assert not deck.paced
    deck.on_phase(PhaseKind.EXHALE)
    assert deck.index == len(deck.shown) - 1


def test_paging_starring_or_writing_stops_the_pacing(moment: Moment) -> None:
    deck = moment.run.anchors
    for stop in (deck.advance, deck.toggle_star, deck.writing):
        deck.begin(None, breathing=True)
        stop()
        assert not deck.paced, stop


def test_a_star_and_an_own_statement_are_there_next_time(moment: Moment) -> None:
    deck = moment.run.anchors
    deck.begin("ex", breathing=False)
    first = deck.current()
    deck.toggle_star()
    assert deck.save_own("  I can wait and still be loved ")
    assert deck.current().text == "I can wait and still be loved" and deck.index == 1
    assert deck.shown[0] == first and deck.status == OWN_SAVED
    assert not deck.save_own("   "), "nothing to save"
    again = load_anchors(moment.tmp_path / "anchors")
    assert first.id in again.favourites
    assert any(a.text == "I can wait and still be loved" and a.own for a in again.anchors)
    shown = {a.anchor_id: a.favourited for a in moment.saved().anchors}
    assert shown[first.id] and deck.current().id in shown


def test_a_star_that_cannot_be_written_is_said_and_kept_for_now(moment: Moment) -> None:
    (moment.tmp_path / "anchors").write_text("a file where the anchors folder should be")
    deck = moment.run.anchors
    deck.begin(None, breathing=False)
    assert deck.status.startswith("Some of your anchor files could not be read")
    deck.toggle_star()
    assert deck.status.startswith("Your star could not be saved: ")
    assert deck.current().id in deck.favourites
    assert not deck.save_own("Mine")
    assert deck.status.startswith("That could not be saved: ")
    assert (moment.tmp_path / "anchors").read_text() == "a file where the anchors folder should be"


def test_a_broken_anchor_file_is_said_and_left_alone(moment: Moment) -> None:
    mine = moment.tmp_path / "anchors" / "mine.yaml"
    mine.parent.mkdir()
    mine.write_text("anchors: [\n")
    deck = moment.run.anchors
    deck.begin(None, breathing=False)
    assert deck.status.startswith(f"Some of your anchor files could not be read, so they are left out: {mine}:")
    assert not deck.save_own("Mine")
    assert deck.status.startswith("That could not be saved: ") and deck.status.endswith("(fix the file, then try again)")
    assert mine.read_text() == "anchors: [\n"


def test_with_no_statements_at_all_nothing_is_shown_or_starred(moment: Moment) -> None:
    deck = moment.run.anchors
    deck.anchor_set.anchors.clear()
    deck.begin(None, breathing=True)
    assert deck.current() is None and not deck.paced and not deck.advance()
    deck.toggle_star()
    assert moment.saved().anchors == ()
    assert NO_STATEMENTS.startswith("There are no statements yet.")


# -- the draft ---------------------------------------------------------------------------------


def test_a_draft_is_held_from_its_first_word_then_reread_then_copied(moment: Moment) -> None:
    draft, told = moment.run.respond.draft, []
    draft.changed.add(lambda: told.append(draft.status))
    draft.set_text("   ")
    assert draft.started_at is None and draft.status == ""
    moment.wall.advance(30)
    draft.set_text("I feel")
    until = moment.wall.now() + 20 * 60
    assert draft.held_until() == until
    assert draft.status == (
        f"It waits here while you stay on this step; you can reread it after {clock_words(until)}. "
        'To find it later, tick "Keep this draft".'
    )
    draft.set_text("I feel hurt")
    moment.timers.advance(20 * 60 - 1)
    assert not draft.cooled
    moment.timers.advance(1)
    assert draft.cooled and draft.status == COOLED and not draft.reread
    draft.mark_reread()
    draft.copied()
    assert draft.reread and told[-2:] == [REREAD, COPIED]
    assert moment.saved().draft_text is None, "never kept unless asked"


def test_a_longer_hold_moves_the_time_and_the_wall_clock_decides_after_a_suspend(moment: Moment) -> None:
    draft = moment.run.respond.draft
    draft.set_text("Would you call me?")
    draft.set_minutes(60)
    assert draft.held_until() == moment.wall.now() + 3600
    moment.timers.advance(20 * 60)
    assert not draft.cooled
    draft.check_clock()
    assert not draft.cooled
    moment.wall.advance(3600)  # asleep: the timer's clock stood still
    draft.check_clock()
    assert draft.cooled
    draft.set_minutes(90)
    assert draft.cooled and draft.status == COOLED, "once cooled, it stays so"
    assert not moment.timers.active()


def test_a_kept_draft_follows_the_words_and_unticking_removes_it(moment: Moment) -> None:
    draft = moment.run.respond.draft
    draft.set_text("Draft one")
    draft.set_keep(True)
    assert moment.saved().draft_text == "Draft one"
    draft.set_text("Draft two  ")
    assert moment.saved().draft_text == "Draft two"
    draft.set_keep(False)
    assert moment.saved().draft_text is None


def test_a_response_is_one_of_four_and_a_wait_asks_for_a_check_in(moment: Moment) -> None:
    respond = moment.run.respond
    respond.choose("soothe")
    respond.wait(20)
    assert (respond.choice, respond.checkin, moment.checkins) == ("soothe", "in 20 minutes", [20])
    assert moment.saved().response == "soothe"
    with pytest.raises(ValueError, match="not a response"):
        respond.choose("none")
