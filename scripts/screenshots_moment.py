"""Render the triggered-moment flow for docs/screenshots: every step, light and dark.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots_moment.py [OUT_DIR]

The real window is built on a temporary data folder with a fake clock (so the pacer is caught
mid-breath the same way on every run); the flow is walked with its own keys.
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
from app.gui.moment.feature import MomentFeature  # noqa: E402
from app.gui.services import real_services  # noqa: E402
from app.gui.single_instance import LaunchRequest  # noqa: E402
from app.gui.theme import apply_theme  # noqa: E402
from app.paths import DataPaths  # noqa: E402


def shoot(out: Path, theme: str) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    data = DataPaths(Path(tempfile.mkdtemp(prefix="steady-shots-")))
    clock = FakeClock(1000.0)
    window = build_window(data, load_library(data.exercises), app, real_services()._replace(clock=clock))
    window.context.update_settings(theme=theme, motion="full")
    apply_theme(app, theme)
    window.handle_request(LaunchRequest("now"))
    window.resize(980, 680)
    window.show()
    view = window.page("moment").view
    clock.advance(6.5)
    view.breathe.controller.poll()
    view.breathe.rating_row.set_value(8)
    app.processEvents()
    window.grab().save(str(out / f"moment-breathe-{theme}.png"))
    for key in ("notice", "trigger", "anchor", "respond", "close"):
        view.skip()
        if key == "notice":
            for box in view.current.boxes[:1] + view.current.boxes[7:8]:
                box.setChecked(True)
        if key == "trigger":
            view.current.list.setCurrentRow(1)
        if key == "respond":
            view.current.choice_buttons["draft"].click()
            view.current.draft.insert_starter("I feel…")
            view.current.draft.editor.insertPlainText("unsettled when plans change at the last minute.")
        if key == "close":
            view.current.rating_row.set_value(4)
        app.processEvents()
        window.grab().save(str(out / f"moment-{key}-{theme}.png"))
        if key == "respond":
            view.current.choice_buttons["reach-out"].click()
            app.processEvents()
            window.grab().save(str(out / f"moment-reach-out-{theme}.png"))
    moment = window.features[MomentFeature]
    moment.show_help()
    app.processEvents()
    moment._help.grab().save(str(out / f"help-now-{theme}.png"))
    moment._help.close()
    view.finish()
    window.context.close()
    window.close()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    for theme in ("light", "dark"):
        shoot(out, theme)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
