"""Short content digests (BLAKE2b) that do not load OpenSSL.

`import hashlib` loads the OpenSSL bindings (_hashlib, about 2.5 ms) even when only BLAKE2 is
wanted, and both users of a digest (the socket name in app.paths, the parse cache) sit on the
way to the pacer's first frame. CPython builds BLAKE2 in (_blake2, the module hashlib itself
takes blake2b from); other Pythons fall back to hashlib.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - not CPython
    from hashlib import blake2b


def hex_digest(data: bytes, size: int = 16) -> str:
    """`size` bytes of BLAKE2b over `data`, as hex (2 * size characters)."""
    return blake2b(data, digest_size=size).hexdigest()


def sha256_hex(data: bytes) -> str:
    """SHA-256 as hex, from CPython's built-in module (hashlib would load OpenSSL).

    For a name that must stay what earlier versions computed: the runtime names of a data
    folder's lock and socket, so that a Steady started after an upgrade still finds the one
    already running.
    """
    try:
        from _sha256 import sha256
    except ImportError:  # pragma: no cover - not CPython 3.11
        from hashlib import sha256
    return sha256(data).hexdigest()

