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
