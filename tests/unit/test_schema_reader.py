"""The one schema reader: field specs, where each problem points, and the words it uses."""

from __future__ import annotations

import re

import pytest

from app.core.problems import FileProblems, Problem
from app.core.schema_reader import (
    INVALID,
    Choice,
    Flag,
    ListOf,
    Matches,
    Number,
    Reader,
    Text,
    YamlDoc,
    closest,
    describe_value,
)
from app.core.yamlsafe import load_yaml

PATH = "f.yaml"


def reader_for(text: str) -> Reader:
    return Reader(load_yaml(text.encode("utf-8"), PATH))


def read_one(spec, text: str, key: str = "v"):
    """(value read, [(line, column, message)]) for `key` of a one-key file."""
    reader = reader_for(text)
    value = reader.field(reader.doc.value, (), key, spec)
    return value, [(p.line, p.column, p.message) for p in reader.problems]


# -- words ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [(None, "empty"), (True, "the yes/no value true"), (4.0, "the number 4"), (7.5, "the number 7.5"), ("x" * 40, "the text '" + "x" * 27 + "...'"),
     ([1], "a list"), ({"a": 1}, "a mapping")],
)
def test_values_are_described_in_words(value, words):
    assert describe_value(value) == words


def test_closest_guesses_only_near_misses():
    assert closest("darkk", ("system", "light", "dark")) == "dark"
    assert closest("purple", ("system", "light", "dark")) is None
    assert closest(12, ("a",)) is None


# -- specs ----------------------------------------------------------------------------------------


def test_text_is_stripped_and_each_problem_is_at_its_value():
    assert read_one(Text(10), "v: '  hello  '\n") == ("hello", [])
    assert read_one(Text(3), "v: hello\n") == (None, [(1, 4, "v is 5 characters long; keep it to 3 or fewer")])
    assert read_one(Text(10), "v: ''\n")[1] == [(1, 4, "v is empty: write some text, or remove it")]
    assert read_one(Text(10), 'v: "a\\nb"\n')[1] == [(1, 4, "v must be a single line; remove the line break")]
    assert read_one(Text(10, multiline=True), 'v: "a\\nb"\n') == ("a\nb", [])
    assert read_one(Text(10, example='v: "Calm"'), "v: 4\n")[1] == [(1, 4, 'v must be text, not the number 4; put it in quotes, e.g. v: "Calm"')]


def test_an_empty_value_points_at_its_key():
    assert read_one(Text(10), "a: 1\nv:\n")[1] == [(2, 1, "v must be text, not empty; put it in quotes, e.g. \"...\"")]


def test_numbers_with_a_unit_bounds_and_decimal_places():
    seconds = Number(0.5, 60, unit="seconds", places=1)
    assert read_one(seconds, "v: 4\n") == (4.0, [])
    assert read_one(seconds, "v: 61\n")[1] == [(1, 4, "v is 61 seconds; it must be from 0.5 to 60")]
    assert read_one(seconds, "v: 7.25\n")[1] == [(1, 4, "v 7.25 has more than one decimal place; round it, e.g. 7.2 or 7.3")]
    assert read_one(seconds, "v: seven\n")[1] == [(1, 4, "v must be a number of seconds, e.g. 4 or 7.5, not the text 'seven'")]
    assert read_one(seconds, "v:\n")[1] == [(1, 1, "v has no value: write a number of seconds, e.g. 4 or 7.5")]


def test_whole_numbers_without_a_unit_say_their_range():
    count = Number(1, 30, example="3", whole=True)
    assert read_one(count, "v: 3\n") == (3, [])
    assert isinstance(read_one(count, "v: 3\n")[0], int)
    assert read_one(count, "v: 2.5\n")[1] == [(1, 4, "v must be a whole number, e.g. 2")]
    assert read_one(count, "v: true\n")[1] == [(1, 4, "v must be a whole number from 1 to 30, e.g. 3, not the yes/no value true")]
    assert read_one(count, "v: 40\n")[1] == [(1, 4, "v is 40; it must be from 1 to 30")]


def test_choices_flags_and_patterns():
    assert read_one(Choice(("light", "dark")), "v: dark\n") == ("dark", [])
    assert read_one(Choice(("light", "dark")), "v: Dark\n")[1] == [(1, 4, "v must be one of light, dark, not the text 'Dark'; did you mean 'dark'?")]
    assert read_one(Flag(), "v: false\n") == (False, [])
    assert read_one(Flag(), "v: 1\n")[1] == [(1, 4, "v must be true or false, not the number 1")]
    tag = Matches(r"[a-z]+", "{what} must be a word in lower case, not {value}")
    assert read_one(tag, "v: calm\n") == ("calm", [])
    assert read_one(tag, "v: Calm Down\n")[1] == [(1, 4, "v must be a word in lower case, not the text 'Calm Down'")]
    assert read_one(Matches(re.compile(r"[a-z]+"), "{value}"), "v: calm\n") == ("calm", [])


