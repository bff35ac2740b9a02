"""The user's preferences, kept in DATA_DIR/settings.yaml.

Settings are a typed record (a NamedTuple: cheap to create, and this module loads on the way
to the first frame) so that every part reads typed values (QSettings would hand back strings
and lose float precision). The file is written atomically. A file that cannot be
read is set aside as `settings.yaml.corrupt-...` and reported, never overwritten with defaults.
Keys this version does not know are kept and written back, so a newer Steady's settings survive
a run of an older one.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from app.core.atomic import atomic_write_text
from app.core.corrupt import set_aside
from app.core.ids import EXERCISE_ID
from app.core.parse_cache import ParseCache, code_stamp, content_key
from app.core.problems import FileProblems, Problem
from app.core.schema_reader import Choice, Flag, Matches, Number, Reader, Spec, Text, YamlDoc
from app.core.user_file import read_user_file

if TYPE_CHECKING:
    from app.core.reminders.schedule import Reminder

THEMES = ("system", "light", "dark")
MOTION_CHOICES = ("system", "reduced", "full")


#: The default for `extra` and `rejected`: shared by every Settings(), so it must not change.
_NOTHING: Mapping[str, Any] = MappingProxyType({})


class Settings(NamedTuple):
    """Typed preferences with safe defaults; later features add fields here."""

    #: The exercise the triggered-moment flow and "Breathe now" start with.
    moment_exercise: str = "calm-exhale"
    #: "system" follows the desktop's motion preference where Qt exposes it.
    motion: str = "system"
    theme: str = "system"
    #: Country code for "Get help now" (e.g. GB); empty: the country of the system locale.
    crisis_country: str = ""
    #: How long the triggered-moment flow holds a drafted message before it offers to copy it.
    draft_cooling_minutes: int = 20
    sound_enabled: bool = True
    sound_set: str = "soft"
    volume: float = 0.6
    #: Daily practice reminders (app.core.reminders.schedule.Reminder); see app/core/reminders/store.py.
    reminders: tuple[Reminder, ...] = ()
    #: Keep running in the system tray when the window is closed (only where a tray exists).
    tray: bool = False
    start_at_login: bool = False
    #: The welcome screens were finished or skipped.
    first_run_done: bool = False
    #: Reminders are quiet until this wall-clock time (epoch seconds); None when not paused.
    reminders_paused_until: float | None = None
    extra: Mapping[str, Any] = _NOTHING
    #: Values from the file this version could not use, kept to be written back unchanged until
    #: the user sets that preference again (a typo in settings.yaml is never silently erased).
    rejected: Mapping[str, Any] = _NOTHING

    def with_changes(self, **changes: Any) -> Settings:
        rejected = {key: value for key, value in self.rejected.items() if key not in changes}
        return self._replace(**changes, rejected=rejected)


#: How each setting in settings.yaml is read; a value that cannot be used falls back to its
#: default on its own, is named with its line and column, and is kept to be written back.
SPECS: dict[str, Spec] = {
    "moment_exercise": EXERCISE_ID,
    "motion": Choice(MOTION_CHOICES),
    "theme": Choice(THEMES),
    "crisis_country": Matches(
        r"(?:[A-Z]{2})?",
        "{what} must be a two-letter country code such as GB or US, or \"\" for the system's, not {value}",
    ),
    "draft_cooling_minutes": Number(1, 24 * 60, unit="minutes", example="20", whole=True),
    "sound_enabled": Flag(),
    "sound_set": Text(40),
    "volume": Number(0.0, 1.0, example="0.6"),
    "tray": Flag(),
    "start_at_login": Flag(),
    "first_run_done": Flag(),
    # Epoch seconds; the last second of the year 9999 is as far as a date can be shown.
    "reminders_paused_until": Number(0, 253_402_300_799, unit="seconds", example="1767225600"),
}
#: Settings that may be written as `null`.
_NULLABLE = frozenset({"reminders_paused_until"})


class SettingsLoad:
    """What loading found: the settings to use, and anything the user should be told."""

    __slots__ = ("settings", "problems", "set_aside_as")

    def __init__(self, settings: Settings, problems: list[Problem] | None = None, set_aside_as: Path | None = None) -> None:
        self.settings = settings
        self.problems: list[Problem] = problems if problems is not None else []
        self.set_aside_as = set_aside_as


def settings_from_doc(doc: YamlDoc) -> tuple[Settings, list[Problem]]:
    """Typed settings from a parsed mapping; each unusable value falls back to its default and is reported."""
    reader = Reader(doc)
    data = doc.value
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    rejected: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("version", "kind"):
            continue
        if key == "reminders":
            if value is None or value == []:
                continue  # none set: the default, without loading the scheduler's modules before the first frame
            from app.core.reminders.store import UNUSABLE_KEY, read_reminders

            values[key], unusable = read_reminders(reader, value)
            if unusable:
                prior = data.get(UNUSABLE_KEY)
                extra[UNUSABLE_KEY] = (prior if isinstance(prior, list) else [] if prior is None else [prior]) + unusable
            continue
        if key not in SPECS:
            extra.setdefault(key, value)
            continue
        if value is None and key in _NULLABLE:
            values[key] = None
            continue
        with reader.noting("the default is used for now"):
            read = reader.read(SPECS[key], value, (key,), f"'{key}'")
        if read is None:
            rejected[key] = value
        else:
            values[key] = read
    return Settings(**values, extra=extra, rejected=rejected), sorted(reader.problems)


def load_settings(path: Path, cache: ParseCache | None = None) -> SettingsLoad:
    """Read settings; a missing file gives defaults, an unreadable one is set aside and reported.

    A file read before without problems comes from the parse cache, so a start imports no YAML.
    """
    try:
        data = read_user_file(path)
    except FileProblems as unreadable:
        return SettingsLoad(Settings(), [p._replace(message=f"{p.message}; defaults are used for now") for p in unreadable.problems])
    if data is None:
        return SettingsLoad(Settings())
    read = _read_settings(path, data, cache or _settings_cache())
    if isinstance(read, SettingsLoad):
        return read
    aside = None
    try:
        aside = set_aside(path)
    except OSError:
        pass
    note = f"kept as {aside.name}" if aside else "left in place"
    problems = list(read.problems)
    problems.append(Problem(str(path), 1, 1, f"settings could not be read and were {note}; defaults are used"))
    return SettingsLoad(Settings(), problems, aside)


def _settings_cache() -> ParseCache:
    return ParseCache("settings", code_stamp())


def _read_settings(path: Path, data: bytes, cache: ParseCache) -> SettingsLoad | FileProblems:
    """Settings from a file's bytes (cached when clean), or the problems that make it unreadable."""
    key = f"{path}|{content_key(data)}"
    cached = cache.get(key)
    if isinstance(cached, dict):
        settings, problems = settings_from_doc(YamlDoc(cached, str(path)))
        if not problems:
            cache.save()
            return SettingsLoad(settings)
    from app.core.yamlsafe import parse_yaml

    try:
        doc = parse_yaml(data, str(path))
        if not isinstance(doc.value, dict):
            raise FileProblems([Problem(str(path), 1, 1, "settings must be a mapping of names to values")])
    except FileProblems as broken:
        return broken
    settings, problems = settings_from_doc(doc)
    if not problems:
        cache.put(key, doc.value)
        cache.save()
    return SettingsLoad(settings, problems)


