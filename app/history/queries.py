"""Read-only SQL behind the Progress page, exports and lists.

Each query is shaped to use an index, so its cost follows what it returns (a year of daily
totals, the most recent rows) or, for all-time figures (streaks, moment statistics), grows no
faster than the history itself. bench/history.py measures this at 40,000 and 400,000 sessions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from app.history.records import (
    AnchorShown,
    Count,
    DayMinutes,
    DistressPair,
    HelpfulThing,
    MomentRow,
    MomentStats,
    ReminderEventRow,
    SessionRow,
    Streaks,
)

SESSION_COLUMNS = (
    "id, exercise_id, exercise_name, started_utc, started_local, tz, planned_seconds,"
    " practised_seconds, status, source, updated_utc"
)
_MOMENT_COLUMNS = (
    "m.id, m.session_id, m.started_utc, m.started_local, m.tz, m.distress_before,"
    " m.distress_after, m.trigger_text, m.response, m.draft_text, m.ended_step, m.updated_utc"
)
_REMINDER_COLUMNS = (
    "id, slot_id, scheduled_for_utc, outcome, merged_into, session_id, recorded_utc"
)


def _date_range(column: str, start: date | None, end: date | None) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if start is not None:
        clauses.append(f"{column} >= ?")
        params.append(start.isoformat())
    if end is not None:
        clauses.append(f"{column} <= ?")
        params.append(end.isoformat())
    return (" AND ".join(clauses) or "1"), params


def _limit(limit: int | None) -> str:
    return "" if limit is None else f" LIMIT {int(limit)}"


def list_sessions(
    conn: sqlite3.Connection, start: date | None, end: date | None, limit: int | None
) -> list[SessionRow]:
    where, params = _date_range("local_date", start, end)
    rows = conn.execute(
        f"SELECT {SESSION_COLUMNS} FROM sessions WHERE {where}"
        f" ORDER BY started_utc DESC, id DESC{_limit(limit)}",
        params,
    )
    return [SessionRow(*row) for row in rows]


def iter_sessions(conn: sqlite3.Connection) -> Iterator[SessionRow]:
    for row in conn.execute(f"SELECT {SESSION_COLUMNS} FROM sessions ORDER BY started_utc, id"):
        yield SessionRow(*row)


def _children(
    conn: sqlite3.Connection, ids: Sequence[str]
) -> tuple[dict[str, list[str]], dict[str, list[AnchorShown]]]:
    signals: dict[str, list[str]] = {i: [] for i in ids}
    anchors: dict[str, list[AnchorShown]] = {i: [] for i in ids}
    for chunk_start in range(0, len(ids), 500):
        chunk = list(ids[chunk_start:chunk_start + 500])
        marks = ", ".join("?" * len(chunk))
        for moment_id, signal in conn.execute(
            f"SELECT moment_id, signal FROM moment_signals WHERE moment_id IN ({marks})"
            " ORDER BY moment_id, position",
            chunk,
        ):
            signals[moment_id].append(signal)
        for moment_id, anchor_id, text, fav in conn.execute(
            "SELECT moment_id, anchor_id, anchor_text, favourited FROM moment_anchors"
            f" WHERE moment_id IN ({marks}) ORDER BY moment_id, position",
            chunk,
        ):
            anchors[moment_id].append(AnchorShown(text=text, anchor_id=anchor_id, favourited=bool(fav)))
    return signals, anchors


def _moments(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> list[MomentRow]:
    ids = [row[0] for row in rows]
    signals, anchors = _children(conn, ids)
    return [
        MomentRow(*row, signals=tuple(signals[row[0]]), anchors=tuple(anchors[row[0]]))
        for row in rows
    ]


def moments_where(
    conn: sqlite3.Connection, where: str, params: Sequence[Any], tail: str = ""
) -> list[MomentRow]:
    rows = conn.execute(f"SELECT {_MOMENT_COLUMNS} FROM moments m WHERE {where}{tail}", params)
    return _moments(conn, rows.fetchall())


def list_moments(
    conn: sqlite3.Connection, start: date | None, end: date | None, limit: int | None
) -> list[MomentRow]:
    where, params = _date_range("m.local_date", start, end)
    return moments_where(conn, where, params, f" ORDER BY m.started_utc DESC, m.id DESC{_limit(limit)}")


def iter_moments(conn: sqlite3.Connection, batch: int = 500) -> Iterator[MomentRow]:
    cursor = conn.execute(f"SELECT {_MOMENT_COLUMNS} FROM moments m ORDER BY m.started_utc, m.id")
    while True:
        rows = cursor.fetchmany(batch)
        if not rows:
            return
        yield from _moments(conn, rows)


def list_reminder_events(conn: sqlite3.Connection, limit: int | None) -> list[ReminderEventRow]:
    rows = conn.execute(
        f"SELECT {_REMINDER_COLUMNS} FROM reminder_events"
        f" ORDER BY scheduled_for_utc DESC, id DESC{_limit(limit)}"
    )
    return [ReminderEventRow(*row) for row in rows]


def iter_reminder_events(conn: sqlite3.Connection) -> Iterator[ReminderEventRow]:
    for row in conn.execute(
        f"SELECT {_REMINDER_COLUMNS} FROM reminder_events ORDER BY scheduled_for_utc, id"
    ):
        yield ReminderEventRow(*row)


def daily_minutes(conn: sqlite3.Connection, days: int, today: date) -> list[DayMinutes]:
    if days <= 0:
        return []
    first = today - timedelta(days=days - 1)
    totals = dict(
        conn.execute(
            "SELECT local_date, sum(practised_seconds) FROM sessions"
            " WHERE local_date BETWEEN ? AND ? GROUP BY local_date",
            (first.isoformat(), today.isoformat()),
        ).fetchall()
    )
    result = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        result.append(DayMinutes(day, round(float(totals.get(day.isoformat(), 0.0)) / 60.0, 3)))
    return result


def streaks(conn: sqlite3.Connection, today: date, min_seconds: float) -> Streaks:
    """Runs of consecutive practised local dates; a gap simply starts a new run."""
    rows = conn.execute(
        "SELECT DISTINCT local_date FROM sessions WHERE practised_seconds >= ?"
        " AND local_date <= ? ORDER BY local_date",
        (min_seconds, today.isoformat()),
    )
    longest = run = 0
    previous = None
    last: date | None = None
    for (text,) in rows:
        ordinal = date.fromisoformat(text).toordinal()
        run = run + 1 if previous is not None and ordinal == previous + 1 else 1
        longest = max(longest, run)
        previous = ordinal
    if previous is not None:
        last = date.fromordinal(previous)
    practised_today = last == today
    alive = last is not None and (today - last).days <= 1
    return Streaks(current=run if alive else 0, longest=longest, practised_today=practised_today,
                   last_day=last)


def moment_stats(
    conn: sqlite3.Connection, start: date | None, end: date | None, top: int
) -> MomentStats:
    where, params = _date_range("m.local_date", start, end)
    paired = f"{where} AND m.distress_before IS NOT NULL AND m.distress_after IS NOT NULL"
    total = conn.execute(f"SELECT count(*) FROM moments m WHERE {where}", params).fetchone()[0]
    pairs = tuple(
        DistressPair(mid, date.fromisoformat(day), before, after)
        for mid, day, before, after in conn.execute(
            f"SELECT m.id, m.local_date, m.distress_before, m.distress_after FROM moments m"
            f" WHERE {paired} ORDER BY m.started_utc, m.id",
            params,
        )
    )
    mean = sum(p.drop for p in pairs) / len(pairs) if pairs else None
    by_exercise = tuple(
        HelpfulThing(key, label, n, round(drop, 3))
        for key, label, n, drop in conn.execute(
            "SELECT s.exercise_id, max(s.exercise_name), count(*),"
            " avg(m.distress_before - m.distress_after) AS drop_"
            f" FROM moments m JOIN sessions s ON s.id = m.session_id WHERE {paired}"
            f" GROUP BY s.exercise_id ORDER BY drop_ DESC, count(*) DESC, s.exercise_id LIMIT ?",
            (*params, top),
        )
    )
    by_anchor = tuple(
        HelpfulThing(key, label, n, round(drop, 3), int(fav))
        for key, label, n, drop, fav in conn.execute(
            "SELECT coalesce(a.anchor_id, a.anchor_text) AS k, max(a.anchor_text),"
            " count(DISTINCT m.id), avg(m.distress_before - m.distress_after) AS drop_,"
            " sum(a.favourited)"
            f" FROM moment_anchors a JOIN moments m ON m.id = a.moment_id WHERE {paired}"
            " GROUP BY k ORDER BY drop_ DESC, count(DISTINCT m.id) DESC, k LIMIT ?",
            (*params, top),
        )
    )
    triggers = tuple(
        Count(label, n)
        for _key, label, n in conn.execute(
            "SELECT lower(trim(m.trigger_text)) AS k, min(trim(m.trigger_text)), count(*)"
            f" FROM moments m WHERE {where} AND trim(coalesce(m.trigger_text, '')) != ''"
            " GROUP BY k ORDER BY count(*) DESC, k LIMIT ?",
            (*params, top),
        )
    )
    signals = tuple(
        Count(label, n)
        for label, n in conn.execute(
            "SELECT g.signal, count(*) FROM moment_signals g JOIN moments m ON m.id = g.moment_id"
            f" WHERE {where} GROUP BY g.signal ORDER BY count(*) DESC, g.signal LIMIT ?",
            (*params, top),
        )
    )
    responses = tuple(
        Count(label, n)
        for label, n in conn.execute(
            f"SELECT m.response, count(*) FROM moments m WHERE {where}"
            " GROUP BY m.response ORDER BY count(*) DESC, m.response",
            params,
        )
    )
    return MomentStats(
        pairs=pairs,
        mean_drop=None if mean is None else round(mean, 3),
        by_exercise=by_exercise,
        by_anchor=by_anchor,
        top_triggers=triggers,
        top_signals=signals,
        responses=responses,
        total_moments=int(total),
    )
