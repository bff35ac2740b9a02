"""The benchmark contract (CONVENTIONS.md, docs/BENCHMARKS.md): JSON lines, keys, exit codes,
the paired-ratio rule, and Steady started through the launcher. No Qt and no child apps, except
`python -m bench --list` and one `python -m bench.launch list`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types

import pytest

import bench.__main__ as harness
from bench import common

REQUIRED_KEYS = {"bench", "metric", "value", "unit", "goal", "better"}


def test_paired_ratio_is_the_median_of_the_ratios_of_pairs() -> None:
    steady = [2.0, 9.0, 10.0]
    baseline = [1.0, 3.0, 1.0]
    # Ratios 2, 3, 10: the median is 3, while median(A) / median(B) would be 9.
    assert common.paired_ratio(steady, baseline) == 3.0
    assert common.paired_ratio([3.0, 1.0], [1.0, 1.0]) == 2.0  # even count: mean of the middle two


@pytest.mark.parametrize("a, b", [([], []), ([1.0], [1.0, 2.0])])
def test_paired_ratio_refuses_unpaired_data(a: list[float], b: list[float]) -> None:
    with pytest.raises(ValueError):
        common.paired_ratio(a, b)


def test_interleaved_warms_up_then_alternates() -> None:
    calls: list[str] = []

    def side(name: str, value: float):
        def measure() -> float:
            calls.append(name)
            return value

        return measure

    a, b = common.interleaved(side("A", 2.0), side("B", 1.0), pairs=3)
    assert calls == ["A", "B", "A", "B", "A", "B", "A", "B"]  # the first A B is the warm-up
    assert a == [2.0, 2.0, 2.0] and b == [1.0, 1.0, 1.0]


def test_interleaved_stops_when_the_budget_is_spent() -> None:
    a, b = common.interleaved(lambda: 1.0, lambda: 1.0, pairs=50, budget=common.Budget(0.0), warm_up=False)
    assert len(a) == len(b) == 1  # min_pairs is always measured


def test_percentile_interpolates_between_ranks() -> None:
    values = [float(v) for v in range(1, 101)]
    assert common.percentile(values, 0) == 1.0
    assert common.percentile(values, 100) == 100.0
    assert common.percentile(values, 50) == pytest.approx(50.5)
    assert common.percentile(values, 99) == pytest.approx(99.01)
    assert common.percentile([5.0], 99) == 5.0


def test_result_lines_carry_the_contract_keys_in_order() -> None:
    line = common.result("startup", "first_frame_ratio", 1.21349, "x", 1.4, "lower", pairs=15)
    assert list(line)[:6] == ["bench", "metric", "value", "unit", "goal", "better"]
    assert line["value"] == 1.213 and line["pairs"] == 15
    assert json.loads(json.dumps(line)) == line
    with pytest.raises(ValueError):
        common.result("x", "y", 1.0, "ms", 1, "smaller")


@pytest.mark.parametrize(
    "line, met",
    [
        ({"value": 1.2, "goal": 1.4, "better": "lower"}, True),
        ({"value": 1.4, "goal": 1.4, "better": "lower"}, True),
        ({"value": 1.5, "goal": 1.4, "better": "lower"}, False),
        ({"value": 10, "goal": 20, "better": "higher"}, False),
        ({"value": 30, "goal": 20, "better": "higher"}, True),
        ({"value": 999, "goal": None, "better": "lower"}, True),
        ({"bench": "x", "error": "boom"}, False),
    ],
)
def test_goal_met(line: dict, met: bool) -> None:
    assert common.goal_met(line) is met


def _fake_bench(monkeypatch: pytest.MonkeyPatch, name: str, run) -> None:
    module = types.ModuleType(f"bench.{name}")
    module.run = run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, f"bench.{name}", module)
    monkeypatch.setattr(harness, "discover", lambda: ["fake_ok", "fake_missed", "fake_broken"])


def test_harness_prints_one_json_object_per_line(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    seen_quick: list[bool] = []

    def ok(quick: bool):
        seen_quick.append(quick)
        yield common.result("fake_ok", "drift_ms", 0.001, "ms", 1, "lower")

    def missed(quick: bool):
        yield common.result("fake_missed", "cpu_ratio", 2.0, "x", 1.5, "lower")

    def broken(quick: bool):
        yield common.result("fake_broken", "first_ms", 5.0, "ms", None, "lower")
        raise RuntimeError("the app is not there")

    _fake_bench(monkeypatch, "fake_ok", ok)
    _fake_bench(monkeypatch, "fake_missed", missed)
    _fake_bench(monkeypatch, "fake_broken", broken)

    assert harness.main(["--in-process", "--quick", "fake_ok"]) == 0
    assert seen_quick == [True]
    capsys.readouterr()

    assert harness.main(["--in-process"]) == 1  # a goal missed and a bench broken, the run goes on
    lines = [json.loads(raw) for raw in capsys.readouterr().out.splitlines()]
    assert [line["bench"] for line in lines] == ["fake_ok", "fake_missed", "fake_broken", "fake_broken"]
    for line in lines[:3]:
        assert REQUIRED_KEYS <= set(line)
    assert "the app is not there" in lines[3]["error"]


def test_harness_lists_the_benchmarks_and_refuses_unknown_names() -> None:
    env = {**os.environ, "PYTHONPATH": str(common.ROOT)}
    listed = subprocess.run(
        [sys.executable, "-m", "bench", "--list"], cwd=common.ROOT, env=env, capture_output=True, text=True, check=True
    )
    names = listed.stdout.split()
    assert names[:4] == ["startup", "animation", "timing", "cli"]
    assert "common" not in names and "baselines" not in names
    unknown = subprocess.run(
        [sys.executable, "-m", "bench", "no_such_bench"], cwd=common.ROOT, env=env, capture_output=True, text=True
    )
    assert unknown.returncode == 2 and "no_such_bench" in unknown.stderr


def test_proc_readers_see_this_process() -> None:
    sum(i * i for i in range(200_000))
    assert common.cpu_seconds(os.getpid()) > 0
    assert common.rss_bytes(os.getpid()) > 1_000_000


def test_child_env_defaults_to_offscreen_and_applies_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("STEADY_HOME", "/somewhere")
    env = common.child_env({"XDG_RUNTIME_DIR": "/tmp/x", "HOME": None})
    assert env["QT_QPA_PLATFORM"] == "offscreen"
    assert "HOME" not in env and env["STEADY_HOME"] == "/somewhere"
    assert env["XDG_RUNTIME_DIR"] == "/tmp/x"
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert common.child_env()["QT_QPA_PLATFORM"] == "xcb"


def test_steady_is_started_through_the_launcher_with_what_to_watch() -> None:
    from bench.launch import Watch, parse

    argv = common.steady_command("breathe", "calm-exhale", "--data-dir", "/d", first_frame=True, frame_log="/f")
    assert argv[:3] == [sys.executable, "-m", "bench.launch"]
    watch, args = parse(argv[3:])
    assert watch == Watch(first_frame=True, frame_log="/f")
    assert args == ["breathe", "calm-exhale", "--data-dir", "/d"]
    assert parse(common.steady_command("now", hide=True, handover_log="/h")[3:]) == (
        Watch(hide=True, handover_log="/h"),
        ["now"],
    )
    assert parse(["--data-dir", "/d", "now"]) == (Watch(), ["--data-dir", "/d", "now"]), "Steady's options pass through"
    with pytest.raises(ValueError, match="--frame-log needs a PATH"):
        parse(["--frame-log"])


def test_the_launcher_runs_steadys_own_command_line(tmp_path) -> None:
    env = {**os.environ, "PYTHONPATH": str(common.ROOT)}
    listed = subprocess.run(
        common.steady_command("list", "--data-dir", str(tmp_path / "data")),
        cwd=common.ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert listed.returncode == 0, listed.stderr
    assert any(line.startswith("calm-exhale\t") for line in listed.stdout.splitlines())


def test_the_product_holds_no_benchmark_hooks() -> None:
    """Benchmarks reach Steady through the launcher's window hook, never through variables the app reads."""
    for folder in ("app", "widgets"):
        for path in (common.ROOT / folder).rglob("*.py"):
            assert "STEADY_BENCH" not in path.read_text(encoding="utf-8"), path


@pytest.mark.slow
def test_drift_bench_finds_no_drift_in_an_hour() -> None:
    from bench.timing import drift_error_ms

    error_ms, boundaries = drift_error_ms(seed=7)
    assert boundaries > 700
    assert error_ms <= 1.0
