"""What a YAML scalar means in a Steady file: the one rule the reader and the writer share.

Plain (unquoted) scalars follow a small YAML 1.2-style core: ``true``/``false``,
``null``/``~``/empty, decimal integers and decimal fractions; everything else is text. Anything
YAML 1.1 tools would read differently (sexagesimal ``4:00``, ``yes/no/on/off``, ``012``,
``0x1F``, ``1_000``, ``.nan``, ``.inf``, exponents) is refused with a message that says how to
write it, and so is a number Python cannot hold: a whole number of more than
`MAX_INTEGER_DIGITS` digits (Python refuses more than 4,300, and no Steady file needs a tenth
of them) and a decimal too large for a float (over about 1.8e308, which would become infinity).
Every finite float is read, so that whatever the writer writes reads back. Quoted text is always text. The writer (app.core.yaml_writer) writes a string plain
only where `resolve_plain` gives that same string back, so what Steady writes it reads back.
"""

from __future__ import annotations

import math
import re
from typing import Any

from app.core.printable import quoted
from app.core.schema_reader import INVALID

STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"

#: Longest scalar quoted in full in a message.
SCALAR_LIMIT = 40
#: The most digits of a whole number in a Steady file (an epoch second has 10).
MAX_INTEGER_DIGITS = 100

_INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
#: Decimal numbers of every shape YAML knows: plain, leading zero, minutes:seconds, 1_000.
_DECIMAL_SHAPE_RE = re.compile(r"[-+]?[0-9_.:]+")
_FLOAT_RE = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)")
_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
_YES_NO_WORDS = frozenset("y Y yes Yes YES n N no No NO on On ON off Off OFF".split())
_CAPITAL_BOOL = frozenset({"True", "TRUE", "False", "FALSE"})
_SEXAGESIMAL_RE = re.compile(r"([-+]?)([0-9][0-9_]*)((?::[0-5]?[0-9])+)(\.[0-9_]*)?")
_LEADING_ZERO_RE = re.compile(r"[-+]?0[0-9_]+")
_BASE_PREFIX_RE = re.compile(r"[-+]?0(?:[xX][0-9a-fA-F_]+|[oO][0-7_]+|[bB][01_]+)")
_UNDERSCORE_NUMBER_RE = re.compile(r"[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?|[-+]?\.[0-9_]+")
_EXPONENT_RE = re.compile(r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)[eE][-+]?[0-9]+")
_NAN_INF_RE = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")


def _fix_number_text(text: str) -> str:
    return text.replace("_", "")


def _number_too_long(text: str) -> str:
    digits = sum(ch.isdigit() for ch in text)
    return (
        f"{quoted(text, 15)} is a number with {digits:,} digits, far more than Steady can use: "
        "write a smaller number, or put it in quotes if you mean the text"
    )


def too_many_digits(text: str) -> str | None:
    """Why a number written in decimal is too long to hold as a whole number, or None; checked
    before any conversion (YAML 1.1's 012, 1_000 and 4:00 forms included)."""
    if len(text) <= MAX_INTEGER_DIGITS or not _DECIMAL_SHAPE_RE.fullmatch(text):
        return None
    if sum(ch.isdigit() for ch in text) <= MAX_INTEGER_DIGITS:
        return None
    return _number_too_long(text)


def _decimal(text: str) -> tuple[Any, str | None]:
    """A decimal fraction as a float, or INVALID when it is too large for one."""
    value = float(text)
    if math.isinf(value):
        return INVALID, _number_too_long(text)
    return value, None


