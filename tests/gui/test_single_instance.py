"""One instance per data folder, with real processes: handover, bursts, and kill -9."""

from __future__ import annotations

import json
import signal
import subprocess

import pytest
from PySide6.QtCore import QCoreApplication

from tests.helpers.processes import log_text, run_steady, start_steady, stop


@pytest.fixture
def primary(tmp_path, qtbot):
    data = tmp_path / "data"
    process = start_steady("breathe", "box", "--data-dir", str(data))
    qtbot.waitUntil(lambda: "Steady started" in log_text(data) or process.poll() is not None, timeout=20000)
    assert process.poll() is None, process.stderr.read()
    yield data, process
    stop(process)


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


# -- neighbours: nobody else's lock or socket (issue 12) ------------------------------------------

from pathlib import Path  # noqa: E402

from app.paths import DataPaths  # noqa: E402
from tests.helpers.neighbours import Eavesdropper, HeldLock, neighbour_uid, neighbours_folder  # noqa: E402


def test_without_xdg_runtime_dir_a_neighbour_hears_no_steady_now_and_blocks_no_start(tmp_path, qtbot, monkeypatch):
    """Another user planted a held lock and a listening socket at every name Steady might use in
    the shared temp folder. `steady now` must neither tell them (a hard moment, seen from outside)
    nor be stopped by them: it starts its own window."""
    neighbour = neighbour_uid()
    shared = tmp_path / "tmp"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    data = tmp_path / "data"
    key, uid = DataPaths(data).runtime_key(), os.getuid()
    their_folder = neighbours_folder(shared / f"steady-{uid}", neighbour)
    planted = [Eavesdropper(shared / f"steady-{uid}-{key}.sock", neighbour), Eavesdropper(their_folder / f"{key}.sock", neighbour)]
    locks = [HeldLock(shared / f"steady-{uid}-{key}.lock", neighbour), HeldLock(their_folder / f"{key}.lock", neighbour)]
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    monkeypatch.setenv("TMPDIR", str(shared))
    process = start_steady("now", "--data-dir", str(data))
    try:
        qtbot.waitUntil(lambda: "Steady started" in log_text(data) or process.poll() is not None, timeout=30000)
        assert [ears.heard for ears in planted] == [[], []]
        assert process.poll() is None, process.stderr.read()
    finally:
        stop(process)
        for thing in (*planted, *locks):
            thing.close()


def test_a_runtime_folder_of_someone_elses_is_refused_in_plain_words(tmp_path, qtbot):
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    theirs = neighbours_folder(run / "steady", neighbour_uid())
    data = tmp_path / "data"
    process = start_steady("now", "--data-dir", str(data), XDG_RUNTIME_DIR=str(run))
    try:
        qtbot.waitUntil(lambda: "Steady started" in log_text(data) or process.poll() is not None, timeout=30000)
        assert process.poll() == 1
        stderr = process.stderr.read()
        assert str(theirs) in stderr and "another user" in stderr and "XDG_RUNTIME_DIR" in stderr
        assert "Traceback" not in stderr
        assert list(theirs.iterdir()) == []
    finally:
        stop(process)


# -- one instance per data folder, whatever the runtime folder (issue 12) -------------------------

import sys  # noqa: E402

from tests.helpers.processes import steady_env  # noqa: E402


def _ended(process):
    """(exit code, stderr) of a process that ended; (None, why) of one still running: never blocks."""
    if process.poll() is None:
        return None, "still running: a second instance"
    return process.returncode, process.stderr.read()


def _own_runtime(tmp_path, name):
    folder = tmp_path / name
    folder.mkdir(mode=0o700)
    return str(folder)


