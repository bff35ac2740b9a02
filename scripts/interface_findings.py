"""Print what the interface checks find on every screen (issue 13), one line per finding.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/interface_findings.py [light|dark] [WIDTHxHEIGHT]
The same checks run in tests/gui/test_interface_checks.py; this prints all of them at once.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.library import load_library
from app.core.settings import Settings, save_settings
from app.gui.application import build_window, create_application
from app.paths import DataPaths
from tests.gui.screens import walk_screens
from tests.helpers.ui_checks import StrayWindowWatch, all_findings, format_findings


def main() -> None:
    theme = sys.argv[1] if len(sys.argv) > 1 else "light"
    width, height = (int(v) for v in (sys.argv[2] if len(sys.argv) > 2 else "960x640").split("x"))
    app = create_application()
    paths = DataPaths(Path(tempfile.mkdtemp()))
    paths.ensure()
    save_settings(paths.settings, Settings(theme=theme, first_run_done=True, extra={"told_no_sound": True}))
    with StrayWindowWatch() as watch:
        window = build_window(paths, load_library(paths.exercises), app)
        window.resize(width, height)
        window.show()
        window.activateWindow()
        for name, screen in walk_screens(window):
            for line in format_findings(name, all_findings(screen, screen)):
                print(line)
            if (window.width(), window.height()) != (width, height):
                print(f"{name}: the window became {window.width()}x{window.height()}")
                window.resize(width, height)
    for stray in watch.strays:
        print(f"stray window: {stray}")


if __name__ == "__main__":
    main()
