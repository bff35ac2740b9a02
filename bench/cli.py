"""Command line: `steady validate` on hostile files, and `steady list`, as whole processes.

Each hostile input is written to a temporary folder and checked with ``steady validate FILE``
(through the launcher, bench.common.steady_command, with nothing to watch: a fresh process each
time; the time is the whole process, from spawn to exit). A hostile file must be refused: exit status 1 and at least one
``PATH:LINE:COLUMN: message`` line on stderr; anything else (a crash, a hang, a pass) counts in
``validate_failures``.

Metrics: ``validate_worst_ms`` (the slowest input's median, goal <= 500), ``validate_failures``
(goal 0), ``list_ms`` (``steady list`` with a fresh data folder, median, informative).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from bench.common import ROOT, Budget, child_env, median, result, steady_command

BENCH = "cli"
DEPTH = 100_000
RUNS, QUICK_RUNS = 5, 1
LIST_RUNS, QUICK_LIST_RUNS = 10, 3
CHILD_TIMEOUT_SECONDS = 20.0
_PROBLEM_LINE = re.compile(r"^.+:\d+:\d+: .+", re.MULTILINE)


def _big_file() -> bytes:
    """20 MB of an exercise-looking file: a phase list that never ends."""
    head = b"version: 1\nkind: exercise\nname: Big\nphases:\n"
    line = b"  - inhale: 4\n  - exhale: 6\n"
    return head + line * (20 * 2**20 // len(line))


def _alias_bomb() -> bytes:
    """'Billion laughs': nine levels of nine aliases each, 10^9 strings when expanded."""
    lines = [b'version: 1', b'kind: exercise', b'name: Laughs', b'a0: &a0 "lol"']
    for level in range(1, 10):
        refs = b", ".join([b"*a%d" % (level - 1)] * 9)
        lines.append(b"a%d: &a%d [%s]" % (level, level, refs))
    lines.append(b"phases: *a9")
    return b"\n".join(lines) + b"\n"


def _flow_nesting() -> bytes:
    return b"name: Deep\nphases: " + b"[" * DEPTH + b"]" * DEPTH + b"\n"


def _flow_nesting_unclosed() -> bytes:
    return b"[" * DEPTH + b"\n"


def _block_nesting() -> bytes:
    """Block sequences nested 100,000 deep ("- - - ... x"), the indented form of the same."""
    return b"name: Deep\nphases:\n" + b"- " * DEPTH + b"x\n"


def _mapping_nesting() -> bytes:
    return b"{a: " * DEPTH + b"1" + b"}" * DEPTH + b"\n"


def _token_flood() -> bytes:
    """Just under any sane size limit, packed with tokens: the scanner's worst case."""
    head = b"version: 1\nkind: exercise\nname: Flood\nphases:\n"
    item = b"- {inhale: 1}\n"
    return head + item * ((250 * 1024 - len(head)) // len(item))


def _invalid_utf8() -> bytes:
    return b"version: 1\nkind: exercise\nname: Caf\xe9 \xff\xfe\nphases:\n  - inhale: 4\n  - exhale: 6\n"


HOSTILE: dict[str, Callable[[], bytes]] = {
    "20mb": _big_file,
    "alias-bomb": _alias_bomb,
    "flow-nesting": _flow_nesting,
    "flow-nesting-unclosed": _flow_nesting_unclosed,
    "block-nesting": _block_nesting,
    "mapping-nesting": _mapping_nesting,
    "token-flood": _token_flood,
    "invalid-utf8": _invalid_utf8,
}


def _timed(argv: list[str], data_dir: str) -> tuple[float, subprocess.CompletedProcess]:
    started = time.monotonic()
    done = subprocess.run(
        argv + ["--data-dir", data_dir],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        errors="replace",
        timeout=CHILD_TIMEOUT_SECONDS,
    )
    return time.monotonic() - started, done


def run(quick: bool) -> Iterator[dict]:
    budget = Budget.for_run(quick)
    runs = QUICK_RUNS if quick else RUNS
    scratch = Path(tempfile.mkdtemp(prefix="steady-bench-"))
    try:
        data_dir = str(scratch / "data")
        files = {}
        for name, make in HOSTILE.items():
            files[name] = scratch / f"{name}.yaml"
            files[name].write_bytes(make())
        _timed(steady_command("validate", str(files["invalid-utf8"])), data_dir)  # warm-up

        times: dict[str, list[float]] = {name: [] for name in files}
        failures: list[str] = []
        for _ in range(runs):
            for name, path in files.items():
                try:
                    seconds, done = _timed(steady_command("validate", str(path)), data_dir)
                except subprocess.TimeoutExpired:
                    times[name].append(CHILD_TIMEOUT_SECONDS)
                    failures.append(f"{name}: no answer within {CHILD_TIMEOUT_SECONDS:g} s")
                    continue
                times[name].append(seconds)
                if done.returncode != 1 or not _PROBLEM_LINE.search(done.stderr):
                    failures.append(f"{name}: exit {done.returncode}, stderr {done.stderr.strip()[:120]!r}")
            if budget.remaining() < 10:
                break
        medians = {name: median(values) * 1000 for name, values in times.items()}
        worst = max(medians, key=medians.__getitem__)
        per_input = {name: round(ms, 1) for name, ms in medians.items()}
        yield result(BENCH, "validate_worst_ms", medians[worst], "ms", 500, "lower", worst=worst, inputs=per_input)
        yield result(BENCH, "validate_failures", len(set(failures)), "count", 0, "lower", failures=sorted(set(failures))[:10])

        list_times = []
        for _ in range(QUICK_LIST_RUNS if quick else LIST_RUNS):
            seconds, done = _timed(steady_command("list"), data_dir)
            if done.returncode != 0:
                raise RuntimeError(f"steady list exited {done.returncode}: {done.stderr.strip()[-200:]}")
            list_times.append(seconds)
            if budget.remaining() < 2:
                break
        yield result(BENCH, "list_ms", median(list_times) * 1000, "ms", None, "lower", runs=len(list_times))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
