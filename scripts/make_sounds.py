"""Synthesize Steady's sound cues from code: `python scripts/make_sounds.py [OUTPUT_DIR]`.

Every cue is computed here from sine waves and seeded noise, so their origin is this file and
their licence is the project's (MIT); nothing is sampled or downloaded. The output is
deterministic (fixed seed, no timestamps), so re-running it reproduces the committed files
byte for byte.

Sets (one folder each, four cues: inhale, exhale, hold, end):
  soft  gentle sine tones: a rising two-note for inhale, a falling one for exhale, a low
        hum-like tone for hold, a warm three-note chord for the end of a session;
  wood  short resonant knocks (a noise burst ringing a few damped modes), a different pitch
        per cue, a double knock for the end.

Format: 44.1 kHz, 16-bit, mono WAV; peak -12 dBFS; cues at most 0.6 s, the end cue at most
1.5 s. Sound starts at the first sample (a few-millisecond fade in, then the note), so the
lead-time compensation of the player is not thrown off by leading silence, and every file
fades to exact zero so nothing clicks at its start or end.
"""

from __future__ import annotations

import sys
import wave
from pathlib import Path

import numpy as np

RATE = 44_100
PEAK_DBFS = -12.0
FADE_IN_S = 0.006
FADE_OUT_S = 0.030
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "assets" / "sounds"
CUES = ("inhale", "exhale", "hold", "end")


def _t(seconds: float) -> np.ndarray:
    return np.arange(int(round(seconds * RATE))) / RATE


def _fade(signal: np.ndarray, fade_in: float = FADE_IN_S, fade_out: float = FADE_OUT_S) -> np.ndarray:
    """Raised-cosine ramps at both ends, so the waveform starts and ends at zero."""
    out = signal.copy()
    n_in = max(1, int(fade_in * RATE))
    n_out = max(1, int(fade_out * RATE))
    out[:n_in] *= 0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, n_in))
    out[-n_out:] *= 0.5 + 0.5 * np.cos(np.linspace(0.0, np.pi, n_out))
    out[-1] = 0.0
    return out


def _note(freq: float, seconds: float, decay: float, warmth: float = 0.15) -> np.ndarray:
    """A sine with a touch of second and third harmonic, decaying exponentially (time constant `decay`)."""
    t = _t(seconds)
    wave_ = np.sin(2 * np.pi * freq * t) + warmth * np.sin(4 * np.pi * freq * t) + 0.4 * warmth * np.sin(6 * np.pi * freq * t)
    swell = 1.0 - np.exp(-t / 0.02)  # a soft bloom on top of the short fade-in
    return wave_ * np.exp(-t / decay) * (0.35 + 0.65 * swell)


def _place(total_s: float, parts: list[tuple[float, np.ndarray]]) -> np.ndarray:
    out = np.zeros(int(round(total_s * RATE)))
    for start_s, part in parts:
        i = int(round(start_s * RATE))
        n = min(len(part), len(out) - i)
        out[i : i + n] += part[:n]
    return out


def soft_set() -> dict[str, np.ndarray]:
    """Gentle tones; intervals are consonant (a fourth, a fifth, a major triad)."""
    a4, d5, e5, g4, c4, e4, g3 = 440.0, 587.33, 659.25, 392.0, 261.63, 329.63, 196.0
    inhale = _place(0.56, [(0.0, _fade(_note(a4, 0.30, 0.25), fade_out=0.05)), (0.20, _note(e5, 0.36, 0.18))])
    exhale = _place(0.56, [(0.0, _fade(_note(d5, 0.30, 0.25), fade_out=0.05)), (0.20, _note(g4, 0.36, 0.20))])
    hold = _note(g3, 0.55, 0.45, warmth=0.30)
    chord = sum(_note(f, 1.45, 0.55, warmth=0.2) for f in (c4, e4, g4))
    end = _place(1.45, [(0.0, chord), (0.0, 0.5 * _note(c4 * 2, 1.45, 0.35, warmth=0.1))])
    return {"inhale": inhale, "exhale": exhale, "hold": hold, "end": end}


def _knock(pitch: float, rng: np.random.Generator, seconds: float = 0.22) -> np.ndarray:
    """A wooden knock: a 4 ms noise burst exciting three damped, inharmonic modes."""
    t = _t(seconds)
    burst = np.zeros_like(t)
    n_burst = int(0.004 * RATE)
    burst[:n_burst] = rng.standard_normal(n_burst) * np.hanning(n_burst)
    modes = ((1.0, 1.0, 0.045), (2.76, 0.45, 0.025), (5.40, 0.20, 0.012))
    body = sum(amp * np.sin(2 * np.pi * pitch * ratio * t) * np.exp(-t / tau) for ratio, amp, tau in modes)
    # The burst colours the attack; the modes carry the pitch.
    return body + 0.25 * burst


def wood_set() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(20240607)
    inhale = _knock(1250.0, rng)
    exhale = _knock(830.0, rng)
    hold = _knock(560.0, rng, seconds=0.26)
    end = _place(0.60, [(0.0, _knock(700.0, rng)), (0.30, _knock(520.0, rng, seconds=0.30))])
    return {"inhale": inhale, "exhale": exhale, "hold": hold, "end": end}


SETS = {"soft": soft_set, "wood": wood_set}


def to_pcm16(signal: np.ndarray) -> bytes:
    """Fade both ends, normalise to the target peak, and quantise to little-endian 16-bit."""
    faded = _fade(signal)
    scaled = faded / float(np.max(np.abs(faded))) * (10 ** (PEAK_DBFS / 20))
    return (np.round(scaled * 32767)).astype("<i2").tobytes()


def write_wav(path: Path, pcm: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm)


README = """\
# Steady's sound cues

Every file here is generated by `scripts/make_sounds.py` from code (sine waves and seeded
noise); nothing is recorded, sampled or downloaded. Re-run the script to rebuild them:

    .venv/bin/python scripts/make_sounds.py

Licence: MIT, the same as the rest of Steady (see the project's licence).

Sets: {sets}. Each holds inhale.wav, exhale.wav, hold.wav and end.wav
(44.1 kHz, 16-bit mono, peak -12 dBFS). The set "none" is silence and has no folder.
"""


def main(argv: list[str]) -> int:
    output = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    for name, make in SETS.items():
        cues = make()
        for cue in CUES:
            write_wav(output / name / f"{cue}.wav", to_pcm16(cues[cue]))
    (output / "README.md").write_text(README.format(sets=", ".join(SETS)), encoding="utf-8")
    print(f"wrote {len(SETS) * len(CUES)} cues to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
