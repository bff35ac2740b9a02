"""`python -m bench history`: the Progress page's queries on 40,000 and 400,000 sessions.

40,000 sessions is about ten years of several sessions a day; 400,000 keeps the same rhythm for
a hundred years. Rows go in with executemany in one transaction, through the real schema. The
page's queries (daily minutes for 365 days, streaks, moment statistics, the 50 most recent
sessions) are timed as one set: the best of several rounds, the three sizes taken in turns.

- history_query_ms_40k: the set at 40,000 sessions.
- history_scaling_exponent: log10((t(400k) - t(0)) / (t(40k) - t(0))), where t(0) is an empty
  history: 1.0 means linear in the size of the history, the goal is at most 1.1.

The Progress page itself, drawn from 40,000 sessions, in fresh processes so imports are cold
(bench/_progress_view_probe.py; one warm-up run, then the median):

- history_view_ms_40k: from `show_page("progress")` to the first paint of the minutes plot
  holding the data, with the history first opened by the page (its integrity check included);
  `history_open_ms` is the same with the history already open (as after a session) and
  `view_365_ms` the switch to 365 days, `moments_tab_ms` the first look at the Moments tab
  (365 days). Goal 150 ms.
- pyqtgraph_import_ms: `import pyqtgraph` alone, just before the page opens (informative).
"""

from __future__ import annotations

import math
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from app.history.store import HistoryStore
from app.history.timefmt import local_iso, utc_iso, zone_name
from bench.common import Budget, error_result, read_tagged_lines, result, spawn, tail
from tests.helpers.stubs import FakeClock

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
    end = datetime(TODAY.year, TODAY.month, TODAY.day, 21, tzinfo=UTC).timestamp()
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


def interleaved_minimum(stores: list[HistoryStore], rounds: int, until: Budget | None = None) -> list[float]:
    """Milliseconds of the whole set for each store: the best of `rounds`, taken in turns.

    Turns (A B C A B C ...) expose every size to the same background load, and the minimum
    is the figure least disturbed by other programs on a busy 2-core machine. With `until`,
    rounds stop (after the first) once that budget is spent, so a slow machine still reports.
    """
    for store in stores:
        progress_page_queries(store)  # warm-up
    best = [math.inf] * len(stores)
    for done in range(rounds):
        if done and until is not None and until.remaining() <= 0:
            break
        for index, store in enumerate(stores):
            began = time.perf_counter()
            progress_page_queries(store)
            best[index] = min(best[index], (time.perf_counter() - began) * 1000.0)
    return best


#: Under --quick, the share of the budget the queries may use; the Progress page view gets the rest.
QUICK_QUERY_SHARE = 0.4


def run(quick: bool) -> Iterable[dict]:
    rounds = 7 if quick else 21
    started = time.monotonic()
    budget = Budget.for_run(quick)
    query_budget = Budget(budget.remaining() * QUICK_QUERY_SHARE) if quick else None
    with tempfile.TemporaryDirectory(prefix="steady-history-bench-") as name:
        stores = []
        try:
            for count in (0, 40_000, 400_000):
                store = HistoryStore(Path(name) / f"history-{count}.db", FakeClock(0.0), ZONE)
                stores.append(store)
                fill(store, count)
            empty, at_40k, at_400k = interleaved_minimum(stores, rounds, query_budget)
        finally:
            for store in stores:
                store.close()
    yield result("history", "history_query_ms_40k", at_40k, "ms", 100, "lower",
                 sessions=40_000, moments=4_000, empty_ms=round(empty, 3),
                 at_400k_ms=round(at_400k, 3))
    exponent = math.log10(max(at_400k - empty, 1e-6) / max(at_40k - empty, 1e-6))
    yield result("history", "history_scaling_exponent", exponent, "x", 1.1, "lower",
                 t0_ms=round(empty, 3), t40k_ms=round(at_40k, 3), t400k_ms=round(at_400k, 3))
    yield from progress_view(quick, budget, spent=time.monotonic() - started)


VIEW_PROBE = Path(__file__).resolve().parent / "_progress_view_probe.py"
VIEW_RUNS, QUICK_VIEW_RUNS = 9, 3
VIEW_TIMEOUT_SECONDS = 60.0


def view_once(data_dir: Path, history_open: bool) -> dict[str, float]:
    """One fresh process opening the Progress page; its `tag value` lines as numbers."""
    now = datetime(TODAY.year, TODAY.month, TODAY.day, 21, 30, tzinfo=UTC).timestamp()
    argv = [sys.executable, str(VIEW_PROBE), str(data_dir), repr(now)]
    proc = spawn(argv + (["--history-open"] if history_open else []))
    tags, err = read_tagged_lines(proc, VIEW_TIMEOUT_SECONDS)
    if proc.returncode != 0 or "view-ms" not in tags:
        raise RuntimeError(f"the Progress page probe exited {proc.returncode}: {tail(err)}")
    if tags.get("bars") != "30" or float(tags.get("minutes", 0)) <= 0:
        raise RuntimeError(f"the first paint did not show 30 days of data: {tags}")
    return {tag: float(value) for tag, value in tags.items()}


def progress_view(quick: bool, budget: Budget | None = None, spent: float = 0.0) -> Iterable[dict]:
    """Cold opens of the Progress page on 40,000 sessions: first-open and already-open history.

    Under --quick on a slow or busy machine the runs stop once the budget is spent (after at
    least one of each), so a figure is always reported; `runs` says how many it rests on.
    """
    budget = budget or Budget.for_run(quick)
    with tempfile.TemporaryDirectory(prefix="steady-history-view-") as name:
        data_dir = Path(name) / "data"
        data_dir.mkdir(mode=0o700)
        with HistoryStore(data_dir / "history.db", FakeClock(0.0), ZONE) as store:
            fill(store, 40_000)
        try:
            began = time.monotonic()
            view_once(data_dir, history_open=False)  # warm-up: file cache, bytecode
            # A run is a cold and a warm open, each about as long as the warm-up.
            run_cost = 2.0 * (time.monotonic() - began)
            cold: list[dict[str, float]] = []
            warm: list[dict[str, float]] = []
            for _ in range(QUICK_VIEW_RUNS if quick else VIEW_RUNS):
                if cold and budget.remaining() < run_cost:
                    break
                cold.append(view_once(data_dir, history_open=False))
                warm.append(view_once(data_dir, history_open=True))
        except RuntimeError as error:
            yield error_result("history", str(error), "history_view_ms_40k")
            return

    def mid(runs: list[dict[str, float]], tag: str) -> float:
        return round(statistics.median(run[tag] for run in runs), 3)

    yield result("history", "history_view_ms_40k", mid(cold, "view-ms"), "ms", 150, "lower",
                 sessions=40_000, runs=len(cold), seconds_before=round(spent, 1), build_ms=mid(cold, "build-ms"),
                 history_open_ms=mid(warm, "view-ms"), view_365_ms=mid(cold + warm, "view-365-ms"),
                 moments_tab_ms=mid(cold + warm, "moments-tab-ms"))
    yield result("history", "pyqtgraph_import_ms", mid(cold + warm, "pyqtgraph-import-ms"), "ms", None,
                 "lower", runs=len(cold) + len(warm))
