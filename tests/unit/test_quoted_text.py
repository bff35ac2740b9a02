"""Text quoted from a user's file is shown, never obeyed; and settings.yaml is checked as settings.

`steady validate` (and every message that quotes a file name, a key or a value) printed what it
quoted as it was: an ESC sequence in a value retitled and recoloured the user's terminal, a
line break made one problem look like two, U+202E turned the rest of the line around. Such
characters must come out as visible escapes (``\\x1b``, ``\\n``, ``\\u202e``), one problem per line.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers.processes import run_steady

#: What a terminal would act on or hide: C0 and C1 controls, DEL, bidi and zero-width marks.
ACTIVE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")

HOSTILE_FILES = {
    "value.yaml": 'name: Fine\nsound: "\\e]0;pwned\\a\\e[31m"\nphases: [{inhale: 4}, {exhale: 6}]\ncycles: 3\n',
    "key.yaml": 'name: Fine\n"\\e[2Jgone\\nsteady: forged line": 1\nphases: [{inhale: 4}, {exhale: 6}]\ncycles: 3\n',
    "twice.yaml": 'name: Fine\n"a\\0b": 1\n"a\\0b": 2\nphases: [{inhale: 4}, {exhale: 6}]\ncycles: 3\n',
    "tag.yaml": "name: !<tag:x%1B%5D0;t%07> Fine\nphases: [{inhale: 4}, {exhale: 6}]\ncycles: 3\n",
    "kind.yaml": 'kind: "flow\\u202e"\n',
    "country.yaml": 'kind: crisis-lines\ncountries:\n  "\\e[31mGB":\n    name: X\n',
    "bidi-name.yaml": 'name: "Calm \\u202eexhale"\nphases: [{inhale: 4}, {exhale: 6}]\ncycles: 3\n',
    "esc\x1b]0;x\x07name.yaml": "name: [\n",
    "line\nbreak.yaml": "name: [\n",
}


def test_validate_shows_quoted_control_characters_as_escapes(tmp_path: Path) -> None:
    for name, text in HOSTILE_FILES.items():
        (tmp_path / name).write_text(text)
    result = run_steady("validate", str(tmp_path))
    assert result.returncode == 1
    out = result.stdout + result.stderr
    assert not ACTIVE.findall(out), sorted(set(ACTIVE.findall(out)))
    lines = result.stderr.splitlines() + result.stdout.splitlines()
    assert all(line.startswith(str(tmp_path)) for line in lines), lines  # no line forged by a line break
    assert "\\x1b]0;pwned\\x07" in out and "\\u202e" in out and "\\x00" in out
    assert f"{tmp_path}/line\\nbreak.yaml:2:1: " in result.stderr


def test_list_shows_hostile_file_names_and_exercise_names_as_escapes(tmp_path: Path) -> None:
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / "esc\x1b[31m.yaml").write_text("name: x\n")
    (folder / "bidi.yaml").write_text('name: "Calm \\u202eexhale"\nphases: [{inhale: 4}, {exhale: 6}]\ncycles: 3\n')
    result = run_steady("list", "--data-dir", str(tmp_path))
    assert result.returncode == 0
    assert not ACTIVE.findall(result.stdout.replace("\t", " ") + result.stderr)
    assert "bidi\tCalm \\u202eexhale\t" in result.stdout and "esc\\x1b[31m.yaml:1:1: " in result.stderr


def test_validate_checks_settings_as_settings(tmp_path: Path) -> None:
    settings = tmp_path / "settings.yaml"
    settings.write_text('theme: purple\nvolume: 0.4\nreminders:\n  - time: "07:30"\n')
    declared = tmp_path / "mine.yaml"
    declared.write_text("kind: settings\ntheme: dark\n")
    result = run_steady("validate", str(settings), str(declared))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{settings}:1:8: 'theme' must be one of system, light, dark, not the text 'purple' (the default is used for now)"
    ]
    assert result.stdout.splitlines() == [f"{declared}: ok (settings, 0 reminders)"]
    good = run_steady("validate", str(declared))
    assert good.returncode == 0 and not good.stderr


def test_printable_escapes_once_and_leaves_every_script_alone() -> None:
    from app.core.printable import printable, quoted

    hostile = "a\x1b[31mb\nc\u202ed\udcff\te\x00\u200b"
    assert printable(hostile) == "a\\x1b[31mb\\nc\\u202ed\\xff\\te\\x00\\u200b"
    assert printable(printable(hostile)) == printable(hostile)
    words = "Ωμέγα, שלום, 日本語, emoji 🌿, back\\slash"
    assert printable(words) == words
    assert quoted("x" * 40) == "'" + "x" * 27 + "...'" and quoted("\x1b") == "'\\x1b'"
