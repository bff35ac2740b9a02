"""Kill a writing process at random points and check that no acknowledged write was lost.

Shared by tests/unit/test_history_durability.py (50 trials) and bench/durability.py (200).
Each trial starts bench/_history_writer.py on the same database and SIGKILLs it at a point
chosen by the seed and reached through the child's own messages, never by a timer, so the
trials are the same on an idle and on a loaded machine:

- "mid_commit": right after it announced write n ("about n"): the kill lands inside or just
  before that commit, wherever the scheduler happens to have it;
- "after_ack": right after it acknowledged write n ("ack n");
- "at_open": right after it announced that it opens the database ("opening"), which covers
  opening and creating the file.

Then the database is reopened as the app would (WAL recovery), `PRAGMA integrity_check` must
say "ok", and every write the child acknowledged must be there.

This models a crash or a kill of Steady; it does not model power loss (the page cache of the
kernel survives a killed process), for which WAL + synchronous=FULL rely on fsync.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

WRITER = Path(__file__).resolve().parent / "_history_writer.py"
OPS_PER_SESSION = 3
OPS_PER_TRIAL = 999  # each trial gets its own range of operation numbers, starting a new session


@dataclass
class ProbeSummary:
    trials: int = 0
    acknowledged: int = 0
    lost_sessions: set[str] = field(default_factory=set)
    integrity_failures: int = 0
    killed_mid_commit: int = 0
    killed_after_ack: int = 0
    killed_at_open: int = 0
    #: Writes that must have been acknowledged, given where the kills were planned.
    planned_acknowledged: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def sessions_lost(self) -> int:
        return len(self.lost_sessions)


def _session(op: int) -> str:
    return f"s{op // OPS_PER_SESSION}"


def _expected(acked: set[int]) -> dict[str, tuple[float, str]]:
    """For each session touched: the least practised time and status it must show."""
    need: dict[str, tuple[float, str]] = {}
    for op in sorted(acked):
        step = op % OPS_PER_SESSION
        need[_session(op)] = (0.0, "running") if step == 0 else (30.0, "running") if step == 1 else (60.0, "finished")
    return need


KILL_POINTS = ("mid_commit", "after_ack", "at_open")


def run_trial(
    db: Path, index: int, rng: random.Random, summary: ProbeSummary, lying_writer: bool = False
) -> None:
    first = index * OPS_PER_TRIAL
    point = rng.choices(KILL_POINTS, weights=(5, 4, 1))[0]
    target = first + rng.randrange(0, 24)
    child = subprocess.Popen(
        [sys.executable, "-I", "-S", str(WRITER), str(db), str(first)] + (["lie"] if lying_writer else []),
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )
    assert child.stdout is not None
    if point == "mid_commit":
        summary.killed_mid_commit += 1
        summary.planned_acknowledged += target - first
    elif point == "after_ack":
        summary.killed_after_ack += 1
        summary.planned_acknowledged += target - first + 1
    else:
        summary.killed_at_open += 1
    acked: set[int] = set()
    for raw in child.stdout:
        word, _, number = raw.decode().strip().partition(" ")
        if word == "ack":
            acked.add(int(number))
        if (
            (point == "at_open" and word == "opening")
            or (point == "mid_commit" and word == "about" and int(number) >= target)
            or (point == "after_ack" and word == "ack" and int(number) >= target)
        ):
            _kill(child)
    if child.wait() != -signal.SIGKILL:
        summary.problems.append(f"trial {index}: the writer ended by itself (status {child.returncode}) before the kill")
    summary.trials += 1
    summary.acknowledged += len(acked)
    _verify(db, acked, summary)


def _kill(child: subprocess.Popen) -> None:
    try:
        os.kill(child.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _verify(db: Path, acked: set[int], summary: ProbeSummary) -> None:
    if not db.exists():
        if acked:
            summary.lost_sessions.update(_session(op) for op in acked)
            summary.problems.append("the database vanished")
        return
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            summary.integrity_failures += 1
            summary.problems.append(f"integrity_check: {verdict}")
        for session, (practised, status) in _expected(acked).items():
            row = conn.execute("SELECT practised_seconds, status FROM sessions WHERE id = ?",
                               (session,)).fetchone()
            if row is None or row[0] < practised or (status == "finished" and row[1] != "finished"):
                summary.lost_sessions.add(session)
                summary.problems.append(f"{session}: expected {practised}/{status}, found {row}")
    except sqlite3.DatabaseError as error:
        summary.integrity_failures += 1
        summary.problems.append(f"cannot read after the kill: {error}")
    finally:
        conn.close()


def run_trials(
    count: int, workdir: Path, seed: int | None = None, *, lying_writer: bool = False
) -> ProbeSummary:
    """`count` kill trials on one database in `workdir` (created fresh by the first trial).

    `lying_writer` makes the writer acknowledge writes it never makes, to check the probe sees losses.
    """
    rng = random.Random(seed)
    summary = ProbeSummary()
    db = Path(workdir) / "history.db"
    for index in range(count):
        run_trial(db, index, rng, summary, lying_writer)
    return summary
