"""One instance per data folder, with real processes: handover, bursts, and kill -9."""

from __future__ import annotations

import signal

import pytest

from tests.helpers.processes import log_text, run_steady, start_steady


@pytest.fixture
def primary(tmp_path, qtbot):
    data = tmp_path / "data"
    process = start_steady("breathe", "box", "--data-dir", str(data))
    qtbot.waitUntil(lambda: "Steady started" in log_text(data) or process.poll() is not None, timeout=20000)
    assert process.poll() is None, process.stderr.read()
    yield data, process
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=10)


def test_a_second_start_hands_its_command_over_and_exits(primary, qtbot):
    data, process = primary
    second = run_steady("breathe", "coherent", "--data-dir", str(data))
    assert second.returncode == 0, second.stderr
    qtbot.waitUntil(lambda: "request: breathe coherent" in log_text(data), timeout=5000)
    assert process.poll() is None


def test_a_burst_of_starts_leaves_exactly_one_instance(tmp_path, qtbot):
    data = tmp_path / "data"
    processes = [start_steady("breathe", "--data-dir", str(data)) for _ in range(8)]
    qtbot.waitUntil(lambda: sum(p.poll() is not None for p in processes) == 7, timeout=30000)
    running = [p for p in processes if p.poll() is None]
    assert len(running) == 1
    assert all(p.returncode == 0 for p in processes if p.poll() is not None)
    running[0].terminate()
    running[0].wait(timeout=10)


def test_a_lock_left_by_kill_9_does_not_block_the_next_start(primary, qtbot):
    data, process = primary
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    successor = start_steady("breathe", "--data-dir", str(data))
    try:
        qtbot.waitUntil(lambda: log_text(data).count("Steady started") == 2 or successor.poll() is not None, timeout=20000)
        assert successor.poll() is None, successor.stderr.read()
    finally:
        successor.terminate()
        successor.wait(timeout=10)
