"""Hypothesis strategies for breathing patterns within the loader's bounds, shared by the
round trips of the editor's rules (tests/unit/test_patterns_rules.py) and of the real form
(tests/gui/test_patterns_page.py), which differ only in how far they search."""

from __future__ import annotations

from hypothesis import strategies as st

from app.core.exercise_schema import PHASE_SECONDS_BOUNDS
from app.core.model import Exercise, Phase, PhaseKind, Stage


def seconds(kind: PhaseKind) -> st.SearchStrategy[float]:
    """Any length a file may give a phase of `kind`, in the tenths the editor keeps."""
    low, high = PHASE_SECONDS_BOUNDS[kind]
    return st.integers(round(low * 10), round(high * 10)).map(lambda n: n / 10)


phases = st.sampled_from(list(PhaseKind)).flatmap(lambda kind: seconds(kind).map(lambda s: Phase(kind, s)))


def stages(
    inhale: float, exhale: float, *, extra_phases: int, minutes_tenths: tuple[int, int], cycles: tuple[int, int]
) -> st.SearchStrategy[Stage]:
    """A stage holding the given in- and out-breath and up to `extra_phases` more, in any order,
    lasting some minutes or some breaths."""

    def stage(parts: list[Phase], use_minutes: bool, minutes: float, count: int) -> Stage:
        return Stage(tuple(parts), minutes=minutes) if use_minutes else Stage(tuple(parts), cycles=count)

    return st.builds(
        stage,
        st.lists(phases, max_size=extra_phases).flatmap(
            lambda rest: st.permutations([Phase(PhaseKind.INHALE, inhale), Phase(PhaseKind.EXHALE, exhale), *rest])
        ),
        st.booleans(),
        st.integers(*minutes_tenths).map(lambda n: n / 10),
        st.integers(*cycles),
    )


def exercises(
    text: st.SearchStrategy[str],
    stage: st.SearchStrategy[Stage],
    *,
    max_stages: int,
    id_length: int,
    cautions: st.SearchStrategy[str | None],
    sounds: st.SearchStrategy[str | None],
) -> st.SearchStrategy[Exercise]:
    """Whole patterns: one stage, or (staged) up to `max_stages`; `text` for names and summaries."""

    @st.composite
    def build(draw: st.DrawFn) -> Exercise:
        staged = draw(st.booleans())
        return Exercise(
            id=draw(st.from_regex(rf"[a-z0-9][a-z0-9-]{{0,{id_length}}}", fullmatch=True)),
            name=draw(text),
            stages=tuple(draw(st.lists(stage, min_size=1, max_size=max_stages if staged else 1))),
            summary=draw(st.one_of(st.just(""), text)),
            caution=draw(cautions),
            sound=draw(sounds),
            staged=staged,
        )

    return build()
