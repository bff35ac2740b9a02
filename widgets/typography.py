"""Text in Steady's type scale (docs/design.md): the one way a screen makes a heading or a paragraph.

Sizes come from widgets/design.TYPE_SCALE as multiples of the body font, so they follow the
system's font size (large fonts stay large) and never fall under the floor. A paragraph wraps and
keeps a readable line length; muted text uses the palette's muted role through the style sheet.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QSizePolicy

from widgets.design import LINE_CHARACTERS, MIN_BODY_POINTS, TYPE_SCALE

#: The roles of the scale (TypeScale's fields).
ROLES = TYPE_SCALE._fields


def scaled_font(base: QFont, role: str, weight: QFont.Weight | None = None) -> QFont:
    """`base` at the size of `role` ("caption", "body", "lead", "title", "display")."""
    if role not in ROLES:
        raise ValueError(f"unknown type role {role!r}; use one of {', '.join(ROLES)}")
    font = QFont(base)
    size = base.pointSizeF() if base.pointSizeF() > 0 else MIN_BODY_POINTS
    font.setPointSizeF(max(MIN_BODY_POINTS, size * getattr(TYPE_SCALE, role)))
    if weight is not None:
        font.setWeight(weight)
    return font


def text_label(text: str, role: str = "body", *, wrap: bool = True, muted: bool = False,
               centred: bool = False, weight: QFont.Weight | None = None) -> QLabel:
    """A label in the type scale. Wrapping labels keep a readable line length."""
    label = QLabel(text)
    label.setFont(scaled_font(label.font(), role, weight))
    label.setTextFormat(Qt.TextFormat.PlainText)
    if wrap:
        label.setWordWrap(True)
        width = label.fontMetrics().averageCharWidth() * LINE_CHARACTERS
        label.setMaximumWidth(max(width, 320))
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if muted:
        label.setProperty("role", "muted")
    if centred:
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
    return label


def heading(text: str, role: str = "title") -> QLabel:
    """A heading: larger and a little heavier than body text, never wrapped mid-word."""
    label = text_label(text, role, wrap=True, weight=QFont.Weight.DemiBold)
    label.setMaximumWidth(16777215)
    label.setAccessibleName(text)
    return label
