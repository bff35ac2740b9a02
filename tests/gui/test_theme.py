"""The theme: palette, font and style sheet from the design tokens, applied at once everywhere."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFontInfo, QPalette
from PySide6.QtWidgets import QApplication, QListWidget, QPushButton

from app.gui.stylesheet import set_primary
from app.gui.theme import apply_theme, body_font
from widgets.design import DARK, LIGHT, MIN_BODY_POINTS


def test_the_palette_and_sheet_follow_the_chosen_theme(qtbot) -> None:
    app = QApplication.instance()
    apply_theme(app, "dark")
    assert app.palette().color(QPalette.ColorRole.Window) == QColor(DARK.background)
    assert DARK.accent.lower() in app.styleSheet().lower()
    apply_theme(app, "light")
    assert app.palette().color(QPalette.ColorRole.Window) == QColor(LIGHT.background)
    assert LIGHT.accent.lower() in app.styleSheet().lower()


def test_a_theme_change_reaches_widgets_that_already_exist(qtbot) -> None:
    """Today's bug: the exercise list kept the old colours until a restart."""
    app = QApplication.instance()
    apply_theme(app, "light")
    listing = QListWidget()
    listing.addItems(["Calm exhale", "Box breathing"])
    qtbot.addWidget(listing)
    listing.resize(200, 120)
    listing.show()
    qtbot.waitExposed(listing)
    before = listing.grab().toImage().pixelColor(100, 100)
    apply_theme(app, "dark")
    qtbot.waitUntil(lambda: listing.grab().toImage().pixelColor(100, 100) != before)
    after = listing.grab().toImage().pixelColor(100, 100)
    assert after.lightnessF() < 0.3, after.name()
    apply_theme(app, "light")


def test_body_text_is_never_under_the_floor(qtbot) -> None:
    app = QApplication.instance()
    small = app.font()
    small.setPointSizeF(8.0)
    font = body_font(small)
    assert font.pointSizeF() >= MIN_BODY_POINTS
    assert QFontInfo(font).pointSizeF() >= MIN_BODY_POINTS - 0.5


def test_a_primary_button_is_filled_with_the_accent(qtbot) -> None:
    app = QApplication.instance()
    apply_theme(app, "light")
    quiet, primary = QPushButton("Later"), QPushButton("Start breathing")
    set_primary(primary)
    for button in (quiet, primary):
        qtbot.addWidget(button)
        button.resize(160, 44)
        button.show()
    qtbot.waitExposed(primary)
    inside = primary.grab().toImage().pixelColor(12, 22)
    assert inside == QColor(LIGHT.accent), inside.name()
    assert quiet.grab().toImage().pixelColor(12, 22) == QColor(LIGHT.quiet)