def test_lists_name_each_entry_and_check_their_length():
    words = ListOf(Text(10), most=2, least=1)
    assert read_one(words, "v: [a, b]\n") == (["a", "b"], [])
    assert read_one(words, "v: [a, 3]\n")[1] == [(1, 8, "entry 2 of v must be text, not the number 3; put it in quotes, e.g. \"...\"")]
    assert read_one(words, "v: [a, b, c]\n")[1] == [(1, 4, "v has 3 entries; keep it to 2 or fewer")]
    assert read_one(words, "v: []\n")[1] == [(1, 4, "v is empty: add at least one entry")]
    assert read_one(words, "v: text\n")[1] == [(1, 4, "v must be a list, one '- item' per line, not the text 'text'")]
    assert read_one(ListOf(Text(10), most=2), "v:\n") == ([], [])
    counted = ListOf(Text(10), most=2, least=1, count="a pair has {least} to {most} words; this one has {n}")
    assert read_one(counted, "v: [a, b, c]\n")[1] == [(1, 4, "a pair has 1 to 2 words; this one has 3")]
    assert read_one(counted, "v: []\n")[1] == [(1, 4, "a pair has 1 to 2 words; this one has 0")]


def test_a_kind_can_bring_its_own_spec():
    class Even:
        def read(self, reader, value, path, what):
            if isinstance(value, int) and value % 2 == 0:
                return value
            reader.add(path, f"{what} must be even")
            return None

    assert read_one(ListOf(Even(), most=5), "v: [2, 3]\n") == (None, [(1, 8, "entry 2 of v must be even")])


def test_values_already_reported_by_the_yaml_reader_are_not_reported_again():
    reader = reader_for("a: NO\nb: [x, 09]\n")
    assert reader.doc.value["a"] is INVALID
    assert reader.field(reader.doc.value, (), "a", Text(10)) is None
    assert reader.field(reader.doc.value, (), "b", ListOf(Text(10), most=5)) is None
    assert [(p.line, p.column) for p in reader.problems] == [(1, 4), (2, 8)]


# -- the reader -----------------------------------------------------------------------------------


def test_a_missing_field_is_none_and_no_problem():
    reader = reader_for("a: 1\n")
    assert reader.field(reader.doc.value, (), "b", Text(10)) is None and reader.problems == []


def test_noting_adds_what_happens_meanwhile_only_inside_the_block():
    reader = reader_for("a: 1\nb: 2\n")
    with reader.noting("the default is used for now"):
        reader.field(reader.doc.value, (), "a", Text(10), "'a'")
        with reader.noting("inner"):
            reader.add(("b",), "b is odd")
        reader.add(("b",), "b again")
    reader.add(("b",), "b plainly")
    assert [p.message for p in reader.problems] == [
        "'a' must be text, not the number 1; put it in quotes, e.g. \"...\" (the default is used for now)",
        "b is odd (inner)",
        "b again (the default is used for now)",
        "b plainly",
    ]


def test_the_top_mapping_its_version_and_unknown_keys():
    reader = reader_for("version: 2\nkind: notes\ntitel: x\n")
    top = reader.top("a notes file", ("version", "kind", "title"), "'title:'")
    assert top["titel"] == "x"
    assert [(p.line, p.column, p.message) for p in reader.problems] == [
        (1, 10, "the number 2 is not a version this Steady reads: write 'version: 1' or remove the key"),
        (3, 1, "unknown key 'titel' in a notes file: did you mean 'title'? The keys here are version, kind, title"),
    ]
    with pytest.raises(FileProblems) as caught:
        reader_for("- a\n").top("a notes file", ("title",), "'title:'")
    assert [str(p) for p in caught.value.problems] == ["f.yaml:1:1: a notes file is a mapping of keys such as 'title:', not a list"]


def test_kind_required_or_optional():
    required = reader_for("kind: flow\n")
    required.kind_is(required.doc.value, "anchors", "an anchors file")
    optional = reader_for("kind: flow\n")
    optional.kind_is(optional.doc.value, "anchors", "an anchors file", required=False)
    left_out = reader_for("a: 1\n")
    left_out.kind_is(left_out.doc.value, "anchors", "an anchors file", required=False)
    assert [p.message for p in required.problems] == ["this file must say 'kind: anchors', not the text 'flow'"]
    assert [p.message for p in optional.problems] == [
        "this file's kind is the text 'flow', but an anchors file needs 'kind: anchors' (or no kind at all)"
    ]
    assert left_out.problems == []


def test_raise_if_any_sorts_by_place():
    reader = reader_for("a: 1\nb: 2\n")
    reader.add(("b",), "second")
    reader.add(("a",), "first")
    with pytest.raises(FileProblems) as caught:
        reader.raise_if_any()
    assert [p.message for p in caught.value.problems] == ["first", "second"]


def test_values_from_a_cache_have_no_marks_and_point_at_the_top():
    """Settings from the parse cache go through the same reader with no YAML loaded."""
    reader = Reader(YamlDoc({"theme": "purple"}, "settings.yaml"))
    assert reader.field(reader.doc.value, (), "theme", Choice(("light", "dark"))) is None
    assert reader.problems == [Problem("settings.yaml", 1, 1, "theme must be one of light, dark, not the text 'purple'")]
