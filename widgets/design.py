"""Steady's design system as data: palettes, type scale, spacing, shapes (docs/design.md).

Plain values with no Qt import, so the contrast rules can be checked without a display
(tests/unit/test_design.py) and every painter and layout reads the same numbers. The theme
(app/gui/theme.py) turns a palette into a QPalette; widgets that paint themselves (the pacer,
buttons, the side bar) read the roles they need from here or from the QPalette.

Why these colours: a calm interface is low in saturation and contrast *between surfaces*
(the eye is not pulled around), but high in contrast between text and its background (a
flooded reader must not strain). So surfaces differ by a few percent of lightness, text is at
least 4.5:1 against every surface it sits on, and controls and the focus ring at least 3:1
(WCAG 2.2 AA: 1.4.3, 1.4.11, 2.4.13). One accent, a muted sea-green, marks the one thing to do.
"""

from __future__ import annotations

from typing import NamedTuple


class Palette(NamedTuple):
    """Colour roles (hex). Every text role is readable on every surface it is drawn on."""

    name: str
    #: The window and page background.
    background: str
    #: Raised areas: lists, fields, cards.
    surface: str
    #: The side bar.
    sidebar: str
    #: Body text and headings.
    text: str
    #: Secondary text: hints, counts, captions (still 4.5:1).
    muted: str
    #: The one accent: primary buttons, the selected page, links, the progress ring.
    accent: str
    #: Text on the accent.
    on_accent: str
    #: Quiet buttons and hovered rows.
    quiet: str
    #: Hovered quiet buttons.
    quiet_hover: str
    #: Lines around fields and controls (3:1: they show where a control is).
    control_border: str
    #: Decorative dividers (not needed to find anything, so softer).
    divider: str
    #: The focus ring (3:1 against every surface).
    focus: str
    #: Disabled text (kept readable: 4.5:1; disabled is shown by the missing border and fill).
    disabled: str
    #: Cautions and gentle warnings.
    caution_background: str
    caution_text: str
    #: The breathing shape at rest and full (the pacer mixes between them).
    orb_low: str
    orb_high: str
    #: The guide ring and the progress ring's track around the pacer.
    track: str
    #: Selection in lists and text.
    selection: str
    on_selection: str


LIGHT = Palette(
    name="light",
    background="#F4F2EE",
    surface="#FBFAF8",
    sidebar="#EAE7E1",
    text="#262B2E",
    muted="#565F63",
    accent="#2E6B64",
    on_accent="#FFFFFF",
    quiet="#E4E1DA",
    quiet_hover="#DAD6CE",
    control_border="#7E8583",
    divider="#DCD8D1",
    focus="#2E6B64",
    disabled="#656D70",
    caution_background="#F6ECD9",
    caution_text="#6B4500",
    orb_low="#CFE3DF",
    orb_high="#8DBDB5",
    track="#DAD7D0",
    selection="#2E6B64",
    on_selection="#FFFFFF",
)

DARK = Palette(
    name="dark",
    background="#14181B",
    surface="#1B2024",
    sidebar="#101316",
    text="#E3E7E9",
    muted="#A6B0B5",
    accent="#7FC3B8",
    on_accent="#0E1A18",
    quiet="#252B30",
    quiet_hover="#2E353B",
    control_border="#6E7A80",
    divider="#262C31",
    focus="#7FC3B8",
    disabled="#8C979C",
    caution_background="#3A2F1C",
    caution_text="#F2D29B",
    orb_low="#1F3532",
    orb_high="#3E6F69",
    track="#262D31",
    selection="#7FC3B8",
    on_selection="#0E1A18",
)

PALETTES = {"light": LIGHT, "dark": DARK}

#: (text role, background role) pairs that must reach 4.5:1, in both palettes.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "background"),
    ("text", "surface"),
    ("text", "sidebar"),
    ("text", "quiet"),
    ("text", "quiet_hover"),
    ("text", "orb_high"),
    ("text", "orb_low"),
    ("muted", "background"),
    ("muted", "surface"),
    ("muted", "sidebar"),
    ("on_accent", "accent"),
    ("on_selection", "selection"),
    ("caution_text", "caution_background"),
    ("accent", "background"),
    ("accent", "surface"),
    ("disabled", "background"),
    ("disabled", "surface"),
)
#: (control or focus role, background role) pairs that must reach 3:1.
CONTROL_PAIRS: tuple[tuple[str, str], ...] = (
    ("control_border", "background"),
    ("control_border", "surface"),
    ("focus", "background"),
    ("focus", "surface"),
    ("focus", "sidebar"),
    ("accent", "sidebar"),
)

TEXT_CONTRAST = 4.5
CONTROL_CONTRAST = 3.0


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a #RRGGBB colour."""
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255.0 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two #RRGGBB colours (1 to 21)."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# -- type ------------------------------------------------------------------------------------

#: Body text is never smaller than this (points), nor than the system's default font.
MIN_BODY_POINTS = 11.0


class TypeScale(NamedTuple):
    """Sizes as multiples of the body size (which is max(system default, MIN_BODY_POINTS))."""

    caption: float = 0.92
    body: float = 1.0
    lead: float = 1.18
    title: float = 1.45
    display: float = 2.0


TYPE_SCALE = TypeScale()
#: Readable line length for paragraphs, in average characters.
LINE_CHARACTERS = 70


def body_points(system_points: float) -> float:
    """The body size: the system's default, but never under MIN_BODY_POINTS."""
    return max(MIN_BODY_POINTS, system_points if system_points > 0 else MIN_BODY_POINTS)


def caption_points(system_points: float) -> float:
    """Captions are smaller than body text but never under the minimum either."""
    return max(MIN_BODY_POINTS, body_points(system_points) * TYPE_SCALE.caption)


# -- space and shape -------------------------------------------------------------------------

#: The spacing grid (pixels at 1x): every margin and gap is one of these.
SPACE = (4, 8, 12, 16, 24, 32, 48)
XS, S, M, L, XL, XXL, XXXL = SPACE
#: Corner radius of buttons and fields, and of cards.
RADIUS = 10
CARD_RADIUS = 14
#: Height of a button at body size (grows with the font).
BUTTON_MIN_HEIGHT = 36
#: The focus ring: width and the gap between it and the control.
FOCUS_WIDTH = 2
FOCUS_GAP = 2
