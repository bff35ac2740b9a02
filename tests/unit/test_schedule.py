"""Reminder scheduling with separate wall and monotonic fake clocks: every slot exactly once.

The simulation runs 400 days in a real time zone with suspends (the monotonic clock stands still
while the wall clock moves), wall-clock jumps of 3 hours either way, restarts (state saved as
text and read back, the monotonic clock starting afresh as after a reboot), a time-zone change
half way, and twice a wall clock wrongly five years ahead and then put right (slots accounted
under the wrong clock are re-opened by the scheduler and counted again when they really come). It then checks that each reminder's slots were accounted for exactly once, fired or
merged into a catch-up, with no day missing and none counted twice.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.core.reminders.schedule import (
    Reminder,
    ReminderScheduler,
    SchedulerState,
    describe_days,
    local_instant,
    next_slot,
    parse_time,
    slots_after,
)
from app.core.reminders.store import load_state, save_state, state_from_text, state_to_text
from tests.helpers.stubs import FakeClock

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
UTC = UTC


def epoch(text: str, tz=UTC) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=tz).timestamp()


def utc_text(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M")


# -- wall-clock maths ---------------------------------------------------------------------------
def test_a_time_in_the_spring_gap_falls_due_at_the_first_valid_moment():
    # London 2024-03-31: 01:00 GMT jumps to 02:00 BST, so 01:30 never happens; 02:00 BST = 01:00 UTC.
    assert utc_text(local_instant(date(2024, 3, 31), 1, 30, LONDON)) == "2024-03-31 01:00"
    # New York 2024-03-10: 02:00 EST jumps to 03:00 EDT; 03:00 EDT = 07:00 UTC.
    assert utc_text(local_instant(date(2024, 3, 10), 2, 30, NEW_YORK)) == "2024-03-10 07:00"


def test_an_ambiguous_time_means_its_first_occurrence():
    # London 2024-10-27: 01:30 happens in BST (00:30 UTC) and again in GMT (01:30 UTC).
    assert utc_text(local_instant(date(2024, 10, 27), 1, 30, LONDON)) == "2024-10-27 00:30"
    assert utc_text(local_instant(date(2024, 11, 3), 1, 30, NEW_YORK)) == "2024-11-03 05:30"


def test_ordinary_times_are_plain_local_times():
    assert utc_text(local_instant(date(2024, 7, 1), 9, 0, LONDON)) == "2024-07-01 08:00"
    assert utc_text(local_instant(date(2024, 1, 15), 9, 0, NEW_YORK)) == "2024-01-15 14:00"


def test_times_are_read_strictly():
    assert parse_time("07:30") == (7, 30)
    assert parse_time("7:05") == (7, 5)
    for bad in ("24:00", "7.30", "07:60", "", "seven", "07:30:00"):
        with pytest.raises(ValueError):
            parse_time(bad)


def test_days_are_described_in_plain_words():
    assert describe_days(range(7)) == "every day"
    assert describe_days({0, 1, 2, 3, 4}) == "weekdays"
    assert describe_days({5, 6}) == "weekends"
    assert describe_days({0, 2, 4}) == "Mon, Wed, Fri"


def test_bad_reminders_are_refused():
    with pytest.raises(ValueError):
        Reminder("r", hour=24)
    with pytest.raises(ValueError):
        Reminder("r", minutes=0)
    with pytest.raises(ValueError):
        Reminder("r", days=frozenset({7}))


# -- a scheduler driven by hand -----------------------------------------------------------------
class Harness:
    """A scheduler, its two clocks, and a tally of every slot accounted for."""

    def __init__(self, reminders, tz, wall_start: float, mono_start: float = 100.0) -> None:
        self.reminders = list(reminders)
        self.tz = tz
        self.wall = FakeClock(wall_start)
        self.mono = FakeClock(mono_start)
        self.saved = state_to_text(SchedulerState())
        self.scheduler = ReminderScheduler(self.reminders, SchedulerState(), tz)
        self.tally: Counter[tuple[str, date]] = Counter()
        self.announced = []
        self.last_disruption = self.mono.now()
        self.merged_catch_ups = 0
        self.last_decision = None
        self.reopened = []

    def check(self):
        decision = self.scheduler.check(self.wall.now(), self.mono.now())
        assert 0.0 <= decision.next_check <= ReminderScheduler.max_wait
        for announcement in decision.announcements:
            if announcement.snoozed:
                self.announced.append((self.wall.now(), announcement))
                continue
            slots = (announcement.slot, *announcement.merged)
            for slot in slots:
                assert slot.at <= self.wall.now(), "nothing is announced before it is due"
                self.tally[(slot.reminder_id, slot.day)] += 1
            if announcement.catch_up:
                assert self.mono.now() - self.last_disruption >= 30.0, "a catch-up waits 30 s after waking"
                self.merged_catch_ups += bool(announcement.merged)
            else:
                assert self.wall.now() - announcement.slot.at <= ReminderScheduler.on_time_grace
            self.announced.append((self.wall.now(), announcement))
        for slot in decision.paused:
            self.tally[(slot.reminder_id, slot.day)] += 1
        for item in decision.reopened:  # accounted under a wrong clock: to be accounted again
            assert item.was > item.now_after
            self.reopened.append(item)
            for key in [k for k in self.tally if k[0] == item.reminder_id and item.now_after < k[1] <= item.was]:
                del self.tally[key]
        if decision.state_changed:
            self.saved = state_to_text(self.scheduler.state)
        self.last_decision = decision
        return decision

    def run_for(self, seconds: float) -> None:
        """Let time pass normally, checking whenever the scheduler asks (and at least each minute)."""
        end = self.mono.now() + seconds
        decision = self.check()
        while self.mono.now() < end:
            step = min(max(decision.next_check, 0.001), 60.0, end - self.mono.now())
            self.wall.advance(step)
            self.mono.advance(step)
            decision = self.check()

    def suspend(self, seconds: float) -> None:
        self.wall.advance(seconds)
        self.last_disruption = self.mono.now()

    def restart(self, closed_for: float, new_mono: float = 7.0) -> None:
        self.wall.advance(closed_for)
        self.mono.set(new_mono)
        self.last_disruption = new_mono
        state = state_from_text(self.saved.encode(), "reminders-state.yaml")
        self.scheduler = ReminderScheduler(self.reminders, state, self.tz)

    def set_zone(self, tz) -> None:
        self.tz = tz
        self.scheduler.tz = tz

    def edit(self, reminders) -> None:
        """The user changes the reminders (Settings, or settings.yaml while Steady runs)."""
        self.reminders = list(reminders)
        self.scheduler.set_reminders(self.reminders)

    def wrong_clock(self, wrong_for: float, ahead: float = 5 * 365.25 * 86400) -> None:
        """The wall clock jumps years ahead, runs like that for a while, and is then put right."""
        self.wall.advance(ahead)
        self.last_disruption = self.mono.now()
        self.run_for(wrong_for)
        self.wall.advance(-ahead)
        self.last_disruption = self.mono.now()


def test_a_reminder_one_minute_ahead_fires_once_on_time():
    start = epoch("2024-05-06 08:59", LONDON)
    h = Harness([Reminder("r1", hour=9, minute=0)], LONDON, start)
    h.run_for(90)
    assert len(h.announced) == 1
    at, announcement = h.announced[0]
    assert announcement.slot.id == "r1@2024-05-06" and not announcement.catch_up
    assert 0 <= at - epoch("2024-05-06 09:00", LONDON) < 1
    h.run_for(3 * 3600)
    assert len(h.announced) == 1


def test_a_new_reminder_owes_nothing_from_before_it_existed():
    h = Harness([Reminder("r1", hour=9)], LONDON, epoch("2024-05-06 12:00", LONDON))
    h.run_for(600)
    assert h.announced == []
    assert h.scheduler.upcoming(h.wall.now())[0].id == "r1@2024-05-07"


def test_the_gap_time_fires_at_the_next_valid_time_and_the_ambiguous_time_once():
    spring = Harness([Reminder("r1", hour=1, minute=30)], LONDON, epoch("2024-03-30 12:00", UTC))
    spring.run_for(24 * 3600)
    assert [(a.slot.id, utc_text(at)) for at, a in spring.announced] == [("r1@2024-03-31", "2024-03-31 01:00")]
    autumn = Harness([Reminder("r1", hour=1, minute=30)], LONDON, epoch("2024-10-26 12:00", UTC))
    autumn.run_for(24 * 3600)
    assert [(a.slot.id, utc_text(at)) for at, a in autumn.announced] == [("r1@2024-10-27", "2024-10-27 00:30")]


def test_slots_missed_in_sleep_merge_into_one_catch_up_30_s_after_waking():
    h = Harness([Reminder("a", hour=9), Reminder("b", hour=13)], NEW_YORK, epoch("2024-05-06 08:00", NEW_YORK))
    h.run_for(60)
    h.suspend(3 * 24 * 3600)  # asleep from Monday 08:01 to Thursday 08:01
    wake = h.mono.now()
    h.run_for(29)
    assert h.announced == []
    h.run_for(2)
    assert len(h.announced) == 1
    _at, catch_up = h.announced[0]
    assert catch_up.catch_up and h.mono.now() - wake >= 30
    assert catch_up.slot.id == "b@2024-05-08"
    assert sorted(s.id for s in catch_up.merged) == ["a@2024-05-06", "a@2024-05-07", "a@2024-05-08", "b@2024-05-06", "b@2024-05-07"]
    h.run_for(3600)
    assert len(h.announced) == 2 and h.announced[1][1].slot.id == "a@2024-05-09"
    assert all(count == 1 for count in h.tally.values())


def test_slots_missed_while_closed_give_one_catch_up_after_starting_and_none_twice():
    h = Harness([Reminder("a", hour=9)], LONDON, epoch("2024-05-06 08:00", LONDON))
    h.run_for(2 * 3600)
    assert len(h.announced) == 1
    h.restart(closed_for=2 * 24 * 3600)
    h.run_for(31)
    assert len(h.announced) == 2
    catch_up = h.announced[1][1]
    assert catch_up.catch_up and catch_up.slot.id == "a@2024-05-08" and [s.id for s in catch_up.merged] == ["a@2024-05-07"]
    h.restart(closed_for=60)
    h.run_for(120)
    assert len(h.announced) == 2


def test_a_clock_set_back_repeats_nothing_and_a_clock_set_forward_loses_nothing():
    h = Harness([Reminder("a", hour=9)], LONDON, epoch("2024-05-06 08:58", LONDON))
    h.run_for(300)
    assert len(h.announced) == 1
    h.wall.advance(-3 * 3600)
    h.run_for(4 * 3600)
    assert len(h.announced) == 1
    h.wall.set(epoch("2024-05-07 08:00", LONDON))
    h.run_for(60)
    h.wall.advance(3 * 3600)
    h.last_disruption = h.mono.now()
    h.run_for(60)
    assert len(h.announced) == 2 and h.announced[1][1].catch_up


def test_moving_a_reminder_later_keeping_its_id_still_fires_today():
    h = Harness([Reminder("a", hour=9)], LONDON, epoch("2024-05-06 08:59", LONDON))
    h.run_for(3600)  # 09:00 fires; now 09:59
    assert [a.slot.id for _at, a in h.announced] == ["a@2024-05-06"]
    h.edit([Reminder("a", hour=21)])
    h.run_for(12 * 3600)
    assert [(a.slot.id, a.catch_up) for _at, a in h.announced][1:] == [("a@2024-05-06", False)]
    assert 0 <= h.announced[1][0] - epoch("2024-05-06 21:00", LONDON) < 1, "at 21:00 the same day"
    h.run_for(24 * 3600)
    assert [a.slot.id for _at, a in h.announced][2:] == ["a@2024-05-07"]


def test_moving_a_reminder_earlier_keeping_its_id_owes_no_catch_up():
    h = Harness([Reminder("a", hour=21)], LONDON, epoch("2024-05-06 09:59", LONDON))
    h.run_for(60)
    h.edit([Reminder("a", hour=9)])
    h.run_for(3600)
    assert h.announced == [], "09:00 was before the change: nothing is owed"
    h.run_for(24 * 3600)
    assert [(a.slot.id, a.catch_up) for _at, a in h.announced] == [("a@2024-05-07", False)]


def test_adding_today_to_a_reminders_days_owes_nothing_before_now():
    h = Harness([Reminder("a", days=frozenset({0}), hour=9)], LONDON, epoch("2024-05-06 08:59", LONDON))
    h.run_for(2 * 3600)  # Monday 09:00 fires
    h.wall.set(epoch("2024-05-07 10:00", LONDON))  # Tuesday, after 09:00
    h.edit([Reminder("a", days=frozenset({0, 1}), hour=9)])
    h.run_for(3600)
    assert [a.slot.id for _at, a in h.announced] == ["a@2024-05-06"]


def test_a_reminder_changed_by_hand_while_closed_is_seen_as_changed_and_exactly_once():
    h = Harness([Reminder("a", hour=9)], LONDON, epoch("2024-05-06 08:59", LONDON))
    h.run_for(3600)
    h.reminders = [Reminder("a", hour=21)]  # settings.yaml edited, same id
    h.restart(closed_for=60)
    h.run_for(12 * 3600)
    assert [(a.slot.id, a.catch_up) for _at, a in h.announced] == [("a@2024-05-06", False), ("a@2024-05-06", False)]
    h.restart(closed_for=60)  # the same reminder again: nothing new, nothing repeated
    h.run_for(3600)
    assert len(h.announced) == 2


def test_a_state_from_before_shapes_were_kept_is_not_taken_as_a_change():
    state = SchedulerState.from_plain({"version": 1, "accounted": {"a": "2024-05-06"}})
    scheduler = ReminderScheduler([Reminder("a", hour=9)], state, LONDON)
    decision = scheduler.check(epoch("2024-05-06 09:30", LONDON), 10.0)
    assert scheduler.state.accounted == {"a": date(2024, 5, 6)} and scheduler.state.shapes == {"a": "mon,tue,wed,thu,fri,sat,sun 09:00"}
    assert decision.announcements == ()
    assert state_to_text(scheduler.state).count("shapes:") == 1
    with pytest.raises(ValueError):
        SchedulerState.from_plain({"accounted": {"a": "2024-05-06"}, "shapes": {"a": 9}})


def test_a_clock_wrongly_years_ahead_then_put_right_does_not_silence_reminders():
    # The review's case: the clock briefly shows 2030, a catch-up covers everything up to then,
    # and after the correction the next reminder must still come tomorrow, not in 2030.
    h = Harness([Reminder("a", hour=9), Reminder("b", days=frozenset({2}), hour=18)], LONDON, epoch("2024-05-06 08:59", LONDON))
    h.run_for(120)
    assert [a.slot.id for _at, a in h.announced] == ["a@2024-05-06"]
    h.wrong_clock(wrong_for=40)  # long enough for the catch-up to come at the wrong time
    assert h.announced[-1][1].catch_up and h.announced[-1][1].slot.day.year == 2029
    h.run_for(60)
    assert sorted(r.reminder_id for r in h.reopened) == ["a", "b"]
    assert all(r.now_after <= date(2024, 5, 6) for r in h.reopened)
    assert [s.id for s in h.scheduler.upcoming(h.wall.now())] == ["a@2024-05-07", "b@2024-05-08"]
    fired_before = len(h.announced)
    h.run_for(3 * 86400)
    later = [(a.slot.id, a.catch_up) for _at, a in h.announced[fired_before:]]
    assert later == [("a@2024-05-07", False), ("a@2024-05-08", False), ("b@2024-05-08", False), ("a@2024-05-09", False)]
    assert all(n == 1 for n in h.tally.values())


def test_a_clock_wrongly_years_ahead_across_a_restart_is_put_right_too():
    h = Harness([Reminder("a", hour=9)], LONDON, epoch("2024-05-06 08:59", LONDON))
    h.run_for(120)
    h.wall.advance(5 * 365 * 86400)
    h.run_for(40)  # the state file now holds a date in 2029
    h.wall.advance(-5 * 365 * 86400)
    h.restart(closed_for=60)
    h.run_for(86400)
    assert h.announced[-1][1].slot.id == "a@2024-05-07" and not h.announced[-1][1].catch_up
    assert all(n == 1 for n in h.tally.values())


def test_a_clock_set_back_a_few_hours_across_midnight_repeats_nothing():
    h = Harness([Reminder("m", hour=0, minute=0)], LONDON, epoch("2024-05-06 23:58", LONDON))
    h.run_for(600)  # the 00:00 slot of 05-07 fires
    assert [a.slot.id for _at, a in h.announced] == ["m@2024-05-07"]
    h.wall.advance(-3 * 3600)  # back to 21:08 on 05-06: the mark is one day ahead, and stays
    h.run_for(4 * 3600)
    assert len(h.announced) == 1 and h.reopened == []


def test_pausing_accounts_slots_quietly_and_snoozing_announces_again():
    h = Harness([Reminder("a", hour=9)], LONDON, epoch("2024-05-06 08:58", LONDON))
    decision = h.scheduler.check(h.wall.now(), h.mono.now(), paused_until=epoch("2024-05-06 10:00", LONDON))
    h.wall.advance(180)
    h.mono.advance(180)
    decision = h.scheduler.check(h.wall.now(), h.mono.now(), paused_until=epoch("2024-05-06 10:00", LONDON))
    assert decision.announcements == () and [s.id for s in decision.paused] == ["a@2024-05-06"]
    slot = decision.paused[0]
    h.scheduler.snooze(slot, h.mono.now() + 600)
    h.run_for(599)
    assert h.announced == []
    h.run_for(2)
    assert [a.snoozed for _at, a in h.announced] == [True]


def test_waits_are_never_longer_than_an_hour():
    h = Harness([Reminder("a", days=frozenset({6}), hour=9)], LONDON, epoch("2024-05-06 10:00", LONDON))
    decision = h.check()
    assert decision.next_check == 3600.0


def test_next_slot_follows_a_change_of_time_zone():
    reminder = Reminder("a", hour=9)
    now = epoch("2024-05-06 10:00", UTC)
    assert utc_text(next_slot(reminder, now, LONDON).at) == "2024-05-07 08:00"
    assert utc_text(next_slot(reminder, now, NEW_YORK).at) == "2024-05-06 13:00"


def test_the_state_file_round_trips_and_a_broken_one_is_set_aside(tmp_path):
    path = tmp_path / "reminders-state.yaml"
    state = SchedulerState({"a": date(2024, 5, 6), "b": date(2023, 12, 31)})
    save_state(path, state)
    assert load_state(path).state == state
    path.write_text("accounted:\n  a: not-a-date\n")
    loaded = load_state(path)
    assert loaded.state == SchedulerState() and loaded.set_aside_as is not None
    assert loaded.set_aside_as.read_text() == "accounted:\n  a: not-a-date\n"
    assert str(loaded.problems[0]).startswith(f"{path}:1:1:")
    path.write_text("accounted: [unclosed\n")
    assert load_state(path).problems


# -- the 400-day simulation ---------------------------------------------------------------------
SIM_REMINDERS = [
    Reminder("night", hour=1, minute=30),  # in London's and New York's gaps and overlaps
    Reminder("early", hour=2, minute=30),  # in New York's gap
    Reminder("mwf", days=frozenset({0, 2, 4}), hour=9, minute=0),
    Reminder("weekend", days=frozenset({5, 6}), hour=23, minute=59),
    Reminder("midnight", hour=0, minute=0),
]


@pytest.mark.parametrize(
    ("zone", "moved_to", "seed"),
    [(LONDON, NEW_YORK, 1), (NEW_YORK, LONDON, 2), (LONDON, NEW_YORK, 3), (NEW_YORK, LONDON, 4)],
)
def test_400_days_account_for_every_slot_exactly_once(zone, moved_to, seed):
    rng = random.Random(seed)
    start = epoch("2024-01-02 12:00", zone)
    end = start + 400 * 86400
    moved = False
    h = Harness(SIM_REMINDERS, zone, start)
    h.check()
    baseline = dict(h.scheduler.state.accounted)
    counts = Counter()
    while h.wall.now() < end:
        roll = rng.random()
        if roll < 0.012:
            h.suspend(rng.uniform(60, 40 * 3600))
            counts["suspend"] += 1
        elif roll < 0.018:
            h.wall.advance(rng.choice((-3, 3)) * 3600 + rng.uniform(-60, 60))
            h.last_disruption = h.mono.now()
            counts["jump"] += 1
        elif roll < 0.024:
            h.restart(closed_for=rng.uniform(1, 3 * 86400), new_mono=rng.uniform(5, 10_000))
            counts["restart"] += 1
        elif not moved and h.wall.now() > start + 200 * 86400:
            h.set_zone(moved_to)
            moved = True
        elif counts["wrong clock"] < 2 and h.wall.now() > start + (90 + 150 * counts["wrong clock"]) * 86400:
            # Five years ahead: first long enough for a catch-up at the wrong time, then briefly.
            h.wrong_clock(wrong_for=rng.uniform(40, 900) if not counts["wrong clock"] else rng.uniform(1, 20))
            counts["wrong clock"] += 1
        decision = h.check()
        step = min(max(decision.next_check, 0.001), 60.0 if rng.random() < 0.02 else 3600.0)
        late = rng.uniform(0, 0.5)
        h.wall.advance(step + late)
        h.mono.advance(step + late)
    h.run_for(120)  # let a pending catch-up arrive

    assert moved and counts["suspend"] > 50 and counts["jump"] > 20 and counts["restart"] > 20
    assert counts["wrong clock"] == 2 and {r.reminder_id for r in h.reopened} == {r.id for r in SIM_REMINDERS}
    assert h.merged_catch_ups > 10
    doubled = {key: n for key, n in h.tally.items() if n != 1}
    assert not doubled, f"slots counted more than once: {sorted(doubled)[:5]}"
    final = h.scheduler.state.accounted
    for reminder in SIM_REMINDERS:
        first_open = next(slots_after(reminder, final[reminder.id], h.tz))
        assert first_open.at > h.wall.now(), "everything due by the end was dealt with"
        expected = set()
        day = baseline[reminder.id] + timedelta(days=1)
        while day <= final[reminder.id]:
            if reminder.falls_on(day):
                expected.add((reminder.id, day))
            day += timedelta(days=1)
        got = {key for key in h.tally if key[0] == reminder.id}
        assert got == expected, f"{reminder.id}: missing {sorted(expected - got)[:3]}, extra {sorted(got - expected)[:3]}"
        assert len(expected) > 100
