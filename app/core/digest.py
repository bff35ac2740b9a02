"""Short checksums of bytes, from public standard-library functions that do not load OpenSSL.

Why not `hashlib`: importing it loads the OpenSSL bindings, measured here (Python 3.11, Debian 12)
at 8.5 ms and 4.0 MB resident. Both uses of a checksum sit on the way to the pacer's first
frame, and 4 MB would take `python -m bench animation`'s rss_ratio (1.44 x) past its 1.5 goal.
Neither use needs a cryptographic hash:

- the parse cache (app.core.parse_cache) keys a file by its path, its length and this checksum.
  A collision would hand back what the *old* bytes of that same file meant: by accident that
  needs equal path, length, CRC-32 and Adler-32 (about 1 in 2^64 per edit); on purpose it needs
  someone who can already write the user's files, and so could write anything anyway;
- stable names: the runtime lock and socket of a data folder (app.paths, next to the user's id),
  and the id of a reminder written by hand without one. Names, never secrets.

CRC-32 and Adler-32 (zlib, which the standard library's shutil already loads at start) are two
unrelated checksums, so together they give 64 usable bits.
"""

from __future__ import annotations

import zlib


def checksum(data: bytes) -> str:
    """16 hex digits: the CRC-32 of `data`, then its Adler-32."""
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"
