"""Time stamps for the history: fixed-width ISO 8601 text, and the user's named time zone.

Every stamp comes from an injected clock's epoch seconds (an app.core.clock.WallClock: mypy
refuses a monotonic one); nothing here reads the time itself.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def utc_iso(epoch_seconds: float) -> str:
    """`2024-03-31T01:30:00.000+00:00`: fixed width, so text order is time order."""
    return datetime.fromtimestamp(epoch_seconds, tz=UTC).isoformat(timespec="milliseconds")


def local_iso(epoch_seconds: float, tz: tzinfo) -> str:
    """The wall-clock time where the user was, with its offset: `2024-03-31T02:30:00.000+01:00`."""
    return datetime.fromtimestamp(epoch_seconds, tz=tz).isoformat(timespec="milliseconds")


def local_date(epoch_seconds: float, tz: tzinfo) -> date:
    return datetime.fromtimestamp(epoch_seconds, tz=tz).date()


def zone_name(tz: tzinfo) -> str:
    """A name to store beside a local time: the IANA key when there is one."""
    key = getattr(tz, "key", None)
    if key:
        return str(key)
    offset = tz.utcoffset(None)
    if offset is None:
        return "local"
    if offset == timedelta(0):
        return "UTC"
    total = int(offset.total_seconds())
    sign = "+" if total >= 0 else "-"
    hours, rest = divmod(abs(total), 3600)
    return f"UTC{sign}{hours:02d}:{rest // 60:02d}"


def system_zone() -> tzinfo:
    """The system's named time zone (TZ, then /etc/localtime), else the current fixed offset."""
    candidates: list[str] = []
    env = os.environ.get("TZ", "").lstrip(":")
    if env:
        candidates.append(env)
    try:
        target = os.readlink("/etc/localtime")
        marker = "zoneinfo/"
        if marker in target:
            candidates.append(target.split(marker, 1)[1])
    except OSError:
        pass
    try:
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except OSError:
        pass
    for name in candidates:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    fixed = datetime.now().astimezone().tzinfo  # only a fallback when no zone name exists
    return fixed if fixed is not None else UTC
