"""Files that are not regular files: checked before they are read, for every file Steady reads.

A named pipe (FIFO) blocks a reader until someone writes to it: `steady list` and `steady now`
hung forever on one at exercises/x.yaml. A link to /dev/zero never ends: reading it grew to
gigabytes. A socket cannot be opened; a folder cannot be read; a huge sparse file takes no disk
space but gigabytes to read. Each must give a located problem (or be passed over where the file
is only a hint or a cache), at once, with every other file working.

Every reader runs in a child process with a memory limit and a generous timeout, so that a
reader that hangs or grows fails this test instead of hanging or exhausting the test run.
"""

from __future__ import annotations

import json
import os
import resource
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.processes import ROOT, run_launched, run_steady, steady_env

#: Far more than any reader needs, far less than reading /dev/zero for a minute would take.
MEMORY_LIMIT = 3 * 1024**3
#: A hang is forever; a working reader answers in well under a second, even on a loaded machine.
READER_TIMEOUT_S = 30
HANG_TIMEOUT_S = 120


def fifo(path: Path) -> None:
    os.mkfifo(path)


def endless(path: Path) -> None:
    path.symlink_to("/dev/zero")


def folder(path: Path) -> None:
    path.mkdir()


def unix_socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.close()  # the socket file stays


def sparse(path: Path) -> None:
    with open(path, "wb") as handle:
        handle.truncate(8 * 1024**3)  # 8 GiB that take no disk space


#: How to make each kind of entry, and a word the problem must use to say what it is.
HOSTILE = [
    pytest.param(fifo, "named pipe", id="a named pipe"),
    pytest.param(endless, "device", id="a link to /dev/zero"),
    pytest.param(folder, "folder", id="a folder"),
    pytest.param(unix_socket, "socket", id="a socket"),
    pytest.param(sparse, "8,589,934,592 bytes", id="an 8 GiB sparse file"),
]

#: Each reader, as the child process runs it: place -> (where the hostile entry goes, code).
#: The code sees `base` (the data folder) and `target`, and sets `result` to something printable.
READERS: dict[str, tuple[str, str]] = {
    "exercise": ("data/exercises/x.yaml", "from app.core.library import load_library\n"
                 "lib = load_library(base / 'exercises')\n"
                 "result = ['calm-exhale' in lib, [str(p) for p in lib.problems]]"),
    "settings": ("data/settings.yaml", "from app.core.settings import load_settings\n"
                 "result = [str(p) for p in load_settings(target).problems]"),
    "reminder state": ("data/reminders-state.yaml", "from app.core.reminders.store import load_state\n"
                       "result = [str(p) for p in load_state(target).problems]"),
    "flow": ("data/flows/moment-flow.yaml", "from app.core.flow_files import load_flow\n"
             "result = [str(p) for p in load_flow(base / 'flows').problems]"),
    "anchors": ("data/anchors/x.yaml", "from app.core.anchors import load_anchors\n"
                "loaded = load_anchors(base / 'anchors')\n"
                "result = [bool(loaded.anchors), [str(p) for p in loaded.problems]]"),
    "crisis lines": ("data/crisis-lines.yaml", "from app.core.crisis_lines import load_crisis_lines\n"
                     "lines = load_crisis_lines(target)\n"
                     "result = [bool(lines.countries), [str(p) for p in lines.problems]]"),
    "validate": ("data/y.yaml", "from app.core.validate import validate_paths\n"
                 "result = [str(p) for p in validate_paths([str(target)])[1]]"),
    "parse cache": ("cache/steady/library.json", "from app.core.library import load_library\n"
                    "result = ['calm-exhale' in load_library(base / 'exercises'), []]"),
    "GTK settings": ("config/gtk-3.0/settings.ini", "from app.gui.theme import system_prefers_reduced_motion\n"
                     "result = [system_prefers_reduced_motion(target.parent.parent), []]"),
    "desktop entry": ("applications/steady.desktop", "from app.desktop_entry import install\n"
                      "try:\n    result = [install(target.parent)[1], []]\n"
                      "except OSError as error:\n    result = [False, [str(error)]]"),
    "log file": ("data/logs/steady.log", "from app.logs import setup_logging\nfrom app.paths import DataPaths\n"
                 "result = [setup_logging(DataPaths(base), True), []]"),
}

CHILD = """
import json, signal, sys
from pathlib import Path

class Hung(BaseException):  # not an OSError: no reader may take it for a file problem
    pass

def hung(signum, frame):
    raise Hung("no answer")

signal.signal(signal.SIGALRM, hung)
home, readers, seconds = Path(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3])
results = {}
for place, (where, code) in readers.items():
    scope = {"base": home / "data", "target": home / where}
    signal.alarm(seconds)
    try:
        exec(code, scope)
        results[place] = scope["result"]
    except BaseException as error:
        results[place] = ["raised", f"{type(error).__name__}: {error}"[:300]]
    finally:
        signal.alarm(0)
print(json.dumps(results))
"""


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def read_in_child(home: Path, readers: dict[str, tuple[str, str]] = READERS) -> dict[str, object]:
    """What each reader made of its file, read one after the other in one child process."""
    env = steady_env(
        XDG_CACHE_HOME=str(home / "cache"), XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home),
        STEADY_HOME=str(home / "data"),
    )
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(home), json.dumps(readers), str(READER_TIMEOUT_S)],
        capture_output=True, text=True, timeout=READER_TIMEOUT_S * (len(readers) + 2), env=env, cwd=ROOT,
        preexec_fn=limit_memory,
    )
    assert done.returncode == 0 and done.stdout.strip(), done.stderr[-2000:]
    return json.loads(done.stdout.splitlines()[-1])


