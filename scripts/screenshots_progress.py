"""Render the Progress page for docs/screenshots: light and dark with some history, and empty.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots_progress.py [OUT_DIR] [--all]

The real window is built on a temporary data folder; two months of practice and a dozen rated
moments are written through the history API with a fixed wall clock (1 May 2024, London), so
the pictures are the same on every run. `--all` also writes the Moments tab, the table view and
the entries tab (for reviewing the look).
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TZ"] = "Europe/London"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from app.core.library import load_library
from app.gui.application import build_window
from app.gui.services import real_services
from app.paths import DataPaths
from tests.helpers.stubs import FakeClock

NOW = datetime(2024, 5, 1, 20, 30, tzinfo=ZoneInfo("Europe/London")).timestamp()
EXERCISES = (("calm-exhale", "Calm exhale"), ("cyclic-sigh", "Cyclic sighing"), ("coherent", "Coherent breathing"))
TRIGGERS = ("Slow reply", "Plans changed", "Partner wanted space", "Left out")
SIGNALS = ("Tight chest", "Racing heart", "Urge to text", "Replaying conversations")
ANCHORS = (("worth", "My worth does not depend on how fast someone replies."),
           ("passes", "This feeling is real, and it will pass."),
           ("can-wait", "My need is valid, and it can wait a little."))


def generate_history(window: object, days: int = 62, seed: int = 3) -> None:
    """A gentle, uneven rhythm: most days some practice, some gaps, a few hard moments."""
    rng = random.Random(seed)
    history = window.context.history  # type: ignore[attr-defined]
    for back in range(days, -1, -1):
        if rng.random() < 0.3:
            continue
        for _ in range(rng.choice((1, 1, 1, 2))):
            start = NOW - back * 86400 - rng.uniform(0.5, 12) * 3600
            exercise_id, name = rng.choice(EXERCISES)
            seconds = rng.choice((120.0, 180.0, 300.0, 300.0, 420.0, 600.0))
            sid = history.begin_session(exercise_id, name, seconds, "practice", at=start)
            history.end_session(sid, seconds, "finished", at=start + seconds)
            if rng.random() < 0.22:
                before = rng.randint(6, 9)
                history.record_moment(
                    session_id=sid, distress_before=before, distress_after=max(1, before - rng.randint(1, 5)),
                    signals=rng.sample(SIGNALS, 2), trigger=rng.choice(TRIGGERS),
                    anchors=[{"id": i, "text": t} for i, t in rng.sample(ANCHORS, 2)],
                    response=rng.choice(("wait", "soothe", "draft")), at=start,
                )


def make_window(root: Path, theme: str, app: QApplication):
    paths = DataPaths(root)
    paths.ensure()
    paths.settings.write_text(f"theme: {theme}\n", encoding="utf-8")
    window = build_window(paths, load_library(paths.exercises), app, real_services()._replace(wall_clock=FakeClock(NOW)))
    window.resize(760, 560)
    return window


def shoot(window: object, path: Path, app: QApplication) -> None:
    window.show()  # type: ignore[attr-defined]
    app.processEvents()
    window.grab().save(str(path))  # type: ignore[attr-defined]
    print(path)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv and not argv[0].startswith("-") else Path("docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="steady-shots-") as tmp:
        empty = make_window(Path(tmp) / "empty", "light", app)
        empty.show_page("progress")
        shoot(empty, out / "progress-empty.png", app)
        empty.close()
        for theme in ("light", "dark"):
            window = make_window(Path(tmp) / theme, theme, app)
            generate_history(window)
            window.show_page("progress")
            page = window.page("progress")
            shoot(window, out / f"progress-{theme}.png", app)
            if "--all" in argv:
                page.tabs.setCurrentIndex(1)
                shoot(window, out / f"progress-moments-{theme}.png", app)
                page.as_table.setChecked(True)
                shoot(window, out / f"progress-moments-table-{theme}.png", app)
                page.tabs.setCurrentIndex(0)
                page.model.set_period(90)
                shoot(window, out / f"progress-table-{theme}.png", app)
                page.as_table.setChecked(False)
                shoot(window, out / f"progress-90-{theme}.png", app)
                page.model.set_period(365)
                shoot(window, out / f"progress-365-{theme}.png", app)
                page.tabs.setCurrentIndex(2)
                shoot(window, out / f"progress-entries-{theme}.png", app)
            window.context.close()
            window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