def settings_to_yaml(settings: Settings) -> str:
    """Readable YAML for settings.yaml, known keys first in a fixed order."""
    from app.core.yaml_writer import dump_yaml

    body: dict[str, Any] = {"version": 1}
    for name in Settings._fields:
        if name == "reminders":
            from app.core.reminders.store import reminders_to_plain

            body[name] = reminders_to_plain(settings.reminders)
        elif name in settings.rejected:
            body[name] = settings.rejected[name]
        elif name not in ("extra", "rejected"):
            body[name] = getattr(settings, name)
    for key, value in settings.extra.items():
        body.setdefault(key, value)
    return dump_yaml(body, comment="Steady settings. The app writes this file; you may edit it while Steady is closed.")


def save_settings(path: Path, settings: Settings) -> None:
    """Write settings atomically; OSError (read-only, disk full) is left to the caller to report.

    The text is read back before it is written: what the next start would make of it goes into
    the parse cache (so that start imports no YAML on the way to its first frame), and text that
    Steady's own reader would refuse is never written over a good file.
    """
    data = settings_to_yaml(settings).encode("utf-8")
    cache = _settings_cache()
    read = _read_settings(path, data, cache)
    if isinstance(read, FileProblems):
        raise ValueError(f"Steady made settings it cannot read back, so {path} was left as it was: {read.problems[0]}")
    atomic_write_text(path, data.decode("utf-8"))
