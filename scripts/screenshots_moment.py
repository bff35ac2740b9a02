"""Render the triggered-moment flow for docs/screenshots: every step, light and dark.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots_moment.py [OUT_DIR]

The real window is built on a temporary data folder with a fake clock (so the pacer is caught
mid-breath the same way on every run); the flow is walked with its own keys.
"""

from __future__ import annotations

from pathlib import Path

from shots import shoot_both_themes, themed_window

from app.gui.moment.feature import MomentFeature
from app.gui.single_instance import LaunchRequest


def shoot(out: Path, theme: str) -> None:
    app, window, clock = themed_window(theme, motion="full")
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
        view.run.skip()
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
    view.run.finish()
    window.context.close()
    window.close()


if __name__ == "__main__":
    raise SystemExit(shoot_both_themes(shoot))
