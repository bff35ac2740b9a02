"""Crisis lines (`kind: crisis-lines`) by country, offline, Qt-free.

Steady never goes online, so the numbers come from a file: the built-in
``exercises/crisis-lines.yaml`` with the user's ``DATA_DIR/crisis-lines.yaml`` over it (a
country there replaces the built-in entry for that country; `international` and `directory`
replace theirs). The country is the setting `crisis_country`, or else the one in the system
locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``en_GB.UTF-8`` gives GB). Without a known
country the international advice and the directory are shown.

Format::

    kind: crisis-lines
    international: If you are in danger right now, call your local emergency number.
    directory: findahelpline.com lists free helplines in many countries.
    countries:
      GB:
        name: United Kingdom
        emergency: "999"
        lines:
          - {name: Samaritans, phone: "116 123", hours: Any time, day or night, note: Free to call}
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.packaged import packaged_file
from app.core.printable import quoted
from app.core.problems import FileProblems, Problem
from app.core.schema_reader import INVALID, Path_, Reader, Text, YamlDoc, describe_value
from app.core.user_file import read_user_file
from app.core.yamlsafe import load_yaml

KIND = "crisis-lines"
BUILTIN_FILE = "crisis-lines.yaml"
TOP_KEYS = ("version", "kind", "international", "directory", "countries")
COUNTRY_KEYS = ("name", "emergency", "lines")
LINE_KEYS = ("name", "phone", "text", "hours", "note")
CODE_PATTERN = re.compile(r"[A-Z]{2}")
PHONE_PATTERN = re.compile(r"[0-9+][0-9 ()+-]{0,30}")
#: Common names that are not ISO 3166 codes.
ALIASES = {"UK": "GB"}
TEXT_MAX = 300


@dataclass(frozen=True)
class CrisisLine:
    name: str
    phone: str | None = None
    text: str | None = None
    hours: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    emergency: str | None
    lines: tuple[CrisisLine, ...]


@dataclass
class CrisisLines:
    international: str = ""
    directory: str = ""
    countries: dict[str, Country] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def for_country(self, code: str | None) -> Country | None:
        if not code:
            return None
        return self.countries.get(normalise_code(code) or "")


def normalise_code(code: str) -> str | None:
    upper = code.strip().upper()
    upper = ALIASES.get(upper, upper)
    return upper if CODE_PATTERN.fullmatch(upper) else None


def country_from_locale(environ: Mapping[str, str] | None = None) -> str | None:
    """The country of the system locale (``de_DE.UTF-8`` gives DE), or None (``C``, ``POSIX``)."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        match = re.match(r"[a-zA-Z]{2,3}[_-]([a-zA-Z]{2})(?:[.@]|$)", value)
        return normalise_code(match.group(1)) if match else None
    return None


