"""The Patterns page's rules without Qt: drafts, safety, the breath shape, files and imports
(app.core.patterns; the editor model itself is tested in test_patterns_model.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.describe import pace_text
from app.core.exercise_schema import (
    CYCLES_MAX,
    MINUTES_MAX,
    STANDARD_CAUTION,
    exercise_from_yaml,
    exercise_to_yaml,
)
from app.core.library import load_library
from app.core.model import Exercise, Phase, PhaseKind, Stage
from app.core.patterns import store
from app.core.patterns.draft import (
    Draft,
    DraftStage,
    check_draft,
    id_problem,
    ratio_text,
    slugify,
)
from app.core.patterns.safety import caution_question, caution_reasons, caution_to_save
from app.core.patterns.salvage import salvage
from app.core.patterns.shape import session_shape
from app.core.safety import caution_text
from tests.helpers.pattern_strategies import exercises, stages
from widgets.pacer_geometry import eased_level


def test_slug_is_a_valid_id_for_any_name():
    assert slugify("4 in, 7 out") == "4-in-7-out"
    assert slugify("Détente du soir") == "detente-du-soir"
    assert slugify("!!!") == "my-pattern"
    assert slugify("x" * 200) == "x" * 64
    for name in ("4 in, 7 out", "Détente", "!!!", "a" * 90, "-lead-"):
        assert id_problem(slugify(name)) is None


@pytest.mark.parametrize("bad", ["", "Big", "-start", "a b", "x" * 65, "dot.yaml"])
def test_bad_ids_are_named(bad):
    assert id_problem(bad)


def test_an_invalid_draft_says_why_it_cannot_be_saved():
    draft = Draft.new("")
    assert check_draft(draft) == ["Give your pattern a name."]
    draft.name = "Fine"
    draft.id = "Not OK"
    assert "lower-case" in check_draft(draft)[0]
    draft.id = "fine"
    draft.stages = [DraftStage(minutes=MINUTES_MAX), DraftStage(minutes=MINUTES_MAX)]
    problems = check_draft(draft)
    assert len(problems) == 1 and "240 minutes" in problems[0] and "180" in problems[0]
    draft.stages = [DraftStage(phases=[])]
    assert check_draft(draft) == ["The breath needs at least one phase."]
    draft.stages = [DraftStage(phases=[(PhaseKind.HOLD, 61.0)])]
    assert check_draft(draft) == [
        "The breath needs at least one in-breath and one out-breath.",
        "The breath: each hold lasts 0.5 to 60 seconds.",
    ]


def test_facts_for_four_in_seven_out():
    ex = Draft(id="x", name="x", stages=[DraftStage([(PhaseKind.INHALE, 4), (PhaseKind.EXHALE, 7)], minutes=5)]).to_exercise()
    assert pace_text(ex) == "5.5 breaths a minute"
    assert ratio_text(ex.stages[0]) == "1 : 1.75"
    assert ex.planned_seconds == 28 * 11  # 5 minutes end on a whole breath


def test_caution_reasons_name_long_holds_fast_pace_and_very_short_breaths():
    def pattern(*phases):
        return Exercise("x", "x", (Stage(tuple(Phase(k, s) for k, s in phases), cycles=3),))

    assert caution_reasons(pattern((PhaseKind.INHALE, 4), (PhaseKind.EXHALE, 6))) == []
    hold = pattern((PhaseKind.INHALE, 4), (PhaseKind.HOLD, 20), (PhaseKind.EXHALE, 6))
    assert caution_reasons(hold) == ["it holds the breath for 20 seconds, longer than 15"]
    assert "holds the breath for 20 seconds" in caution_question(hold)
    assert STANDARD_CAUTION in caution_question(hold)
    assert caution_to_save(hold) is None  # the app adds the standard caution itself
    fast = pattern((PhaseKind.INHALE, 1.2), (PhaseKind.EXHALE, 1.2))
    assert "25 a minute" in caution_reasons(fast)[0]
    short = pattern((PhaseKind.INHALE, 0.5), (PhaseKind.HOLD, 5), (PhaseKind.EXHALE, 6))
    assert caution_reasons(short) == ["it has a breath of only 0.5 seconds, shorter than 1 second"]
    assert caution_to_save(short) is None  # the app shows the standard caution for it at run time
    assert caution_text(short) == STANDARD_CAUTION


def test_shape_follows_the_pacer_and_marks_stages():
    ex = load_library(None).get("slow-down")
    shape = session_shape(ex, eased_level)
    assert shape.total_minutes == pytest.approx(ex.planned_seconds / 60)
    assert len(shape.stage_starts) == len(ex.stages)
    assert min(shape.levels) == pytest.approx(0.0) and max(shape.levels) == pytest.approx(1.0)
    assert shape.minutes == sorted(shape.minutes)
    # a 3-hour session of the shortest breaths stays within two points per phase
    tiny = Exercise("t", "t", (Stage((Phase(PhaseKind.INHALE, 0.5), Phase(PhaseKind.EXHALE, 0.5)), minutes=120),))
    assert len(session_shape(tiny, eased_level).minutes) <= 2 * 2 * 7200 + 10


def test_shape_eases_each_phase_as_it_is_told():
    """The plot follows the pacer's easing, which the view passes in (the core imports no widget)."""
    ex = Exercise("x", "x", (Stage((Phase(PhaseKind.INHALE, 4.0), Phase(PhaseKind.EXHALE, 4.0)), cycles=1),))
    steady = session_shape(ex, lambda fraction, start, end: start + (end - start) * fraction)
    eased = session_shape(ex, eased_level)
    assert steady.minutes == eased.minutes
    middle = len(steady.levels) // 4
    assert steady.levels[middle] != pytest.approx(eased.levels[middle])
    assert (steady.levels[0], steady.levels[-1]) == (eased.levels[0], eased.levels[-1]) == (0.0, 0.0)


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