def plain_scalar_problem(text: str) -> str | None:
    """Why a plain (unquoted) scalar would be read differently by YAML 1.1 tools, or None."""
    too_long = too_many_digits(text)
    if too_long is not None:
        return too_long
    if text in _YES_NO_WORDS:
        return (
            f"{quoted(text, SCALAR_LIMIT)} is read as a yes/no value by some YAML tools (YAML 1.1): write true or false, "
            f"or put it in quotes (\"{text}\") if you mean the text"
        )
    if text in _CAPITAL_BOOL:
        return (
            f"write yes/no values in lower case, true or false, not {quoted(text, SCALAR_LIMIT)}; "
            f"or put it in quotes (\"{text}\") if you mean the text"
        )
    if _NAN_INF_RE.fullmatch(text):
        return f"{quoted(text, SCALAR_LIMIT)} (not a number or infinity) is not allowed: write a plain number such as 4 or 7.5"
    match = _SEXAGESIMAL_RE.fullmatch(text)
    if match:
        sign, head, tail, fraction = match.groups()
        total = float(head.replace("_", ""))
        for part in tail.split(":")[1:]:
            total = total * 60 + int(part)
        if fraction:
            total += float("0" + fraction.replace("_", "") if fraction != "." else "0")
        reads_as = f"{sign if sign == '-' else ''}{total:g}"
        return (
            f"{quoted(text, SCALAR_LIMIT)} looks like minutes:seconds, which YAML 1.1 reads as {reads_as} (counting in 60s): "
            f"write one plain number instead (for 4:00, 240 seconds or 4 minutes), or put it in quotes "
            f"(\"{text}\") if you mean a time of day or text"
        )
    if _BASE_PREFIX_RE.fullmatch(text):
        return (
            f"{quoted(text, SCALAR_LIMIT)} is a hexadecimal, octal or binary number: write numbers in plain decimal, "
            "or put it in quotes if you mean the text"
        )
    if _LEADING_ZERO_RE.fullmatch(text):
        digits = _fix_number_text(text).lstrip("+")
        negative = digits.startswith("-")
        cleaned = str(int(digits.lstrip("-"))) if digits.lstrip("-").isdigit() else digits
        suggestion = ("-" if negative else "") + cleaned
        return (
            f"{quoted(text, SCALAR_LIMIT)} starts with a zero, which YAML 1.1 reads as an octal number: "
            f"write {suggestion}, or put it in quotes if you mean the text"
        )
    if "_" in text and _UNDERSCORE_NUMBER_RE.fullmatch(text):
        return (
            f"{quoted(text, SCALAR_LIMIT)} uses '_' between digits, which some YAML tools ignore and others do not: "
            f"write {_fix_number_text(text)}, or put it in quotes if you mean the text"
        )
    if _EXPONENT_RE.fullmatch(text):
        return f"{quoted(text, SCALAR_LIMIT)} uses an exponent: write it as a plain decimal number such as 1000 or 0.5"
    return None


def resolve_plain(text: str) -> tuple[Any, str | None]:
    """The value of an untagged plain scalar, or INVALID and why."""
    if text in _NULL_WORDS:
        return None, None
    if text == "true":
        return True, None
    if text == "false":
        return False, None
    if _FLOAT_RE.fullmatch(text):
        return _decimal(text)
    too_long = too_many_digits(text)
    if too_long is not None:
        return INVALID, too_long
    if _INT_RE.fullmatch(text):
        return int(text), None
    problem = plain_scalar_problem(text)
    if problem is not None:
        return INVALID, problem
    return text, None


def resolve_tagged(tag: str, text: str) -> tuple[Any, str | None]:
    """The value of a scalar with an explicit standard tag, or INVALID and why."""
    if tag in (STR_TAG, "!"):
        return text, None
    if tag == NULL_TAG:
        if text in _NULL_WORDS:
            return None, None
        return INVALID, f"{quoted(text, SCALAR_LIMIT)} is tagged !!null but is not empty, ~ or null: remove the tag or the text"
    if tag == BOOL_TAG:
        if text in ("true", "false"):
            return text == "true", None
        return INVALID, f"{quoted(text, SCALAR_LIMIT)} is tagged !!bool: write true or false"
    if tag == INT_TAG:
        too_long = too_many_digits(text)
        if too_long is not None:
            return INVALID, too_long
        if _INT_RE.fullmatch(text):
            return int(text), None
        return INVALID, f"{quoted(text, SCALAR_LIMIT)} is tagged !!int but is not a whole number in plain decimal, such as 12"
    if tag == FLOAT_TAG:
        if _INT_RE.fullmatch(text) or _FLOAT_RE.fullmatch(text):
            return _decimal(text)
        return INVALID, f"{quoted(text, SCALAR_LIMIT)} is tagged !!float but is not a plain decimal number such as 7.5"
    return INVALID, tag_message(tag)


def tag_message(tag: str) -> str:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return f"the tag {quoted(shown, SCALAR_LIMIT)} is not allowed in Steady files: remove it"
