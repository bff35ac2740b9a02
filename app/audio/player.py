"""Playing cues: one small Player interface, a real player that runs a command-line program, and test doubles.

The app calls ``player.play(cue)`` and nothing else. ``play`` never blocks the interface
thread: the real player hands the cue to one worker thread, which starts the player program
(a subprocess) and returns at once.

Why a program of our own choosing rather than a sound library: Steady plays short WAV files
and must know when the sound starts. playsound3 (used before) offers no player for
PulseAudio/PipeWire, wants ``mpg123`` before it accepts ``aplay``, probes every player it
knows by running it at import, and starts players with a ``preexec_fn``, which rules out
vfork: a fork of a Qt process copies hundreds of megabytes of page tables, and start-up time
is what a cue waits for. Its public API gives no way round that, so Steady runs the players
itself: ``paplay`` when a PulseAudio/PipeWire server answers, else ``aplay``, ``gst-play-1.0``
or ``ffplay`` (:data:`PLAYER_COMMANDS`; other platforms add theirs there).

Volume: the programs differ in how (and whether) they take one, so a volume below 100 % plays
scaled copies of the WAV files, written once per (set, volume) into the runtime folder.
"""

from __future__ import annotations

import logging
import os
import queue
import shutil
import subprocess
import sys
import threading
import wave
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, Protocol

from app.audio.cues import Cue
from app.audio.sets import NO_SOUND, sounds_root
from app.core.packaged import local_file
from app.paths import runtime_file

log = logging.getLogger(__name__)

#: How each program plays one WAV file (its path is appended) quietly and then exits, in order
#: of preference: fastest to start first.
PLAYER_COMMANDS: dict[str, tuple[str, ...]] = {
    "paplay": ("paplay",),
    "aplay": ("aplay", "--quiet"),
    "gst-play-1.0": ("gst-play-1.0", "--no-interactive", "--quiet"),
    "ffplay": ("ffplay", "-nodisp", "-autoexit", "-loglevel", "quiet"),
}
PLAYER_PROGRAMS = tuple(PLAYER_COMMANDS)


class Player(Protocol):
    """Anything that can play a cue; must return at once."""

    def play(self, cue: Cue) -> None: ...


class NullPlayer:
    """Plays nothing: the "none" set, or a machine without sound."""

    def play(self, cue: Cue) -> None:
        return None


class OnceNotice:
    """Tells the user about a problem once per run, however often it happens."""

    def __init__(self, notify: Callable[[str], None]) -> None:
        self._notify = notify
        self._told = False

    def report(self, message: str) -> None:
        if not self._told:
            self._told = True
            self._notify(message)


# -- can this machine make a sound? --------------------------------------------------------------


class SoundSupport(NamedTuple):
    ok: bool
    message: str
    program: str | None = None


