"""The exercise library: built-ins with the required properties, user overrides, broken files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.core.exercise_schema import CAUTION_BREATHS_PER_MINUTE, exercise_to_yaml, fastest_breaths_per_minute, needs_caution
from app.core.library import load_exercise_file, load_library
from app.core.model import PhaseKind
from app.core.problems import FileProblems

REQUIRED = {"calm-exhale", "cyclic-sigh", "coherent", "box", "4-7-8", "slow-down"}

GOOD = "name: Mine\nsummary: My own.\nphases:\n  - inhale: 4\n  - exhale: 8\nminutes: 2\n"


@pytest.fixture(scope="module")
def builtins():
    library = load_library(None)
    assert library.problems == [] and library.notes == []
    return library


def test_all_builtins_load(builtins) -> None:
    assert REQUIRED <= set(builtins.ids())
    assert builtins.ids() == sorted(builtins.ids())
    for exercise in builtins.exercises.values():
        assert exercise.builtin
        assert exercise.summary and exercise.name
        assert "deep" not in (exercise.summary + exercise.name).lower()
        assert exercise.summary.startswith("You ")


def test_builtins_with_a_reason_for_caution_have_one(builtins) -> None:
    for exercise in builtins.exercises.values():
        if needs_caution(exercise):
            assert exercise.caution, exercise.id


def test_calm_exhale_has_no_holds_starts_near_resting_and_ends_at_4_6(builtins) -> None:
    ex = builtins.get("calm-exhale")
    assert ex.longest_hold == 0
    first, last = ex.stages[0], ex.stages[-1]
    assert first.seconds_of(PhaseKind.INHALE) == 3 and first.seconds_of(PhaseKind.EXHALE) == 4
    assert [(p.kind, p.seconds) for p in last.phases] == [(PhaseKind.INHALE, 4), (PhaseKind.EXHALE, 6)]
    settling = sum(s.planned_seconds for s in ex.stages[:-1])
    assert 45 <= settling <= 100
    assert 3 * 60 <= ex.planned_seconds <= 5 * 60
    for stage in ex.stages:
        assert stage.seconds_of(PhaseKind.EXHALE) > stage.seconds_of(PhaseKind.INHALE)
    assert not needs_caution(ex)


def test_cyclic_sigh_two_inhales_then_a_long_exhale_for_five_minutes(builtins) -> None:
    ex = builtins.get("cyclic-sigh")
    (stage,) = ex.stages
    kinds = [p.kind for p in stage.phases]
    assert kinds == [PhaseKind.INHALE, PhaseKind.INHALE, PhaseKind.EXHALE]
    assert stage.phases[1].seconds < stage.phases[0].seconds
    assert stage.phases[2].seconds > stage.phases[0].seconds + stage.phases[1].seconds
    assert stage.minutes == 5
    assert ex.planned_seconds == pytest.approx(300, abs=stage.cycle_seconds)


def test_coherent_is_about_five_and_a_half_breaths_equal_in_and_out(builtins) -> None:
    ex = builtins.get("coherent")
    assert ex.breaths_per_minute == pytest.approx(5.5, abs=0.25)
    (stage,) = ex.stages
    assert stage.seconds_of(PhaseKind.INHALE) == stage.seconds_of(PhaseKind.EXHALE)
    assert ex.longest_hold == 0


def test_box_is_four_four_four_four(builtins) -> None:
    (stage,) = builtins.get("box").stages
    assert [(p.kind, p.seconds) for p in stage.phases] == [
        (PhaseKind.INHALE, 4), (PhaseKind.HOLD, 4), (PhaseKind.EXHALE, 4), (PhaseKind.HOLD, 4)
    ]


def test_four_seven_eight_has_its_caution(builtins) -> None:
    ex = builtins.get("4-7-8")
    (stage,) = ex.stages
    assert [p.seconds for p in stage.phases] == [4, 7, 8]
    assert ex.caution and "dizzy" in ex.caution and "driving" in ex.caution


def test_slow_down_goes_from_about_ten_to_about_six_without_holds(builtins) -> None:
    ex = builtins.get("slow-down")
    rates = [s.breaths_per_minute for s in ex.stages]
    assert len(rates) >= 3
    assert rates[0] == pytest.approx(10, abs=1)
    assert rates[-1] == pytest.approx(6, abs=0.5)
    assert rates == sorted(rates, reverse=True)
    assert ex.longest_hold == 0


def test_no_builtin_paces_rapid_breathing(builtins) -> None:
    for ex in builtins.exercises.values():
        assert fastest_breaths_per_minute(ex) <= CAUTION_BREATHS_PER_MINUTE


def test_builtins_round_trip_through_the_writer(builtins) -> None:
    from app.core.exercise_schema import exercise_from_yaml

    for ex in builtins.exercises.values():
        assert exercise_from_yaml(exercise_to_yaml(ex).encode(), "x", ex.id) == ex


def test_missing_user_folder_is_fine(tmp_path: Path) -> None:
    library = load_library(tmp_path / "nope")
    assert REQUIRED <= set(library.ids()) and not library.problems and not library.notes


def test_user_file_adds_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(GOOD)
    (tmp_path / "box.yaml").write_text(GOOD.replace("Mine", "My box"))
    library = load_library(tmp_path)
    assert library.get("mine").name == "Mine" and not library.get("mine").builtin
    assert library.get("box").name == "My box" and library.get("box").source == tmp_path / "box.yaml"
    assert library.problems == [] and library.notes == []
    assert list(library.exercises) == sorted(library.exercises)


def test_broken_file_disables_only_itself(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(GOOD)
    (tmp_path / "bad.yaml").write_text("name: Bad\nphases:\n  - inhale: 4:00\n  - exhale: 4\nminutes: 2\n")
    library = load_library(tmp_path)
    assert "good" in library.ids() and "bad" not in library.ids()
    (problem,) = library.problems
    assert problem.path == str(tmp_path / "bad.yaml") and (problem.line, problem.column) == (3, 13)
    assert library.notes == []


def test_broken_override_keeps_the_builtin_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "calm-exhale.yaml").write_bytes(b"name: \xff\n")
    library = load_library(tmp_path)
    assert library.get("calm-exhale").builtin
    assert library.problems[0].path == str(tmp_path / "calm-exhale.yaml")
    (note,) = library.notes
    assert "calm-exhale" in note and "built-in" in note and str(tmp_path / "calm-exhale.yaml") in note


def test_other_files_are_ignored_and_bad_names_reported(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / "old.yml").write_text(GOOD)
    (tmp_path / ".hidden.yaml").write_text("junk: [")
    (tmp_path / "My Pattern.yaml").write_text(GOOD)
    library = load_library(tmp_path)
    assert "old" not in library.ids()
    (problem,) = library.problems
    assert (problem.line, problem.column) == (1, 1) and "my-pattern.yaml" in problem.message


def test_user_file_of_another_kind_is_reported_at_its_kind(tmp_path: Path) -> None:
    (tmp_path / "evening.yaml").write_text("kind: flow\nsteps: []\n")
    library = load_library(tmp_path)
    assert any((p.line, p.column) == (1, 7) and "kind" in p.message for p in library.problems)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads everything")
def test_unreadable_user_file(tmp_path: Path) -> None:
    path = tmp_path / "box.yaml"
    path.write_text(GOOD)
    path.chmod(0)
    try:
        library = load_library(tmp_path)
    finally:
        path.chmod(0o600)
    assert library.get("box").builtin
    assert (library.problems[0].line, library.problems[0].column) == (1, 1)
    assert library.notes


def test_user_folder_that_is_a_file(tmp_path: Path) -> None:
    path = tmp_path / "exercises"
    path.write_text("x")
    library = load_library(path)
    assert REQUIRED <= set(library.ids())
    assert library.problems and library.problems[0].path == str(path)


def test_load_exercise_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD)
    ex = load_exercise_file(path)
    assert ex.id == "mine" and ex.source == path
    with pytest.raises(FileProblems) as caught:
        load_exercise_file(tmp_path / "missing.yaml")
    assert (caught.value.problems[0].line, caught.value.problems[0].column) == (1, 1)