SIMPLE = "name: Mine\nphases:\n  - inhale: 4\n  - exhale: 6\nminutes: 3\n"


def test_file_states(tmp_path):
    folder = tmp_path / "exercises"
    assert store.check_file(folder / "none.yaml").state == store.FileState.MISSING
    hand = _write(folder, "hand.yaml", "# mine\n" + SIMPLE)
    assert store.check_file(hand).state == store.FileState.HAND_WRITTEN
    ex = store.check_file(hand).exercise
    own = _write(folder, "own.yaml", exercise_to_yaml(ex))
    assert store.check_file(own).state == store.FileState.APP_WRITTEN
    broken = _write(folder, "broken.yaml", "name: [\n")
    check = store.check_file(broken)
    assert check.state == store.FileState.BROKEN and check.problems[0].line >= 1


def test_saving_never_touches_a_broken_file(tmp_path):
    folder = tmp_path / "exercises"
    broken = _write(folder, "mine.yaml", "name: Mine\nphases: [inhale 4]\n")
    before = broken.read_bytes()
    ex = Draft(id="mine", name="Mine").to_exercise()
    plan = store.plan_save(folder, ex, load_library(folder), opened=None)
    assert plan.refusal and "leaves it exactly as it is" in plan.refusal
    with pytest.raises(PermissionError):
        store.carry_out(plan)
    assert broken.read_bytes() == before


def test_saving_over_a_hand_written_file_asks_and_keeps_a_backup(tmp_path):
    folder = tmp_path / "exercises"
    hand = _write(folder, "mine.yaml", "# my notes\n" + SIMPLE)
    original = hand.read_bytes()
    ex = Draft(id="mine", name="Mine", stages=[DraftStage(minutes=4)]).to_exercise()
    plan = store.plan_save(folder, ex, load_library(folder), opened=original)
    assert plan.backup and len(plan.questions) == 1
    assert "mine.yaml.bak" in plan.questions[0][1] and "comments" in plan.questions[0][1]
    assert store.carry_out(plan) == store.Written(hand, folder / "mine.yaml.bak")
    assert (folder / "mine.yaml.bak").read_bytes() == original
    assert store.check_file(hand).state == store.FileState.APP_WRITTEN
    # a second hand edit saved over keeps the first backup and adds another
    hand.write_text("# again\n" + SIMPLE)
    plan = store.plan_save(folder, ex, load_library(folder), opened=hand.read_bytes())
    assert store.carry_out(plan).backup == folder / "mine.yaml.bak.2"
    assert (folder / "mine.yaml.bak").read_bytes() == original
    assert (folder / "mine.yaml.bak.2").read_text().startswith("# again")


