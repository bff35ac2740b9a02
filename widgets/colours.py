"""Colour arithmetic shared by the widgets that paint themselves from the palette."""

from __future__ import annotations

from PySide6.QtGui import QColor


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """a blended toward b by t (0 = a, 1 = b), alpha included."""
    u = 1.0 - t
    return QColor.fromRgbF(
        a.redF() * u + b.redF() * t,
        a.greenF() * u + b.greenF() * t,
        a.blueF() * u + b.blueF() * t,
        a.alphaF() * u + b.alphaF() * t,
    )
