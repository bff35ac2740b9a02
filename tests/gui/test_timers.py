"""The timer seam: the real QtTimer and the fake loop behave alike (single shot, repeat, stop)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.timers import qt_timer
from tests.helpers.stubs import FakeTimers


def test_a_real_single_shot_timer_fires_once_and_is_then_inactive(qtbot) -> None:
    calls: list[int] = []
    timer = qt_timer(lambda: calls.append(1), single_shot=True, precise=True)
    timer.start(5)
    assert timer.is_active()
    qtbot.waitUntil(lambda: calls == [1], timeout=30_000)
    assert not timer.is_active()


def test_a_real_repeating_timer_repeats_until_stopped(qtbot) -> None:
    calls: list[int] = []
    timer = qt_timer(lambda: calls.append(1), single_shot=False)
    timer.start(1)
    qtbot.waitUntil(lambda: len(calls) >= 3, timeout=30_000)
    timer.stop()
    assert not timer.is_active()


def test_a_real_timer_dies_with_its_owner(qtbot) -> None:
    owner = QObject()
    timer = qt_timer(lambda: None, owner=owner)
    assert timer.qtimer.parent() is owner


def test_the_fake_loop_fires_in_due_order_and_moves_the_clock_to_each_due_time() -> None:
    loop = FakeTimers()
    start = loop.clock.now()
    seen: list[tuple[str, float]] = []
    late = loop(lambda: seen.append(("late", round(loop.clock.now() - start, 9))))
    early = loop(lambda: seen.append(("early", round(loop.clock.now() - start, 9))))
    late.start(300)
    early.start(100)
    assert loop.advance(0.2) == 1
    assert seen == [("early", 0.1)]
    assert abs(loop.clock.now() - start - 0.2) < 1e-12
    loop.advance(1.0)
    assert seen == [("early", 0.1), ("late", 0.3)]
    assert not early.is_active() and not late.is_active()


def test_the_fake_loop_repeats_stops_and_stalls() -> None:
    loop = FakeTimers()
    ticks: list[float] = []
    timer = loop(lambda: ticks.append(loop.clock.now()), single_shot=False)
    timer.start(250)
    loop.advance(1.0)
    assert len(ticks) == 4
    loop.stall(10.0)
    assert len(ticks) == 4, "a stall runs nothing"
    loop.advance(0.0)
    assert len(ticks) == 5, "an overdue timer fires once when the loop runs again, not ten times"
    timer.stop()
    loop.advance(5.0)
    assert len(ticks) == 5
