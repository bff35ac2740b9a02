"""Exercise files: every problem located, bounds, caution rules, and a dump/load round trip."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.core.exercise_schema import (
    CAUTION_MAX,
    CYCLES_MAX,
    MINUTES_MAX,
    MINUTES_MIN,
    NAME_MAX,
    PHASE_SECONDS_BOUNDS,
    PHASES_MAX,
    STAGES_MAX,
    STANDARD_CAUTION,
    SUMMARY_MAX,
    TOTAL_MINUTES_MAX,
    caution_text,
    closest,
    exercise_from_yaml,
    exercise_to_yaml,
    fastest_breaths_per_minute,
    format_number,
    needs_caution,
)
from app.core.model import Exercise, Phase, PhaseKind, Stage
from app.core.problems import FileProblems, Problem

PATH = "my/evening.yaml"


def load(text: str, exercise_id: str = "evening") -> Exercise:
    return exercise_from_yaml(textwrap.dedent(text).encode("utf-8"), PATH, exercise_id)


def problems_of(text: str, exercise_id: str = "evening") -> list[Problem]:
    with pytest.raises(FileProblems) as caught:
        load(text, exercise_id)
    problems = caught.value.problems
    assert problems
    for problem in problems:
        assert str(problem).startswith(f"{PATH}:{problem.line}:{problem.column}: ")
    return problems


def where(problems: list[Problem]) -> list[tuple[int, int]]:
    return [(p.line, p.column) for p in problems]


FLAT = """\
name: Evening wind-down
summary: Longer out-breaths to settle before sleep.
phases:
  - inhale: 4
  - exhale: 7.5
