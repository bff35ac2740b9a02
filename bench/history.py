"""`python -m bench history`: the Progress page's queries on 40,000 and 400,000 sessions.

40,000 sessions is about ten years of several sessions a day; 400,000 keeps the same rhythm for
a hundred years. Rows go in with executemany in one transaction, through the real schema. The
page's queries (daily minutes for 365 days, streaks, moment statistics, the 50 most recent
sessions) are timed as one set: the best of several rounds, the three sizes taken in turns.

- history_query_ms_40k: the set at 40,000 sessions.
- history_scaling_exponent: log10((t(400k) - t(0)) / (t(40k) - t(0))), where t(0) is an empty
  history: 1.0 means linear in the size of the history, the goal is at most 1.1.
"""

from __future__ import annotations

import math
import random
import tempfile
import time
from collections.abc import Iterable
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from app.core.clock import FakeClock
from app.history.store import HistoryStore
from app.history.timefmt import local_iso, utc_iso, zone_name
from bench.common import result

ZONE = ZoneInfo("Europe/London")
TODAY = date(2024, 5, 1)
SESSIONS_PER_DAY = 40_000 / 3650
SIGNALS = ("tight chest", "racing heart", "shallow breath", "urge to text", "looping thoughts")
TRIGGERS = ("slow reply", "plans changed", "left out", "conflict overnight", "an ex mentioned")
ANCHORS = ("worth", "passes", "can-wait", "mine-theirs", "enough")
EXERCISES = ("calm-exhale", "cyclic-sighing", "resonance", "box", "grounding")


def fill(store: HistoryStore, count: int, seed: int = 1) -> None:
    """`count` sessions ending at TODAY (a tenth of them with a triggered moment)."""
    rng = random.Random(seed)
    days = max(1, round(count / SESSIONS_PER_DAY))
    end = datetime(TODAY.year, TODAY.month, TODAY.day, 21, tzinfo=timezone.utc).timestamp()
    start = end - days * 86400.0
    sessions, moments, signals, anchors = [], [], [], []
    zone = zone_name(ZONE)
    for index in range(count):
        when = start + (end - start) * index / max(count, 1) + rng.uniform(0, 3600)
        exercise = EXERCISES[index % len(EXERCISES)]
        practised = rng.choice((60.0, 120.0, 300.0, 600.0))
        sid = f"s{index}"
        started, local = utc_iso(when), local_iso(when, ZONE)
        source = "moment" if index % 10 == 0 else "practice"
        sessions.append((sid, exercise, exercise.title(), started, local, zone, practised,
                         practised, "finished", source, utc_iso(when + practised)))
        if index % 10 == 0:
            mid = f"m{index}"
            before = rng.randint(5, 10)
            moments.append((mid, sid, started, local, zone, before, max(0, before - rng.randint(0, 5)),
                            rng.choice(TRIGGERS), "wait", None, "choose", started))
            for position, signal in enumerate(rng.sample(SIGNALS, 2)):
                signals.append((mid, position, signal))
            for position, anchor in enumerate(rng.sample(ANCHORS, 2)):
                anchors.append((mid, position, anchor, anchor.title(), int(rng.random() < 0.2)))
    conn = store.connection
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO sessions (id, exercise_id, exercise_name, started_utc, started_local, tz,"
        " planned_seconds, practised_seconds, status, source, updated_utc)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", sessions)
    conn.executemany(
        "INSERT INTO moments (id, session_id, started_utc, started_local, tz, distress_before,"
        " distress_after, trigger_text, response, draft_text, ended_step, updated_utc)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", moments)
    conn.executemany("INSERT INTO moment_signals VALUES (?, ?, ?)", signals)
    conn.executemany("INSERT INTO moment_anchors VALUES (?, ?, ?, ?, ?)", anchors)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")


def progress_page_queries(store: HistoryStore) -> None:
    store.daily_minutes(365, TODAY)
    store.streaks(TODAY)
    store.moment_stats()
    store.list_sessions(limit=50)


def interleaved_minimum(stores: list[HistoryStore], rounds: int) -> list[float]:
    """Milliseconds of the whole set for each store: the best of `rounds`, taken in turns.

    Turns (A B C A B C ...) expose every size to the same background load, and the minimum
    is the figure least disturbed by other programs on a busy 2-core machine.
    """
    for store in stores:
        progress_page_queries(store)  # warm-up
    best = [math.inf] * len(stores)
    for _ in range(rounds):
        for index, store in enumerate(stores):
            began = time.perf_counter()
            progress_page_queries(store)
            best[index] = min(best[index], (time.perf_counter() - began) * 1000.0)
    return best


def run(quick: bool) -> Iterable[dict]:
    rounds = 7 if quick else 21
    with tempfile.TemporaryDirectory(prefix="steady-history-bench-") as name:
        stores = []
        try:
            for count in (0, 40_000, 400_000):
                store = HistoryStore(Path(name) / f"history-{count}.db", FakeClock(0.0), ZONE)
                stores.append(store)
                fill(store, count)
            empty, at_40k, at_400k = interleaved_minimum(stores, rounds)
        finally:
            for store in stores:
                store.close()
    yield result("history", "history_query_ms_40k", at_40k, "ms", 100, "lower",
                 sessions=40_000, moments=4_000, empty_ms=round(empty, 3),
                 at_400k_ms=round(at_400k, 3))
    exponent = math.log10(max(at_400k - empty, 1e-6) / max(at_40k - empty, 1e-6))
    yield result("history", "history_scaling_exponent", exponent, "x", 1.1, "lower",
                 t0_ms=round(empty, 3), t40k_ms=round(at_40k, 3), t400k_ms=round(at_400k, 3))