def test_a_start_from_another_session_hands_over_to_the_running_steady(primary, qtbot, tmp_path, monkeypatch):
    """The desktop's Steady runs; a terminal with another XDG_RUNTIME_DIR, or none, says
    `steady breathe ID` on the same data folder: the running window takes it, no second one starts."""
    data, process = primary
    terminal = start_steady("breathe", "coherent", "--data-dir", str(data), XDG_RUNTIME_DIR=_own_runtime(tmp_path, "terminal"))
    try:
        qtbot.waitUntil(lambda: terminal.poll() is not None or log_text(data).count("Steady started") > 1, timeout=30000)
        assert _ended(terminal)[0] == 0, _ended(terminal)
        qtbot.waitUntil(lambda: "request: breathe coherent" in log_text(data), timeout=30000)
        monkeypatch.delenv("XDG_RUNTIME_DIR")
        ssh = start_steady("breathe", "4-7-8", "--data-dir", str(data))
        qtbot.waitUntil(lambda: ssh.poll() is not None or log_text(data).count("Steady started") > 1, timeout=30000)
        assert _ended(ssh)[0] == 0, _ended(ssh)
        qtbot.waitUntil(lambda: "request: breathe 4-7-8" in log_text(data), timeout=30000)
    finally:
        stop(terminal)
        if "ssh" in locals():
            stop(ssh)
    assert log_text(data).count("Steady started") == 1
    assert process.poll() is None


#: `steady ARGS` with no patience for a running Steady that does not answer (one attempt).
_IMPATIENT_STEADY = "import sys, app.gui.handover as h; h.HANDOVER_PATIENCE_S = 0.0; from app.cli import main; sys.exit(main(sys.argv[1:]))"


def test_a_start_that_cannot_reach_the_running_steady_says_plainly_that_it_runs(primary, qtbot, tmp_path):
    """Its hand-over point is out of this session's reach (another computer with the same home,
    a sandbox): the start says that Steady already runs for this folder instead of starting twice."""
    data, process = primary
    os.unlink(DataPaths(data).socket_name)
    second = subprocess.Popen([sys.executable, "-c", _IMPATIENT_STEADY, "now", "--data-dir", str(data)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=steady_env(XDG_RUNTIME_DIR=_own_runtime(tmp_path, "elsewhere")))
    try:
        qtbot.waitUntil(lambda: second.poll() is not None or log_text(data).count("Steady started") > 1, timeout=30000)
        code, stderr = _ended(second)
        assert code == 1, stderr
        assert f"Steady already runs for {data}" in stderr and f"process {process.pid}" in stderr, stderr
        assert "Traceback" not in stderr
    finally:
        stop(second)
    assert process.poll() is None


# -- leftovers of killed runs are cleared at the next start (issue 12) ----------------------------

def test_the_next_start_clears_what_killed_runs_left_and_nothing_else(tmp_path, qtbot):
    """A save cut short by kill -9 leaves a temporary file beside its target (with the user's
    words in it); killed Steadys of other data folders leave locks and sockets. The next start
    clears the old ones, and leaves young ones (a save may be under way) and everything else."""
    import time

    from app.paths import runtime_dir

    data = tmp_path / "data"
    (data / "exercises").mkdir(parents=True, mode=0o700)
    cache = Path(os.environ["HOME"]) / ".cache" / "steady"
    cache.mkdir(parents=True)
    now = time.time()

    def left(path, hours_old):
        path.write_text("half of a save")
        os.utime(path, (now - hours_old * 3600, now - hours_old * 3600))
        return path

    old = [left(data / ".settings.yaml.a1b2c3d4.tmp", 30), left(data / "exercises" / ".evening.yaml.x_y_z_12.tmp", 2),
           left(cache / ".library.json.q9w8e7r6.tmp", 48)]
    young = left(data / ".anchors.yaml.m1n2b3v4.tmp", 0)
    users = left(data / "exercises" / "draft.tmp", 30)
    stale = DataPaths(tmp_path / "killed-elsewhere")
    Path(stale.lock_file).write_text("4242\n")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as dead:
        dead.bind(stale.socket_name)
    process = start_steady("now", "--data-dir", str(data))
    try:
        qtbot.waitUntil(lambda: "Steady started" in log_text(data) or process.poll() is not None, timeout=30000)
        assert process.poll() is None, process.stderr.read()
        assert [p for p in old if p.exists()] == []
        assert young.exists() and users.exists()
        assert not os.path.lexists(stale.lock_file) and not os.path.lexists(stale.socket_name)
        assert DataPaths(data).lock_file.exists()
        assert {p.name for p in runtime_dir().iterdir()} >= {DataPaths(data).lock_file.name}
    finally:
        stop(process)

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
