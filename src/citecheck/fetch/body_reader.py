"""Reading a response body as a stream, under a size cap and a deadline.

The cap applies to the bytes on the wire and to the content-decoded bytes: a gzip bomb (a small
download that inflates to gigabytes) stops at the cap, because urllib3 (>= 2.6) inflates at most
the requested amount per read.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from urllib3.response import HTTPResponse

from citecheck.fetch.error_mapping import DeadlineExceeded

_CHUNK = 64 * 1024


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"body larger than the {limit:,}-byte limit")


def read_capped_body(
    raw: HTTPResponse,
    max_bytes: int,
    deadline: float,
    read_timeout: float,
    clock: Callable[[], float] = time.monotonic,
) -> bytes:
    """The decoded body of `raw`, at most `max_bytes`, read before `deadline` (a `clock` time).

    Raises BodyTooLarge past the cap and DeadlineExceeded past the deadline; socket errors and
    read timeouts propagate as urllib3 raises them.
    """
    declared = raw.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise BodyTooLarge(max_bytes)
    chunks: list[bytes] = []
    total = 0
    while True:
        remaining = deadline - clock()
        if remaining <= 0:
            raise DeadlineExceeded("deadline exceeded while reading the body")
        _limit_next_read(raw, min(read_timeout, remaining))
        # read1 returns after one socket read, so a server that trickles bytes cannot keep a
        # single call going past the deadline.
        chunk = raw.read1(_CHUNK, decode_content=True)
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
