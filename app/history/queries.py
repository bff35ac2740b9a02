"""Read-only SQL behind the Progress page, exports and lists.

Each query is shaped to use an index, so its cost follows what it returns (a year of daily
totals, the most recent rows) or, for all-time figures (streaks, moment statistics), grows no
faster than the history itself. bench/history.py measures this at 40,000 and 400,000 sessions.
"""

from __future__ import annotations

import heapq
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from app.core.history_records import (
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
        MomentRow(*(*row, tuple(signals[row[0]]), tuple(anchors[row[0]])))  # the columns, then the lists
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
    conn: sqlite3.Connection, start: date | None, end: date | None, top: int, pairs_limit: int
) -> MomentStats:
    """Distress before/after, and what helped, over the moments in [start, end].

    One pass over the moments (with each one's exercise) and one over their signals and
    anchors, counted in dictionaries: the cost grows linearly with the history, where GROUP BY
    would sort. `pairs` holds only the most recent `pairs_limit` pairs (for the plot); the means
    and rankings use all of them.
    """
    where, params = _date_range("m.local_date", start, end)
    total = 0
    recent: list[tuple[str, str, DistressPair]] = []
    drops: dict[str, int] = {}
    exercises: dict[str, list[Any]] = {}
    triggers: dict[str, list[Any]] = {}
    responses: dict[str, int] = {}
    for mid, stamp, day, before, after, trigger, response, exercise_id, exercise_name in conn.execute(
        "SELECT m.id, m.started_utc, m.local_date, m.distress_before, m.distress_after,"
        " m.trigger_text, m.response, s.exercise_id, s.exercise_name"
        f" FROM moments m LEFT JOIN sessions s ON s.id = m.session_id WHERE {where}",
        params,
    ):
        total += 1
        responses[response] = responses.get(response, 0) + 1
        if trigger is not None and trigger.strip():
            label = trigger.strip()
            entry = triggers.setdefault(label.casefold(), [label, 0])
            entry[1] += 1
        if before is None or after is None:
            continue
        drop = before - after
        drops[mid] = drop
        recent.append((stamp, mid, DistressPair(mid, date.fromisoformat(day), before, after)))
        if exercise_id is not None:
            entry = exercises.setdefault(exercise_id, [exercise_name, 0, 0])
            entry[1] += 1
            entry[2] += drop
    anchors: dict[str, list[Any]] = {}
    signals: dict[str, int] = {}
    if total:
        for mid, anchor_id, text, favourited in conn.execute(
            "SELECT moment_id, anchor_id, anchor_text, favourited FROM moment_anchors"
        ):
            drop = drops.get(mid)
            if drop is None:
                continue
            entry = anchors.setdefault(anchor_id or text, [text, 0, 0, 0])
            entry[1] += 1
            entry[2] += drop
            entry[3] += favourited
        wanted = None if start is None and end is None else set(drops) | _moment_ids(conn, where, params)
        for mid, signal in conn.execute("SELECT moment_id, signal FROM moment_signals"):
            if wanted is None or mid in wanted:
                signals[signal] = signals.get(signal, 0) + 1
    recent = heapq.nlargest(pairs_limit, recent) if pairs_limit >= 0 else recent
    recent.sort()
    pair_total = len(drops)
    return MomentStats(
        pairs=tuple(pair for _stamp, _mid, pair in recent),
        mean_drop=round(sum(drops.values()) / pair_total, 3) if pair_total else None,
        by_exercise=_helpful(exercises, top),
        by_anchor=_helpful(anchors, top),
        top_triggers=_top({k: (v[0], v[1]) for k, v in triggers.items()}, top),
        top_signals=_top({k: (k, n) for k, n in signals.items()}, top),
        responses=_top({k: (k, n) for k, n in responses.items()}, len(responses)),
        total_moments=total,
        pair_count=pair_total,
    )


def _moment_ids(conn: sqlite3.Connection, where: str, params: list[Any]) -> set[str]:
    return {row[0] for row in conn.execute(f"SELECT m.id FROM moments m WHERE {where}", params)}


def _helpful(table: dict[str, list[Any]], top: int) -> tuple[HelpfulThing, ...]:
    things = [
        HelpfulThing(key, values[0], values[1], round(values[2] / values[1], 3),
                     values[3] if len(values) > 3 else 0)
        for key, values in table.items()
    ]
    things.sort(key=lambda t: (-t.mean_drop, -t.moments, t.key))
    return tuple(things[:top])


def _top(table: dict[str, tuple[str, int]], top: int) -> tuple[Count, ...]:
    ranked = sorted(table.items(), key=lambda item: (-item[1][1], item[0]))
    return tuple(Count(label, n) for _key, (label, n) in ranked[:top])
