"""Shared fixtures of the bundle tests: a threaded loopback site that answers as real servers
do (chunked transfer-coding, gzip content-coding, redirects, error pages, hostile titles), and
real HTTP exchanges with it, captured with `requests` the way the transport's exchange hook
reports them (request headers as sent, response headers as received, body before and after
content decoding)."""

from __future__ import annotations

import datetime as dt
import gzip
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

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

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path == "/moved":
            self._send(301, b"", [("Location", "/plain")])
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


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), SiteHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Exchange:
    method: str
    url: str
    request_headers: list[tuple[str, str]]
    http_version: str
    status: int
    reason: str
    response_headers: list[tuple[str, str]]
    raw_body: bytes | None
    body: bytes
    started_at: dt.datetime
    peer_ip: str | None


def exchange_with(url: str) -> Exchange:
    """One real GET (no redirect following), reported as the exchange hook reports it."""
    started = dt.datetime.now(dt.UTC)
    with requests.get(
        url, stream=True, allow_redirects=False, headers={"Accept-Encoding": "gzip"}, timeout=5
    ) as response:
        raw = response.raw.read(decode_content=False)
        headers = list(response.raw.headers.items())
        coding = response.headers.get("Content-Encoding", "").lower()
        body = zlib.decompress(raw, 16 + zlib.MAX_WBITS) if coding == "gzip" else raw
        return Exchange(
            method="GET",
            url=url,
            request_headers=list(response.request.headers.items()),
            http_version="HTTP/1.1" if response.raw.version == 11 else "HTTP/1.0",
            status=response.status_code,
            reason=response.reason,
            response_headers=headers,
            raw_body=raw,
            body=body,
            started_at=started,
            peer_ip="127.0.0.1",
        )
