"""Numbers YAML can read but Python cannot hold: a located problem in every kind of file.

Python refuses to turn more than 4,300 digits into an int (ValueError), and a decimal of more
than about 309 digits becomes infinity, which `round()` and `int()` refuse (OverflowError). A
file holding such a number must give `PATH:LINE:COLUMN` like any other mistake, and every other
file, setting and command must go on working.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.anchors import load_anchors
from app.core.crisis_lines import load_crisis_lines
from app.core.flow_files import load_flow
from app.core.library import load_library
from app.core.parse_cache import ParseCache
from app.core.reminders.store import load_state
from app.core.settings import Settings, load_settings
from app.core.validate import validate_paths
from tests.helpers.processes import run_launched, run_steady

HUGE = {
    "an integer past Python's digit limit": "9" * 5000,
    "the same with a leading zero": "0" + "9" * 5000,
    "the same tagged !!int": "!!int " + "9" * 5000,
    "a decimal past the largest float": "1" + "0" * 400 + ".5",
    "a negative one": "-" + "9" * 400 + ".25",
    "a huge one tagged !!float": "!!float " + "9" * 400,
    "a huge number in minutes:seconds": "9" * 5000 + ":30",
}


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def located(problems: list, path: Path, line: int, column: int) -> str:
    """The one problem at `path:line:column`, which must say the number is too long, briefly."""
    shown = [str(p) for p in problems]
    here = [text for text in shown if text.startswith(f"{path}:{line}:{column}: ")]
    assert here, shown
    assert "digits" in here[0] and len(here[0]) < 400 + len(str(path)), here[0]
    return here[0]


@pytest.mark.parametrize("number", HUGE.values(), ids=HUGE.keys())
def test_each_kind_of_file_names_the_number_and_the_rest_works(tmp_path: Path, number: str) -> None:
    data = tmp_path / "data"
    exercise = write(data / "exercises" / "huge.yaml", f"name: Huge\nphases:\n  - inhale: {number}\n  - exhale: 4\nminutes: 2\n")
    write(data / "exercises" / "fine.yaml", "name: Fine\nphases:\n  - inhale: 4\n  - exhale: 6\nminutes: 2\n")
    library = load_library(data / "exercises", ParseCache("library", None))
    located(library.problems, exercise, 3, 13)
    assert "fine" in library and "calm-exhale" in library

    flow_file = write(data / "flows" / "moment-flow.yaml", f"anchor:\n  count: {number}\n")
    flow = load_flow(data / "flows")
    located(flow.problems, flow_file, 2, 10)
    assert flow.flow.get("anchor", "count") >= 1

    anchors_file = write(data / "anchors" / "mine.yaml", f"anchors:\n  - {number}\n")
    anchors = load_anchors(data / "anchors")
    located(anchors.problems, anchors_file, 2, 5)
    assert anchors.anchors  # the built-in ones still come

    lines_file = write(data / "crisis-lines.yaml", f"countries:\n  GB:\n    name: United Kingdom\n    emergency: {number}\n")
    lines = load_crisis_lines(lines_file)
    located(lines.problems, lines_file, 4, 16)
    assert lines.for_country("GB") is not None  # the built-in entry

    state_file = write(data / "reminders-state.yaml", f"accounted:\n  r-1: {number}\n")
    state = load_state(state_file)
    located(state.problems, state_file, 2, 8)

    ok, problems = validate_paths([str(exercise)])
    located(problems, exercise, 3, 13)


@pytest.mark.parametrize("key", ["volume", "reminders_paused_until", "draft_cooling_minutes"])
@pytest.mark.parametrize("number", HUGE.values(), ids=HUGE.keys())
def test_a_setting_falls_back_alone_and_is_named(tmp_path: Path, key: str, number: str) -> None:
    path = write(tmp_path / "settings.yaml", f'theme: dark\n{key}: {number}\nreminders:\n  - time: "07:30"\n')
    loaded = load_settings(path)
    located(loaded.problems, path, 2, len(key) + 3)
    assert loaded.settings.theme == "dark" and getattr(loaded.settings, key) == getattr(Settings(), key)
    assert [r.time_text for r in loaded.settings.reminders] == ["07:30"]


@pytest.mark.parametrize("number", HUGE.values(), ids=HUGE.keys())
def test_a_reminder_with_a_huge_length_is_kept_and_named(tmp_path: Path, number: str) -> None:
    path = write(tmp_path / "settings.yaml", f'reminders:\n  - time: "07:30"\n    minutes: {number}\n  - time: "21:00"\n')
    loaded = load_settings(path)
    located(loaded.problems, path, 3, 14)
    assert [r.time_text for r in loaded.settings.reminders] == ["21:00"]


def test_the_commands_start_with_a_huge_number_in_every_file(tmp_path: Path) -> None:
    """`list`, `breathe` and `now` (which read settings, exercises and the flow) start as usual."""
    data = tmp_path / "data"
    huge = "9" * 5000
    exercise = write(data / "exercises" / "huge.yaml", f"name: Huge\nphases:\n  - inhale: {huge}\n  - exhale: 4\nminutes: 2\n")
    write(data / "settings.yaml", f"volume: {huge}\n")
    write(data / "flows" / "moment-flow.yaml", f"breathe:\n  minutes: {huge}\n")

    listed = run_steady("list", "--data-dir", str(data))
    assert listed.returncode == 0 and "Traceback" not in listed.stderr, listed.stderr
    assert "calm-exhale\t" in listed.stdout
    assert f"{exercise}:3:13: " in listed.stderr

    for command in (["breathe", "calm-exhale"], ["now"]):
        started = run_launched("--first-frame", *command, "--data-dir", str(data), timeout=120)
        assert started.returncode == 0 and "Traceback" not in started.stderr, started.stderr
        assert started.stdout.startswith("first-frame ")
