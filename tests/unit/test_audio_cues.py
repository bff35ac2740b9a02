"""Which cue fires at which boundary: each once, none for skipped phases, the end once."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.audio import Cue, CueScheduler, OnceNotice, available_sound_sets, cue_for_phase, detect_sound_support, resolve_sound_set
from app.audio.player import NullPlayer, make_player
from app.core.engine import BreathingSession
from app.core.model import Exercise, Phase, PhaseKind, Stage
from tests.helpers.stubs import FakeClock, RecorderPlayer

IN, HOLD, OUT = PhaseKind.INHALE, PhaseKind.HOLD, PhaseKind.EXHALE


def box(cycles: int = 2) -> Exercise:
    phases = (Phase(IN, 4.0), Phase(HOLD, 2.0), Phase(OUT, 6.0))
    return Exercise(id="t", name="t", stages=(Stage(phases, cycles=cycles),))


def two_stages() -> Exercise:
    return Exercise(id="t2", name="t2", stages=(
        Stage((Phase(IN, 1.0), Phase(OUT, 1.0)), cycles=1),
        Stage((Phase(IN, 2.0), Phase(OUT, 3.0)), cycles=1),
    ))


def run(scheduler: CueScheduler, clock: FakeClock, until: float, step: float = 0.01) -> list[tuple[Cue, float]]:
    """Advance the fake clock in small steps, taking every due cue, like a timer would."""
    fired = []
    while clock.now() < until:
        while (planned := scheduler.take_due(clock.now())) is not None:
            fired.append((planned.cue, round(clock.now(), 3)))
        clock.advance(step)
    return fired


def test_cue_for_each_phase_kind() -> None:
    assert [cue_for_phase(k) for k in (IN, HOLD, OUT)] == [Cue.INHALE, Cue.HOLD, Cue.EXHALE]


def test_every_boundary_fires_once_then_the_end_once() -> None:
    clock = FakeClock(0.0)
    session = BreathingSession(box(cycles=2), clock)
    scheduler = CueScheduler(session)
    session.start()
    fired = run(scheduler, clock, until=30.0)
    assert [c for c, _ in fired] == [Cue.INHALE, Cue.HOLD, Cue.EXHALE] * 2 + [Cue.END]
    assert [t for _, t in fired] == [0.0, 4.0, 6.0, 12.0, 16.0, 18.0, 24.0]


def test_lead_time_starts_each_cue_early_but_not_the_first() -> None:
    clock = FakeClock(0.0)
    session = BreathingSession(box(cycles=1), clock)
    scheduler = CueScheduler(session, lead_seconds=0.05)
    session.start()
    fired = run(scheduler, clock, until=15.0)
    assert [t for _, t in fired] == [0.0, 3.95, 5.95, 11.95]


def test_stages_follow_each_other() -> None:
    clock = FakeClock(0.0)
    session = BreathingSession(two_stages(), clock)
    scheduler = CueScheduler(session)
    session.start()
    fired = run(scheduler, clock, until=8.0)
    assert fired == [(Cue.INHALE, 0.0), (Cue.EXHALE, 1.0), (Cue.INHALE, 2.0), (Cue.EXHALE, 4.0), (Cue.END, 7.0)]


def test_pause_inside_the_lead_window_does_not_repeat_the_cue() -> None:
    clock = FakeClock(0.0)
    session = BreathingSession(box(cycles=1), clock)
    scheduler = CueScheduler(session, lead_seconds=0.2)
    session.start()
    fired = run(scheduler, clock, until=3.9)  # the hold cue (due at 3.8) has started
    assert [c for c, _ in fired] == [Cue.INHALE, Cue.HOLD]
    session.pause()
    clock.advance(60.0)
    assert scheduler.take_due(clock.now()) is None
    session.resume()
    more = run(scheduler, clock, until=clock.now() + 10.0)
    assert [c for c, _ in more] == [Cue.EXHALE, Cue.END]


def test_pause_and_resume_mid_phase_neither_doubles_nor_skips() -> None:
    clock = FakeClock(0.0)
    session = BreathingSession(box(cycles=1), clock)
    scheduler = CueScheduler(session)
    session.start()
    fired = run(scheduler, clock, until=2.0)
    session.pause()
    clock.advance(100.0)
    assert scheduler.next() is None
    session.resume()
    fired += run(scheduler, clock, until=clock.now() + 11.0)
    assert [c for c, _ in fired] == [Cue.INHALE, Cue.HOLD, Cue.EXHALE, Cue.END]


def test_phases_that_went_by_unheard_stay_silent() -> None:
    """A stalled process (or a suspended laptop) must not play a burst of stale cues."""
    clock = FakeClock(0.0)
    session = BreathingSession(box(cycles=3), clock)
    scheduler = CueScheduler(session)
    session.start()
    assert scheduler.take_due(clock.now()).cue == Cue.INHALE
    clock.advance(13.0)  # inside the second cycle's inhale, 1 s after it began
    assert scheduler.take_due(clock.now()) is None
    planned = scheduler.next()
    assert planned.cue == Cue.HOLD and planned.key == (0, 1, 1) and planned.boundary == 16.0
    clock.advance(3.0)
    assert scheduler.take_due(clock.now()).key == (0, 1, 1)


def test_late_within_tolerance_still_plays_once() -> None:
    clock = FakeClock(0.0)
    session = BreathingSession(box(cycles=1), clock)
    scheduler = CueScheduler(session, late_tolerance=0.25)
    session.start()
    clock.advance(0.2)
    assert scheduler.take_due(clock.now()).cue == Cue.INHALE
    assert scheduler.take_due(clock.now()) is None


def test_keep_going_goes_on_cueing_and_the_end_comes_once_at_finish() -> None:
    clock = FakeClock(0.0)
    session = BreathingSession(box(cycles=1), clock)
    scheduler = CueScheduler(session)
    session.start()
    session.keep_going()
    fired = run(scheduler, clock, until=35.9)
    assert [c for c, _ in fired] == [Cue.INHALE, Cue.HOLD, Cue.EXHALE] * 3
    session.finish_now()
    fired = run(scheduler, clock, until=clock.now() + 1.0)
    assert [c for c, _ in fired] == [Cue.END]
    assert run(scheduler, clock, until=clock.now() + 20.0) == []


def test_stopping_early_plays_no_end_cue() -> None:
    clock = FakeClock(0.0)
    session = BreathingSession(box(cycles=2), clock)
    scheduler = CueScheduler(session)
    session.start()
    run(scheduler, clock, until=5.0)
    session.stop()
    assert run(scheduler, clock, until=40.0) == []


def test_sound_sets_ship_soft_wood_and_none() -> None:
    sets = available_sound_sets()
    assert {"soft", "wood"} <= set(sets) and sets[-1] == "none"
    assert resolve_sound_set("wood", "soft") == "wood"
    assert resolve_sound_set("none", "soft") == "none"
    assert resolve_sound_set(None, "soft") == "soft"
    assert resolve_sound_set("no-such-set", "wood") == "wood"


def test_no_player_program_and_no_output_are_named(tmp_path: Path) -> None:
    no_cards = tmp_path / "cards"
    no_cards.write_text("--- no soundcards ---\n")
    support = detect_sound_support(which=lambda name: None, cards_file=no_cards)
    assert not support.ok
    assert "no program to play sounds" in support.message and "alsa-utils" in support.message
    assert "no sound card" in support.message


def test_a_player_without_an_output_is_not_enough(tmp_path: Path) -> None:
    support = detect_sound_support(which=lambda name: "/usr/bin/aplay" if name == "aplay" else None,
                                   cards_file=tmp_path / "missing")
    assert not support.ok
    assert "no program" not in support.message and "no sound card" in support.message


def test_a_player_and_an_alsa_card_are_enough(tmp_path: Path) -> None:
    cards = tmp_path / "cards"
    cards.write_text(" 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n")
    support = detect_sound_support(which=lambda name: "/usr/bin/aplay" if name == "aplay" else None, cards_file=cards)
    assert support.ok and support.program == "aplay"


def test_paplay_is_chosen_only_when_a_sound_server_answers(tmp_path: Path) -> None:
    import shutil

    def machine(pactl_answers: bool):
        programs = {"paplay": "/usr/bin/paplay", "aplay": "/usr/bin/aplay",
                    "pactl": shutil.which("true" if pactl_answers else "false")}
        return programs.get

    with_server = detect_sound_support(which=machine(True), cards_file=tmp_path / "no-cards")
    assert with_server.ok and with_server.program == "paplay"
    without = detect_sound_support(which=machine(False), cards_file=tmp_path / "no-cards")
    assert not without.ok and without.program == "aplay" and "no sound card" in without.message


def test_path_without_players_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    support = detect_sound_support()
    assert not support.ok and "no program to play sounds" in support.message


def test_the_user_is_told_once() -> None:
    told: list[str] = []
    notice = OnceNotice(told.append)
    for _ in range(3):
        notice.report("Sound cues are off: nothing to play them with.")
    assert told == ["Sound cues are off: nothing to play them with."]


def test_make_player_without_sound_is_silent_and_says_so_once() -> None:
    told: list[str] = []
    support = detect_sound_support(which=lambda name: None, cards_file=Path("/nonexistent"))
    player = make_player("soft", 0.8, told.append, support=support)
    assert isinstance(player, NullPlayer)
    for cue in Cue:
        player.play(cue)
    assert len(told) == 1 and "carries on silently" in told[0]


def test_recorder_player_records_cue_and_time() -> None:
    clock = FakeClock(5.0)
    recorder = RecorderPlayer(clock)
    recorder.play(Cue.INHALE)
    clock.advance(1.5)
    recorder.play(Cue.END)
    assert recorder.played == [(Cue.INHALE, 5.0), (Cue.END, 6.5)]


def test_volume_plays_scaled_copies_from_a_cache(tmp_path: Path) -> None:
    import wave
    from array import array

    from app.audio.player import CommandPlayer

    def peak(path: Path) -> int:
        with wave.open(str(path)) as w:
            return max(abs(s) for s in array("h", w.readframes(w.getnframes())))

    full = CommandPlayer("soft", 1.0, program="aplay", cache_dir=tmp_path)
    half = CommandPlayer("soft", 0.5, program="aplay", cache_dir=tmp_path)
    assert half.path_of(Cue.END).is_relative_to(tmp_path)
    assert abs(peak(half.path_of(Cue.END)) - peak(full.path_of(Cue.END)) / 2) <= 1
    started: list[list[str]] = []
    silent = CommandPlayer("none", 1.0, program="aplay", cache_dir=tmp_path, spawn=started.append)
    assert silent.path_of(Cue.INHALE) is None
    silent.play(Cue.INHALE)  # nothing to play, nothing started
    silent.close()  # waits for the worker, had one been started
    assert silent.play_now(Cue.INHALE) is None
    assert started == []


def test_each_player_program_is_run_with_the_cue_file_last(tmp_path: Path) -> None:
    from app.audio.player import PLAYER_PROGRAMS, CommandPlayer

    for program in PLAYER_PROGRAMS:
        player = CommandPlayer("wood", 1.0, program=program, cache_dir=tmp_path)
        argv = player.command_for(Cue.EXHALE)
        assert argv is not None and argv[0] == program
        assert argv[-1] == str(player.path_of(Cue.EXHALE)) and argv[-1].endswith("exhale.wav")
    assert CommandPlayer("wood", 1.0, program="aplay", cache_dir=tmp_path).command_for(Cue.END)[:2] == ["aplay", "--quiet"]


def test_play_hands_the_cue_to_a_worker_that_starts_the_program(tmp_path: Path) -> None:
    import threading

    from app.audio.player import CommandPlayer

    started: list[list[str]] = []
    done = threading.Event()

    def spawn(argv: list[str]):
        started.append(argv)
        done.set()
        return FinishedProcess()

    player = CommandPlayer("soft", 1.0, program="paplay", cache_dir=tmp_path, spawn=spawn)
    player.play(Cue.HOLD)
    assert done.wait(timeout=30)  # generous: only a loaded machine's scheduling is waited for
    player.close()
    assert started == [["paplay", str(player.path_of(Cue.HOLD))]]


def test_a_player_that_cannot_start_is_reported_once_and_stays_silent(tmp_path: Path) -> None:
    from app.audio.player import CommandPlayer

    def spawn(argv: list[str]):
        raise FileNotFoundError(2, "No such file or directory", argv[0])

    told: list[str] = []
    player = CommandPlayer("soft", 1.0, program="aplay", cache_dir=tmp_path, spawn=spawn,
                           on_error=OnceNotice(told.append).report)
    for cue in Cue:
        assert player.play_now(cue) is None
    assert len(told) == 1 and "could not be played" in told[0] and "carries on silently" in told[0]


def test_an_unknown_player_program_is_reported_instead_of_run(tmp_path: Path) -> None:
    from app.audio.player import CommandPlayer

    started: list[list[str]] = []
    told: list[str] = []
    player = CommandPlayer("soft", 1.0, program="no-such-player", cache_dir=tmp_path, spawn=started.append,
                           on_error=told.append)
    assert player.play_now(Cue.INHALE) is None
    assert started == [] and told and "no-such-player" in told[0]


def test_the_real_start_program_runs_a_program_detached_from_our_streams() -> None:
    from app.audio.player import start_program

    process = start_program(["sh", "-c", "exit 3"])
    assert process.wait(timeout=30) == 3
    assert process.stdin is None and process.stdout is None and process.stderr is None


class FinishedProcess:
    """What a player program's process looks like once it has played its cue."""

    def poll(self) -> int:
        return 0
