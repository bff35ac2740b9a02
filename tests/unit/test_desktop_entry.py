"""The desktop entry: absolute paths, a Breathe now action, written once and then left alone."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
from pathlib import Path

from app.desktop_entry import install, quote_exec, render


def parse(text: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(text)
    return parser


def test_the_entry_points_at_this_environments_steady_and_has_breathe_now():
    entry = parse(render())
    steady = str(Path(sys.executable).absolute().parent / "steady")
    assert entry["Desktop Entry"]["Exec"] == quote_exec(Path(steady))
    assert entry["Desktop Entry"]["Actions"] == "breathe-now;"
    assert entry["Desktop Action breathe-now"]["Name"] == "Breathe now"
    assert entry["Desktop Action breathe-now"]["Exec"].endswith(" now")
    icon = Path(entry["Desktop Entry"]["Icon"])
    assert icon.is_absolute() and icon.read_text().lstrip().startswith("<svg")


def test_paths_with_spaces_are_quoted():
    assert quote_exec(Path("/home/a b/.venv/bin/steady")) == '"/home/a b/.venv/bin/steady"'
    assert quote_exec(Path("/opt/steady")) == "/opt/steady"


def test_exec_arguments_double_percent_signs_and_escape_inside_quotes():
    assert quote_exec("/opt/100%") == "/opt/100%%"
    assert quote_exec('/home/a "b"/$x %u') == '"/home/a \\"b\\"/\\$x %%u"'
    assert quote_exec("") == '""'


def test_install_writes_once_into_the_users_applications_folder(isolated_home):
    path, written = install()
    assert written and path == Path(os.environ["XDG_DATA_HOME"]) / "applications" / "steady.desktop"
    assert path.stat().st_mode & 0o777 == 0o644
    before = path.stat().st_mtime_ns
    assert install() == (path, False)
    assert path.stat().st_mtime_ns == before


def test_the_command_is_quiet_when_asked(isolated_home):
    done = subprocess.run([sys.executable, "-m", "app.desktop_entry", "install", "--quiet"], capture_output=True, text=True, env=dict(os.environ))
    assert done.returncode == 0 and done.stdout == "" and done.stderr == ""
    assert (isolated_home / ".local" / "share" / "applications" / "steady.desktop").exists()
