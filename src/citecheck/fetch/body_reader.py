"""Reading a response body as a stream, under a size cap and a deadline.

The cap applies to the bytes on the wire and to the content-decoded bytes: a gzip bomb (a small
download that inflates to gigabytes) stops at the cap, because every inflating call is told how
much it may return at most.

A gzip body, which nearly every web page is, is read as it came and inflated in one call at the
end: letting urllib3 inflate it 64 KiB at a time costs about a third more CPU (a decoder call,
a buffer and a copy per piece), and a long cold run is CPU-bound. Other content codings
(deflate, br, zstd, several at once) are left to urllib3, which inflates them as they arrive.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from urllib3.exceptions import DecodeError
from urllib3.response import HTTPResponse

from citecheck.fetch.error_mapping import DeadlineExceeded

_CHUNK = 64 * 1024
_GZIP_CODINGS = frozenset({"gzip", "x-gzip"})
_GZIP_WBITS = 16 + zlib.MAX_WBITS  # zlib's way of saying "gzip header and trailer"


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"body larger than the {limit:,}-byte limit")


@dataclass(frozen=True)
class Body:
    content: bytes  # content-decoded, at most the cap
    # The body as it came, when gzip was its one coding: `gunzip_capped(gzip, cap)` gives
    # `content` again, and it is about a fifth of its size, so this is what a cache keeps.
    gzip: bytes | None = None


def read_body(
    raw: HTTPResponse,
    max_bytes: int,
    deadline: float,
    read_timeout: float,
    clock: Callable[[], float] = time.monotonic,
) -> Body:
    """The body of `raw`, decoded to at most `max_bytes`, read before `deadline` (a `clock` time).

    Raises BodyTooLarge past the cap, DeadlineExceeded past the deadline and urllib3's
    DecodeError for a body that is not in the coding it claims; socket errors and read timeouts
    propagate as urllib3 raises them.
    """
    declared = raw.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise BodyTooLarge(max_bytes)
    if is_plain_gzip(raw.headers.get("content-encoding")):
        compressed = _read_chunks(raw, max_bytes, deadline, read_timeout, clock, decode=False)
        return Body(gunzip_capped(compressed, max_bytes), gzip=compressed)
    return Body(_read_chunks(raw, max_bytes, deadline, read_timeout, clock, decode=True))


def is_plain_gzip(content_encoding: str | None) -> bool:
    """True when gzip is the body's one and only content coding."""
    return (content_encoding or "").strip().lower() in _GZIP_CODINGS


def gunzip_capped(data: bytes, max_bytes: int) -> bytes:
    """Inflate a gzip body, never producing more than `max_bytes` (BodyTooLarge instead).

    Behaves as urllib3's gzip decoder does: members are inflated one after the other, bytes
    that follow a complete member and are not gzip are ignored, a truncated body gives what
    inflates of it, and a body that does not start as gzip raises DecodeError.
    """
    pieces: list[bytes] = []
    total = 0
    while data:
        inflater = zlib.decompressobj(_GZIP_WBITS)
        try:
            # max_length: one byte over the cap is enough to know the cap is passed.
            piece = inflater.decompress(data, max_bytes + 1 - total)
        except zlib.error as exc:
            if pieces:
                break  # trailing garbage after a complete member, as other clients accept
            raise DecodeError(
                "Received response with content-encoding: gzip, but failed to decode it."
            ) from exc
        total += len(piece)
        if total > max_bytes:
            raise BodyTooLarge(max_bytes)
        pieces.append(piece)
        if not inflater.eof:
            break  # truncated: keep what inflated
        data = inflater.unused_data
    return b"".join(pieces)


def _read_chunks(
    raw: HTTPResponse,
    max_bytes: int,
    deadline: float,
    read_timeout: float,
    clock: Callable[[], float],
    *,
    decode: bool,
) -> bytes:
    """The body's bytes, content-decoded by urllib3 when `decode` is set."""
    chunks: list[bytes] = []
    total = 0
    while True:
        remaining = deadline - clock()
        if remaining <= 0:
            raise DeadlineExceeded("deadline exceeded while reading the body")
        _limit_next_read(raw, min(read_timeout, remaining))
        # read1 returns after one socket read, so a server that trickles bytes cannot keep a
        # single call going past the deadline.
        chunk = raw.read1(_CHUNK, decode_content=decode)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes or raw.tell() > max_bytes:
            raise BodyTooLarge(max_bytes)
        chunks.append(chunk)


def _limit_next_read(raw: HTTPResponse, seconds: float) -> None:
    # The socket's timeout bounds each read; shrinking it near the deadline keeps a stalled
    # server from overrunning the deadline by a whole read timeout.
    connection = getattr(raw, "connection", None)
    sock = getattr(connection, "sock", None)
    if sock is not None:
        sock.settimeout(max(seconds, 0.001))
