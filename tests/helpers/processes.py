"""Starting real `steady` processes for tests, with the test's isolated environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

#: The repository root, so that `python -m bench.launch` finds the bench package.
ROOT = Path(__file__).resolve().parents[2]


def steady_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "app", *args]


def steady_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def run_steady(*args: str, timeout: float = 30, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(steady_command(*args), capture_output=True, text=True, timeout=timeout, env=steady_env(**env))


def run_launched(*args: str, timeout: float = 30, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m bench.launch ARGS`: Steady started through the benchmarks' launcher and its hooks."""
    return subprocess.run(
        [sys.executable, "-m", "bench.launch", *args],
        capture_output=True, text=True, timeout=timeout, env=steady_env(**env), cwd=ROOT,
    )


def start_steady(*args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(steady_command(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=steady_env(**env))


def log_text(data_dir: Path) -> str:
    try:
        return (data_dir / "logs" / "steady.log").read_text()
    except FileNotFoundError:
        return ""


def stop(process: subprocess.Popen[str]) -> None:
    """End a Steady a test started, gently first; never leaves one running behind a failed test."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def start_lock_holder(data_dir: Path) -> subprocess.Popen[str]:
    """A process that takes the instance lock of `data_dir`, prints whether it got it, and holds it
    until its stdin gets a line or it is killed."""
    code = ("import sys; from pathlib import Path; from app.gui.handover import InstanceLock;"
            "from app.paths import DataPaths; lock = InstanceLock(DataPaths(Path(sys.argv[1])));"
            "print(lock.try_acquire(), flush=True); sys.stdin.readline()")
    return subprocess.Popen([sys.executable, "-c", code, str(data_dir)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, env=steady_env())
