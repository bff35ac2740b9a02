"""The strict YAML reader: whole-file checks, hostile inputs, YAML 1.1 surprises, marks."""

from __future__ import annotations

import pytest

from app.core.problems import FileProblems, Problem
from app.core.yamlsafe import (
    INVALID,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_PROBLEMS,
    cap_problems,
    load_yaml,
    parse_yaml,
)

PATH = "some/dir/f.yaml"


def problems_of(data: bytes | str) -> list[Problem]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with pytest.raises(FileProblems) as caught:
        parse_yaml(raw, PATH)
    problems = caught.value.problems
    assert problems, "FileProblems must carry at least one problem"
    for problem in problems:
        assert problem.path == PATH
        assert problem.line >= 1 and problem.column >= 1
        assert str(problem).startswith(f"{PATH}:{problem.line}:{problem.column}: ")
    return problems


def only_problem(data: bytes | str) -> Problem:
    problems = problems_of(data)
    assert len(problems) == 1, problems
    return problems[0]


# -- ordinary reading -----------------------------------------------------------------------


def test_reads_plain_values() -> None:
    doc = parse_yaml(
        b"name: Evening\nphases:\n  - inhale: 4\n  - exhale: 7.5\nminutes: 3\nflag: true\noff_: false\nnothing:\ntilde: ~\n",
        PATH,
    )
    assert doc.value == {
        "name": "Evening",
        "phases": [{"inhale": 4}, {"exhale": 7.5}],
        "minutes": 3,
        "flag": True,
        "off_": False,
        "nothing": None,
        "tilde": None,
    }
    assert type(doc.value["minutes"]) is int
    assert type(doc.value["phases"][1]["exhale"]) is float


def test_marks_for_keys_and_values_are_one_based() -> None:
    doc = parse_yaml(b"name: Evening\nphases:\n  - inhale: 4\n  - exhale: 7.5\n", PATH)
    assert doc.mark(("name",), key=True) == (1, 1)
    assert doc.mark(("name",)) == (1, 7)
    assert doc.mark(("phases", 1, "exhale"), key=True) == (4, 5)
    assert doc.mark(("phases", 1, "exhale"), key=False) == (4, 13)
    assert doc.mark(("phases", 0)) == (3, 5)
    # A missing key falls back to the nearest parent that exists.
    assert doc.mark(("phases", 1, "hold")) == (4, 5)
    assert doc.mark(("nope",)) == (1, 1)
    assert doc.problem(("name",), "msg") == Problem(PATH, 1, 7, "msg")


def test_flow_style_marks() -> None:
    doc = parse_yaml(b"stages:\n  - phases: [{inhale: 3}, {exhale: 4}]\n    cycles: 2\n", PATH)
    assert doc.mark(("stages", 0, "phases", 1, "exhale")) == (2, 36)
    assert doc.mark(("stages", 0, "phases", 1, "exhale"), key=True) == (2, 28)
    assert doc.mark(("stages", 0, "cycles")) == (3, 13)


def test_quoted_text_is_always_text() -> None:
    doc = parse_yaml(b"a: '4:00'\nb: \"NO\"\nc: '012'\nd: !!str yes\ne: ! 12\n", PATH)
    assert doc.value == {"a": "4:00", "b": "NO", "c": "012", "d": "yes", "e": "12"}


def test_standard_tags_are_accepted() -> None:
    doc = parse_yaml(b"a: !!int 12\nb: !!float 3\nc: !!bool true\nd: !!null ~\ne: !!seq [1]\nf: !!map {x: 1}\n", PATH)
    assert doc.value == {"a": 12, "b": 3.0, "c": True, "d": None, "e": [1], "f": {"x": 1}}


def test_bom_and_crlf_are_fine() -> None:
    doc = parse_yaml("\ufeffname: x\r\nminutes: 3\r\n".encode(), PATH)
    assert doc.value == {"name": "x", "minutes": 3}
    assert doc.mark(("minutes",), key=True) == (2, 1)


def test_numbers_yaml_12_core_decimal_forms() -> None:
    doc = parse_yaml(b"a: -4\nb: +4\nc: 0\nd: .5\ne: 5.\nf: -0.5\ng: 07.5\n", PATH)
    assert doc.value == {"a": -4, "b": 4, "c": 0, "d": 0.5, "e": 5.0, "f": -0.5, "g": 7.5}


