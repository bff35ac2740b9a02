"""Headings and paragraphs in the type scale, never under the floor."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontInfo

from widgets.design import MIN_BODY_POINTS, TYPE_SCALE
from widgets.typography import heading, scaled_font, text_label


def test_roles_grow_with_the_scale_and_never_fall_under_the_floor(qtbot) -> None:
    base = QFont()
    base.setPointSizeF(12.0)
    sizes = {role: scaled_font(base, role).pointSizeF() for role in TYPE_SCALE._fields}
    assert sizes["display"] > sizes["title"] > sizes["lead"] > sizes["body"] == 12.0
    tiny = QFont()
    tiny.setPointSizeF(8.0)
    assert all(scaled_font(tiny, role).pointSizeF() >= MIN_BODY_POINTS for role in TYPE_SCALE._fields)


def test_an_unknown_role_is_refused(qtbot) -> None:
    with pytest.raises(ValueError, match="unknown type role"):
        scaled_font(QFont(), "huge")


def test_a_paragraph_wraps_at_a_readable_width_and_a_heading_is_larger(qtbot) -> None:
    paragraph = text_label("word " * 200)
    title = heading("Settings")
    qtbot.addWidget(paragraph)
    qtbot.addWidget(title)
    assert paragraph.wordWrap()
    assert paragraph.maximumWidth() <= paragraph.fontMetrics().averageCharWidth() * 80
    assert QFontInfo(title.font()).pointSizeF() > QFontInfo(paragraph.font()).pointSizeF()
    assert text_label("quiet", muted=True).property("role") == "muted"