def chosen_country(setting: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The setting when given, else the locale's country."""
    if setting:
        return normalise_code(setting)
    return country_from_locale(environ)


NAME = Text(80)
TEXT = Text(TEXT_MAX)
GUIDANCE = Text(TEXT_MAX, multiline=True)
NUMBER_KEYS = ("phone", "text")


def _dial_text(reader: Reader, mapping: dict[str, Any], path: Path_, key: str, spec: Text, width: int = 0) -> str | None:
    """The text of a number to dial; unquoted digits are reported, since YAML reads them as a
    number and loses leading zeros and spaces."""
    raw = mapping[key]
    if isinstance(raw, int) and not isinstance(raw, bool):
        example = f"{raw:0{width}d}"
        reader.add(path + (key,), f"write the number in quotes so that it keeps its spaces and leading zeros, e.g. {key}: \"{example}\"")
        return None
    text: str | None = reader.read(spec, raw, path + (key,), key)
    return text


def _read_line(reader: Reader, item: Any, path: Path_) -> CrisisLine | None:
    line = reader.mapping(item, path, "a line", '{name: Samaritans, phone: "116 123"}')
    if line is None:
        return None
    reader.check_keys(line, path, LINE_KEYS, "in a crisis line")
    if "name" not in line:
        reader.add(path, "this line has no name: add e.g. 'name: Samaritans'")
        return None
    values: dict[str, str | None] = {}
    ok = True
    for key in LINE_KEYS:
        if key not in line:
            values[key] = None
            continue
        dialled = key in NUMBER_KEYS
        value = _dial_text(reader, line, path, key, TEXT) if dialled else reader.read(TEXT, line[key], path + (key,), key)
        if value is None:
            ok = False
        elif dialled and not PHONE_PATTERN.fullmatch(value):
            reader.add(path + (key,), f"{key} should be a number to dial, e.g. \"116 123\"; put words in 'note' instead")
            ok = False
        values[key] = value
    if ok and not (values["phone"] or values["text"] or values["note"]):
        reader.add(path, "say how to reach this line: add a phone, a text number or a note")
        ok = False
    return CrisisLine(**values) if ok else None  # type: ignore[arg-type]


def _read_country(reader: Reader, code: str, body: Any, path: Path_) -> Country | None:
    normal = normalise_code(code)
    if normal is None:
        reader.add(path, f"{quoted(code)} is not a two-letter country code such as GB, US or DE", key=True)
        return None
    country = reader.mapping(body, path, f"country {code}", "{name: ..., lines: [...]}")
    if country is None:
        return None
    reader.check_keys(country, path, COUNTRY_KEYS, f"in country {code}")
    name = reader.field(country, path, "name", NAME)
    if "name" not in country:
        reader.add(path, f"country {code} has no name: add e.g. 'name: United Kingdom'")
    emergency = _dial_text(reader, country, path, "emergency", Text(20), width=3) if "emergency" in country else None
    raw_lines = country.get("lines", [])
    lines: list[CrisisLine] = []
    if raw_lines is not INVALID:
        if not isinstance(raw_lines, list):
            reader.add(path + ("lines",), f"lines must be a list of lines, not {describe_value(raw_lines)}")
        else:
            for index, item in enumerate(raw_lines):
                line = _read_line(reader, item, path + ("lines", index))
                if line is not None:
                    lines.append(line)
    return None if name is None else Country(normal, name, emergency, tuple(lines))


def lines_from_doc(doc: YamlDoc, display_path: str, kind_required: bool = True) -> CrisisLines:
    reader = Reader(doc)
    top = reader.top("a crisis-lines file", TOP_KEYS, f"'kind: {KIND}'")
    reader.kind_is(top, KIND, "a crisis-lines file", required=kind_required)
    result = CrisisLines()
    result.international = reader.field(top, (), "international", GUIDANCE) or ""
    result.directory = reader.field(top, (), "directory", GUIDANCE) or ""
    countries = top.get("countries", {})
    if countries is not INVALID and countries is not None:
        mapping = reader.mapping(countries, ("countries",), "countries", "{GB: {name: United Kingdom, lines: [...]}}")
        for code, body in (mapping or {}).items():
            country = _read_country(reader, code, body, ("countries", code))
            if country is not None:
                result.countries[country.code] = country
    reader.raise_if_any()
    return result


def load_crisis_lines(user_file: Path | None) -> CrisisLines:
    """The built-in lines with the user's file over them; a broken user file is reported and ignored."""
    data, display = packaged_file(BUILTIN_FILE)
    result = lines_from_doc(load_yaml(data, display), display)
    if user_file is None:
        return result
    try:
        user_data = read_user_file(user_file)
        if user_data is None:
            return result
        user = lines_from_doc(load_yaml(user_data, str(user_file)), str(user_file), kind_required=False)
    except FileProblems as error:
        result.problems.extend(error.problems)
        return result
    result.countries.update(user.countries)
    result.international = user.international or result.international
    result.directory = user.directory or result.directory
    return result


def validate_crisis_lines(doc: YamlDoc, display_path: str, path: Path) -> str:
    """`steady validate` for this kind (app.core.validate): the OK line's words, or FileProblems."""
    loaded = lines_from_doc(doc, display_path)
    return f"crisis lines for {len(loaded.countries)} countries"
