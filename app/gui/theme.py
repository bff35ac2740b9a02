"""Light and dark palettes, and the desktop's motion preference.

Fusion with an explicit palette looks the same on every desktop and under offscreen tests, and
a person who chose dark gets dark even where the platform theme cannot tell Qt. Qt 6.11 exposes
no reduced-motion preference (QAccessibilityHints has only contrast), so "system" reads GTK's
`gtk-enable-animations`, which GNOME and most GTK desktops write to settings.ini.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


def dark_palette() -> QPalette:
    roles = {
        QPalette.ColorRole.Window: "#1f2326",
        QPalette.ColorRole.WindowText: "#e6e9eb",
        QPalette.ColorRole.Base: "#171a1c",
        QPalette.ColorRole.AlternateBase: "#23282b",
        QPalette.ColorRole.ToolTipBase: "#2b3134",
        QPalette.ColorRole.ToolTipText: "#e6e9eb",
        QPalette.ColorRole.PlaceholderText: "#8d969b",
        QPalette.ColorRole.Text: "#e6e9eb",
        QPalette.ColorRole.Button: "#2a3033",
        QPalette.ColorRole.ButtonText: "#e6e9eb",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: "#5fa8a0",
        QPalette.ColorRole.HighlightedText: "#101314",
        QPalette.ColorRole.Link: "#8cc9c1",
        QPalette.ColorRole.Mid: "#3a4145",
        QPalette.ColorRole.Dark: "#121415",
        QPalette.ColorRole.Light: "#3b4347",
    }
    return _palette(roles, disabled="#6c7478")


def light_palette() -> QPalette:
    roles = {
        QPalette.ColorRole.Window: "#f4f6f5",
        QPalette.ColorRole.WindowText: "#23292c",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#eef2f1",
        QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: "#23292c",
        QPalette.ColorRole.PlaceholderText: "#7a8488",
        QPalette.ColorRole.Text: "#23292c",
        QPalette.ColorRole.Button: "#e8eceb",
        QPalette.ColorRole.ButtonText: "#23292c",
        QPalette.ColorRole.BrightText: "#000000",
        QPalette.ColorRole.Highlight: "#3f8c84",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#2f7169",
        QPalette.ColorRole.Mid: "#c9d0ce",
        QPalette.ColorRole.Dark: "#9aa4a1",
        QPalette.ColorRole.Light: "#ffffff",
    }
    return _palette(roles, disabled="#9aa3a6")


def _palette(roles: dict, disabled: str) -> QPalette:
    """A palette from role colours, with greyed text for disabled controls."""
    palette = QPalette()
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return palette


def wants_dark(theme: str, app: QApplication) -> bool:
    if theme == "dark":
        return True
    if theme == "light":
        return False
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, theme: str) -> None:
    """Fusion with our calm palette, dark or light as chosen (or as the desktop says)."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(dark_palette() if wants_dark(theme, app) else light_palette())
    QTimer.singleShot(0, lambda: restyle_sheets(app))  # after the new palette reached every widget


def restyle_sheets(app: QApplication) -> None:
    """Style sheets resolve palette(...) colours once; set them again so a theme change shows at once."""
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)


def system_prefers_reduced_motion(config_home: Path | None = None) -> bool:
    """True when the desktop turned animations off (GTK's gtk-enable-animations)."""
    import configparser

    base = config_home or Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    for folder in ("gtk-4.0", "gtk-3.0"):
        parser = configparser.ConfigParser()
        try:
            parser.read(base / folder / "settings.ini", encoding="utf-8")
        except (configparser.Error, OSError, UnicodeDecodeError):
            continue
        value = parser.get("Settings", "gtk-enable-animations", fallback=None)
        if value is not None:
            return value.strip().lower() in ("0", "false", "no")
    return False


def reduced_motion_for(choice: str) -> bool:
    if choice == "reduced":
        return True
    if choice == "full":
        return False
    return system_prefers_reduced_motion()
