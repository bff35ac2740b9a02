"""Showing text that came from outside (a user's file, a file name, a start request) so that it
is read, never obeyed.

A terminal acts on what it prints: ``ESC ] 0 ;`` retitles the window, ``ESC [ 31 m`` turns what
follows red, a NUL or a line break makes one problem look like two (or forges a line in the log),
and U+202E turns the rest of a line around. So wherever Steady shows outside text (a problem's
message and path, `steady list`, `steady validate`, the log), such characters appear as the
escapes a programmer would write: ``\\x1b``, ``\\n``, ``\\u202e``. Everything else, other
scripts included, is shown as it is. Escaping twice changes nothing: a backslash stays.

Standard library only, and compiled on first use: problems load this on the way to the first
frame only when there is something to show.
"""

from __future__ import annotations

import re
from functools import cache

#: Longest quoted text in a message, before it is cut with "...".
QUOTE_LIMIT = 30

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


@cache
def _active() -> re.Pattern[str]:
    """C0 and C1 controls and DEL; soft hyphen, Arabic letter mark, Mongolian vowel separator;
    zero-width and direction marks, line and paragraph separators, the bidi embeddings,
    overrides and isolates; invisible operators; the byte order mark; interlinear annotation
    marks; lone surrogates (undecodable bytes of a file name); tag characters."""
    return re.compile(
        "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
        "\ufeff\ufff9-\ufffb\ud800-\udfff\U000e0000-\U000e007f]"
    )


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte Python could not decode (surrogateescape): show the byte
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def printable(text: str) -> str:
    """`text` with every character a terminal would act on, or that hides or reorders text,
    shown as an escape."""
    return _active().sub(_escape, text)


def quoted(text: str, limit: int = QUOTE_LIMIT) -> str:
    """`text` in single quotes for a message: printable, and cut to `limit` characters."""
    shown = text if len(text) <= limit else text[: max(limit - 3, 1)] + "..."
    return f"'{printable(shown)}'"
