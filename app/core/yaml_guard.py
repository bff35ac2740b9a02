"""The one place Steady reaches into PyYAML's internals: a scanner that stops hostile files early.

What it buys, measured (PyYAML 6.0.4, Python 3.11, the 2-core reference machine, one 256 KiB
file each): reading ``[[[[...`` 100,000 levels deep, ``{{{{...``, or ``[{[{...``, takes 1 to 2 ms
with this guard and 175 to 260 ms without it, with the same depth limit checked on the events
of PyYAML's public ``yaml.parse``. The events come too late: for every ``[`` or ``{`` on a line
PyYAML's scanner keeps a "possible simple key" and, before handing over a token, scans up to
1,024 characters ahead to see whether the collection turns out to be a key, checking every
pending key at every token on the way: quadratic in the nesting. `python -m bench cli`
(validate_worst_ms, goal 500 ms for the whole process) has these files among its hostile inputs.

No public PyYAML API bounds the scanner, so `GuardedLoader` overrides three of its methods and
reads four of its attributes (listed in `SCANNER_HOOKS`); tests/unit/test_yaml_guard.py checks
that they exist and that the guard stops each hostile file after a few dozen tokens, and
pyproject.toml pins PyYAML to the range this was tested with. Only the pure-Python loader is
used: PyYAML's C loader recurses in C and kills the process (segfault) on deep nesting, where no
``except`` can help.

Everything else (anchors, aliases, tags, what scalars mean, how values are built) is done on the
public events by app.core.yamlsafe.
"""

from __future__ import annotations

from collections.abc import Generator

from yaml.events import Event
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

#: The scanner's methods overridden and attributes read here; an upgrade that renames any of
#: them must fail the tests, not quietly switch the guard off.
SCANNER_HOOKS = ("fetch_more_tokens", "fetch_flow_collection_start", "add_indent")
SCANNER_STATE = ("tokens", "tokens_taken", "flow_level", "indents")


class LimitReached(Exception):
    """The file passed a limit at (line, column), 1-based; `limit` is "depth" or "tokens"."""

    def __init__(self, limit: str, line: int, column: int, tokens_read: int) -> None:
        super().__init__(f"{limit} limit reached at {line}:{column}")
        self.limit = limit
        self.line = line
        self.column = column
        #: How many tokens the scanner had made when it stopped (for the tests).
        self.tokens_read = tokens_read


class GuardedLoader(Reader, Scanner, Parser):
    """PyYAML's pure-Python reader, scanner and parser, with limits checked as each token is
    made: nothing deeper than `max_depth` or longer than `max_tokens` reaches the parser."""

    def __init__(self, text: str, max_depth: int, max_tokens: int) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        self._max_depth = max_depth
        self._max_tokens = max_tokens

    def _stop(self, limit: str) -> None:
        mark = self.get_mark()
        raise LimitReached(limit, mark.line + 1, mark.column + 1, self.tokens_taken + len(self.tokens))

    def fetch_more_tokens(self) -> None:
        if self.tokens_taken + len(self.tokens) > self._max_tokens:
            self._stop("tokens")
        super().fetch_more_tokens()

    def fetch_flow_collection_start(self, TokenClass: type) -> None:  # noqa: N803 (PyYAML's name)
        # Checked before PyYAML saves the possible simple key that starts the look-ahead.
        if self.flow_level + len(self.indents) >= self._max_depth:
            self._stop("depth")
        super().fetch_flow_collection_start(TokenClass)

    def add_indent(self, column: int) -> bool:
        added: bool = super().add_indent(column)
        if added and len(self.indents) + self.flow_level > self._max_depth:
            self._stop("depth")
        return added


def guarded_events(text: str, max_depth: int, max_tokens: int) -> Generator[Event, None, None]:
    """The parse events of `text`, as ``yaml.parse`` gives them, or LimitReached (and PyYAML's
    own MarkedYAMLError for a syntax error) as soon as the file passes a limit."""
    loader = GuardedLoader(text, max_depth, max_tokens)
    try:
        while loader.check_event():
            yield loader.get_event()  # type: ignore[no-untyped-call]  # untyped in types-PyYAML
    finally:
        loader.dispose()
