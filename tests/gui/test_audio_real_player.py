"""Integration: the real CommandPlayer plays into a private PulseAudio null sink and is heard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.audio import CommandPlayer, Cue, detect_sound_support
from tests.helpers.null_sink import PrivatePulse, PulseUnavailable, Recording


@pytest.fixture
def pulse() -> Iterator[PrivatePulse]:
    server = PrivatePulse()
    try:
        server.start()
    except PulseUnavailable as why:
        pytest.skip(f"no private PulseAudio null sink here: {why}")
    try:
        with server.routed():
            yield server
    finally:
        server.stop()


def loud_samples(recording: Recording, threshold: int = 1000) -> int:
    return sum(1 for s in recording.samples if abs(s) > threshold)


@pytest.mark.slow
def test_a_played_cue_reaches_the_null_sink(qtbot, pulse: PrivatePulse, tmp_path) -> None:
    support = detect_sound_support()
    assert support.ok, support.message
    recording = pulse.record()
    try:
        player = CommandPlayer("wood", 0.5, program=support.program, cache_dir=tmp_path)
        assert loud_samples(recording) == 0
        player.play(Cue.INHALE)  # returns at once; a worker thread starts the program
        qtbot.waitUntil(lambda: loud_samples(recording) > 100, timeout=5000)
        peak = max(abs(s) for s in recording.samples)
        assert 2000 < peak < 6000  # -12 dBFS (8231) at half volume, give or take resampling
        player.close()
    finally:
        recording.stop()
