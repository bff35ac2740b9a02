"""The one YAML writer: every file Steady writes (exercises, settings, reminder state, the user's
flow and anchors) is made here, in the block style people write by hand.

What it promises: `load_yaml(dump_yaml(data))` gives `data` back, equal and of the same types,
with no problems. So a string is written plain only where Steady's reader reads that very string
back (app.core.yaml_scalars decides, for both), a float always keeps a decimal point and never
uses an exponent (the reader refuses ``1e-05``), and everything else is double-quoted with
escapes. Text with line breaks is written as a literal block (``|-``) when it can be, and long
text is folded at single spaces, which YAML reads back as those same spaces.

It needs no PyYAML: writing is plain string work, and PyYAML's emitter would write exponents
and unquoted words (``no``, ``09:00``) that the strict reader then refuses.

Lists of short scalars go on one line (``days: [mon, wed, fri]``); `Inline` asks for one line
for any list (an exercise's stages write ``- phases: [{inhale: 4}, {exhale: 6}]``).

Two kinds of value hold what a user wrote that Steady could not use (app.core.schema_reader):
a `Verbatim` is written exactly as it was (``sound_enabled: yes``), and a `Repeated` key is
written once for each of its values. They read back with the same problems as before, which is
the point: a rewrite of settings.yaml leaves the user's mistakes for the user to fix.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from app.core.schema_reader import Repeated, Verbatim
from app.core.yaml_scalars import resolve_plain

#: Lines are folded before this column where the text allows.
WIDTH = 88
INDENT = "  "

_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
#: Characters that end a plain scalar inside [...] or {...}.
_FLOW_INDICATORS = frozenset(",[]{}?:#")


class Inline(list[Any]):
    """A list to be written on one line, in flow style, whatever it holds."""


def dump_yaml(data: dict[str, Any] | list[Any], comment: str = "") -> str:
    """The YAML text of `data` (mappings with text keys, lists, text, numbers, true/false,
    null), after `comment` (one or more lines, each written as ``# line``)."""
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    lines.extend(_block(data, "") if data else [_flow(data)])
    return "\n".join(lines) + "\n"


# -- collections ---------------------------------------------------------------------------


def _block(value: dict[str, Any] | list[Any], indent: str) -> list[str]:
    """`value` as block lines, each starting with `indent`."""
    if isinstance(value, dict):
        lines: list[str] = []
        for key, item in value.items():
            for each in item.values if isinstance(item, Repeated) else (item,):
                lines.extend(_entry(indent, _key(key) + ":", each))
        return lines
    lines = []
    for item in value:
        lines.extend(_entry(indent, "-", item))
    return lines


def _entry(indent: str, lead: str, value: Any) -> list[str]:
    """One mapping entry (`lead` is ``key:``) or list item (`lead` is ``-``) and its value."""
    head = f"{indent}{lead}"
    inner = indent + INDENT
    if isinstance(value, (dict, list)) and value and not _one_line(value, len(head) + 1):
        if lead == "-":
            nested = _block(value, inner)
            return [f"{head} {nested[0][len(inner):]}"] + nested[1:]
        return [head] + _block(value, inner)
    if isinstance(value, (dict, list)):
        return [f"{head} {_flow(value)}"]
    if isinstance(value, Verbatim):
        return _verbatim_lines(head, value.text, inner)
    return _scalar_lines(head, value, inner)


def _verbatim_lines(head: str, text: str, inner: str) -> list[str]:
    """What the user wrote, after `head`; lines after the first keep their indentation relative
    to each other, moved under `inner` (a block scalar or a multi-line quoted one)."""
    first, *rest = text.rstrip().split("\n")
    margin = min((len(line) - len(line.lstrip(" ")) for line in rest if line.strip()), default=0)
    return [f"{head} {first}"] + [inner + line[margin:] if line.strip() else "" for line in rest]


def _one_line(value: dict[str, Any] | list[Any], column: int) -> bool:
    """Whether a non-empty collection is written in flow style, after `column` characters."""
    if isinstance(value, Inline):
        return True
    if not isinstance(value, list) or any(isinstance(item, (dict, list)) or _multiline(item) for item in value):
        return False
    return column + len(_flow(value)) <= WIDTH


def _multiline(value: Any) -> bool:
    """A value the user wrote over several lines (a block scalar must stay in block style)."""
    return isinstance(value, Verbatim) and "\n" in value.text.rstrip()


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        entries = (
            (key, each) for key, item in value.items() for each in (item.values if isinstance(item, Repeated) else (item,))
        )
        return "{" + ", ".join(f"{_flow_text(_check_key(key))}: {_flow(item)}" for key, item in entries) + "}"
    if isinstance(value, Verbatim):
        return " ".join(line.strip() for line in value.text.split("\n") if line.strip())
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if isinstance(value, str):
        return _flow_text(value)
    return _plain_value(value)


# -- scalars -------------------------------------------------------------------------------


def _plain_value(value: Any) -> str:
    """A number, true/false or null as it is written (never text)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_text(value)
    raise TypeError(f"Steady does not write {type(value).__name__} values to YAML")


def _float_text(value: float) -> str:
    """Plain decimal with a point, so it reads back as this float: 1e-05 is ``0.00001``."""
    if not math.isfinite(value):
        raise ValueError(f"{value} cannot be written: Steady's files hold only finite numbers")
    text = repr(value)
    if "e" in text or "E" in text:
        from decimal import Decimal

        text = format(Decimal(text), "f")
    return text if "." in text else text + ".0"


def _scalar_lines(head: str, value: Any, inner: str) -> list[str]:
    if not isinstance(value, str):
        return [f"{head} {_plain_value(value)}"]
    if "\n" not in value and _plain_ok(value):
        return _folded(head, value, inner, quoted=False)
    if _literal_ok(value):
        return [f"{head} |-"] + [(inner + line) if line else "" for line in value.split("\n")]
    return _folded(head, value, inner, quoted=True)


def _key(key: Any) -> str:
    key = _check_key(key)
    return key if _plain_ok(key) else f'"{_escape(key)}"'


def _check_key(key: Any) -> str:
    if not isinstance(key, str):
        raise TypeError(f"Steady writes only text keys, not {key!r}")
    return key


def _flow_text(text: str) -> str:
    if _plain_ok(text) and not any(ch in _FLOW_INDICATORS for ch in text):
        return text
    return f'"{_escape(text)}"'


def _printable(ch: str) -> bool:
    if ch in "\t\n\r\x85\u2028\u2029\ufeff\ufffe\uffff":
        return False
    return unicodedata.category(ch) not in ("Cc", "Cs")


def _plain_ok(text: str) -> bool:
    """Whether `text` can be written without quotes and still read back as this same text."""
    if not text or text != text.strip(" ") or text[0] in _INDICATORS or text[0].isspace():
        return False
    if ": " in text or " #" in text or text.endswith(":") or text in ("<<", "="):
        return False
    if not all(_printable(ch) for ch in text):
        return False
    value, why = resolve_plain(text)  # the reader's own rules decide what stays text
    return why is None and value == text


def _literal_ok(text: str) -> bool:
    """Whether a ``|-`` block keeps `text` exactly: it has line breaks, but starts with no
    space (that would set the block's indentation) and ends with no break (``-`` strips it)."""
    return (
        "\n" in text
        and not text[0].isspace()
        and not text.endswith("\n")
        and all(_printable(ch) or ch in "\n\t" for ch in text)
    )


def _escape(text: str) -> str:
    out: list[str] = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif _printable(ch):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")
    return "".join(out)


def _folded(head: str, text: str, inner: str, quoted: bool) -> list[str]:
    """``head text`` as a plain or double-quoted scalar, folded at single spaces before WIDTH.

    YAML reads a line break inside such a scalar as one space, so breaking only where exactly
    one space sits between two other characters reads back as the very same text.
    """
    words: list[str] = []
    start = 0
    for i in range(1, len(text) - 1):
        if text[i] == " " and text[i - 1] != " " and text[i + 1] != " ":
            words.append(text[start:i])
            start = i + 1
    words.append(text[start:])
    encode = _escape if quoted else (lambda word: word)
    mark = '"' if quoted else ""
    lines: list[str] = []
    current = f"{head} {mark}{encode(words[0])}"
    for word in words[1:]:
        piece = encode(word)
        if len(current) + 1 + len(piece) + len(mark) > WIDTH:
            lines.append(current)
            current = inner + piece
        else:
            current += " " + piece
    lines.append(current + mark)
    return lines
