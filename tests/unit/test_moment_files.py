"""Flow, anchors and crisis-line files: the built-ins, the user's versions, and bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.anchors import add_own_anchor, load_anchors, make_id, set_favourite
from app.core.crisis_lines import chosen_country, country_from_locale, load_crisis_lines
from app.core.flow import STEPS, trim_exercise
from app.core.flow_files import load_flow, save_user_value
from app.core.library import load_library
from app.core.problems import FileProblems
from app.core.validate import known_kinds, validate_paths


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    ok, problems = validate_paths([str(path)])
    assert not ok or problems
    return [str(p) for p in problems]


# -- the built-ins -----------------------------------------------------------------------------


def test_built_in_files_are_valid_and_validate_knows_the_three_kinds():
    root = Path(__file__).parents[2] / "exercises"
    assert {"flow", "anchors", "crisis-lines", "exercise"} <= set(known_kinds())
    ok, problems = validate_paths([str(root / n) for n in ("moment-flow.yaml", "anchors.yaml", "crisis-lines.yaml")])
    assert problems == []
    assert ok[0].endswith("ok (flow 'Steady through a moment': breathe, notice, trigger, anchor, respond, close)")
    assert "anchors" in ok[1] and "crisis lines for 8 countries" in ok[2]
    assert "check the numbers" in (root / "crisis-lines.yaml").read_text().lower()


def test_the_library_skips_the_other_kinds():
    library = load_library(None)
    assert not library.problems
    assert not {"moment-flow", "anchors", "crisis-lines"} & set(library.ids())


def test_built_in_flow_has_every_step_and_never_says_deep():
    flow = load_flow(None).flow
    for step in STEPS:
        assert flow.title(step) and flow.prompt(step)
    assert flow.breathe_seconds == 120
    assert flow.get("respond", "wait_minutes") == (20, 60)
    assert flow.get("respond", "starters") == ("I feel…", "I need…", "Would you…")
    words = (Path(__file__).parents[2] / "exercises" / "moment-flow.yaml").read_text().lower()
    words += (Path(__file__).parents[2] / "exercises" / "anchors.yaml").read_text().lower()
    assert "deep" not in words and "calm down" not in words


def test_trim_keeps_the_gentle_start_and_cuts_whole_breaths():
    exercise = load_library(None).get("calm-exhale")
    trimmed = trim_exercise(exercise, 120)
    assert trimmed.stages[:2] == exercise.stages[:2]
    assert trimmed.planned_seconds == pytest.approx(122)
    assert trim_exercise(exercise, 10_000) is exercise
    assert trim_exercise(exercise, 1).planned_seconds > 0


# -- flows --------------------------------------------------------------------------------------


def test_a_user_flow_replaces_only_the_keys_it_gives(tmp_path):
    write(tmp_path / "moment-flow.yaml", "kind: flow\nrespond:\n  soothe: [Stretch, Tea]\n  wait_minutes: [5]\n")
    flow = load_flow(tmp_path).flow
    assert flow.get("respond", "soothe") == ("Stretch", "Tea")
    assert flow.get("respond", "wait_minutes") == (5,)
    assert flow.get("respond", "starters") == ("I feel…", "I need…", "Would you…")


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("kind: flow\nbreathe:\n  minutes: 45\n", "3:12", "from 0.5 to 30"),
        ("kind: flow\nbreath:\n  minutes: 2\n", "2:1", "did you mean 'breathe'"),
        ("kind: flow\nnotice:\n  groups:\n    - title: Body\n", "4:7", "no items"),
        ("kind: flow\ntrigger:\n  choices:\n    - {text: Late, tag: Not A Tag}\n", "4:25", "a tag is a short name"),
        ("kind: flow\nrespond:\n  wait_minutes: [20, 600]\n", "3:22", "from 1 to 240"),
        ("kind: flow\nclose:\n  acknowledgements: yes\n", "3:21", "yes/no"),
        ("kind: flow\nanchor:\n  prompt: \"line\\u0007\"\n", "3:11", "control character"),
    ],
)
def test_bad_flow_files_say_where_and_how_to_fix(tmp_path, text, where, words):
    path = write(tmp_path / "flow.yaml", text)
    (problem, *_rest) = problems_of(path)
    assert problem.startswith(f"{path}:{where}: "), problem
    assert words in problem


def test_every_problem_in_a_flow_file_is_reported(tmp_path):
    path = write(tmp_path / "flow.yaml", "kind: flow\nbreathe:\n  minutes: 0\n  titel: x\nclose: 3\n")
    problems = problems_of(path)
    assert len(problems) == 3
    assert [p.split(":")[1] for p in problems] == ["3", "4", "5"]


def test_a_broken_user_flow_is_reported_and_the_built_in_is_used(tmp_path):
    write(tmp_path / "moment-flow.yaml", "breathe: [\n")
    loaded = load_flow(tmp_path)
    assert loaded.problems and str(loaded.problems[0]).startswith(str(tmp_path / "moment-flow.yaml") + ":")
    assert loaded.flow.breathe_seconds == 120


def test_saving_a_list_keeps_the_rest_of_the_users_file_and_never_overwrites_a_broken_one(tmp_path):
    write(tmp_path / "moment-flow.yaml", "kind: flow\nbreathe:\n  minutes: 3\n")
    save_user_value(tmp_path, "respond", "support", ("Sam: 0123",))
    flow = load_flow(tmp_path).flow
    assert flow.get("respond", "support") == ("Sam: 0123",)
    assert flow.breathe_seconds == 180
    broken = "breathe:\n  minutes: lots\n"
    write(tmp_path / "moment-flow.yaml", broken)
    with pytest.raises(FileProblems):
        save_user_value(tmp_path, "respond", "soothe", ("Tea",))
    assert (tmp_path / "moment-flow.yaml").read_text() == broken


# -- anchors ------------------------------------------------------------------------------------


def test_anchors_for_the_trigger_come_first_then_favourites_then_own(tmp_path):
    write(tmp_path / "extra.yaml", "anchors:\n  - I am allowed to rest.\nfavourites: [here-now]\n")
    anchors = load_anchors(tmp_path)
    ordered = anchors.ordered("ex")
    assert ordered[0].id == "their-past-is-theirs"
    assert ordered[1].id == "here-now"
    assert ordered[2].text == "I am allowed to rest." and ordered[2].own


def test_a_user_anchor_with_a_built_in_id_rewrites_it(tmp_path):
    write(tmp_path / "mine.yaml", "anchors:\n  - {id: here-now, text: In this breath I am safe enough.}\n")
    anchors = load_anchors(tmp_path)
    assert anchors.get("here-now").text == "In this breath I am safe enough."
    assert sum(a.id == "here-now" for a in anchors.anchors) == 1


def test_writing_your_own_and_starring_are_saved_and_read_back(tmp_path):
    first = add_own_anchor(tmp_path, "  I can wait and still be loved.  ")
    second = add_own_anchor(tmp_path, "I can wait and still be loved.")
    assert first.id != second.id
    set_favourite(tmp_path, "feelings-pass", True)
    set_favourite(tmp_path, first.id, True)
    set_favourite(tmp_path, first.id, False)
    again = load_anchors(tmp_path)
    assert [a.text for a in again.anchors if a.own] == ["I can wait and still be loved."] * 2
    assert again.favourites == {"feelings-pass"}
    assert (tmp_path / "mine.yaml").stat().st_mode & 0o777 == 0o600


def test_a_broken_anchor_file_is_left_alone_and_reported(tmp_path):
    broken = write(tmp_path / "mine.yaml", "anchors:\n  - {text: ok}\n  - 12\n")
    anchors = load_anchors(tmp_path)
    assert [str(p) for p in anchors.problems] == [f"{broken}:3:5: an anchor is a statement, or a mapping with text (and id, tags), not the number 12"]
    with pytest.raises(FileProblems):
        add_own_anchor(tmp_path, "New words")
    assert broken.read_text() == "anchors:\n  - {text: ok}\n  - 12\n"
    assert len(anchors.anchors) == len(load_anchors(None).anchors)


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("kind: anchors\nanchors:\n  - {id: Bad Id, text: x}\n", "3:10", "an id uses"),
        ("kind: anchors\nanchors:\n  - {id: a, text: x}\n  - {id: a, text: y}\n", "4:10", "used twice"),
        ("kind: anchors\nanchors:\n  - {txt: x}\n", "3:5", "no text"),
        ("kind: anchors\nanchors:\n  - {text: x, tags: slow}\n", "3:21", "tags must be a list"),
        ("kind: anchors\nfavourites: [Yes Please]\n", "2:14", "a favourite is an anchor's id"),
        ("kind: anchors\nanchors: {a: b}\n", "2:10", "anchors must be a list"),
    ],
)
def test_bad_anchor_files_say_where(tmp_path, text, where, words):
    path = write(tmp_path / "a.yaml", text)
    (problem, *_rest) = problems_of(path)
    assert problem.startswith(f"{path}:{where}: "), problem
    assert words in problem


def test_ids_from_words_are_stable_and_unique():
    assert make_id("My worth is not a reply!") == "my-worth-is-not-a-reply"
    assert make_id("My worth is not a reply!", {"my-worth-is-not-a-reply"}) == "my-worth-is-not-a-reply-2"
    assert make_id("…") == "anchor"


# -- crisis lines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "code"),
    [
        ({"LANG": "en_GB.UTF-8"}, "GB"),
        ({"LC_ALL": "de_DE@euro", "LANG": "en_US.UTF-8"}, "DE"),
        ({"LC_MESSAGES": "fr_FR"}, "FR"),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "POSIX"}, None),
        ({}, None),
    ],
)
def test_country_from_the_locale(environ, code):
    assert country_from_locale(environ) == code


def test_the_setting_wins_over_the_locale():
    assert chosen_country("IE", {"LANG": "en_GB.UTF-8"}) == "IE"
    assert chosen_country("", {"LANG": "en_AU.UTF-8"}) == "AU"


def test_built_in_lines_and_the_users_override(tmp_path):
    lines = load_crisis_lines(None)
    assert lines.for_country("US").lines[0].phone == "988"
    assert lines.for_country("uk").lines[0].phone == "116 123"
    assert lines.for_country("AU").lines[0].phone == "13 11 14"
    assert lines.for_country("DE").lines[0].phone == "0800 111 0 111"
    assert "emergency" in lines.international and "findahelpline.com" in lines.directory
    user = write(tmp_path / "crisis-lines.yaml", "countries:\n  US:\n    name: USA\n    lines:\n      - {name: My clinic, phone: \"555 0100\"}\n")
    mine = load_crisis_lines(user)
    assert mine.for_country("US").lines[0].name == "My clinic"
    assert mine.for_country("GB") is not None, "other countries stay"


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("kind: crisis-lines\ncountries:\n  Britain: {name: x}\n", "3:3", "two-letter country code"),
        ("kind: crisis-lines\ncountries:\n  GB:\n    name: UK\n    lines:\n      - {name: S, phone: 116123}\n", "6:26", "in quotes"),
        ("kind: crisis-lines\ncountries:\n  GB:\n    name: UK\n    lines:\n      - {name: S}\n", "6:9", "say how to reach"),
        ("kind: crisis-lines\ncountries:\n  GB:\n    name: UK\n    lines:\n      - {name: S, phone: call us}\n", "6:26", "a number to dial"),
        ("kind: crisis-lines\ncountries:\n  GB:\n    lines: []\n", "4:5", "has no name"),
        ("kind: crisis-line\n", "1:7", "did you mean 'crisis-lines'"),
    ],
)
def test_bad_crisis_line_files_say_where(tmp_path, text, where, words):
    path = write(tmp_path / "c.yaml", text)
    (problem, *_rest) = problems_of(path)
    assert problem.startswith(f"{path}:{where}: "), problem
    assert words in problem


def test_a_broken_user_crisis_file_keeps_the_built_in_list(tmp_path):
    user = write(tmp_path / "crisis-lines.yaml", "countries: [\n")
    lines = load_crisis_lines(user)
    assert lines.problems and lines.for_country("GB") is not None


def test_a_list_steady_could_not_read_back_is_never_written(tmp_path):
    """A tab in therapist notes (pasted) would make the whole flow file unreadable: refused, file kept."""
    from app.core.problems import FileProblems

    save_user_value(tmp_path, "respond", "support", ("Sam: 0123",))
    before = (tmp_path / "moment-flow.yaml").read_text()
    with pytest.raises(FileProblems):
        save_user_value(tmp_path, "respond", "therapist_notes", "Breathe\tfirst")
    assert (tmp_path / "moment-flow.yaml").read_text() == before
    assert load_flow(tmp_path).problems == []
