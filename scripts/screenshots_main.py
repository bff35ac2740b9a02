"""Render the main window for the README and docs/screenshots: the pacer and the exercise list.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots_main.py [OUT_DIR]

The real window on a temporary data folder with a fake clock, so the pacer is caught
mid-breath the same way on every run.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.clock import FakeClock  # noqa: E402
from app.core.library import load_library  # noqa: E402
from app.gui.application import build_window  # noqa: E402
from app.gui.single_instance import LaunchRequest  # noqa: E402
from app.gui.services import real_services  # noqa: E402
from app.gui.theme import apply_theme  # noqa: E402
from app.paths import DataPaths  # noqa: E402


def shoot(out: Path, theme: str) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    data = DataPaths(Path(tempfile.mkdtemp(prefix="steady-shots-")))
    clock = FakeClock(1000.0)
    window = build_window(data, load_library(data.exercises), app, real_services()._replace(clock=clock))
    window.context.update_settings(theme=theme, motion="full", sound_enabled=False)
    apply_theme(app, theme)
    window.handle_request(LaunchRequest("breathe", "calm-exhale"))
    window.show()
    clock.advance(62.0)  # second stage, mid in-breath
    window.breathe_page.session.controller.poll()
    app.processEvents()
    suffix = "" if theme == "light" else "-dark"
    window.grab().save(str(out / f"main-window{suffix}.png"))
    window.breathe_page.show_chooser()
    app.processEvents()
    window.grab().save(str(out / f"exercises-{theme}.png"))
    window.context.close()
    window.close()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for theme in ("light", "dark"):
        shoot(out, theme)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