def _pulse_server_answers(which: Callable[[str], str | None], timeout: float = 2.0) -> bool:
    pactl = which("pactl")
    if pactl is None:
        return False
    try:
        done = subprocess.run([pactl, "info"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _alsa_card_present(cards_file: Path = Path("/proc/asound/cards")) -> bool:
    try:
        text = cards_file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return any(line.strip() and line.lstrip()[0].isdigit() for line in text.splitlines())


def detect_sound_support(
    which: Callable[[str], str | None] = shutil.which,
    cards_file: Path = Path("/proc/asound/cards"),
) -> SoundSupport:
    """Whether a cue can be heard here, and if not, what is missing, in plain words.

    Needs both a program that plays WAV files and somewhere for the sound to go: a sound server
    (PulseAudio or PipeWire, asked with ``pactl info``) or an ALSA sound card. Without either,
    the players exit successfully and silently, so this must be checked up front.
    """
    server = _pulse_server_answers(which)
    # paplay only talks to a sound server; the others also play straight to an ALSA card.
    program = next((name for name in PLAYER_PROGRAMS if which(name) and (server or name != "paplay")), None)
    output = server or _alsa_card_present(cards_file)
    missing = []
    if program is None:
        missing.append("no program to play sounds was found (installing alsa-utils provides one, aplay)")
    if not output:
        missing.append("no sound card and no sound server (PulseAudio or PipeWire) was found")
    if missing:
        message = "Sound cues are off: " + " and ".join(missing) + ". The pacer carries on silently."
        return SoundSupport(False, message, program)
    return SoundSupport(True, f"Sound cues play through {program}.", program)


# -- the real player -----------------------------------------------------------------------------


#: Starts a player program for one file. Injected: tests check command lines and failures
#: without making a sound, and the audio bench times each start.
Spawn = Callable[[list[str]], "subprocess.Popen[bytes]"]


def start_program(argv: list[str]) -> subprocess.Popen[bytes]:
    """Start `argv` detached from our standard streams, without a ``preexec_fn`` so Python may vfork."""
    return subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True)


def _scaled_copy(source: Path, target: Path, volume: float) -> None:
    with wave.open(str(source), "rb") as src:
        params = src.getparams()
        frames = src.readframes(params.nframes)
    if params.sampwidth != 2:
        raise ValueError(f"{source}: only 16-bit WAV files can be scaled")
    samples = array("h", frames)
    if sys.byteorder == "big":
        samples.byteswap()
    scaled = array("h", (int(round(s * volume)) for s in samples))
    if sys.byteorder == "big":
        scaled.byteswap()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    with wave.open(str(partial), "wb") as out:
        out.setparams(params)
        out.writeframes(scaled.tobytes())
    os.replace(partial, target)


def default_cache_dir() -> Path:
    """Scaled copies live in the runtime folder: recomputed in milliseconds, gone at log-out."""
    return runtime_file("sounds")


class CommandPlayer:
    """Plays a set's cues by running a player program, never blocking the caller.

    Args:
        sound_set: a folder name under assets/sounds, or "none".
        volume: 0..1; below 1, scaled copies are played (see the module docstring).
        program: a key of PLAYER_COMMANDS; None picks the one detect_sound_support finds.
        on_error: called with a plain message when a cue cannot be played (wrap it in OnceNotice).
        cache_dir: where scaled copies go (default: the runtime folder).
        spawn: starts the program (default: start_program).
    """

    def __init__(
        self,
        sound_set: str = "soft",
        volume: float = 1.0,
        program: str | None = None,
        on_error: Callable[[str], None] | None = None,
        cache_dir: Path | None = None,
        spawn: Spawn = start_program,
    ) -> None:
        self.sound_set = sound_set
        self.volume = min(1.0, max(0.0, float(volume)))
        self.program = program if program is not None else detect_sound_support().program
        self._on_error = on_error or (lambda message: log.warning("%s", message))
        self._spawn = spawn
        self._paths = self._prepare(cache_dir or default_cache_dir())
        self._queue: queue.SimpleQueue[Cue | None] = queue.SimpleQueue()
        self._sounding: list[subprocess.Popen[bytes]] = []
        self._worker: threading.Thread | None = None

    def _prepare(self, cache_dir: Path) -> dict[Cue, Path]:
        if self.sound_set == NO_SOUND or self.volume <= 0.0:
            return {}
        folder = sounds_root() / self.sound_set
        paths: dict[Cue, Path] = {}
        for cue in Cue:
            with local_file(folder / f"{cue.value}.wav") as source:
                if not source.is_file():
                    raise FileNotFoundError(f"sound set {self.sound_set!r} has no {cue.value}.wav")
                if self.volume >= 0.999:
                    paths[cue] = Path(source)
                    continue
                target = cache_dir / f"{self.sound_set}-{round(self.volume * 100):03d}" / f"{cue.value}.wav"
                if not target.is_file():
                    _scaled_copy(Path(source), target, round(self.volume * 100) / 100)
                paths[cue] = target
        return paths

    def path_of(self, cue: Cue) -> Path | None:
        """The sound file `cue` plays (scaled to the volume), or None when it plays nothing."""
        return self._paths.get(cue)

    def command_for(self, cue: Cue) -> list[str] | None:
        """The command line that plays `cue`, or None when there is nothing to play."""
        path = self.path_of(cue)
        head = PLAYER_COMMANDS.get(self.program) if self.program is not None else None
        if path is None or head is None:
            return None
        return [*head, str(path)]

    def play(self, cue: Cue) -> None:
        if cue not in self._paths:
            return
        if self._worker is None:
            self._worker = threading.Thread(target=self._work, name="steady-cue-player", daemon=True)
            self._worker.start()
        self._queue.put(cue)

    def play_now(self, cue: Cue) -> subprocess.Popen[bytes] | None:
        """Start the player program in this thread; returns its process (None when nothing started)."""
        if cue not in self._paths:
            return None
        argv = self.command_for(cue)
        if argv is None:
            self._on_error(f"A sound cue could not be played (no player program for {self.program or 'this system'}). "
                           "The pacer carries on silently.")
            return None
        try:
            process = self._spawn(argv)
        except OSError as error:
            self._on_error(f"A sound cue could not be played ({error.strerror or error}). The pacer carries on silently.")
            return None
        # Reaping finished players here keeps zombies from piling up over a long session.
        self._sounding = [p for p in self._sounding if p.poll() is None] + [process]
        return process

    def _work(self) -> None:
        while (cue := self._queue.get()) is not None:
            self.play_now(cue)

    def close(self) -> None:
        """Stop the worker (cues still sounding finish on their own)."""
        if self._worker is not None:
            self._queue.put(None)
            self._worker.join(timeout=2.0)
            self._worker = None


def make_player(
    sound_set: str,
    volume: float,
    notify: Callable[[str], None],
    support: SoundSupport | None = None,
) -> Player:
    """The player the app should use: silent (and the user told once, via `notify`) when no sound is possible."""
    if sound_set == NO_SOUND or volume <= 0.0:
        return NullPlayer()
    support = support if support is not None else detect_sound_support()
    notice = OnceNotice(notify)
    if not support.ok:
        notice.report(support.message)
        return NullPlayer()
    return CommandPlayer(sound_set, volume, program=support.program, on_error=notice.report)


#: Lead used until (or instead of) a measurement: a player's start-up measured on the 2-core
#: reference machine, from play() to the first sound in a PulseAudio null sink (docs/sound.md).
DEFAULT_LEAD_SECONDS = 0.005
