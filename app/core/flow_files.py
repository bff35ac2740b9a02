"""The flow on disk: the built-in file with the user's over it, and the user's lists written back.

`load_flow` takes a file that was read cleanly before from the parse cache, so `steady now`
imports no YAML on its way to the pacer; a new or changed file is read by app.core.flow_schema.
`save_user_value` writes one key of the user's file and never writes over a file it cannot read.
This module sits above both app.core.flow (what the flow is) and app.core.flow_schema (how a
file is checked), so neither imports the other back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from app.core.atomic import atomic_write_text
from app.core.flow import BUILTIN_FILE, KIND, SCHEMA, Flow, Parts, SignalGroup, TriggerChoice
from app.core.packaged import packaged_file
from app.core.parse_cache import ParseCache, code_stamp, content_key
from app.core.problems import FileProblems, Problem
from app.core.user_file import read_user_file


def merge(base: Parts, over: Parts) -> Parts:
    merged = {section: dict(values) for section, values in base.items()}
    for section, values in over.items():
        merged.setdefault(section, {}).update(values)
    return merged


class FlowLoad(NamedTuple):
    flow: Flow
    problems: list[Problem]


def load_flow(user_dir: Path | None) -> FlowLoad:
    """The built-in flow with the user's ``moment-flow.yaml`` over it; a broken user file is reported and ignored."""
    cache = ParseCache("flow", code_stamp())
    data, display = packaged_file(BUILTIN_FILE)
    name, parts = _read_parts(data, display, cache, complete=True)
    problems: list[Problem] = []
    if user_dir is not None:
        path = Path(user_dir) / BUILTIN_FILE
        try:
            user_bytes = read_user_file(path)
            if user_bytes is not None:
                user_name, user_parts = _read_parts(user_bytes, str(path), cache, complete=False)
                parts = merge(parts, user_parts)
                name = user_name or name
        except FileProblems as error:
            problems.extend(error.problems)
    cache.save()
    return FlowLoad(Flow(name or "Steady through a moment", parts), problems)


def _read_parts(data: bytes, display_path: str, cache: ParseCache, complete: bool) -> tuple[str | None, Parts]:
    """(name, sections) of one flow file: from the cache when these bytes were read cleanly before."""
    key = f"{display_path}|{content_key(data)}"
    cached = cache.get(key)
    if isinstance(cached, dict) and isinstance(cached.get("parts"), dict):
        return cached.get("name"), parts_from_plain(cached["parts"])
    from app.core.flow_schema import read_flow_file  # needs the YAML reader: only for a new file

    name, parts = read_flow_file(data, display_path, complete=complete)  # raises FileProblems
    cache.put(key, {"name": name, "parts": parts_to_plain(parts)})
    return name, parts


def parts_to_plain(parts: Parts) -> dict[str, dict[str, Any]]:
    """Sections as JSON-ready values (for the parse cache); `parts_from_plain` reverses it."""
    return {section: {key: _plain_value(SCHEMA[section][key], value) for key, value in values.items()} for section, values in parts.items()}


def parts_from_plain(plain: dict[str, dict[str, Any]]) -> Parts:
    return {section: {key: _typed_value(SCHEMA[section][key], value) for key, value in values.items()} for section, values in plain.items()}


def _plain_value(kind: str, value: Any) -> Any:
    if kind == "groups":
        return [{"title": group.title, "items": list(group.items)} for group in value]
    if kind == "choices":
        return [{"text": choice.text, "tag": choice.tag} for choice in value]
    if kind in ("list", "waits"):
        return list(value)
    return value


def _typed_value(kind: str, value: Any) -> Any:
    if kind == "groups":
        return tuple(SignalGroup(group["title"], tuple(group["items"])) for group in value)
    if kind == "choices":
        return tuple(TriggerChoice(choice["text"], choice["tag"]) for choice in value)
    if kind in ("list", "waits"):
        return tuple(value)
    return value


# -- the user's lists, written back ------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, TriggerChoice):
        return {"text": value.text, "tag": value.tag} if value.tag else value.text
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def save_user_value(user_dir: Path, section: str, key: str, value: Any) -> Path:
    """Write one key of the user's flow file, keeping everything else in it.

    Raises FileProblems when the existing file cannot be read (it is then left alone: the user's
    file is never replaced by one the app made up), OSError when it cannot be written.
    """
    if section not in SCHEMA or key not in SCHEMA[section]:
        raise KeyError(f"{section}.{key}")
    path = Path(user_dir) / BUILTIN_FILE
    body: dict[str, Any] = {"version": 1, "kind": KIND}
    data = read_user_file(path)
    from app.core.flow_schema import read_flow_doc

    if data is not None:
        body.update(read_flow_doc(data, str(path)))  # raises when it is broken
    section_body = dict(body.get(section) or {})
    section_body[key] = _plain(value)
    body[section] = section_body
    Path(user_dir).mkdir(mode=0o700, parents=True, exist_ok=True)
    from app.core.yaml_writer import dump_yaml

    text = dump_yaml(body, comment="Your version of Steady's triggered-moment flow. Keys here replace the built-in ones.")
    read_flow_doc(text.encode("utf-8"), str(path))  # never write what Steady would then refuse to read
    atomic_write_text(path, text)
    return path
