"""A download cut short (fewer bytes than Content-Length, a chunk that breaks off) is retried,
then reported as cut short: unverifiable, never a dead link, never cached."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from citecheck.fetch.http import HttpFetcher
from citecheck.match.fetch_outcome import fetch_outcome
from citecheck.models import FetchErrorKind, Status
from citecheck.settings import FetchSettings

SETTINGS = FetchSettings(
    connect_timeout=2.0,
    read_timeout=2.0,
    deadline=5.0,
    retries=2,
    backoff=0.01,
    host_interval=0.0,
    workers=4,
    allow_private=True,
    connectivity_probes=(),
)
BODY = b"<html><head><title>River wall vote</title></head><body>" + b"x" * 2000 + b"</body></html>"
SHORT = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(BODY)
    + BODY[:700]
)
BROKEN_CHUNK = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
    + b"%x\r\n" % 500
    + BODY[:500]
    + b"\r\n"
    + b"%x\r\n" % 1000
    + BODY[500:800]  # the chunk announces 1000 bytes, 300 come, then the connection closes
)


class RawServer:
    """Answers every connection with the same bytes, then closes it; counts connections."""

    def __init__(self, answer: bytes) -> None:
        self.answer = answer
        self.connections = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}/story"

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            with client:
                client.recv(65536)
                client.sendall(self.answer)

    def close(self) -> None:
        self._listener.close()


@pytest.fixture(params=[SHORT, BROKEN_CHUNK], ids=["short-content-length", "broken-chunk"])
def cutting_server(request: pytest.FixtureRequest) -> Iterator[RawServer]:
    server = RawServer(request.param)
    yield server
    server.close()


def test_a_cut_download_is_retried_then_unverifiable(
    cutting_server: RawServer, tmp_path: Path
) -> None:
    settings = replace(SETTINGS, cache_dir=tmp_path / "cache")
    with HttpFetcher(settings) as fetcher:
        result = fetcher.fetch(cutting_server.url)
        assert cutting_server.connections == 3  # the first try and two retries
        again = fetcher.fetch(cutting_server.url)
    assert result.error is not None and result.error.kind is FetchErrorKind.CUT_SHORT
    assert result.error.message.startswith("download cut short: 127.0.0.1 ")
    outcome = fetch_outcome(result)
    assert outcome.status is Status.UNVERIFIABLE
    assert outcome.reason.startswith("download cut short: 127.0.0.1 ")
    assert outcome.reason.count("cut short") == 1
    # Not kept: the next fetch goes out again.
    assert again.error is not None and again.error.kind is FetchErrorKind.CUT_SHORT
    assert cutting_server.connections == 6


def test_the_shortfall_is_said_in_bytes() -> None:
    server = RawServer(SHORT)
    try:
        with HttpFetcher(replace(SETTINGS, retries=0)) as fetcher:
            result = fetcher.fetch(server.url)
    finally:
        server.close()
    assert result.error is not None
    assert result.error.message == f"download cut short: 127.0.0.1 sent 700 of {len(BODY):,} bytes"
