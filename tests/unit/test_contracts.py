"""The checks that keep the house, run as tests: import contracts, types and lint.

Each runs the tool the `test` extra installs into the virtual environment (`./steady.sh test`
does), with the configuration in pyproject.toml, and fails with the tool's own report, so a
broken layer, a type error or a lint finding fails the suite like any other regression. Caches
go to a temporary folder: nothing is written into the checkout. docs/ARCHITECTURE.md says what
each contract keeps.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def run_tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    tool = BIN / name
    if not tool.exists():
        pytest.fail(f"{name} is not installed beside {sys.executable}: install the test extra (pip install -e '.[test]')")
    return subprocess.run([str(tool), *args], cwd=ROOT, capture_output=True, text=True, check=False)


def report(done: subprocess.CompletedProcess[str]) -> str:
    return f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"


@pytest.mark.slow
def test_the_import_contracts_hold() -> None:
    """Layers, a Qt-free core (lazy imports too), draw-only widgets, independent features, no cycles."""
    done = run_tool("lint-imports", "--no-cache", "--no-logo")
    assert done.returncode == 0, report(done)


@pytest.mark.slow
def test_mypy_finds_no_type_errors(tmp_path: Path) -> None:
    """Strict mypy over app/ and widgets/ (the files and overrides are in pyproject.toml)."""
    done = run_tool("mypy", f"--cache-dir={tmp_path / 'mypy'}")
    assert done.returncode == 0, report(done)


def test_ruff_finds_nothing() -> None:
    done = run_tool("ruff", "check", "--no-cache", "--output-format=concise", ".")
    assert done.returncode == 0, report(done)
