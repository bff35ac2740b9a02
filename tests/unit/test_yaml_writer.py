"""The one YAML writer: what Steady writes, its own strict reader reads back equal, in a readable form."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.yaml_writer import Inline, dump_yaml
from app.core.yamlsafe import parse_yaml


def read_back(text: str):
    return parse_yaml(text.encode("utf-8"), "x.yaml").value


@pytest.mark.parametrize(
    "text",
    ["09:00", "10:00", "7:30", "no", "NO", "Yes", "off", "08", "012", "0x1F", "1_000", ".nan", "-.inf", "1e3", "4", "7.5",
     "", "null", "~", "true", "plain words", "a: b", "- item", "# not a comment", "line\nbreak", "  padded  ", "ünïcödé"],
)
def test_what_steady_writes_it_reads_back_unchanged(text):
    """dump_yaml quotes every string the strict reader would refuse or read as something else."""
    written = dump_yaml({"trigger": text, "list": [text]})
    assert parse_yaml(written.encode(), "x.yaml").value == {"trigger": text, "list": [text]}


@pytest.mark.parametrize("number", [0.00001, 1e-7, 1e16, 123456789.125, 0.1, 3.0, -2.5e-6])
def test_numbers_steady_writes_have_no_exponent_and_read_back_equal(number):
    """PyYAML writes 1e-05 as `1.0e-05`; the strict reader refuses exponents, so the writer must not use them."""
    written = dump_yaml({"volume": number})
    assert "e" not in written.split(":", 1)[1].lower()
    assert parse_yaml(written.encode(), "x.yaml").value == {"volume": number}


def test_the_shape_people_write_by_hand():
    text = dump_yaml(
        {
            "version": 1,
            "reminders": [{"id": "r-1", "days": ["mon", "wed"], "time": "07:30", "minutes": 5, "enabled": True}],
            "paused": None,
            "empty": [],
            "none": {},
            "note": "First line.\nSecond line.",
            "stages": [{"phases": Inline([{"inhale": 4}, {"exhale": 6.5}]), "cycles": 3}],
        },
        comment="Written by Steady.\nYou may edit it.",
    )
    assert text == (
        "# Written by Steady.\n"
        "# You may edit it.\n"
        "version: 1\n"
        "reminders:\n"
        "  - id: r-1\n"
        "    days: [mon, wed]\n"
        '    time: "07:30"\n'
        "    minutes: 5\n"
        "    enabled: true\n"
        "paused: null\n"
        "empty: []\n"
        "none: {}\n"
        "note: |-\n"
        "  First line.\n"
        "  Second line.\n"
        "stages:\n"
        "  - phases: [{inhale: 4}, {exhale: 6.5}]\n"
        "    cycles: 3\n"
    )


def test_long_text_is_folded_and_reads_back_with_its_spaces():
    words = "Breathe out slowly, a little longer than you breathe in, and let the shoulders drop " * 3
    text = dump_yaml({"prompt": words, "items": [words], "nested": {"deeper": [{"prompt": words}]}})
    assert max(len(line) for line in text.splitlines()) <= 88
    assert read_back(text) == {"prompt": words, "items": [words], "nested": {"deeper": [{"prompt": words}]}}


def test_only_finite_numbers_and_plain_types_are_written():
    for bad in (math.inf, math.nan):
        with pytest.raises(ValueError):
            dump_yaml({"volume": bad})
    with pytest.raises(TypeError):
        dump_yaml({"when": object()})
    with pytest.raises(TypeError):
        dump_yaml({1: "a number as a key"})


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120)
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    _text,
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.lists(inner, max_size=5).map(Inline),
        st.dictionaries(_text, inner, max_size=5),
    ),
    max_leaves=25,
)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_text, _values, max_size=6))
def test_anything_steady_can_hold_is_read_back_equal_and_of_the_same_types(data):
    back = read_back(dump_yaml(data))
    assert back == data
    assert _types(back) == _types(data)


def _types(value):
    if isinstance(value, dict):
        return {key: _types(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_types(item) for item in value]
    return type(value).__name__
