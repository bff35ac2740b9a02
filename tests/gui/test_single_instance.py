"""One instance per data folder, with real processes: handover, bursts, and kill -9."""

from __future__ import annotations

import json
import signal
import subprocess

import pytest
from PySide6.QtCore import QCoreApplication

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
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def test_a_second_start_hands_its_command_over_and_exits(primary, qtbot):
    data, process = primary
    second = run_steady("breathe", "coherent", "--data-dir", str(data))
    assert second.returncode == 0, second.stderr
    qtbot.waitUntil(lambda: "request: breathe coherent" in log_text(data), timeout=5000)
    assert process.poll() is None


def send_raw(socket_name: str, line: bytes) -> bytes:
    """What the instance answers to one raw line on its hand-over socket."""
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(30)
        client.connect(socket_name)
        client.sendall(line)
        try:
            return client.recv(16)
        except OSError:
            return b""


def test_hostile_requests_are_refused_without_a_trace_or_a_forged_log_line(primary, qtbot):
    from app.paths import DataPaths

    data, process = primary
    socket_name = DataPaths(data).socket_name
    forged = "2030-01-01 00:00:00,000 WARNING steady: FORGED"
    hostile = [
        b'{"command": "now", "x": ' + b"[" * 2000 + b"]" * 2000 + b"}\n",
        b"[" * 4000 + b"\n",
        json.dumps({"command": "breathe", "exercise_id": f"box\n{forged}"}).encode() + b"\n",
        json.dumps({"command": "breathe", "exercise_id": "\x1b]0;pwned\x07"}).encode() + b"\n",
        json.dumps({"command": "now", "exercise_id": ["box"]}).encode() + b"\n",
        b'{"command": "now", "command": "open"}\n',
    ]
    for line in hostile:
        assert send_raw(socket_name, line) == b"", line[:60]  # refused: no acknowledgement
    assert run_steady("breathe", "coherent", "--data-dir", str(data)).returncode == 0  # still serving
    qtbot.waitUntil(lambda: "request: breathe coherent" in log_text(data), timeout=30_000)
    log = log_text(data)
    assert "Traceback" not in log and "unexpected error" not in log, log
    assert not any(line.startswith(forged) for line in log.splitlines()), log
    assert "\x1b" not in log and "pwned" not in log
    assert process.poll() is None


def test_a_burst_of_starts_leaves_exactly_one_instance(tmp_path, qtbot):
    data = tmp_path / "data"
    processes = [start_steady("breathe", "--data-dir", str(data)) for _ in range(8)]
    try:
        qtbot.waitUntil(lambda: sum(p.poll() is not None for p in processes) == 7, timeout=30000)
        running = [p for p in processes if p.poll() is None]
        assert len(running) == 1
        assert all(p.returncode == 0 for p in processes if p.poll() is not None)
    finally:  # never leave a Steady running behind a failed test
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)


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


# -- the hand-over server in this process (plain Unix socket watched by QSocketNotifier) ----------

import os  # noqa: E402
import socket  # noqa: E402
import threading  # noqa: E402

from app.gui.handover import LaunchRequest, send_request_plain  # noqa: E402
from app.gui.single_instance import RequestServer  # noqa: E402


def in_thread(work):
    """Run a blocking client call beside the event loop; the result lands in the returned list."""
    out: list = []
    threading.Thread(target=lambda: out.append(work()), daemon=True).start()
    return out


@pytest.fixture
def server(tmp_path, qtbot):
    path = str(tmp_path / "steady.sock")
    with open(path, "w") as stale:  # left by a dead instance: replaced, since this process holds the lock
        stale.write("")
    srv = RequestServer(path)
    assert srv.listen()
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    received: list[LaunchRequest] = []
    srv.requestReceived.connect(received.append)
    yield path, srv, received
    srv.close()
    assert not os.path.exists(path)


def test_the_server_acknowledges_and_emits_each_request(server, qtbot):
    path, _srv, received = server
    replies = in_thread(lambda: [send_request_plain(path, LaunchRequest("now")), send_request_plain(path, LaunchRequest("breathe", "box"))])
    qtbot.waitUntil(lambda: replies == [[True, True]])
    assert received == [LaunchRequest("now"), LaunchRequest("breathe", "box")]


