"""Sessions, moments, reminders, statistics and deletion in the SQLite history."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.history import AnchorShown, HistoryStore, UnknownRecordError, open_history
from app.paths import DataPaths
from tests.helpers.stubs import FakeClock

LONDON = ZoneInfo("Europe/London")


def epoch(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(epoch("2024-05-01T08:00:00"))


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> HistoryStore:
    s = HistoryStore(tmp_path / "history.db", clock, LONDON)
    yield s
    s.close()


def test_session_begin_checkpoint_end(store: HistoryStore, clock: FakeClock) -> None:
    sid = store.begin_session("calm-exhale", "Calm exhale", 300, "practice")
    row = store.get_session(sid)
    assert row is not None
    assert (row.status, row.practised_seconds, row.source, row.tz) == ("running", 0, "practice", "Europe/London")
    assert row.started_utc == "2024-05-01T08:00:00.000+00:00"
    assert row.started_local == "2024-05-01T09:00:00.000+01:00"
    clock.advance(30)
    store.checkpoint(sid, 30)
    assert store.get_session(sid).practised_seconds == 30
    assert store.get_session(sid).updated_utc == "2024-05-01T08:00:30.000+00:00"
    clock.advance(25)
    store.end_session(sid, 55, "stopped")
    row = store.get_session(sid)
    assert (row.status, row.practised_seconds) == ("stopped", 55)


def test_bad_arguments_raise_where_they_are_made(store: HistoryStore) -> None:
    with pytest.raises(ValueError):
        store.begin_session("x", "X", 10, "somewhere")
    sid = store.begin_session("x", "X", 10)
    with pytest.raises(ValueError):
        store.end_session(sid, 10, "running")
    with pytest.raises(ValueError):
        store.checkpoint(sid, -1)
    with pytest.raises(UnknownRecordError):
        store.checkpoint("no-such-session", 5)
    with pytest.raises(ValueError):
        store.record_moment(distress_before=11)
    with pytest.raises(ValueError):
        store.record_moment(response="shout")
    with pytest.raises(ValueError):
        store.record_reminder_event("am", 0, "ignored")


def test_replaying_a_begin_is_harmless(store: HistoryStore) -> None:
    sid = store.begin_session("calm", "Calm", 60, session_id="fixed")
    store.checkpoint(sid, 30)
    assert store.begin_session("calm", "Calm", 60, session_id="fixed") == "fixed"
    assert store.get_session("fixed").practised_seconds == 30
    assert store.counts()["sessions"] == 1


def test_crash_mid_session_keeps_the_last_checkpoint(tmp_path: Path, clock: FakeClock) -> None:
    paths = DataPaths(tmp_path)
    first = open_history(paths, clock, LONDON).store
    sid = first.begin_session("calm", "Calm", 600)
    for second in (30, 60, 90):
        clock.advance(30)
        first.checkpoint(sid, second)
    clock.advance(20)  # 110 s practised, but the process dies before the next checkpoint
    # A second connection opens while the first was never closed: as after a crash.
    reopened = open_history(paths, clock, LONDON)
    row = reopened.store.get_session(sid)
    assert reopened.interrupted_sessions == 1
    assert (row.status, row.practised_seconds) == ("stopped", 90)
    reopened.store.close()
    first.close()


def test_moment_with_signals_anchors_and_updates(store: HistoryStore, clock: FakeClock) -> None:
    sid = store.begin_session("sigh", "Cyclic sighing", 120, "moment")
    mid = store.record_moment(
        session_id=sid, distress_before=8, signals=["tight chest", "urge to text", "tight chest"],
        trigger="  Slow reply ", anchors=["My worth does not depend on reply speed",
                                          AnchorShown("This will pass", "pass", True)],
    )
    clock.advance(300)
    store.update_moment(mid, distress_after=4, response="draft", draft_text="Can we talk tonight?",
                        ended_step="choose", signals=["tight chest"])
    m = store.get_moment(mid)
    assert m.session_id == sid
    assert (m.distress_before, m.distress_after, m.response) == (8, 4, "draft")
    assert m.draft_text == "Can we talk tonight?" and m.ended_step == "choose"
    assert m.signals == ("tight chest",)
    assert m.anchors[1] == AnchorShown("This will pass", "pass", True)
    assert m.updated_utc == "2024-05-01T08:05:00.000+00:00"
    with pytest.raises(TypeError):
        store.update_moment(mid, mood="fine")
    with pytest.raises(UnknownRecordError):
        store.update_moment("nope", distress_after=1)


def test_reminder_events(store: HistoryStore) -> None:
    sid = store.begin_session("calm", "Calm", 60, "reminder")
    store.record_reminder_event("morning", epoch("2024-05-01T07:00:00"), "merged", merged_into="noon")
    store.record_reminder_event("noon", epoch("2024-05-01T07:30:00"), "started", session_id=sid)
    events = store.list_reminder_events()
    assert [(e.slot_id, e.outcome, e.merged_into, e.session_id) for e in events] == [
        ("noon", "started", None, sid), ("morning", "merged", "noon", None)]
    assert events[0].scheduled_for_utc == "2024-05-01T07:30:00.000+00:00"


def test_delete_one_session_keeps_linked_moment(store: HistoryStore) -> None:
    keep = store.begin_session("a", "A", 60)
    gone = store.begin_session("b", "B", 60)
    mid = store.record_moment(session_id=gone, distress_before=5)
    assert store.delete_session(gone) is True
    assert store.delete_session(gone) is False
    assert [s.id for s in store.list_sessions()] == [keep]
    assert store.get_moment(mid).session_id is None


def test_delete_all_leaves_no_trace_in_the_file(tmp_path: Path, store: HistoryStore) -> None:
    secret = "a very private trigger text 8472"
    sid = store.begin_session("calm", "Calm", 60)
    store.record_moment(session_id=sid, trigger=secret, signals=["x"], anchors=["y"])
    store.record_reminder_event("am", 0, "fired")
    store.delete_all()
    assert store.counts() == {"sessions": 0, "moments": 0, "reminder_events": 0}
    for path in tmp_path.iterdir():
        assert secret.encode() not in path.read_bytes(), path.name


def test_list_sessions_range_and_limit(store: HistoryStore, clock: FakeClock) -> None:
    ids = []
    for _ in range(5):
        ids.append(store.begin_session("calm", "Calm", 60))
        clock.advance(86400)
    assert [s.id for s in store.list_sessions(limit=2)] == [ids[4], ids[3]]
    window = store.list_sessions(date(2024, 5, 2), date(2024, 5, 3))
    assert [s.id for s in window] == [ids[2], ids[1]]


def test_daily_minutes_use_local_dates_across_dst(store: HistoryStore) -> None:
    # Europe/London springs forward at 2024-03-31T01:00Z and falls back at 2024-10-27T01:00Z.
    for utc, seconds in [
        ("2024-03-30T23:30:00", 60),   # 23:30 GMT, 30 March
        ("2024-03-31T00:30:00", 120),  # 00:30 GMT, 31 March (23-hour day)
        ("2024-03-31T22:59:00", 180),  # 23:59 BST, 31 March
        ("2024-03-31T23:30:00", 240),  # 00:30 BST, 1 April (still 31 March in UTC)
        ("2024-10-27T00:30:00", 300),  # 01:30 BST, 27 October (first pass)
        ("2024-10-27T01:30:00", 360),  # 01:30 GMT, 27 October (second pass, 25-hour day)
        ("2024-10-27T23:30:00", 420),  # 23:30 GMT, 27 October
    ]:
        sid = store.begin_session("calm", "Calm", seconds, at=epoch(utc))
        store.end_session(sid, seconds, at=epoch(utc) + seconds)
    spring = store.daily_minutes(4, today=date(2024, 4, 2))
    assert [(d.day.isoformat(), d.minutes) for d in spring] == [
        ("2024-03-30", 1.0), ("2024-03-31", 5.0), ("2024-04-01", 4.0), ("2024-04-02", 0.0)]
    autumn = store.daily_minutes(2, today=date(2024, 10, 28))
    assert [(d.day.isoformat(), d.minutes) for d in autumn] == [("2024-10-27", 18.0), ("2024-10-28", 0.0)]


def test_daily_minutes_today_comes_from_the_clock_in_the_given_zone(store: HistoryStore, clock: FakeClock) -> None:
    clock.set(epoch("2024-06-30T23:30:00"))  # 1 July in London, 30 June in UTC
    store.end_session(store.begin_session("c", "C", 60), 60)
    assert store.daily_minutes(1)[0].day == date(2024, 7, 1)
    assert store.daily_minutes(1, tz=UTC)[0] .day == date(2024, 6, 30)


def test_streaks_current_and_longest(store: HistoryStore) -> None:
    def practise(day: str, seconds: float = 60) -> None:
        sid = store.begin_session("c", "C", 60, at=epoch(f"{day}T12:00:00"))
        store.end_session(sid, seconds, at=epoch(f"{day}T12:05:00"))

    assert store.streaks(today=date(2024, 1, 10)).current == 0
    for day in ("2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04",  # 4 in a row
                "2024-01-06", "2024-01-07"):  # a gap, then 2
        practise(day)
    practise("2024-01-06")  # two sessions on one day count once
    practise("2024-01-08", seconds=0)  # started but nothing practised
    s = store.streaks(today=date(2024, 1, 7))
    assert (s.current, s.longest, s.practised_today) == (2, 4, True)
    s = store.streaks(today=date(2024, 1, 8))  # today not practised yet: streak still alive
    assert (s.current, s.longest, s.practised_today) == (2, 4, False)
    assert store.streaks(today=date(2024, 1, 9)).current == 0  # a missed day: a new start
    assert store.streaks(today=date(2024, 1, 3)).current == 3  # future days are ignored


def test_moment_stats(store: HistoryStore, clock: FakeClock) -> None:
    sigh = store.begin_session("sigh", "Cyclic sighing", 120, "moment")
    calm = store.begin_session("calm", "Calm exhale", 120, "moment")
    store.record_moment(session_id=sigh, distress_before=9, distress_after=3, trigger="Slow reply",
                        signals=["racing heart", "urge to text"], anchors=[AnchorShown("Worth", "worth", True)],
                        response="wait")
    clock.advance(60)
    store.record_moment(session_id=sigh, distress_before=7, distress_after=3, trigger="slow reply ",
                        signals=["racing heart"], anchors=[AnchorShown("Worth", "worth")], response="soothe")
    clock.advance(60)
    store.record_moment(session_id=calm, distress_before=6, distress_after=5, trigger="plans changed",
                        signals=["tight chest"], anchors=[AnchorShown("Pass", "pass")], response="wait")
    store.record_moment(distress_before=5, trigger="ex mentioned")  # no "after": not a pair
    stats = store.moment_stats()
    assert stats.total_moments == 4
    assert [(p.before, p.after) for p in stats.pairs] == [(9, 3), (7, 3), (6, 5)]
    assert stats.mean_drop == pytest.approx((6 + 4 + 1) / 3, abs=1e-3)
    assert [(e.key, e.moments, e.mean_drop) for e in stats.by_exercise] == [("sigh", 2, 5.0), ("calm", 1, 1.0)]
    assert [(a.key, a.moments, a.mean_drop, a.favourited) for a in stats.by_anchor] == [
        ("worth", 2, 5.0, 1), ("pass", 1, 1.0, 0)]
    assert stats.top_triggers[0].count == 2 and stats.top_triggers[0].label.lower() == "slow reply"
    assert [(c.label, c.count) for c in stats.top_signals][:1] == [("racing heart", 2)]
    assert dict((c.label, c.count) for c in stats.responses) == {"wait": 2, "soothe": 1, "none": 1}
    assert store.moment_stats(start=date(2030, 1, 1)).total_moments == 0


def test_moment_stats_keeps_only_recent_pairs_for_the_plot(store: HistoryStore, clock: FakeClock) -> None:
    for before in (9, 8, 7):
        store.record_moment(distress_before=before, distress_after=2, signals=["tight chest"])
        clock.advance(86400)
    stats = store.moment_stats(pairs_limit=2)
    assert [p.before for p in stats.pairs] == [8, 7] and stats.pair_count == 3
    assert stats.mean_drop == 6.0
    window = store.moment_stats(start=date(2024, 5, 2), end=date(2024, 5, 2))
    assert window.total_moments == 1 and window.top_signals[0].count == 1
