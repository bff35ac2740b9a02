"""Light and dark palettes, and the desktop's motion preference.

Fusion with an explicit palette looks the same on every desktop and under offscreen tests, and
a person who chose dark gets dark even where the platform theme cannot tell Qt. Qt 6.11 exposes
no reduced-motion preference (QAccessibilityHints has only contrast), so "system" reads GTK's
`gtk-enable-animations`, which GNOME and most GTK desktops write to settings.ini.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.core.problems import FileProblems
from app.core.user_file import read_user_file
from app.paths import config_home as desktop_config_home

#: GTK's settings.ini is a few lines; anything bigger is not one.
GTK_SETTINGS_MAX_BYTES = 256 * 1024


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


#: QApplication arguments that select Fusion as it is built: asking `app.style()` afterwards
#: would make PySide6 load its QStyle class (about 4 ms) before the pacer's first frame.
FUSION_ARGUMENTS = ["-style", "Fusion"]
_FUSION_SET = "steadyFusionSet"


def apply_theme(app: QApplication, theme: str) -> None:
    """Fusion with our calm palette, dark or light as chosen (or as the desktop says).

    Every widget paints from the palette (no palette(...) style sheets), so a theme change shows
    at once with nothing to restyle; an unchanged palette is not set again, since setting one
    sends a change event to every widget (settings change often, e.g. while the volume moves).
    """
    use_fusion(app)
    palette = dark_palette() if wants_dark(theme, app) else light_palette()
    if palette != app.palette():
        app.setPalette(palette)


def use_fusion(app: QApplication, built_with_fusion: bool = False) -> None:
    """Fusion looks the same on every desktop; an application built elsewhere (tests) is switched."""
    if built_with_fusion:
        app.setProperty(_FUSION_SET, True)
    elif not app.property(_FUSION_SET):
        app.setStyle("Fusion")
        app.setProperty(_FUSION_SET, True)


def system_prefers_reduced_motion(config_home: Path | None = None) -> bool:
    """True when the desktop turned animations off (GTK's gtk-enable-animations).

    GTK 4's settings win over GTK 3's. The file is read by `gtk_setting` rather than
    configparser, whose import alone costs a few milliseconds before the pacer's first frame.
    """
    base = config_home or desktop_config_home()
    for folder in ("gtk-4.0", "gtk-3.0"):
        value = gtk_setting(base / folder / "settings.ini", "gtk-enable-animations")
        if value is not None:
            return value.lower() in ("0", "false", "no")
    return False


def gtk_setting(path: Path, key: str) -> str | None:
    """The value of `key` in the [Settings] group of a GTK settings.ini, or None.

    An unreadable or missing file counts as not set (so does a pipe or a device in its place:
    it is read through app.core.user_file, which looks before it reads): the desktop's choice is
    a hint, never a reason to fail or wait. Later lines win, as in GTK.
    """
    try:
        data = read_user_file(path, limit=GTK_SETTINGS_MAX_BYTES)
        text = data.decode("utf-8") if data is not None else ""
    except (FileProblems, UnicodeDecodeError):
        return None
    value = None
    in_settings = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            in_settings = line == "[Settings]"
        elif in_settings and "=" in line:
            name, _, found = line.partition("=")
            if name.strip() == key:
                value = found.strip()
    return value


def reduced_motion_for(choice: str) -> bool:
    if choice == "reduced":
        return True
    if choice == "full":
        return False
    return system_prefers_reduced_motion()
