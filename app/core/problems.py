"""One shape for every problem found in a user's file, printed as CONVENTIONS.md says.

`PATH:LINE:COLUMN: what is wrong, and how to fix it` — one line per problem, LINE and COLUMN
1-based. The CLI, the app's error lists and the editor all format problems through here, so a
user sees the same words everywhere.
"""

from __future__ import annotations

from typing import NamedTuple

#: Most problems reported for one file; the last line says how many more there were.
MAX_PROBLEMS = 50


class Problem(NamedTuple):
    """A single thing wrong with a file, pointing at the key or value to fix.

    A NamedTuple (ordered by path, line, column, message) rather than a frozen dataclass: it is
    built in a tenth of the time, and every start loads this module before the first frame.
    """

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        """The problem's line; a path or message quoting outside text shows its control
        characters as escapes (app.core.printable), so the line can neither act on a terminal
        nor look like two."""
        from app.core.printable import printable

        return f"{printable(self.path)}:{self.line}:{self.column}: {printable(self.message)}"


class FileProblems(Exception):
    """Raised when a file cannot be used; carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def cap_problems(problems: list[Problem], stopped: bool = False) -> list[Problem]:
    """At most MAX_PROBLEMS problems; the last one says that more were left out.

    `stopped`: reading gave up at the cap, so how many more there are is not known.
    """
    if len(problems) <= MAX_PROBLEMS:
        return problems
    kept = problems[: MAX_PROBLEMS - 1]
    rest = problems[MAX_PROBLEMS - 1]
    if stopped:
        message = "more problems from here on (reading stopped); fix the ones above first, then check again"
    else:
        message = f"{len(problems) - len(kept)} more problems from here on; fix the ones above first"
    return kept + [Problem(rest.path, rest.line, rest.column, message)]
