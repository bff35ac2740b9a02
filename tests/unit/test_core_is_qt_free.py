"""app.core must never import Qt: its logic is tested without a display, in microseconds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import importlib, pkgutil, sys
import app.core
names = sorted(m.name for m in pkgutil.walk_packages(app.core.__path__, "app.core."))
for name in names:
    importlib.import_module(name)
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print(len(names))
print(",".join(qt))
"""


def test_core_modules_import_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    count, qt = result.stdout.strip().split("\n") if "\n" in result.stdout.strip() else (result.stdout.strip(), "")
    assert int(count) >= 5
    assert qt == "", f"app.core pulled in Qt: {qt}"