def test_saving_asks_before_replacing_another_pattern_a_changed_file_or_a_builtin(tmp_path):
    folder = tmp_path / "exercises"
    ex = Draft(id="mine", name="Mine").to_exercise()
    _write(folder, "mine.yaml", exercise_to_yaml(Draft(id="mine", name="Other").to_exercise()))
    plan = store.plan_save(folder, ex, load_library(folder), opened=None)
    assert [q[0] for q in plan.questions] == ["Replace a saved pattern?"] and "'Other'" in plan.questions[0][1]
    opened = (folder / "mine.yaml").read_bytes()
    assert store.plan_save(folder, ex, load_library(folder), opened=opened).questions == []
    plan = store.plan_save(folder, ex, load_library(folder), opened=b"something else")
    assert [q[0] for q in plan.questions] == ["The file changed"]
    box = Draft(id="box", name="My box").to_exercise()
    plan = store.plan_save(folder, box, load_library(folder), opened=None)
    assert [q[0] for q in plan.questions] == ["Replace a built-in pattern?"] and "'Box breathing'" in plan.questions[0][1]


def test_import_checks_and_keeps_the_authors_bytes(tmp_path):
    folder = tmp_path / "exercises"
    source = _write(tmp_path / "downloads", "Evening Calm.yml", "# shared by a friend\n" + SIMPLE)
    check = store.check_import(source)
    assert check.exercise_id == "evening-calm" and not check.problems
    store.carry_out(store.plan_import(folder, check, load_library(folder)))
    assert (folder / "evening-calm.yaml").read_bytes() == source.read_bytes()
    bad = _write(tmp_path / "downloads", "bad.yaml", "name: Bad\nphases:\n  - inhale: 4\n  - exhail: 6\nminutes: 3\n")
    check = store.check_import(bad)
    assert check.exercise is None
    assert [str(p) for p in check.problems] == [f"{bad}:4:5: unknown phase 'exhail': did you mean 'exhale'? A phase is inhale, hold or exhale"]
    assert store.check_import(tmp_path / "notes.txt").problems


def test_salvage_keeps_what_is_readable(tmp_path):
    broken = _write(tmp_path, "mine.yaml", "name: Mine\nsummary: Slow\nphases:\n  - inhale: 4\n  - exhail: 6\n  - hold: 999\nminutes: 5\n")
    draft = salvage(broken)
    assert draft.id == "mine-copy" and draft.name == "Mine (copy)" and draft.summary == "Slow"
    assert draft.stages[0].phases == [(PhaseKind.INHALE, 4.0), (PhaseKind.EXHALE, 6.0)] and draft.stages[0].minutes == 5
    assert check_draft(draft) == []
    assert salvage(_write(tmp_path, "junk.yaml", "{{{{")).name == "junk (copy)"


# -- lossless: Exercise -> Draft -> Exercise -> YAML -> loader, over the whole valid space ----------


text_st = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40).map(str.strip).filter(bool)
any_exercise = exercises(
    text_st,
    stages(4.0, 6.5, extra_phases=10, minutes_tenths=(1, 100), cycles=(1, 30)),
    max_stages=4,
    id_length=20,
    cautions=st.one_of(st.none(), text_st),
    sounds=st.one_of(st.none(), st.sampled_from(["soft", "wood", "none", "soft-bell"])),
)


@settings(max_examples=300, deadline=None)
@given(any_exercise)
def test_draft_round_trip_is_lossless(exercise):
    draft = Draft.from_exercise(exercise)
    assert draft.to_exercise() == exercise
    if exercise.planned_seconds <= 180 * 60:
        assert check_draft(draft) == []
        loaded = exercise_from_yaml(exercise_to_yaml(draft.to_exercise()).encode(), "x.yaml", exercise.id)
        assert loaded == exercise
        assert Draft.from_exercise(loaded) == draft


def test_cycles_bound_is_the_loaders():
    assert DraftStage(use_minutes=False, cycles=CYCLES_MAX).to_stage().cycles == CYCLES_MAX


def test_a_plan_is_not_carried_out_over_a_file_that_changed_after_it_was_made(tmp_path):
    folder = tmp_path / "exercises"
    ex = Draft(id="mine", name="Mine").to_exercise()
    plan = store.plan_save(folder, ex, load_library(folder), opened=None)
    assert plan.questions == [] and plan.seen is None
    theirs = _write(folder, "mine.yaml", exercise_to_yaml(Draft(id="mine", name="Theirs").to_exercise()))
    with pytest.raises(store.FileChanged):
        store.carry_out(plan)
    assert "Theirs" in theirs.read_text()
    # planned again, the plan asks about their file and carries out once answered
    plan = store.plan_save(folder, ex, load_library(folder), opened=None)
    assert [q[0] for q in plan.questions] == ["Replace a saved pattern?"]
    theirs.write_text(theirs.read_text() + "# edited again\n")
    with pytest.raises(store.FileChanged):
        store.carry_out(plan)
    theirs.unlink()
    with pytest.raises(store.FileChanged):
        store.carry_out(plan)
    assert not theirs.exists()
