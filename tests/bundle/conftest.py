"""Shared fixtures of the bundle tests: a threaded loopback site that answers as real servers
do (chunked transfer-coding, gzip content-coding, redirects, error pages, hostile titles), and
real HTTP exchanges with it through the transport, as its exchange hook reports them."""

from __future__ import annotations

import gzip
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from citecheck.settings import FetchSettings
from citecheck.transport import Exchange, Transport

SLOW_REQUESTED = threading.Event()
HOSTILE_TITLE = 'Tom & Jerry <script>alert("x")</script> </title><b>bold</b>'


def page(title: str, body: str = "") -> bytes:
    from html import escape

    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(title)}</title>"
        f"<meta property='og:title' content='{escape(title, quote=True)}'>"
        f"</head><body><h1>{escape(title)}</h1><p>{body or 'Some text of the story.'}</p>"
        "</body></html>"
    ).encode()


PAGES = {
    "/plain": page("Harbour expansion approved", "The council voted 7-2 on Tuesday."),
    "/zipped": page("Rainfall records broken", "A wet spring " * 200),
    "/hostile": (
        b"<!doctype html><html><head><meta charset='utf-8'><title>Tom &amp; Jerry "
        b'&lt;script&gt;alert("x")&lt;/script&gt; &lt;/title&gt;&lt;b&gt;bold&lt;/b&gt;</title>'
        b"</head><body><p>Cartoon history.</p></body></html>"
    ),
}


class SiteHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    flaky_calls: ClassVar[Counter[str]] = Counter()  # /flaky?...: 503 first, then the page

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path == "/moved":
            self._send(301, b"", [("Location", "/plain")])
        elif path == "/slow":  # holds the request until the client gives up
            SLOW_REQUESTED.set()
            time.sleep(8)
            self._send(200, PAGES["/plain"], [("Content-Type", "text/html; charset=utf-8")])
        elif path == "/flaky":
            SiteHandler.flaky_calls[self.path] += 1
            if SiteHandler.flaky_calls[self.path] == 1:
                self._send(503, b"busy", [("Content-Type", "text/plain")])
            else:
                self._send(200, PAGES["/plain"], [("Content-Type", "text/html; charset=utf-8")])
        elif path == "/gone":
            self._send(
                404, b"<html><title>Not found</title></html>", [("Content-Type", "text/html")]
            )
        elif path == "/zipped":
            # gzip content-coding inside chunked transfer-coding, as many servers send pages
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            data = gzip.compress(PAGES["/zipped"])
            for start in range(0, len(data), 700):
                chunk = data[start : start + 700]
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        elif path in PAGES:
            self._send(200, PAGES[path], [("Content-Type", "text/html; charset=utf-8")])
        else:
            self._send(404, b"no such page", [("Content-Type", "text/plain")])

    def _send(self, status: int, body: bytes, headers: list[tuple[str, str]]) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hung up (the slow page's) is expected; anything else is shown."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = _Server(("127.0.0.1", 0), SiteHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


_SETTINGS = FetchSettings(
    connect_timeout=2.0,
    read_timeout=2.0,
    deadline=5.0,
    retries=0,
    host_interval=0.0,
    allow_private=True,
    connectivity_probes=(),
)


def exchange_with(url: str) -> Exchange:
    """One real GET through the transport (no redirect followed): the exchange its hook sees."""
    with Transport(_SETTINGS) as transport:
        seen: list[Exchange] = []
        transport.add_exchange_hook(seen.append)
        response = transport.get(url, follow_redirects=False)
    assert response.exchanges == seen and len(seen) == 1, response.error
    return seen[0]
