"""Render the pacer for docs/screenshots: light, dark and reduced motion, at an inhale midpoint.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots_pacer.py [OUT_DIR] [--all]

`--all` also writes the paused, end and ready screens and a 200 px one (for reviewing the look).
The session runs on a FakeClock, so the pictures are the same on every run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.core.model import Exercise, Phase, PhaseKind, Stage
from app.gui.session_panel.controller import PacerController
from app.timers import qt_timer
from tests.helpers.stubs import FakeClock
from widgets.pacer import PacerWidget

SIZE = 480


def calm_exhale() -> Exercise:
    """Inhale 4, exhale 6, for 5 minutes: the triggered-moment default shape."""
    phases = (Phase(PhaseKind.INHALE, 4.0), Phase(PhaseKind.EXHALE, 6.0))
    return Exercise(id="calm-exhale", name="Calm exhale", stages=(Stage(phases=phases, minutes=5.0),))


def dark_palette() -> QPalette:
    """A soft dark palette: deep blue-grey, not black, so the glow stays gentle."""
    pal = QPalette()
    window = QColor("#1e2227")
    text = QColor("#dfe3e8")
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        pal.setColor(group, QPalette.ColorRole.Window, window)
        pal.setColor(group, QPalette.ColorRole.WindowText, text)
        pal.setColor(group, QPalette.ColorRole.Base, QColor("#181b1f"))
        pal.setColor(group, QPalette.ColorRole.Text, text)
        pal.setColor(group, QPalette.ColorRole.Button, QColor("#2a2f35"))
        pal.setColor(group, QPalette.ColorRole.ButtonText, text)
        pal.setColor(group, QPalette.ColorRole.Highlight, QColor("#5fa3d6"))
        pal.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#10151a"))
    return pal


def render(path: Path, palette: QPalette, *, reduced: bool = False, seconds: float = 1.0 * 60 + 2.0,
           size: int = SIZE, action: str = "") -> None:
    clock = FakeClock()
    controller = PacerController(calm_exhale(), clock, qt_timer)  # no event loop runs: the timers never fire
    pacer = PacerWidget()
    pacer.setPalette(palette)
    pacer.resize(size, size)
    pacer.set_reduced_motion(reduced)
    controller.attach(pacer)
    if action != "ready":
        controller.start()
        clock.advance(seconds)
        controller.poll()
    if action == "pause":
        controller.pause()
    elif action == "stop":
        controller.stop()
    pacer.grab().save(str(path))
    controller.stop()


def main(argv: list[str]) -> int:
    app = QApplication.instance() or QApplication([])
    out = Path(argv[0]) if argv and not argv[0].startswith("-") else Path("docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    light = app.style().standardPalette()
    dark = dark_palette()
    # 62 s into a 4-in/6-out session: the 7th breath, 2 s into a 4 s inhale (the midpoint).
    render(out / "pacer-light.png", light)
    render(out / "pacer-dark.png", dark)
    render(out / "pacer-reduced-motion.png", light, reduced=True)
    if "--all" in argv:
        render(out / "pacer-paused.png", light, action="pause")
        render(out / "pacer-end.png", dark, action="stop", seconds=190.0)
        render(out / "pacer-ready.png", light, action="ready")
        render(out / "pacer-small.png", dark, size=200)
        render(out / "pacer-exhale-end.png", light, seconds=69.9)
        render(out / "pacer-reduced-dark.png", dark, reduced=True, seconds=63.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
