"""The triggered moment's two settings, as rows for the Settings page's form.

Kept here so the Settings page needs one call: the crisis-line country ("from my system" or a
country in the crisis-lines file) and how long a drafted message is held before it can be copied.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QSpinBox

from app.core.crisis_lines import country_from_locale, load_crisis_lines
from app.gui.context import AppContext


def add_moment_settings(form: QFormLayout, context: AppContext) -> tuple[QComboBox, QSpinBox]:
    lines = load_crisis_lines(context.paths.crisis_lines)
    country = QComboBox()
    country.setAccessibleName("Country for crisis lines")
    system = country_from_locale()
    country.addItem(f"From my system ({system or 'not known'})", "")
    for code, entry in sorted(lines.countries.items(), key=lambda kv: kv[1].name):
        country.addItem(f"{entry.name} ({code})", code)
    country.setCurrentIndex(max(0, country.findData(context.settings.crisis_country)))
    country.currentIndexChanged.connect(lambda _i: context.update_settings(crisis_country=country.currentData() or ""))
    form.addRow("&Crisis lines for:", country)

    cooling = QSpinBox()
    cooling.setRange(1, 24 * 60)
    cooling.setSuffix(" minutes")
    cooling.setValue(context.settings.draft_cooling_minutes)
    cooling.setAccessibleName("Hold a drafted message for")
    cooling.setToolTip("In a triggered moment, a message you draft is held this long before Steady offers to copy it")
    cooling.valueChanged.connect(lambda value: context.update_settings(draft_cooling_minutes=value))
    form.addRow("&Hold a drafted message for:", cooling)
    return country, cooling
