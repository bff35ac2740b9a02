"""A private PulseAudio server with a null sink, to hear what Steady really played.

Used by the audio integration test and the audio bench (one implementation for both; it is
test equipment, so it lives with the tests and the bench imports it from here). The server
runs with its own HOME, runtime folder and socket, so it never touches a user's sound setup;
player programs started by this process reach it through ``PULSE_SERVER`` (``aplay`` through
ALSA's pulse plugin, which follows the same variable).

A :class:`Recording` timestamps every chunk ``parec`` delivers with the monotonic clock. Data
only ever arrives late, never early, so the earliest (arrival - sample time) over all chunks is
the best estimate of when sample 0 was rendered; with ``--latency-msec`` small the remaining
error is a few milliseconds and always in the direction of making cues look later than they
were.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

RATE = 44_100
SINK = "nullsink"


class PulseUnavailable(RuntimeError):
    """A private PulseAudio server with a null sink could not be started here (the reason says why)."""


class Recording:
    """Mono s16le samples read from the null sink's monitor, with arrival times."""

    def __init__(self, process: subprocess.Popen[bytes], rate: int = RATE) -> None:
        self.rate = rate
        self._process = process
        self._buffer = bytearray()
        self._arrivals: list[tuple[int, float]] = []  # (samples so far, monotonic time)
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, name="parec-reader", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self._process.stdout is not None
        fd = self._process.stdout.fileno()
        while True:
            chunk = os.read(fd, 65536)
            now = time.monotonic()
            if not chunk:
                return
            with self._lock:
                self._buffer.extend(chunk)
                self._arrivals.append((len(self._buffer) // 2, now))

    def wait_for_data(self, timeout: float = 5.0) -> bool:
        """True once parec delivers samples (the stream is connected and running)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self._buffer) >= 2 * self.rate // 50:
                    return True
            time.sleep(0.01)
        return False

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGINT)
            try:
                self._process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._thread.join(timeout=3)

    @property
    def samples(self) -> array:
        with self._lock:
            data = bytes(self._buffer[: len(self._buffer) // 2 * 2])
        return array("h", data)

    def sample_zero_time(self) -> float:
        """Monotonic time at which sample 0 was rendered (lower envelope of the arrivals)."""
        with self._lock:
            arrivals = list(self._arrivals)
        if not arrivals:
            raise RuntimeError("nothing was recorded")
        return min(t - n / self.rate for n, t in arrivals)

    def delivery_delay_ms(self) -> float:
        """Median delay between a sample's rendering and its arrival here (the parec buffering)."""
        zero = self.sample_zero_time()
        with self._lock:
            delays = sorted((t - n / self.rate - zero) * 1000 for n, t in self._arrivals)
        return delays[len(delays) // 2]

    def onsets(self, threshold: int = 300, quiet_gap: float = 0.08) -> list[float]:
        """Monotonic times where sound starts after at least `quiet_gap` seconds below `threshold`."""
        samples = self.samples
        zero = self.sample_zero_time()
        gap = int(quiet_gap * self.rate)
        found: list[float] = []
        last_loud = -gap - 1
        for index, value in enumerate(samples):
            if value > threshold or value < -threshold:
                if index - last_loud > gap:
                    found.append(zero + index / self.rate)
                last_loud = index
        return found


class PrivatePulse:
    """A PulseAudio daemon of our own with a null sink; use as a context manager."""

    def __init__(self) -> None:
        self._dir = Path(tempfile.mkdtemp(prefix="steady-pulse-"))
        self.socket = self._dir / "native"
        self._process: subprocess.Popen[bytes] | None = None
        self.env: dict[str, str] = {}

    def start(self, timeout: float = 10.0) -> None:
        missing = [name for name in ("pulseaudio", "parec", "pactl") if shutil.which(name) is None]
        if missing:
            raise PulseUnavailable(f"not installed: {', '.join(missing)} (Debian: pulseaudio pulseaudio-utils)")
        home, runtime = self._dir / "home", self._dir / "run"
        home.mkdir(mode=0o700)
        runtime.mkdir(mode=0o700)
        self.env = {
            "HOME": str(home),
            "XDG_RUNTIME_DIR": str(runtime),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "PULSE_RUNTIME_PATH": str(runtime / "pulse"),
            "PULSE_STATE_PATH": str(home / "state"),
            "PULSE_SERVER": f"unix:{self.socket}",
        }
        argv = [
            "pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
            "--disable-shm=no", "--log-target=stderr", "--log-level=error",
            f"--load=module-null-sink sink_name={SINK} rate={RATE} channels=1",
            f"--load=module-native-protocol-unix socket={self.socket} auth-anonymous=1",
        ]
        if os.geteuid() == 0:
            argv.append("--system=false")
        env = {**os.environ, **self.env}
        self._process = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                err = self._process.stderr.read().decode(errors="replace").strip() if self._process.stderr else ""
                self.stop()
                raise PulseUnavailable(f"pulseaudio exited at start: {err or 'no message'}")
            ok = subprocess.run(["pactl", "info"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
            if ok:
                return
            time.sleep(0.05)
        self.stop()
        raise PulseUnavailable(f"pulseaudio did not answer within {timeout:.0f} s")

    def child_env(self) -> dict[str, str]:
        """The environment for programs that should play into (or record from) the null sink."""
        return {**os.environ, **self.env}

    @contextmanager
    def routed(self) -> Iterator[None]:
        """Players started by this process (they inherit os.environ) go to the null sink."""
        saved = {key: os.environ.get(key) for key in self.env}
        os.environ.update(self.env)
        try:
            yield
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value

    def record(self, latency_ms: int = 5) -> Recording:
        """Start recording the null sink; returns once samples flow."""
        process = subprocess.Popen(
            ["parec", "-d", f"{SINK}.monitor", "--raw", "--format=s16le", f"--rate={RATE}", "--channels=1",
             f"--latency-msec={latency_ms}"],
            env=self.child_env(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0,
        )
        recording = Recording(process)
        if not recording.wait_for_data():
            recording.stop()
            raise PulseUnavailable("parec delivered no samples from the null sink")
        return recording

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._process is not None and self._process.stderr is not None:
            self._process.stderr.close()
        self._process = None
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> PrivatePulse:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
