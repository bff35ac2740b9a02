"""The one style sheet: Steady's controls drawn in its own calm style (docs/design.md).

Fusion with a palette gives correct colours but a utility look: square grey bevelled buttons,
hairline frames, tight rows. This sheet, made from the design tokens (widgets/design.py) for the
palette in use, gives every standard control the same soft shapes: rounded buttons in two
styles (primary: the one thing to do, filled with the accent; quiet: everything else), fields
and lists with a 3:1 border, roomy rows, and a focus ring that is plainly visible. Combo and spin
boxes keep Fusion's drawing (with Steady's palette): restyling their frames means restyling every
sub-control and arrow, for little gain.

A button is primary when its `primary` property is true (`set_primary(button)`). Widgets that
paint themselves (the pacer, the side bar) read the same tokens and ignore this sheet.

One application-wide sheet rather than many small ones: Qt parses it once, and a theme change
replaces it in one call. Measured on the way to the first frame: see docs/design.md.
"""

from __future__ import annotations

from widgets.design import (
    BUTTON_MIN_HEIGHT,
    CARD_RADIUS,
    FOCUS_WIDTH,
    RADIUS,
    Palette,
)

PRIMARY_PROPERTY = "primary"


def style_sheet(palette: Palette) -> str:
    """The application's style sheet for `palette` (colours only differ between light and dark)."""
    p = palette
    return f"""
.QPushButton, QToolButton {{
    background: {p.quiet};
    color: {p.text};
    border: 1px solid {p.control_border};
    border-radius: {RADIUS}px;
    padding: 7px 18px;
    min-height: {BUTTON_MIN_HEIGHT - 18}px;
}}
.QPushButton:hover, QToolButton:hover {{ background: {p.quiet_hover}; }}
.QPushButton:pressed, QToolButton:pressed {{ background: {p.divider}; }}
.QPushButton:focus, QToolButton:focus {{
    border: {FOCUS_WIDTH}px solid {p.focus};
    padding: 6px 17px;
}}
.QPushButton:checked {{
    background: {p.accent};
    color: {p.on_accent};
    border: 1px solid {p.accent};
}}
.QPushButton:checked:focus {{ border: {FOCUS_WIDTH}px solid {p.text}; }}
.QPushButton:disabled, QToolButton:disabled {{
    color: {p.disabled};
    background: transparent;
    border: 1px dashed {p.divider};
}}
.QPushButton[{PRIMARY_PROPERTY}="true"] {{
    background: {p.accent};
    color: {p.on_accent};
    border: 1px solid {p.accent};
    font-weight: 600;
}}
.QPushButton[{PRIMARY_PROPERTY}="true"]:hover {{ background: {p.focus}; }}
.QPushButton[{PRIMARY_PROPERTY}="true"]:focus {{
    border: {FOCUS_WIDTH}px solid {p.text};
}}
QLineEdit, QPlainTextEdit, QTextEdit {{
    background: {p.surface};
    color: {p.text};
    border: 1px solid {p.control_border};
    border-radius: {RADIUS - 2}px;
    padding: 5px 8px;
    selection-background-color: {p.selection};
    selection-color: {p.on_selection};
}}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus {{
    border: {FOCUS_WIDTH}px solid {p.focus};
    padding: 4px 7px;
}}
QComboBox QAbstractItemView {{
    background: {p.surface};
    color: {p.text};
    selection-background-color: {p.selection};
    selection-color: {p.on_selection};
    border: 1px solid {p.control_border};
}}
QListView, QListWidget, QTableView, QTreeView {{
    background: {p.surface};
    color: {p.text};
    border: 1px solid {p.divider};
    border-radius: {CARD_RADIUS}px;
    padding: 6px;
    outline: 0;
    selection-background-color: {p.selection};
    selection-color: {p.on_selection};
}}
QListView:focus, QListWidget:focus, QTableView:focus, QTreeView:focus {{
    border: {FOCUS_WIDTH}px solid {p.focus};
    padding: 5px;
}}
QListView::item, QListWidget::item {{
    padding: 8px 10px;
    border-radius: {RADIUS - 2}px;
}}
QListView::item:selected, QListWidget::item:selected {{
    background: {p.selection};
    color: {p.on_selection};
}}
QHeaderView::section {{
    background: {p.background};
    color: {p.muted};
    border: none;
    border-bottom: 1px solid {p.divider};
    padding: 6px 8px;
}}
QCheckBox, QRadioButton {{ spacing: 10px; padding: 3px 0; }}
QCheckBox:focus, QRadioButton:focus {{
    background: {p.quiet};
    border-radius: {RADIUS - 4}px;
}}
QTabWidget::pane {{ border: none; }}
QTabBar::tab {{
    background: transparent;
    color: {p.muted};
    padding: 8px 16px;
    border: none;
    border-bottom: 2px solid transparent;
}}
QTabBar::tab:selected {{ color: {p.text}; border-bottom: 2px solid {p.accent}; }}
QTabBar::tab:focus {{ border-bottom: 2px solid {p.focus}; background: {p.quiet}; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollBar:vertical {{ background: transparent; width: 12px; margin: 2px; }}
QScrollBar::handle:vertical {{ background: {p.divider}; border-radius: 4px; min-height: 32px; }}
QScrollBar::handle:vertical:hover {{ background: {p.control_border}; }}
QScrollBar:horizontal {{ background: transparent; height: 12px; margin: 2px; }}
QScrollBar::handle:horizontal {{ background: {p.divider}; border-radius: 4px; min-width: 32px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
QToolTip {{
    background: {p.surface};
    color: {p.text};
    border: 1px solid {p.control_border};
    border-radius: 6px;
    padding: 6px 8px;
}}
QSlider::groove:horizontal {{ height: 4px; background: {p.track}; border-radius: 2px; }}
QSlider::sub-page:horizontal {{ background: {p.accent}; border-radius: 2px; }}
QSlider::handle:horizontal {{
    background: {p.surface};
    border: {FOCUS_WIDTH}px solid {p.accent};
    width: 16px; height: 16px; margin: -8px 0; border-radius: 10px;
}}
QSlider::handle:horizontal:focus {{ border-color: {p.text}; }}
QLabel[role="caution"] {{
    background: {p.caution_background};
    color: {p.caution_text};
    border-radius: {RADIUS}px;
    padding: 10px 14px;
}}
QLabel[role="muted"] {{ color: {p.muted}; }}
"""


def set_primary(button: object, primary: bool = True) -> None:
    """Mark a button as the one primary action of its screen (drawn filled with the accent)."""
    from PySide6.QtWidgets import QWidget

    if isinstance(button, QWidget):
        button.setProperty(PRIMARY_PROPERTY, primary)
        button.style().unpolish(button)
        button.style().polish(button)
