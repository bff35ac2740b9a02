"""The Progress page's words (no Qt): practice celebrated, gaps never named as failures."""

from __future__ import annotations

import sys
from datetime import date, timedelta

import pytest

from app.core.history_records import DayMinutes, MomentRow, MomentStats, SessionRow, Streaks
from app.core.progress.figures import ProgressData, practice_figures, recent_entries
from app.core.progress.words import format_minutes, moments_summary, streak_summary

SHAME = ("broke", "broken", "missed", "fail", "lost", "should", "streak", "only", "again")
TODAY = date(2024, 5, 1)


def data(minutes: list[float]) -> ProgressData:
    days = tuple(DayMinutes(TODAY - timedelta(days=len(minutes) - 1 - i), m) for i, m in enumerate(minutes))
    return ProgressData(period=len(minutes), days=days, streaks=Streaks(0, 0, False, None))


@pytest.mark.parametrize("streaks, text", [
    (Streaks(0, 0, False, None), ""),
    (Streaks(1, 1, True, TODAY), "You practised today. Longest run: 1 day."),
    (Streaks(1, 4, False, TODAY - timedelta(days=1)), "Longest run: 4 days."),
    (Streaks(0, 5, False, TODAY - timedelta(days=9)), "Longest run: 5 days."),
    (Streaks(3, 5, True, TODAY), "Current run: 3 days. Longest run: 5 days."),
])
def test_streaks_are_told_without_guilt(streaks, text):
    assert streak_summary(streaks) == text
    assert not any(word in text.lower() for word in SHAME)


def summary(data: ProgressData) -> str:
    return practice_figures(data).summary


def test_practice_summary_counts_days_and_minutes_and_is_kind_about_none():
    assert summary(data([0, 2.5, 0, 10.25])) == "You practised on 2 days in the last 4 days, 12 min 45 s in all."
    assert summary(data([0, 0, 1])) == "You practised on 1 day in the last 3 days, 1 min in all."
    assert summary(data([40, 46])).endswith(", 1 h 26 min in all."), "lengths read as everywhere else"
    none = summary(data([0] * 30))
    assert none.startswith("Nothing recorded in the last 30 days. Whenever you are ready")
    assert not any(word in none.lower() for word in SHAME)


def test_minutes_keep_a_decimal_only_when_it_matters():
    assert [format_minutes(m) for m in (0, 0.5, 2.25, 9.95, 10.4, 120)] == ["0", "0.5", "2.2", "9.9", "10", "120"]


def test_moment_summary_for_easing_and_for_heavy_moments():
    eased = MomentStats(mean_drop=3.25, total_moments=4, pair_count=4)
    assert moments_summary(eased, 30) == (
        "4 hard moments in the last 30 days. On average your distress eased by 3.2 points out of 10.")
    heavy = MomentStats(mean_drop=0.0, total_moments=1, pair_count=1)
    assert "that is okay" in moments_summary(heavy, 90)
    unrated = MomentStats(total_moments=2)
    assert "Rate how you feel before and after" in moments_summary(unrated, 30)
    assert moments_summary(MomentStats(), 30) == ""


def test_entries_mix_sessions_and_moments_newest_first():
    session = SessionRow("s1", "box", "Box breathing", "2024-05-01T08:00:00.000+00:00",
                         "2024-05-01T09:00:00.000+01:00", "Europe/London", 240, 95, "stopped", "practice",
                         "2024-05-01T08:02:00.000+00:00")
    moment = MomentRow("m1", None, "2024-05-01T10:00:00.000+00:00", "2024-05-01T11:00:00.000+01:00",
                       "Europe/London", 8, 4, "Slow reply", "wait", None, None, "2024-05-01T10:00:00.000+00:00")
    entries = recent_entries([session], [moment])
    assert [e.description for e in entries] == [
        "Wed 1 May 2024, 11:00: Hard moment, distress 8 to 4, Slow reply",
        "Wed 1 May 2024, 09:00: Practice: Box breathing, 1 min 35 s (stopped early)",
    ]
    long = SessionRow("s2", "box", "Box breathing", "2024-05-01T08:00:00.000+00:00", "2024-05-01T09:00:00.000+01:00",
                      "Europe/London", 3600, 3725, "finished", "practice", "2024-05-01T09:02:05.000+00:00")
    short = SessionRow("s3", "box", "Box breathing", "2024-05-01T07:00:00.000+00:00", "2024-05-01T08:00:00.000+01:00",
                       "Europe/London", 60, 45, "finished", "practice", "2024-05-01T07:00:45.000+00:00")
    assert [e.what for e in recent_entries([long, short], [])] == [
        "Practice: Box breathing, 1 h 2 min", "Practice: Box breathing, 45 s"]


def test_the_progress_model_and_its_source_need_no_qt():
    import subprocess

    code = ("import sys, app.core.progress.model, app.gui.progress.history_source, app.gui.progress.feature;"
            " print('PySide6' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