def test_garbage_and_silent_clients_are_dropped_and_the_server_keeps_serving(server, qtbot, monkeypatch):
    import app.gui.single_instance as single_instance

    path, _srv, received = server

    def garbage() -> bytes:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(30)
            client.connect(path)
            client.sendall(b'{"command": "rm -rf"}\n')
            return client.recv(16)

    def silent() -> bytes:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(30)
            client.connect(path)
            return client.recv(16)  # the server hangs up after its timeout

    # Garbage under the normal timeout (a busy machine may take a while between connect and send),
    # then a silent client under a short one.
    from_garbage = in_thread(garbage)
    qtbot.waitUntil(lambda: bool(from_garbage), timeout=30_000)
    monkeypatch.setattr(single_instance, "REQUEST_TIMEOUT_MS", 50)
    from_silent = in_thread(silent)
    qtbot.waitUntil(lambda: bool(from_silent), timeout=30_000)
    monkeypatch.setattr(single_instance, "REQUEST_TIMEOUT_MS", 30_000)
    from_steady = in_thread(lambda: send_request_plain(path, LaunchRequest("now")))
    qtbot.waitUntil(lambda: bool(from_steady), timeout=30_000)
    assert (from_garbage, from_silent, from_steady) == ([b""], [b""], [True])
    assert received == [LaunchRequest("now")]


def test_a_failing_accept_rests_instead_of_spinning(server, qtbot, monkeypatch):
    """Out of file descriptors: the server pauses its notifier and tries again a moment later."""
    import app.gui.single_instance as single_instance

    path, srv, received = server
    # A rest far longer than the test, so that no busy machine lets a retry slip in before the
    # check below; the retry is then brought forward by hand.
    monkeypatch.setattr(single_instance, "ACCEPT_RETRY_MS", 3_600_000)
    real_socket = srv._socket
    calls = []

    class NoDescriptors:
        def accept(self):
            calls.append(1)
            raise OSError(24, "Too many open files")

        def __getattr__(self, name):
            return getattr(real_socket, name)

    srv._socket = NoDescriptors()
    replies = in_thread(lambda: send_request_plain(path, LaunchRequest("now")))
    qtbot.waitUntil(lambda: bool(calls), timeout=30_000)
    for _ in range(20):
        QCoreApplication.processEvents()
    assert len(calls) == 1 and not srv._notifier.isEnabled()  # resting, not spinning
    srv._socket = real_socket
    srv._notifier.setEnabled(True)  # what the rest's timer does when it ends
    qtbot.waitUntil(lambda: replies == [True], timeout=30_000)
    assert received == [LaunchRequest("now")]


# -- what a request may look like, and how the log shows outside text ----------------------------


@pytest.mark.parametrize("request_", [LaunchRequest(), LaunchRequest("now"), LaunchRequest("breathe", "4-7-8")])
def test_every_request_steady_sends_is_read_back(request_):
    assert LaunchRequest.from_bytes(request_.to_bytes().rstrip(b"\n")) == request_


@pytest.mark.parametrize(
    "line",
    [
        b'{"command": "now", "x": ' + b"[" * 2000 + b"]" * 2000 + b"}",
        b"{" * 3000,
        b'{"command": "now", "exercise_id": "' + b"a" * 5000 + b'"}',
        b'{"command": "now", "command": "open"}',
        b'{"command": "now", "extra": 1}',
        b'{"command": "breathe", "exercise_id": "Box"}',
        b'{"command": "breathe", "exercise_id": "box\\nforged"}',
        b'{"command": "shutdown"}',
        b'"now"',
        b"\xff\xfe",
    ],
)
def test_anything_else_is_refused_before_it_is_read_deeply(line):
    assert LaunchRequest.from_bytes(line) is None


def test_the_log_shows_outside_text_on_one_line(tmp_path):
    import logging

    from app.logs import PrintableFormatter

    record = logging.LogRecord("steady", logging.INFO, __file__, 1, "request: %s %s", ("breathe", "box\n2030 FORGED\x1b[31m"), None)
    line = PrintableFormatter("%(levelname)s %(message)s").format(record)
    assert line == "INFO request: breathe box\\n2030 FORGED\\x1b[31m"