def check(place: str, target: Path, result: object, word: str) -> None:
    assert isinstance(result, list) and result[:1] != ["raised"], (place, result)
    if place in ("parse cache", "GTK settings"):
        assert result == [place == "parse cache", []], (place, result)  # a hint or a cache: passed over quietly
        return
    if place in ("desktop entry", "log file"):
        return  # Steady's own files: written over, or the user is told; never a hang or a crash
    if place == "validate" and word == "folder":
        return  # `steady validate FOLDER` checks the files in it
    problems = result[-1] if result and isinstance(result[-1], list) else result
    assert any(p.startswith(f"{target}:1:1: ") and word in p for p in problems), (place, problems)
    assert all(len(p) < 400 + len(str(target)) for p in problems), (place, problems)
    if len(result) == 2 and isinstance(result[0], bool):
        assert result[0], (place, "the built-in files still work")


@pytest.mark.parametrize(("make", "word"), HOSTILE)
def test_every_reader_checks_what_the_file_is_before_reading(tmp_path: Path, make: Callable[[Path], None], word: str) -> None:
    for where, _code in READERS.values():
        target = tmp_path / where
        target.parent.mkdir(parents=True, exist_ok=True)
        make(target)
    results = read_in_child(tmp_path)
    for place, (where, _code) in READERS.items():
        check(place, tmp_path / where, results[place], word)


def test_list_and_now_start_with_a_named_pipe_in_every_user_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for relative in ("exercises/x.yaml", "flows/moment-flow.yaml", "anchors/x.yaml", "settings.yaml", "crisis-lines.yaml",
                     "reminders-state.yaml"):
        (data / relative).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(data / relative)
    try:
        listed = run_steady("list", "--data-dir", str(data), timeout=HANG_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pytest.fail("`steady list` hung on a named pipe")
    assert listed.returncode == 0 and "calm-exhale\t" in listed.stdout
    assert f"{data / 'exercises' / 'x.yaml'}:1:1: " in listed.stderr and "Traceback" not in listed.stderr
    try:
        started = run_launched("--first-frame", "now", "--data-dir", str(data), timeout=HANG_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pytest.fail("`steady now` hung on a named pipe")
    assert started.returncode == 0 and started.stdout.startswith("first-frame "), started.stderr


#: The pattern editor's readers: a file picked to import (or opened from the folder), a copy
#: started from a file that does not load, and the backup kept before saving over a file.
PATTERN_READERS: dict[str, tuple[str, str]] = {
    "pattern file": ("data/exercises/p.yaml", "from app.core.patterns.store import check_file\n"
                     "checked = check_file(target)\n"
                     "result = [checked.state.name, [str(p) for p in checked.problems]]"),
    "pattern import": ("picked/s.yaml", "from app.core.patterns.store import check_import\n"
                       "checked = check_import(target)\n"
                       "result = [checked.exercise is None, [str(p) for p in checked.problems]]"),
    "pattern copy": ("data/exercises/q.yaml", "from app.core.patterns.salvage import salvage\n"
                     "result = [salvage(target).id, []]"),
    "pattern backup": ("data/exercises/r.yaml.bak", "from app.core.patterns.store import backup_path\n"
                       "result = [backup_path(target.with_name('r.yaml'), b'x').name, []]"),
}


@pytest.mark.parametrize(("make", "word"), HOSTILE)
def test_pattern_files_are_checked_before_reading(tmp_path: Path, make: Callable[[Path], None], word: str) -> None:
    for where, _code in PATTERN_READERS.values():
        target = tmp_path / where
        target.parent.mkdir(parents=True, exist_ok=True)
        make(target)
    results = read_in_child(tmp_path, PATTERN_READERS)
    target = tmp_path / PATTERN_READERS["pattern file"][0]
    state, problems = results["pattern file"]  # type: ignore[misc]
    assert state == "BROKEN" and any(p.startswith(f"{target}:1:1: ") and word in p for p in problems), problems
    picked = tmp_path / PATTERN_READERS["pattern import"][0]
    refused, import_problems = results["pattern import"]  # type: ignore[misc]
    assert refused and any(p.startswith(f"{picked}:1:1: ") and word in p for p in import_problems), import_problems
    assert results["pattern copy"] == ["q-copy", []], "a copy starts empty rather than reading what is not a file"
    assert results["pattern backup"] == ["r.yaml.bak.2", []], "the backup goes beside what is not a file, never into it"
