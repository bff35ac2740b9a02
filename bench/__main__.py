"""`python -m bench [NAME ...] [--quick] [--list]`: run benchmarks, one JSON object per line.

Each NAME is a module ``bench/NAME.py`` with ``run(quick: bool) -> Iterable[dict]``. Without
NAME every benchmark module found in this package runs: startup, animation, timing and cli
first, then the others in alphabetical order. Each benchmark runs in a child process of its own,
so that one that crashes, hangs or leaves a QApplication behind cannot spoil the next; a failure
prints ``{"bench": NAME, "error": ...}`` and the run continues. With ``--quick`` a benchmark is
told so and stopped after 30 s. The exit status is 1 if any goal was missed or any benchmark
failed, else 0.

``--in-process`` runs the named benchmarks in this process instead (for debugging, profiling
and for the child side of the normal mode).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import signal
import subprocess
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator

from bench import common

#: Run first and in this order; everything else discovered follows alphabetically.
PREFERRED_ORDER = ("startup", "animation", "timing", "cli")
#: Modules of this package that are helpers, not benchmarks.
HELPERS = frozenset({"common", "baselines", "launch"})
#: Without --quick a benchmark still gets stopped after this long.
FULL_TIMEOUT_SECONDS = 30 * 60.0
#: Extra seconds on top of the quick budget for starting the child interpreter and cleaning up.
QUICK_GRACE_SECONDS = 5.0


def discover() -> list[str]:
    """Names of the benchmark modules in this package, in running order."""
    import bench

    found = {
        info.name
        for info in pkgutil.iter_modules(bench.__path__)
        if not info.name.startswith("_") and info.name not in HELPERS and not info.ispkg
    }
    first = [name for name in PREFERRED_ORDER if name in found]
    return first + sorted(found - set(first))


def run_in_process(name: str, quick: bool) -> Iterator[dict]:
    """Import bench/NAME.py and yield its lines; an exception becomes an error line."""
    try:
        module = importlib.import_module(f"bench.{name}")
        yield from module.run(quick)
    except Exception as exc:  # noqa: BLE001 (one broken benchmark must not stop the others)
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        yield common.error_result(name, detail)


def run_in_child(name: str, quick: bool) -> Iterator[dict]:
    """Run one benchmark in a child interpreter, yielding its lines as they come."""
    argv = common.python_command("-m", "bench", "--in-process", name, *(["--quick"] if quick else []))
    timeout = common.QUICK_SECONDS + QUICK_GRACE_SECONDS if quick else FULL_TIMEOUT_SECONDS
    deadline = time.monotonic() + timeout
    errors = tempfile.TemporaryFile(mode="w+")  # a file, not a pipe: it can never fill and block
    # A session of its own, so that a timeout also ends the programs the benchmark started.
    proc = subprocess.Popen(
        argv, cwd=common.ROOT, stdout=subprocess.PIPE, stderr=errors, text=True, start_new_session=True
    )
    killer = threading.Timer(timeout, _kill_group, (proc.pid,))
    killer.daemon = True
    killer.start()
    seen_any = False
    try:
        assert proc.stdout is not None
        for raw in proc.stdout:
            raw = raw.strip()
            if not raw:
                continue
            try:
                line = json.loads(raw)
            except json.JSONDecodeError:
                continue  # stray output of a library; the contract lines are JSON
            if isinstance(line, dict):
                seen_any = True
                yield line
        proc.wait()
    finally:
        killer.cancel()
    errors.seek(0)
    err = errors.read()
    errors.close()
    if time.monotonic() >= deadline:
        yield common.error_result(name, f"stopped after {timeout:g} s")
    elif proc.returncode not in (0, 1) or not seen_any:  # 1 only says a goal was missed
        yield common.error_result(name, f"exited with status {proc.returncode}: {common.tail(err)}")


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help="benchmarks to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="at most 30 s per benchmark")
    parser.add_argument("--list", action="store_true", help="print the benchmark names and exit")
    parser.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    available = discover()
    if args.list:
        print("\n".join(available))
        return 0
    unknown = [n for n in args.names if n not in available]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(available)}")
    names = args.names or available

    runner = run_in_process if args.in_process else run_in_child
    all_met = True
    for name in names:
        for line in runner(name, args.quick):
            all_met &= common.goal_met(line)
            print(json.dumps(line), flush=True)
    return 0 if all_met else 1


if __name__ == "__main__":
    raise SystemExit(main())
