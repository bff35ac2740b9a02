"""The design system's own rules: contrast in both palettes, a type scale with a floor."""

from __future__ import annotations

import pytest

from widgets.design import (
    CONTROL_CONTRAST,
    CONTROL_PAIRS,
    DARK,
    LIGHT,
    MIN_BODY_POINTS,
    SPACE,
    TEXT_CONTRAST,
    TEXT_PAIRS,
    TYPE_SCALE,
    body_points,
    caption_points,
    contrast_ratio,
)


def test_contrast_ratio_matches_the_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # the classic near-miss


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=lambda p: p.name)
@pytest.mark.parametrize("pair", TEXT_PAIRS, ids=lambda pair: f"{pair[0]}-on-{pair[1]}")
def test_every_text_role_is_readable_on_its_surfaces(palette, pair) -> None:
    text, background = pair
    ratio = contrast_ratio(getattr(palette, text), getattr(palette, background))
    assert ratio >= TEXT_CONTRAST, f"{palette.name}: {text} on {background} is {ratio:.2f}:1"


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=lambda p: p.name)
@pytest.mark.parametrize("pair", CONTROL_PAIRS, ids=lambda pair: f"{pair[0]}-on-{pair[1]}")
def test_controls_and_focus_stand_out_from_their_surfaces(palette, pair) -> None:
    control, background = pair
    ratio = contrast_ratio(getattr(palette, control), getattr(palette, background))
    assert ratio >= CONTROL_CONTRAST, f"{palette.name}: {control} on {background} is {ratio:.2f}:1"


def test_surfaces_stay_calm_next_to_each_other() -> None:
    """Neighbouring surfaces differ only a little: the eye is not pulled around."""
    for palette in (LIGHT, DARK):
        for a, b in (("background", "surface"), ("background", "sidebar")):
            assert contrast_ratio(getattr(palette, a), getattr(palette, b)) < 1.35


def test_body_text_never_falls_below_the_floor() -> None:
    assert body_points(9.0) == MIN_BODY_POINTS
    assert body_points(13.0) == 13.0
    assert body_points(-1) == MIN_BODY_POINTS
    assert caption_points(9.0) >= MIN_BODY_POINTS
    assert TYPE_SCALE.title > TYPE_SCALE.lead > TYPE_SCALE.body and TYPE_SCALE.display > TYPE_SCALE.title


def test_the_spacing_grid_grows() -> None:
    assert list(SPACE) == sorted(set(SPACE)) and all(step % 4 == 0 for step in SPACE)
