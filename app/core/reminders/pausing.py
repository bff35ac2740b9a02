"""Quieting reminders for a while (the tray's Pause reminders), without Qt.

A pause is the setting `reminders_paused_until` (epoch seconds); slots due meanwhile are
accounted as skipped by the scheduler, not announced.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

PAUSE_HOUR_SECONDS = 3600.0


def start_of_tomorrow(now: float, tz: tzinfo) -> float:
    """Local midnight after `now` (epoch seconds), the end of "pause until tomorrow"."""
    tomorrow = datetime.fromtimestamp(now, tz).date() + timedelta(days=1)
    return datetime(tomorrow.year, tomorrow.month, tomorrow.day, tzinfo=tz).timestamp()


def pause_end(now: float, tz: tzinfo, seconds: float | None = None, until_tomorrow: bool = False) -> float:
    """When a pause that starts `now` ends: after `seconds` (an hour by default), or at midnight."""
    return start_of_tomorrow(now, tz) if until_tomorrow else now + (seconds or PAUSE_HOUR_SECONDS)
