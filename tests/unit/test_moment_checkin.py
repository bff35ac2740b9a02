"""The check-in promised after choosing to wait: on time, after a suspend, and dropped on quitting."""

from __future__ import annotations

from app.core.moment.checkin import LATE_SECONDS, RECHECK_MS, CheckIn
from app.core.moment.time_words import clock_words
from tests.helpers.stubs import FakeClock, FakeTimers


def make() -> tuple[CheckIn, FakeClock, FakeTimers, list[str]]:
    wall, timers, said = FakeClock(1_715_000_000.0), FakeTimers(FakeClock(5000.0)), []
    return CheckIn(wall, timers, said.append), wall, timers, said


def test_the_promise_names_a_time_of_day_and_says_it_is_dropped_if_steady_closes() -> None:
    checkin, wall, _timers, _said = make()
    words = checkin.schedule(20)
    assert words == (
        f"Steady will check in at about {clock_words(wall.now() + 1200)}, here in this window. "
        "If you close Steady before then, the check-in is dropped."
    )


def test_it_comes_on_time_and_then_nothing_keeps_waking() -> None:
    checkin, wall, timers, said = make()
    assert not checkin.pending
    checkin.schedule(20)
    assert checkin.pending and checkin.recheck.interval_ms == RECHECK_MS
    wall.advance(20 * 60 - 1)
    timers.advance(20 * 60 - 1)
    assert said == [], "not a second early"
    wall.advance(1)
    timers.advance(1)
    assert said == [
        (
            "You chose to wait, 20 minutes ago. How are you now? Whatever you feel, it makes sense. "
            "You can breathe again, or simply carry on."
        )
    ]
    assert not checkin.pending and timers.active() == []


def test_after_a_suspend_it_comes_within_a_minute_of_waking_and_says_a_while_ago() -> None:
    checkin, wall, timers, said = make()
    checkin.schedule(60)
    timers.advance(60)
    wall.advance(60)
    wall.advance(2 * 3600)  # asleep: the monotonic clock stood still
    timers.advance(60)
    assert len(said) == 1 and said[0].startswith("You chose to wait a while ago. How are you now?")
    assert LATE_SECONDS == 300


def test_a_new_wait_replaces_the_pending_one_and_quitting_drops_it() -> None:
    checkin, wall, timers, said = make()
    checkin.schedule(20)
    checkin.schedule(60)
    wall.advance(20 * 60)
    timers.advance(20 * 60)
    assert said == []
    checkin.drop()
    assert not checkin.pending and checkin.due is None
    wall.advance(3600)
    timers.advance(3600)
    assert said == []
