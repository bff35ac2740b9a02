"""What the screenshot scripts share: the real window on a temporary data folder and a fake clock.

Import it before anything of Steady's: it selects the offscreen platform (unless one is set) and
puts the checkout on sys.path, so a script runs as `python scripts/screenshots_NAME.py [OUT_DIR]`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from app.gui.main_window import MainWindow
    from tests.helpers.stubs import FakeClock


def themed_window(theme: str, **settings: Any) -> tuple[QApplication, MainWindow, FakeClock]:
    """The app's window in `theme` with `settings`, on a fresh data folder; time moves only by the clock."""
    from PySide6.QtWidgets import QApplication

    from app.core.library import load_library
    from app.gui.application import build_window
    from app.gui.services import real_services
    from app.gui.theme import apply_theme
    from app.paths import DataPaths
    from tests.helpers.stubs import FakeClock

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    data = DataPaths(Path(tempfile.mkdtemp(prefix="steady-shots-")))
    clock = FakeClock(1000.0)
    window = build_window(data, load_library(data.exercises), app, real_services()._replace(clock=clock))
    window.context.update_settings(theme=theme, **settings)
    apply_theme(app, theme)
    return app, window, clock


def shoot_both_themes(shoot: Callable[[Path, str], None]) -> int:
    """`shoot(OUT_DIR, theme)` in the light and the dark theme; OUT_DIR is the first argument, or docs/screenshots."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for theme in ("light", "dark"):
        shoot(out, theme)
    return 0
