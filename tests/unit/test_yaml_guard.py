"""The PyYAML scanner guard: it stops hostile files after a few tokens a level, on the PyYAML pinned.

Speed itself is for `python -m bench cli` (validate_worst_ms); these tests check what makes it
fast and cannot depend on the machine: how many tokens the scanner made before it stopped.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from yaml.error import MarkedYAMLError
from yaml.scanner import Scanner

from app.core.yaml_guard import SCANNER_HOOKS, SCANNER_STATE, GuardedLoader, LimitReached, guarded_events
from app.core.yamlsafe import MAX_DEPTH, MAX_TOKENS

HOSTILE_NESTING = {
    "flow sequences": "[" * 100_000,
    "flow mappings": "{" * 100_000,
    "mixed flow": "[{" * 50_000,
    "closed flow": "[" * 100_000 + "]" * 100_000,
    "flow keys": "{a: [" * 30_000,
    "block sequences": "- " * 100_000 + "x\n",
    "indented mappings": "".join(" " * i + f"k{i}:\n" for i in range(600)),
}


def run(text: str) -> LimitReached:
    with pytest.raises(LimitReached) as stopped:
        for _event in guarded_events(text, MAX_DEPTH, MAX_TOKENS):
            pass
    return stopped.value


@pytest.mark.parametrize("name", list(HOSTILE_NESTING))
def test_deep_nesting_stops_after_a_few_tokens_a_level(name):
    stopped = run(HOSTILE_NESTING[name])
    assert stopped.limit == "depth"
    assert stopped.tokens_read <= 5 * MAX_DEPTH, stopped.tokens_read
    assert stopped.line >= 1 and stopped.column >= 1


def test_what_it_buys_pyyaml_alone_scans_far_ahead_before_the_first_deep_event():
    """Without the guard, PyYAML's public event API has scanned hundreds of tokens (its simple-key
    look-ahead, quadratic in the nesting) before an event shows the file is too deep."""
    loader = yaml.SafeLoader("[" * 100_000)
    try:
        depth = 0
        while depth <= MAX_DEPTH:
            if isinstance(loader.get_event(), yaml.SequenceStartEvent):
                depth += 1
        assert loader.tokens_taken + len(loader.tokens) > 500
    finally:
        loader.dispose()


@pytest.mark.parametrize("text", ["- 1\n" * 60_000, "[" + ",".join(["1"] * 60_000) + "]", "a: b\n" * 30_000])
def test_token_floods_stop_at_the_token_limit(text):
    stopped = run(text)
    assert stopped.limit == "tokens"
    assert MAX_TOKENS < stopped.tokens_read <= MAX_TOKENS + 10


def test_ordinary_files_pass_through_as_pyyaml_parses_them():
    text = "name: x\nphases:\n  - {inhale: 4}\n  - exhale: 6\nminutes: 3\n"
    guarded = [(type(e).__name__, getattr(e, "value", None)) for e in guarded_events(text, MAX_DEPTH, MAX_TOKENS)]
    public = [(type(e).__name__, getattr(e, "value", None)) for e in yaml.parse(text, Loader=yaml.SafeLoader)]
    assert guarded == public


def test_syntax_errors_come_through_as_pyyaml_reports_them():
    with pytest.raises(MarkedYAMLError):
        list(guarded_events("a: [1, 2\nb: 3\n", MAX_DEPTH, MAX_TOKENS))


def test_only_the_pure_python_loader_is_used():
    """PyYAML's C loader recurses in C on deep nesting and kills the process; it must never be in the chain."""
    modules = {cls.__module__ for cls in GuardedLoader.__mro__}
    assert not any("_yaml" in module or "cyaml" in module for module in modules), modules


def test_the_scanner_internals_the_guard_relies_on_exist_in_this_pyyaml():
    for name in SCANNER_HOOKS:
        assert callable(getattr(Scanner, name, None)), name
    loader = GuardedLoader("a: 1\n", MAX_DEPTH, MAX_TOKENS)
    try:
        for name in SCANNER_STATE:
            assert hasattr(loader, name), name
    finally:
        loader.dispose()


def test_the_installed_pyyaml_is_in_the_range_pinned_for_the_guard():
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    (pin,) = [dep for dep in pyproject["project"]["dependencies"] if dep.lower().startswith("pyyaml")]
    low, high = re.fullmatch(r"PyYAML>=([\d.]+),<([\d.]+)", pin, re.IGNORECASE).groups()

    def version(text: str) -> tuple[int, ...]:
        return tuple(int(part) for part in text.split("."))

    assert version(low) <= version(yaml.__version__) < version(high)
