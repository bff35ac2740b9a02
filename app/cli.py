"""Steady's command line (CONVENTIONS.md): window commands and display-free commands.

`list`, `validate`, `export` and `backup` never import Qt, so they work over ssh and in scripts
and answer quickly. Window commands hand over to `app.gui.launch`, which imports Qt only then.
Exit codes: 0 success, 1 invalid input or a failure, 2 a usage error (argparse's own).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from app import __version__
from app.paths import DataPaths, resolve_data_dir

if TYPE_CHECKING:
    import argparse

WINDOW_COMMANDS = ("breathe", "now")
DATA_DIR_OPTION = "--data-dir"


def _add_data_dir(parser: argparse.ArgumentParser, top_level: bool) -> None:
    import argparse

    parser.add_argument(
        DATA_DIR_OPTION,
        metavar="DIR",
        default=None if top_level else argparse.SUPPRESS,
        help="where Steady keeps your files (overrides STEADY_HOME; default ~/.local/share/steady)",
    )


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="steady",
        description="Steady: paced breathing and self-soothing for triggered moments and daily practice.",
        epilog="With no command, the main window opens. Keys and file formats: see the README and docs/.",
    )
    parser.add_argument("--version", action="version", version=f"steady {__version__}")
    _add_data_dir(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    breathe = commands.add_parser("breathe", help="open straight onto the running pacer")
    breathe.add_argument("exercise", nargs="?", metavar="ID", help="exercise id (default: the triggered-moment exercise)")
    _add_data_dir(breathe, top_level=False)

    now = commands.add_parser("now", help="the triggered-moment flow, breathing first")
    _add_data_dir(now, top_level=False)

    listing = commands.add_parser("list", help="exercises: id, name, breaths per minute, length (tab-separated)")
    _add_data_dir(listing, top_level=False)

    validate = commands.add_parser("validate", help="check YAML files (exercise, flow, anchors, crisis lines)")
    validate.add_argument("paths", nargs="+", metavar="PATH")
    _add_data_dir(validate, top_level=False)

    export = commands.add_parser("export", help="export your practice history")
    export.add_argument("--format", required=True, choices=("csv", "json"))
    export.add_argument("--output", metavar="FILE", help="write to FILE instead of standard output")
    _add_data_dir(export, top_level=False)

    backup = commands.add_parser("backup", help="copy your history database to FILE")
    backup.add_argument("file", nargs="?", metavar="FILE")
    _add_data_dir(backup, top_level=False)
    return parser


def format_length(seconds: float) -> str:
    """Session length as m:ss, rounded to the second."""
    from app.core.describe import minutes_seconds

    return minutes_seconds(int(round(seconds)))


def run_list(paths: DataPaths) -> int:
    from app.core.library import load_library
    from app.core.printable import printable

    library = load_library(paths.exercises)
    for exercise_id, exercise in sorted(library.exercises.items()):
        name = printable(exercise.name)  # a name may hold U+202E and the like: shown, not obeyed
        print(f"{exercise_id}\t{name}\t{exercise.breaths_per_minute:.1f}\t{format_length(exercise.planned_seconds)}")
    for problem in library.problems:
        print(problem, file=sys.stderr)
    for note in library.notes:
        print(f"steady: {note}", file=sys.stderr)
    return 0


def run_validate(raw_paths: list[str]) -> int:
    from app.core.validate import validate_paths

    ok_lines, problems = validate_paths(raw_paths)
    for line in ok_lines:
        print(line)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def quick_window_command(argv: list[str]) -> tuple[str | None, str | None, str | None] | None:
    """(command, exercise id, data dir) for the everyday window starts, read without argparse.

    `steady now` in a hard moment should not wait for argparse: importing it and building the
    parser (its gettext lookups import locale) costs about 5 ms before the first frame. Only
    the plain shapes are read here: no command, `now`, `breathe [ID]`, each with at most one
    `--data-dir DIR` or `--data-dir=DIR`. Anything else (help, a typo, an option, `--`, a value
    starting with "-", an empty value) returns None and argparse reads the line, so errors and
    help are argparse's own; a test checks that both readers agree on every line read here.
    """
    positionals: list[str] = []
    data_dir: str | None = None
    tokens = iter(argv)
    for token in tokens:
        if token.startswith(DATA_DIR_OPTION + "="):
            value: str | None = token[len(DATA_DIR_OPTION) + 1 :]
        elif token == DATA_DIR_OPTION:
            value = next(tokens, None)
        elif token.startswith("-"):
            return None
        else:
            positionals.append(token)
            continue
        if data_dir is not None or not value or value.startswith("-"):
            return None
        data_dir = value
    if not positionals:
        return (None, None, data_dir)
    command, rest = positionals[0], positionals[1:]
    if (command == "now" and not rest) or (command == "breathe" and len(rest) <= 1):
        return (command, rest[0] if rest else None, data_dir)
    return None


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    quick = quick_window_command(arguments)
    if quick is not None:
        command, exercise_id, data_dir = quick
        return _launch_window(command, exercise_id, DataPaths(resolve_data_dir(data_dir)))
    args = build_parser().parse_args(arguments)
    paths = DataPaths(resolve_data_dir(args.data_dir))
    command = args.command
    if command == "list":
        return run_list(paths)
    if command == "validate":
        return run_validate(args.paths)
    if command == "export":
        from app.history.commands import run_export

        return run_export(paths.root, args.format, args.output)
    if command == "backup":
        from app.history.commands import run_backup

        return run_backup(paths.root, args.file)

    return _launch_window(command, getattr(args, "exercise", None), paths)


def _launch_window(command: str | None, exercise_id: str | None, paths: DataPaths) -> int:
    from app.gui.launch import LaunchRequest, launch

    return launch(LaunchRequest(command=command or "open", exercise_id=exercise_id), paths)


if __name__ == "__main__":
    sys.exit(main())