# -- YAML 1.1 surprises ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("4:00", ["240", "quotes"]),
        ("1:30:00", ["5400"]),
        ("NO", ["true or false", "quotes"]),
        ("yes", ["true or false"]),
        ("Off", ["true or false"]),
        ("on", ["true or false"]),
        ("y", ["true or false"]),
        ("True", ["lower case"]),
        ("FALSE", ["lower case"]),
        ("012", ["write 12", "octal"]),
        ("-007", ["write -7"]),
        ("0x1F", ["decimal"]),
        ("0o17", ["decimal"]),
        ("0b101", ["decimal"]),
        ("1_000", ["write 1000"]),
        ("1_000.5", ["write 1000.5"]),
        (".nan", ["plain number"]),
        (".NaN", ["plain number"]),
        (".inf", ["plain number"]),
        ("-.Inf", ["plain number"]),
        ("+.INF", ["plain number"]),
        ("1e3", ["exponent"]),
        ("2.5E-1", ["exponent"]),
    ],
)
def test_yaml_11_surprises_are_refused_with_a_fix(text: str, words: list[str]) -> None:
    problem = only_problem(f"name: x\nvalue: {text}\n")
    assert (problem.line, problem.column) == (2, 8)
    assert f"'{text}'" in problem.message or text in problem.message
    for word in words:
        assert word in problem.message


def test_every_surprise_in_a_file_is_reported() -> None:
    problems = problems_of("a: 4:00\nb: NO\nc:\n  - 012\n  - .inf\n")
    assert [(p.line, p.column) for p in problems] == [(1, 4), (2, 4), (4, 5), (5, 5)]


def test_load_yaml_keeps_soft_problems_and_marks_values_invalid() -> None:
    doc = load_yaml(b"a: 4:00\nb: 3\n", PATH)
    assert doc.value == {"a": INVALID, "b": 3}
    assert [(p.line, p.column) for p in doc.problems] == [(1, 4)]


def test_tagged_nan_is_refused() -> None:
    problem = only_problem("a: !!float .nan\n")
    assert (problem.line, problem.column) == (1, 4)


# -- duplicates, tags, anchors ----------------------------------------------------------------


def test_duplicate_keys_point_at_the_second_and_name_the_first() -> None:
    problem = only_problem("name: a\nminutes: 3\nname: b\n")
    assert (problem.line, problem.column) == (3, 1)
    assert "'name'" in problem.message and "line 1, column 1" in problem.message


def test_duplicate_keys_nested() -> None:
    problem = only_problem("phases:\n  - inhale: 4\n    inhale: 5\n")
    assert (problem.line, problem.column) == (3, 5)


def test_duplicate_key_keeps_the_first_value() -> None:
    doc = load_yaml(b"a: 1\na: 2\n", PATH)
    assert doc.value == {"a": 1}
    assert len(doc.problems) == 1


@pytest.mark.parametrize("tag", ["!!python/object:os.system", "!custom", "!!binary", "!!timestamp", "!!set"])
def test_other_tags_are_refused(tag: str) -> None:
    problem = only_problem(f"a: {tag} x\n")
    assert (problem.line, problem.column) == (1, 4)
    assert "tag" in problem.message and "remove it" in problem.message


def test_anchor_and_alias_are_refused_each_with_position() -> None:
    problems = problems_of("a: &x [1, 2]\nb: *x\n")
    assert [(p.line, p.column) for p in problems] == [(1, 4), (2, 4)]
    assert "anchor" in problems[0].message and "alias" in problems[1].message


def test_alias_bomb_is_refused_without_expanding() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    problems = problems_of("\n".join(lines) + "\n")
    assert len(problems) <= MAX_PROBLEMS
    assert (problems[0].line, problems[0].column) == (1, 4)


# -- whole-file problems -------------------------------------------------------------------


def test_twenty_megabytes_is_refused_at_1_1() -> None:
    problem = only_problem(b"a: " + b"x" * 20_000_000)
    assert (problem.line, problem.column) == (1, 1)
    assert "KiB" in problem.message


def test_just_over_the_limit_is_refused_and_at_the_limit_is_read() -> None:
    body = b"a: " + b"x" * (MAX_FILE_BYTES - 4) + b"\n"
    assert len(body) == MAX_FILE_BYTES
    assert parse_yaml(body, PATH).value == {"a": "x" * (MAX_FILE_BYTES - 4)}
    problem = only_problem(body + b" ")
    assert (problem.line, problem.column) == (1, 1)


def test_invalid_utf8_points_at_the_first_bad_byte() -> None:
    problem = only_problem(b"name: caf\xc3\xa9\nsummary: ok \xff\xfe\n")
    assert (problem.line, problem.column) == (2, 13)
    assert "UTF-8" in problem.message and "0xFF" in problem.message


