"""Render the main window for the README and docs/screenshots: the pacer and the exercise list.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots_main.py [OUT_DIR]

The real window on a temporary data folder with a fake clock, so the pacer is caught
mid-breath the same way on every run.
"""

from __future__ import annotations

from pathlib import Path

from shots import shoot_both_themes, themed_window

from app.gui.session.feature import BreatheFeature
from app.gui.single_instance import LaunchRequest


def shoot(out: Path, theme: str) -> None:
    app, window, clock = themed_window(theme, motion="full", sound_enabled=False)
    window.handle_request(LaunchRequest("breathe", "calm-exhale"))
    window.show()
    clock.advance(62.0)  # second stage, mid in-breath
    window.features[BreatheFeature].page.session.controller.poll()
    app.processEvents()
    suffix = "" if theme == "light" else "-dark"
    window.grab().save(str(out / f"main-window{suffix}.png"))
    window.show_exercise_list()
    app.processEvents()
    window.grab().save(str(out / f"exercises-{theme}.png"))
    window.context.close()
    window.close()


if __name__ == "__main__":
    raise SystemExit(shoot_both_themes(shoot))
