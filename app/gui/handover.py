"""Handing a start request to the running Steady with nothing but the standard library.

The running instance listens on a Unix domain socket at DataPaths.socket_name
(app.gui.single_instance.RequestServer). A later `steady now` that only needs to pass its request on connects with
the interpreter's built-in socket type, so it does not pay for importing Qt (about 50 ms) before
the running window can react; only when nobody answers does it load Qt to take the lock itself.
It uses `_socket`, the C type the `socket` module wraps: the wrapper's imports (selectors,
array) cost a few milliseconds that a first start pays on its way to the pacer's first frame.
"""

from __future__ import annotations

import json

import _socket
from typing import Any, NamedTuple

ACK = b"ok\n"


class LaunchRequest(NamedTuple):
    """What a start of Steady asks for: `open` (the window), `breathe` or `now`.

    A NamedTuple rather than a frozen dataclass: built in a tenth of the time on the way to the
    first frame.
    """

    command: str = "open"
    exercise_id: str | None = None

    def to_bytes(self) -> bytes:
        return json.dumps(self._asdict()).encode() + b"\n"

    @staticmethod
    def from_bytes(data: bytes) -> "LaunchRequest | None":
        try:
            raw: Any = json.loads(data.decode("utf-8"))
            command = raw.get("command")
            exercise = raw.get("exercise_id")
        except (ValueError, AttributeError):
            return None
        if command not in ("open", "breathe", "now") or not (exercise is None or isinstance(exercise, str)):
            return None
        return LaunchRequest(command, exercise)



def send_request_plain(socket_name: str, request: LaunchRequest, timeout_s: float = 1.0) -> bool:
    """Hand `request` over without Qt; True once the running instance acknowledged it."""
    if not hasattr(_socket, "AF_UNIX"):
        return False
    try:
        client = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    except OSError:
        return False
    received = b""
    try:
        client.settimeout(timeout_s)
        client.connect(socket_name)
        client.sendall(request.to_bytes())
        while not received.endswith(b"\n") and len(received) < 64:
            chunk = client.recv(64)
            if not chunk:
                break
            received += chunk
    except OSError:
        return False
    finally:
        client.close()
    return received == ACK
