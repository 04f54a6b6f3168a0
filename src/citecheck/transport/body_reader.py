"""Reading a response body as a stream, under a size cap and a deadline.

The body is read as it came over the wire (what the transport's exchange hook shows as the raw
body) and content-decoded afterwards. The cap applies to the bytes on the wire and to the
content-decoded bytes: a gzip bomb (a small download that inflates to gigabytes) stops at the
cap, because every inflating call is told how much it may return at most.

A gzip body, which nearly every web page is, is inflated in one call at the end: inflating it
64 KiB at a time costs about a third more CPU (a decoder call, a buffer and a copy per piece),
and a long cold run is CPU-bound. Other content codings (deflate, br, zstd, several at once)
go through urllib3's decoders, fed a piece at a time.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from urllib3.exceptions import DecodeError
from urllib3.response import HTTPResponse, _get_decoder

from citecheck.transport.error_mapping import DeadlineExceeded

_CHUNK = 64 * 1024
_GZIP_CODINGS = frozenset({"gzip", "x-gzip"})
_GZIP_WBITS = 16 + zlib.MAX_WBITS  # zlib's way of saying "gzip header and trailer"


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"body larger than the {limit:,}-byte limit")


_IDENTITY = frozenset({"", "identity"})


@dataclass(frozen=True)
class Body:
    content: bytes  # content-decoded, at most the cap
    raw: bytes = b""  # the bytes as they came (before content decoding)
    coding: str = ""  # the Content-Encoding they came in, lower-cased ("" for none)

    @property
    def gzip(self) -> bytes | None:
        """The body as it came, when gzip was its one coding: `gunzip_capped(gzip, cap)` gives
        `content` again, and it is about a fifth of its size, so this is what a cache keeps."""
        return self.raw if is_plain_gzip(self.coding) else None


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
    coding = (raw.headers.get("content-encoding") or "").strip().lower()
    wire = _read_chunks(raw, max_bytes, deadline, read_timeout, clock)
    return Body(decode_capped(wire, coding, max_bytes), raw=wire, coding=coding)


def decode_capped(data: bytes, coding: str, max_bytes: int) -> bytes:
    """`data` content-decoded as `coding` (a Content-Encoding value) says, to at most
    `max_bytes` (BodyTooLarge past it). Raises DecodeError for data not in that coding."""
    coding = coding.strip().lower()
    if not _decoded_by_us(coding):
        return data
    if is_plain_gzip(coding):
        return gunzip_capped(data, max_bytes)
    try:
        decoder = _get_decoder(coding)
        pieces: list[bytes] = []
        total = 0
        for start in range(0, len(data), _CHUNK):
            # max_length: one byte over the cap is enough to know the cap is passed.
            piece = decoder.decompress(data[start : start + _CHUNK], max_bytes + 1 - total)
            total += len(piece)
            if total > max_bytes:
                raise BodyTooLarge(max_bytes)
            pieces.append(piece)
        pieces.append(decoder.flush())
    except (BodyTooLarge, DecodeError):
        raise
    except Exception as exc:  # zlib, brotli and zstd each raise their own error type
        message = f"Received response with content-encoding: {coding}, but failed to decode it."
        raise DecodeError(message) from exc
    body = b"".join(pieces)
    if len(body) > max_bytes:
        raise BodyTooLarge(max_bytes)
    return body


def _decoded_by_us(coding: str) -> bool:
    """True for codings urllib3 would undo (as it does, a list with any known coding)."""
    if coding in _IDENTITY:
        return False
    known = HTTPResponse.CONTENT_DECODERS
    return any(part.strip() in known for part in coding.split(","))


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
) -> bytes:
    """The body's bytes as they came."""
    chunks: list[bytes] = []
    total = 0
    while True:
        remaining = deadline - clock()
        if remaining <= 0:
            raise DeadlineExceeded("deadline exceeded while reading the body")
        _limit_next_read(raw, min(read_timeout, remaining))
        # read1 returns after one socket read, so a server that trickles bytes cannot keep a
        # single call going past the deadline.
        chunk = raw.read1(_CHUNK, decode_content=False)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            raise BodyTooLarge(max_bytes)
        chunks.append(chunk)


def _limit_next_read(raw: HTTPResponse, seconds: float) -> None:
    # The socket's timeout bounds each read; shrinking it near the deadline keeps a stalled
    # server from overrunning the deadline by a whole read timeout.
    connection = getattr(raw, "connection", None)
    sock = getattr(connection, "sock", None)
    if sock is not None:
        sock.settimeout(max(seconds, 0.001))
