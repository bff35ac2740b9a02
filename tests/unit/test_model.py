"""The exercise records: checked on creation, immutable, equal when they breathe the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.model import Exercise, Phase, PhaseKind, Stage

BREATH = (Phase(PhaseKind.INHALE, 4.0), Phase(PhaseKind.EXHALE, 6.0))


def test_a_stage_needs_one_length_and_a_phase():
    with pytest.raises(ValueError):
        Stage(BREATH)
    with pytest.raises(ValueError):
        Stage(BREATH, cycles=3, minutes=1.0)
    with pytest.raises(ValueError):
        Stage((), cycles=3)
    stage = Stage(BREATH, cycles=3)
    with pytest.raises(ValueError):
        stage.replace(minutes=2.0)  # copies are checked too: now it has both
    assert stage.replace(cycles=None, minutes=2.0).planned_cycles == 12


def test_an_exercise_needs_a_stage_and_cannot_be_changed_in_place():
    with pytest.raises(ValueError):
        Exercise("x", "X", ())
    exercise = Exercise("x", "X", (Stage(BREATH, cycles=3),))
    with pytest.raises(AttributeError):
        exercise.name = "Y"  # type: ignore[misc]
    assert exercise.replace(name="Y").name == "Y" and exercise.name == "X"


def test_where_an_exercise_came_from_is_not_part_of_what_it_is():
    here = Exercise("x", "X", (Stage(BREATH, cycles=3),), source=Path("/a/x.yaml"), builtin=True)
    there = Exercise("x", "X", (Stage(BREATH, cycles=3),), source=Path("/b/x.yaml"))
    assert here == there and hash(here) == hash(there) and not (here != there)
    assert here != here.replace(summary="different")
    assert here != ("x", "X")  # never equal to a plain tuple
