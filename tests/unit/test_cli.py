"""The display-free command line: output shapes, exit codes, and no Qt."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers.processes import run_steady


def test_list_prints_sorted_tab_separated_rows(tmp_path):
    result = run_steady("list", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    ids = [row[0] for row in rows]
    assert ids == sorted(ids)
    assert {"calm-exhale", "cyclic-sigh", "coherent", "box", "4-7-8", "slow-down"} <= set(ids)
    box = next(row for row in rows if row[0] == "box")
    assert len(box) == 4
    assert box[2] == "3.8"  # 60 / 16 s per breath
    minutes, seconds = box[3].split(":")
    assert int(minutes) >= 1 and len(seconds) == 2


def test_list_includes_user_exercises_and_names_broken_ones(tmp_path):
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / "evening.yaml").write_text("name: Evening wind-down\nphases:\n  - inhale: 4\n  - exhale: 7.5\nminutes: 3\n")
    (folder / "broken.yaml").write_text("name: Broken\nphases: 12\ncycles: 3\n")
    result = run_steady("--data-dir", str(tmp_path), "list")
    assert result.returncode == 0
    assert "evening\tEvening wind-down\t5.2\t3:04" in result.stdout.splitlines()
    assert "broken" not in result.stdout
    assert str(folder / "broken.yaml") + ":2:" in result.stderr


def test_data_dir_after_the_command_wins_over_the_environment(tmp_path):
    mine = tmp_path / "mine"
    (mine / "exercises").mkdir(parents=True)
    (mine / "exercises" / "only-here.yaml").write_text("name: Only here\nphases:\n  - inhale: 4\n  - exhale: 6\ncycles: 2\n")
    result = run_steady("list", "--data-dir", str(mine), STEADY_HOME=str(tmp_path / "other"))
    assert "only-here" in result.stdout
    via_env = run_steady("list", STEADY_HOME=str(mine))
    assert "only-here" in via_env.stdout


def test_validate_reports_each_problem_as_path_line_column(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("name: Good\nphases:\n  - inhale: 4\n  - exhale: 6\ncycles: 3\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: Bad\nphases:\n  - inhale: 4\n  - exhale: NO\nminutes: 4:00\n")
    ok = run_steady("validate", str(good))
    assert ok.returncode == 0 and "good.yaml" in ok.stdout and not ok.stderr
    result = run_steady("validate", str(good), str(bad))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{bad}:4:") for line in lines)
    assert any(line.startswith(f"{bad}:5:") for line in lines)


def test_validate_missing_file_is_invalid_input(tmp_path):
    result = run_steady("validate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{tmp_path / 'nope.yaml'}:1:1:")


def test_usage_errors_exit_2_and_version_exits_0():
    assert run_steady("frobnicate").returncode == 2
    assert run_steady("validate").returncode == 2
    version = run_steady("--version")
    assert version.returncode == 0 and version.stdout.startswith("steady ")
    assert "breathe" in run_steady("--help").stdout


def test_breathe_with_an_unknown_id_fails_without_a_window(tmp_path):
    result = run_steady("breathe", "no-such-thing", "--data-dir", str(tmp_path))
    assert result.returncode == 1
    assert "no-such-thing" in result.stderr


def test_list_and_validate_do_not_load_qt(tmp_path):
    code = (
        "import sys, io, contextlib\n"
        "from app.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['list', '--data-dir', {str(tmp_path)!r}])\n"
        f"    main(['validate', {str(tmp_path)!r} + '/x.yaml'])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'pyqtgraph'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert result.stdout.strip() == "[]", result.stderr


# -- the quick reader for window starts (app.cli.quick_window_command) ------------------------

import contextlib  # noqa: E402
import io  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from app.cli import build_parser, quick_window_command  # noqa: E402

TOKENS = [
    "breathe", "now", "list", "validate", "calm-exhale", "box", "a b", "=", "",
    "--data-dir", "--data-dir=/tmp/x", "--data-dir=", "--data", "-h", "--help", "--version", "--", "-1", "-x", "/tmp/y",
]


def argparse_reading(argv: list[str]) -> tuple[str | None, str | None, str | None] | str:
    """What the full parser makes of `argv`, or "error" when it refuses or exits."""
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            args = build_parser().parse_args(argv)
    except SystemExit:
        return "error"
    return (args.command, getattr(args, "exercise", None), args.data_dir)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, None, None)),
        (["now"], ("now", None, None)),
        (["breathe"], ("breathe", None, None)),
        (["breathe", "box"], ("breathe", "box", None)),
        (["--data-dir", "/d", "now"], ("now", None, "/d")),
        (["now", "--data-dir=/d"], ("now", None, "/d")),
        (["breathe", "--data-dir", "/d", "box"], ("breathe", "box", "/d")),
    ],
)
def test_everyday_window_starts_are_read_without_argparse_and_agree_with_it(argv, expected):
    assert quick_window_command(argv) == expected
    assert argparse_reading(argv) == expected


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["now", "-h"], ["list"], ["breathe", "a", "b"], ["now", "box"], ["--data-dir"], ["--data-dir="],
     ["--data-dir", "-x", "now"], ["--data-dir", "/a", "now", "--data-dir", "/b"], ["--data", "/d"], ["breathe", "--", "-1"],
     ["--version"], ["nowish"]],
)
def test_everything_else_is_left_to_argparse(argv):
    assert quick_window_command(argv) is None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=5))
def test_the_quick_reader_never_disagrees_with_argparse(argv):
    quick = quick_window_command(argv)
    if quick is not None:
        assert argparse_reading(argv) == quick
