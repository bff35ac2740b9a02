"""Steady's look on the application: palette, font and style sheet (docs/design.md), and the
desktop's motion preference.

Fusion with an explicit palette, font and sheet looks the same on every desktop and under
offscreen tests, and a person who chose dark gets dark even where the platform theme cannot tell
Qt. The colours are the design tokens of widgets/design.py. Qt 6.11 exposes
no reduced-motion preference (QAccessibilityHints has only contrast), so "system" reads GTK's
`gtk-enable-animations`, which GNOME and most GTK desktops write to settings.ini.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from app.core.problems import FileProblems
from app.core.user_file import read_user_file
from app.gui.stylesheet import style_sheet
from app.paths import config_home as desktop_config_home
from widgets.design import DARK, LIGHT, Palette, body_points

#: GTK's settings.ini is a few lines; anything bigger is not one.
GTK_SETTINGS_MAX_BYTES = 256 * 1024


def qt_palette(tokens: Palette) -> QPalette:
    """A QPalette with every role Fusion and our painters read, from the design tokens."""
    r = QPalette.ColorRole
    roles = {
        r.Window: tokens.background,
        r.WindowText: tokens.text,
        r.Base: tokens.surface,
        r.AlternateBase: tokens.background,
        r.ToolTipBase: tokens.surface,
        r.ToolTipText: tokens.text,
        r.PlaceholderText: tokens.muted,
        r.Text: tokens.text,
        r.Button: tokens.quiet,
        r.ButtonText: tokens.text,
        r.BrightText: tokens.on_accent,
        r.Highlight: tokens.accent,
        r.HighlightedText: tokens.on_accent,
        r.Link: tokens.accent,
        r.LinkVisited: tokens.accent,
        r.Mid: tokens.divider,
        r.Midlight: tokens.quiet,
        r.Dark: tokens.control_border,
        r.Shadow: tokens.control_border,
        r.Light: tokens.surface,
        r.Accent: tokens.accent,
    }
    palette = QPalette()
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (r.WindowText, r.Text, r.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(tokens.disabled))
    return palette


def dark_palette() -> QPalette:
    return qt_palette(DARK)


def light_palette() -> QPalette:
    return qt_palette(LIGHT)


def tokens_for(theme: str, app: QApplication) -> Palette:
    """The design palette for a theme setting ("system" follows the desktop)."""
    return DARK if wants_dark(theme, app) else LIGHT


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
_THEME_APPLIED = "steadyThemeApplied"
_FONT_SET = "steadyFontSet"
#: The interface font (docs/design.md); the system's sans-serif stands in where it is missing.
PREFERRED_FAMILY = "Inter"


def apply_theme(app: QApplication, theme: str) -> None:
    """Fusion with Steady's palette, its font and its one style sheet, dark or light as chosen.

    Every widget paints from the palette and the sheet, so a theme change shows at once on every
    page (the sheet is replaced in one call); an unchanged theme is not applied again, since
    setting a palette or a sheet makes every widget polish itself again (settings change often,
    e.g. while the volume moves).
    """
    use_fusion(app)
    tokens = tokens_for(theme, app)
    if app.property(_THEME_APPLIED) == tokens.name:
        return
    app.setProperty(_THEME_APPLIED, tokens.name)
    if app.property(_FONT_SET) is None:
        app.setFont(body_font(app.font()))
        app.setProperty(_FONT_SET, True)
    app.setPalette(qt_palette(tokens))
    app.setStyleSheet(style_sheet(tokens))


def body_font(system: QFont) -> QFont:
    """Inter where it is installed (Debian's fonts-inter), else the system's sans-serif; body text
    never under MIN_BODY_POINTS or the system's own size."""
    font = QFont(system)
    font.setFamilies([PREFERRED_FAMILY, system.family()])
    font.setPointSizeF(body_points(system.pointSizeF()))
    return font


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