minutes: 3
"""


# -- reading good files ---------------------------------------------------------------------------


def test_flat_form_from_the_issue() -> None:
    ex = load(FLAT)
    assert ex.id == "evening"
    assert ex.name == "Evening wind-down"
    assert ex.summary == "Longer out-breaths to settle before sleep."
    assert ex.stages == (Stage((Phase(PhaseKind.INHALE, 4.0), Phase(PhaseKind.EXHALE, 7.5)), minutes=3.0),)
    assert not ex.staged
    assert ex.caution is None and ex.sound is None


def test_stage_form_from_the_issue() -> None:
    ex = load(
        """\
        version: 1
        kind: exercise
        name: Settle
        sound: soft-bell
        stages:
          - phases: [ {inhale: 3}, {exhale: 4} ]
            minutes: 1
          - phases:
              - inhale: 4
              - hold: 2
              - exhale: 6
            cycles: 10
        """
    )
    assert ex.staged
    assert ex.sound == "soft-bell"
    assert len(ex.stages) == 2
    assert ex.stages[0].minutes == 1.0 and ex.stages[0].cycles is None
    assert ex.stages[1].cycles == 10
    assert [p.kind for p in ex.stages[1].phases] == [PhaseKind.INHALE, PhaseKind.HOLD, PhaseKind.EXHALE]


def test_source_and_builtin_flags_are_kept() -> None:
    from pathlib import Path

    ex = exercise_from_yaml(FLAT.encode(), PATH, "evening", builtin=True, source=Path("/x/evening.yaml"))
    assert ex.builtin and ex.source == Path("/x/evening.yaml")


def test_block_caution_is_stripped() -> None:
    ex = load(FLAT + "caution: |\n  Sit down first.\n  Stop if dizzy.\n")
    assert ex.caution == "Sit down first.\nStop if dizzy."


# -- problems with line and column ------------------------------------------------------------------


def test_unknown_key_suggests_the_closest() -> None:
    problems = problems_of(FLAT + "minuts: 3\n")
    assert where(problems) == [(7, 1)]
    assert "'minuts'" in problems[0].message and "did you mean 'minutes'" in problems[0].message


def test_unknown_key_without_a_close_match_lists_keys() -> None:
    (problem,) = problems_of(FLAT + "colour: blue\n")
    assert (problem.line, problem.column) == (7, 1)
    assert "did you mean" not in problem.message and "name, summary" in problem.message


def test_unknown_phase_kind() -> None:
    (problem,) = problems_of(FLAT.replace("- exhale: 7.5", "- exhail: 7.5"))
    assert (problem.line, problem.column) == (5, 5)
    assert "did you mean 'exhale'" in problem.message


def test_every_problem_is_reported_in_one_go() -> None:
    problems = problems_of(
        """\
        name: 42
        summary: [a]
        phases:
          - inhale: 0.2
          - hold: 61
          - exhale: 7.25
          - exhale: six
        minutes: 3:00
        sound: Big Bell
        """
    )
    assert where(problems) == [(1, 7), (2, 10), (4, 13), (5, 11), (6, 13), (7, 13), (8, 10), (9, 8)]
    messages = [p.message for p in problems]
    assert "name must be text" in messages[0] and "quotes" in messages[0]
    assert "summary must be text" in messages[1]
    assert "from 0.5 to 60" in messages[2]
    assert "from 0.5 to 60" in messages[3]
    assert "one decimal place" in messages[4] and "7.2 or 7.3" in messages[4]
    assert "must be a number of seconds" in messages[5]
    assert "minutes:seconds" in messages[6] and "180" in messages[6]
    assert "sound" in messages[7]


def test_yaml_problems_and_schema_problems_come_together() -> None:
    problems = problems_of("name: x\nname: y\nphases:\n  - inhale: NO\n  - exhale: 4\ncycles: 3\nextra: 1\n")
    assert where(problems) == [(2, 1), (4, 13), (7, 1)]


def test_phases_and_stages_both() -> None:
    problems = problems_of(FLAT + "stages:\n  - phases: [{inhale: 3}, {exhale: 4}]\n    cycles: 2\n")
    assert where(problems) == [(7, 1)]
    assert "either phases" in problems[0].message and "not both" in problems[0].message


def test_neither_cycles_nor_minutes() -> None:
    (problem,) = problems_of("name: x\nphases:\n  - inhale: 4\n  - exhale: 6\n")
    assert (problem.line, problem.column) == (2, 1)
    assert "minutes: 3" in problem.message and "cycles: 12" in problem.message


def test_both_cycles_and_minutes_points_at_the_second() -> None:
    (problem,) = problems_of(FLAT + "cycles: 4\n")
    assert (problem.line, problem.column) == (7, 1)
    assert "not both" in problem.message


def test_stage_without_length_and_with_top_level_minutes() -> None:
    problems = problems_of(
        """\
        name: x
        stages:
          - phases: [{inhale: 3}, {exhale: 4}]
          - phases: [{inhale: 3}, {exhale: 4}]
            cycles: 2
            minutes: 1
        minutes: 4
        """
    )
    assert where(problems) == [(3, 5), (6, 5), (7, 1)]
    assert "inside each stage" in problems[2].message


def test_stage_unknown_key_and_missing_phases() -> None:
    problems = problems_of("name: x\nstages:\n  - phase: [{inhale: 3}, {exhale: 4}]\n    cycles: 2\n")
    assert (3, 5) in where(problems)
    assert any("did you mean 'phases'" in p.message for p in problems)
    assert any("no phases" in p.message for p in problems)


def test_missing_name_and_phases_point_at_the_mapping() -> None:
    problems = problems_of("summary: hi\n")
    assert where(problems) == [(1, 1), (1, 1)]
    assert any("missing name" in p.message for p in problems)
    assert any("missing phases" in p.message for p in problems)


@pytest.mark.parametrize(
    ("text", "line_col", "words"),
    [
        ("- inhale: 4\n", (1, 1), "mapping of keys"),
        ("just text\n", (1, 1), "mapping of keys"),
        ("name: x\nphases: inhale 4\nminutes: 3\n", (2, 9), "phases must be a list"),
        ("name: x\nphases:\n  - inhale 4\n  - exhale: 4\nminutes: 3\n", (3, 5), "with a ':'"),
        ("name: x\nphases:\n  - inhale: 4\n    exhale: 4\nminutes: 3\n", (3, 5), "exactly one"),
        ("name: x\nphases:\n  - {}\n  - exhale: 4\nminutes: 3\n", (3, 5), "exactly one"),
        ("name: x\nphases:\n  - inhale:\n  - exhale: 4\nminutes: 3\n", (3, 5), "has no value"),
        ("name: x\nphases:\n  - inhale: true\n  - exhale: 4\nminutes: 3\n", (3, 13), "not the yes/no value true"),
        ("name: x\nphases: [{inhale: 4}, {exhale: 4}]\ncycles: 2.5\n", (3, 9), "whole number"),
        ("name: x\nphases: [{inhale: 4}, {exhale: 4}]\ncycles: 0\n", (3, 9), "from 1 to 1000"),
        ("name: x\nphases: [{inhale: 4}, {exhale: 4}]\ncycles: 1001\n", (3, 9), "from 1 to 1000"),
        ("name: x\nphases: [{inhale: 4}, {exhale: 4}]\nminutes: 0.05\n", (3, 10), "from 0.1 to 120"),
        ("name: x\nphases: [{inhale: 4}, {exhale: 4}]\nminutes: 121\n", (3, 10), "from 0.1 to 120"),
        ("name: x\nphases: [{inhale: 4}, {exhale: 4}]\nminutes: 2.25\n", (3, 10), "one decimal place"),
        ("name: x\nphases: [{inhale: 4}, {hold: 4}]\nminutes: 2\n", (2, 9), "add exhale"),
        ("name: x\nphases: [{hold: 4}]\nminutes: 2\n", (2, 9), "add inhale and exhale"),
        ("name: x\nphases: []\nminutes: 2\n", (2, 9), "1 to 12 phases"),
        ("name: ''\nphases: [{inhale: 4}, {exhale: 4}]\nminutes: 2\n", (1, 7), "name is empty"),
        ("name: '   '\nphases: [{inhale: 4}, {exhale: 4}]\nminutes: 2\n", (1, 7), "name is empty"),
        ('name: "a\\nb"\nphases: [{inhale: 4}, {exhale: 4}]\nminutes: 2\n', (1, 7), "single line"),
        ('name: "a\\tb"\nphases: [{inhale: 4}, {exhale: 4}]\nminutes: 2\n', (1, 7), "U+0009"),
        ("name: x\nsummary:\nphases: [{inhale: 4}, {exhale: 4}]\nminutes: 2\n", (2, 1), "summary must be text, not empty"),
        ("name: x\nversion: 2\nphases: [{inhale: 4}, {exhale: 4}]\nminutes: 2\n", (2, 10), "version: 1"),
        ("name: x\nversion: '1'\nphases: [{inhale: 4}, {exhale: 4}]\nminutes: 2\n", (2, 10), "version: 1"),
        ("name: x\nkind: flow\nphases: [{inhale: 4}, {exhale: 4}]\nminutes: 2\n", (2, 7), "kind: exercise"),
        ("name: x\nstages: {a: 1}\n", (2, 9), "stages must be a list"),
        ("name: x\nstages: []\n", (2, 9), "1 to 20 stages"),
        ("name: x\nstages: [3]\n", (2, 10), "a stage is a mapping"),
        ("name: x\nsound: ''\nphases: [{inhale: 4}, {exhale: 4}]\nminutes: 2\n", (2, 8), "sound"),
        ("name: x\nsound: bell_1\nphases: [{inhale: 4}, {exhale: 4}]\nminutes: 2\n", (2, 8), "sound"),
    ],
)
def test_malformed_files_are_located(text: str, line_col: tuple[int, int], words: str) -> None:
    problems = problems_of(text)
    assert line_col in where(problems), problems
    assert any(words in p.message for p in problems), problems


def test_length_bounds_of_text() -> None:
    base = "phases: [{inhale: 4}, {exhale: 4}]\nminutes: 2\n"
    assert load(f"name: {'a' * NAME_MAX}\n" + base).name == "a" * NAME_MAX
    (problem,) = problems_of(f"name: {'a' * (NAME_MAX + 1)}\n" + base)
    assert (problem.line, problem.column) == (1, 7) and "81 characters" in problem.message
    (problem,) = problems_of(f"name: x\nsummary: {'b' * (SUMMARY_MAX + 1)}\n" + base)
    assert (problem.line, problem.column) == (2, 10)
    (problem,) = problems_of(f"name: x\ncaution: {'c' * (CAUTION_MAX + 1)}\n" + base)
    assert (problem.line, problem.column) == (3 - 1, 10)


def test_too_many_phases_and_stages() -> None:
    phases = ", ".join(["{inhale: 1}", "{exhale: 1}"] * 7)
    (problem,) = problems_of(f"name: x\nphases: [{phases}]\ncycles: 1\n")
    assert (problem.line, problem.column) == (2, 9) and f"1 to {PHASES_MAX}" in problem.message
    stage = "  - phases: [{inhale: 1}, {exhale: 1}]\n    cycles: 1\n"
    (problem,) = problems_of("name: x\nstages:\n" + stage * (STAGES_MAX + 1))
    assert (problem.line, problem.column) == (3, 3) and f"1 to {STAGES_MAX}" in problem.message


def test_whole_session_limit() -> None:
    stage = "  - phases: [{inhale: 30}, {exhale: 30}]\n    minutes: 100\n"
    (problem,) = problems_of("name: x\nstages:\n" + stage * 2)
    assert (problem.line, problem.column) == (2, 1)
    assert "200 minutes" in problem.message and str(int(TOTAL_MINUTES_MAX)) in problem.message
    (problem,) = problems_of("name: x\nphases: [{inhale: 60}, {exhale: 60}]\ncycles: 1000\n")
    assert (problem.line, problem.column) == (3, 9)


def test_bounds_edges_are_inclusive() -> None:
    low_inhale, high_inhale = PHASE_SECONDS_BOUNDS[PhaseKind.INHALE]
    ex = load(f"name: x\nphases: [{{inhale: {low_inhale}}}, {{hold: 60}}, {{exhale: {high_inhale}}}]\nminutes: {MINUTES_MIN}\n")
    assert ex.stages[0].phases[0].seconds == low_inhale
    ex = load(f"name: x\nphases: [{{inhale: 4}}, {{exhale: 4}}]\nminutes: {format_number(MINUTES_MAX)}\n")
    assert ex.stages[0].minutes == MINUTES_MAX
    ex = load(f"name: x\nphases: [{{inhale: 1}}, {{exhale: 1}}]\ncycles: {CYCLES_MAX}\n")
    assert ex.stages[0].cycles == CYCLES_MAX


def test_bad_file_name_is_a_problem_at_1_1() -> None:
    problems = problems_of(FLAT, exercise_id="Evening Wind")
    assert where(problems) == [(1, 1)]
    assert "evening-wind.yaml" in problems[0].message


def test_bad_file_name_is_reported_with_unreadable_yaml_too() -> None:
    with pytest.raises(FileProblems) as caught:
        exercise_from_yaml(b"a: [", PATH, "_bad")
    assert caught.value.problems[0].line == 1 and "file name" in caught.value.problems[0].message
    assert len(caught.value.problems) == 2


@pytest.mark.parametrize("good", ["a", "4-7-8", "calm-exhale", "x" * 64])
def test_good_ids(good: str) -> None:
    assert load(FLAT, exercise_id=good).id == good


@pytest.mark.parametrize("bad", ["", "-a", "A", "a_b", "a.b", "x" * 65, "ä"])
def test_bad_ids(bad: str) -> None:
    assert where(problems_of(FLAT, exercise_id=bad)) == [(1, 1)]


def test_closest() -> None:
    assert closest("minuts", ("minutes", "cycles")) == "minutes"
    assert closest("Phases", ("phases", "stages")) == "phases"
    assert closest("zzz", ("minutes", "cycles")) is None


# -- caution rules ---------------------------------------------------------------------------------


def _ex(*phases: tuple[PhaseKind, float]) -> Exercise:
    return Exercise("t", "T", (Stage(tuple(Phase(k, s) for k, s in phases), cycles=1),))


def test_caution_for_long_holds() -> None:
    ok = _ex((PhaseKind.INHALE, 4), (PhaseKind.HOLD, 15), (PhaseKind.EXHALE, 4))
    long = _ex((PhaseKind.INHALE, 4), (PhaseKind.HOLD, 15.5), (PhaseKind.EXHALE, 4))
    assert needs_caution(ok) == []
    (reason,) = needs_caution(long)
    assert "15.5 seconds" in reason
    assert caution_text(long) == STANDARD_CAUTION
    assert caution_text(ok) is None


def test_caution_for_fast_breathing() -> None:
    fast = _ex((PhaseKind.INHALE, 1), (PhaseKind.EXHALE, 1))
    assert fastest_breaths_per_minute(fast) == pytest.approx(30)
    assert any("30 a minute" in r for r in needs_caution(fast))
    edge = _ex((PhaseKind.INHALE, 1.5), (PhaseKind.EXHALE, 1.5))
    assert needs_caution(edge) == []


def test_caution_for_rapid_breaths_hidden_by_a_hold() -> None:
    burst = _ex(
        (PhaseKind.INHALE, 1), (PhaseKind.EXHALE, 1), (PhaseKind.INHALE, 1), (PhaseKind.EXHALE, 1), (PhaseKind.HOLD, 12)
    )
    assert needs_caution(burst)


def test_cyclic_sigh_counts_as_one_breath() -> None:
    sigh = _ex((PhaseKind.INHALE, 2), (PhaseKind.INHALE, 0.5), (PhaseKind.EXHALE, 5))
    assert fastest_breaths_per_minute(sigh) == pytest.approx(8.0)


def test_standard_caution_says_what_content_md_asks() -> None:
    text = STANDARD_CAUTION.lower()
    for words in ("sit", "driving", "water", "dizzy", "tingl", "pregnant", "epilepsy", "heart", "doctor"):
        assert words in text


def test_own_caution_wins() -> None:
    ex = load(FLAT.replace("- exhale: 7.5", "- hold: 20\n  - exhale: 7.5") + "caution: Mine.\n")
    assert needs_caution(ex) and caution_text(ex) == "Mine."


# -- writing ------------------------------------------------------------------------------------------


def test_written_yaml_is_clean_and_in_natural_order() -> None:
    ex = load(FLAT + "caution: Be gentle.\nsound: soft-bell\n")
    text = exercise_to_yaml(ex)
    assert text.startswith("#")
    assert text == (
        "# A Steady breathing exercise. Times are in seconds.\n"
        "# Format, keys and limits: docs/exercises.md\n"
        "name: Evening wind-down\n"
        "summary: Longer out-breaths to settle before sleep.\n"
        "caution: Be gentle.\n"
        "sound: soft-bell\n"
        "phases:\n"
        "  - inhale: 4\n"
        "  - exhale: 7.5\n"
        "minutes: 3\n"
    )


def test_written_stages_use_the_compact_form() -> None:
    ex = load("name: x\nstages:\n  - phases: [{inhale: 3}, {exhale: 4}]\n    cycles: 4\n  - phases: [{inhale: 4}, {exhale: 6}]\n    minutes: 2.5\n", "x")
    text = exercise_to_yaml(ex)
    assert "stages:\n  - phases: [{inhale: 3}, {exhale: 4}]\n    cycles: 4\n  - phases: [{inhale: 4}, {exhale: 6}]\n    minutes: 2.5\n" in text
    assert exercise_from_yaml(text.encode(), PATH, "x") == ex


@pytest.mark.parametrize(
    "name",
    ["NO", "yes", "4:00", "012", "true", "null", "~", "- dash", "a: b", "a #b", "#x", "'quoted", '"dq', "x:", "  pad",
     "back\\slash", "tab\there", "&anchor", "*alias", "!tag", "[list]", "{map}", "%pct", "@at", "`tick", "1_000", ".inf",
     "é ünïcödé 🙂", "\u2028", "\x85", "\ufeffbom", "a" * 80],
)
def test_tricky_text_round_trips(name: str) -> None:
    ex = Exercise("x", name.strip() or "x", (Stage((Phase(PhaseKind.INHALE, 4.0), Phase(PhaseKind.EXHALE, 6.0)), cycles=3),))
    try:
        back = exercise_from_yaml(exercise_to_yaml(ex).encode(), PATH, "x")
    except FileProblems as error:
        # Only names the schema itself refuses may fail: control characters and line breaks.
        assert all("single line" in p.message or "control character" in p.message for p in error.problems), error
        return
    assert back == ex


# -- property tests --------------------------------------------------------------------------------

_tenths = lambda low, high: st.integers(int(round(low * 10)), int(round(high * 10))).map(lambda n: n / 10)  # noqa: E731

_text_chars = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cn"), blacklist_characters="\ufeff")


def _clean(limit: int, multiline: bool = False) -> st.SearchStrategy[str]:
    alphabet = st.one_of(_text_chars, st.just("\n")) if multiline else _text_chars
    return st.text(alphabet, min_size=1, max_size=limit).map(str.strip).filter(bool)


@st.composite
def _phases(draw: st.DrawFn) -> tuple[Phase, ...]:
    kinds = draw(st.lists(st.sampled_from(list(PhaseKind)), min_size=0, max_size=PHASES_MAX - 2))
    kinds = kinds + [PhaseKind.INHALE, PhaseKind.EXHALE]
    kinds = draw(st.permutations(kinds))
    return tuple(Phase(k, draw(_tenths(*PHASE_SECONDS_BOUNDS[k]))) for k in kinds)


@st.composite
def _stages(draw: st.DrawFn, count: int) -> tuple[Stage, ...]:
    stages = []
    for _ in range(count):
        phases = draw(_phases())
        if draw(st.booleans()):
            stages.append(Stage(phases, cycles=draw(st.integers(1, 20))))
        else:
            stages.append(Stage(phases, minutes=draw(_tenths(MINUTES_MIN, 8.0))))
    return tuple(stages)


@st.composite
def exercises(draw: st.DrawFn) -> Exercise:
    staged = draw(st.booleans())
    stages = draw(_stages(draw(st.integers(1, STAGES_MAX)) if staged else 1))
    assume(sum(s.planned_seconds for s in stages) <= TOTAL_MINUTES_MAX * 60)
    return Exercise(
        id=draw(st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)),
        name=draw(_clean(NAME_MAX)),
        summary=draw(st.one_of(st.just(""), _clean(SUMMARY_MAX))),
        caution=draw(st.one_of(st.none(), _clean(CAUTION_MAX, multiline=True))),
        sound=draw(st.one_of(st.none(), st.from_regex(r"[a-z0-9-]{1,40}", fullmatch=True))),
        stages=stages,
        staged=staged,
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(exercises())
def test_every_valid_exercise_round_trips(ex: Exercise) -> None:
    text = exercise_to_yaml(ex)
    back = exercise_from_yaml(text.encode("utf-8"), PATH, ex.id)
    assert back == ex
    assert exercise_to_yaml(back) == text


def _either_exercise_or_problems(data: bytes) -> None:
    try:
        ex = exercise_from_yaml(data, PATH, "x")
    except FileProblems as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path == PATH and problem.line >= 1 and problem.column >= 1 and problem.message
        return
    assert isinstance(ex, Exercise)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_an_exercise_or_problems(data: bytes) -> None:
    _either_exercise_or_problems(data)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_gives_an_exercise_or_problems(text: str) -> None:
    _either_exercise_or_problems(text.encode("utf-8", "surrogatepass"))


_yamlish = st.lists(
    st.sampled_from(
        ["name", "phases", "stages", "minutes", "cycles", ":", " ", "\n", "  ", "- ", "[", "]", "{", "}", ",",
         "inhale", "exhale", "hold", "4", "7.5", "4:00", "NO", "&a", "*a", "!!str", "'", '"', "#", "?", "|", ">",
         "---", "version: 1", "kind: exercise", "caution"]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(_yamlish)
def test_yaml_like_text_gives_an_exercise_or_problems(text: str) -> None:
    _either_exercise_or_problems(text.encode("utf-8"))


@settings(max_examples=200, deadline=None)
@given(exercises(), st.integers(0, 10_000), st.binary(min_size=1, max_size=3))
def test_damaged_valid_files_give_an_exercise_or_problems(ex: Exercise, at: int, junk: bytes) -> None:
    data = bytearray(exercise_to_yaml(ex).encode("utf-8"))
    position = at % (len(data) + 1)
    data[position:position] = junk
    _either_exercise_or_problems(bytes(data))