def test_invalid_utf8_on_the_first_byte() -> None:
    problem = only_problem(b"\x80abc")
    assert (problem.line, problem.column) == (1, 1)


def test_latin1_file_is_refused() -> None:
    problem = only_problem("name: café\n".encode("latin-1"))
    assert (problem.line, problem.column) == (1, 10)


def test_control_character_is_located() -> None:
    problem = only_problem("a: 1\nb: x\x07y\n")
    assert (problem.line, problem.column) == (2, 5)
    assert "U+0007" in problem.message


@pytest.mark.parametrize("data", [b"", b"   \n\n", b"# just a comment\n# and another\n"])
def test_empty_files(data: bytes) -> None:
    problem = only_problem(data)
    assert (problem.line, problem.column) == (1, 1)
    assert "empty" in problem.message


def test_second_document_is_refused() -> None:
    problem = only_problem("a: 1\n---\nb: 2\n")
    assert (problem.line, problem.column) == (2, 1)
    assert "one YAML document" in problem.message


# -- hostile nesting (answered quickly; benchmarks measure speed, tests only check answers) -----


@pytest.mark.parametrize("opener", ["[", "{", "[{"])
def test_hundred_thousand_deep_flow_nesting(opener: str) -> None:
    problem = only_problem(opener * (100_000 // len(opener)))
    assert problem.line == 1
    assert "nested more than" in problem.message


def test_hundred_thousand_deep_block_sequences() -> None:
    problem = only_problem("- " * 100_000 + "x\n")
    assert problem.line == 1
    assert "nested more than" in problem.message


def test_indented_block_mapping_nesting() -> None:
    text = "".join(" " * i + f"k{i}:\n" for i in range(600))
    problem = only_problem(text)
    assert problem.line == MAX_DEPTH + 1
    assert "nested more than" in problem.message


def test_indented_nesting_too_big_for_the_size_limit() -> None:
    text = "".join(" " * i + "k:\n" for i in range(5_000))
    problem = only_problem(text)
    assert (problem.line, problem.column) == (1, 1)


def test_depth_at_the_limit_is_fine() -> None:
    text = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    value = parse_yaml(text.encode(), PATH).value
    for _ in range(MAX_DEPTH - 1):
        value = value[0]
    assert value == []
    only_problem("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))


def test_mixed_block_and_flow_nesting_counts_both() -> None:
    text = "".join(" " * (2 * i) + "k:\n" for i in range(20)) + " " * 40 + "k: " + "[" * 20 + "]" * 20 + "\n"
    problem = only_problem(text)
    assert "nested more than" in problem.message


def test_too_many_items() -> None:
    problem = only_problem("- 1\n" * 60_000)
    assert "more than" in problem.message and "items" in problem.message


def test_long_single_scalar_is_read() -> None:
    doc = parse_yaml(b"a: " + b"x" * 200_000 + b"\n", PATH)
    assert len(doc.value["a"]) == 200_000


# -- syntax errors ------------------------------------------------------------------------------


def test_syntax_error_has_position_and_advice() -> None:
    problem = only_problem("a: [1, 2\nb: 3\n")
    assert (problem.line, problem.column) == (2, 2)
    assert "YAML syntax" in problem.message and "brackets" in problem.message


def test_tab_indentation() -> None:
    problem = only_problem("a:\n\t- b\n")
    assert (problem.line, problem.column) == (2, 1)
    assert "tab" in problem.message and "spaces" in problem.message


def test_unclosed_quote() -> None:
    problem = only_problem('name: "abc\n')
    assert problem.line >= 1


def test_complex_key_is_refused() -> None:
    problem = only_problem("? [a, b]\n: c\n")
    assert (problem.line, problem.column) == (1, 3)


def test_bad_indentation_mapping_values() -> None:
    problem = only_problem("a: b: c\n")
    assert (problem.line, problem.column) == (1, 5)


# -- the cap -------------------------------------------------------------------------------------


def test_problems_are_capped_with_a_note() -> None:
    text = "".join(f"k{i}: NO\n" for i in range(200))
    problems = problems_of(text)
    assert len(problems) == MAX_PROBLEMS
    assert "more problems" in problems[-1].message


def test_cap_problems_leaves_short_lists_alone() -> None:
    few = [Problem(PATH, i, 1, "x") for i in range(1, 4)]
    assert cap_problems(few) == few
    many = [Problem(PATH, i, 1, "x") for i in range(1, 80)]
    capped = cap_problems(many)
    assert len(capped) == MAX_PROBLEMS
    assert capped[-1].line == MAX_PROBLEMS
    assert "30 more problems" in capped[-1].message
