"""Render reminders and the welcome for docs/screenshots, light and dark.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots_reminders.py [OUT_DIR]

The real window is built on a temporary data folder with fixed fake clocks (6 May 2024, 09:59,
London): a reminder for 10:00 is added through Settings, the clocks move a minute, and the real
service shows the notice. Also: the catch-up wording, the Settings section, the reminder editor
and the three welcome screens.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TZ"] = "Europe/London"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QApplication

from app.core.library import load_library
from app.core.reminders.schedule import Announcement, Slot
from app.gui.application import build_window
from app.gui.first_run import show_welcome_if_first_run
from app.gui.reminders.feature import RemindersFeature
from app.gui.services import real_services
from app.gui.single_instance import LaunchRequest
from app.paths import DataPaths
from tests.helpers.stubs import FakeClock

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2024, 5, 6, 9, 59, tzinfo=LONDON).timestamp()


def make_window(root: Path, theme: str, app: QApplication):
    paths = DataPaths(root)
    paths.ensure()
    paths.settings.write_text(f"theme: {theme}\nsound_enabled: false\n", encoding="utf-8")
    services = real_services()._replace(wall_clock=FakeClock(NOW), clock=FakeClock(1000.0))
    window = build_window(paths, load_library(paths.exercises), app, services)
    window.resize(760, 560)
    return window


def shoot(widget, path: Path, app: QApplication) -> None:
    widget.show()
    for _ in range(10):  # the notice fits its text after a layout pass or two
        app.processEvents()
    widget.grab().save(str(path))
    print(path)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path("docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="steady-shots-") as tmp:
        for theme in ("light", "dark"):
            window = make_window(Path(tmp) / theme, theme, app)
            window.show_page("settings")
            section = window.page("settings").reminders
            dialog = section.add()
            dialog.time.setTime(QTime(10, 0))
            dialog.minutes.setValue(5)
            shoot(dialog, out / f"reminder-editor-{theme}.png", app)
            dialog.accept()
            shoot(window, out / f"reminders-settings-{theme}.png", app)
            service = window.features[RemindersFeature].service
            for clock in (service.context.wall_clock, service.context.clock):
                clock.advance(61)
            service.check()
            window.show_exercise_list()
            shoot(window, out / f"reminder-notice-{theme}.png", app)
            if theme == "light":
                rid = window.context.settings.reminders[0].id
                slot = Slot(NOW, rid, datetime(2024, 5, 6).date())
                merged = (Slot(NOW - 86400, rid, slot.day), Slot(NOW - 2 * 86400, rid, slot.day))
                window.features[RemindersFeature].presenter.show(Announcement(slot, merged, catch_up=True))
                shoot(window, out / "reminder-catch-up-light.png", app)
            window.context.close()
            window.close()
            welcome = make_window(Path(tmp) / f"welcome-{theme}", theme, app)
            page = show_welcome_if_first_run(welcome, LaunchRequest("open"))
            for index in range(3):
                page.go(index)
                if index == 2:
                    page.remind.setChecked(True)
                shoot(welcome, out / f"welcome-{index + 1}-{theme}.png", app)
            welcome.context.close()
            welcome.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
