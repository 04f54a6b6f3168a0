"""A loopback web for the HTTP benchmarks: a page server behind a forward proxy, both on 127.0.0.1.

Clients reach many made-up host names (`site01.citecheck-bench.test` ...) through the proxy, set
as `HTTP_PROXY`, so each host keeps its own politeness limits as on the internet while every byte
stays on this machine. The page server answers every host from the same pages, waits a set delay
before each response (the round trip a real server costs), honours conditional requests with a
304, and counts what it served so that a benchmark can say how many requests reached it.

    with LoopbackWeb(pages, delay=0.1) as web:
        url = web.page_url(host_number=3, page_key="ab12...", serial=7)
        ...  # run a client with HTTP_PROXY=web.proxy_url
        print(web.stats())
"""

from __future__ import annotations

import email.utils
import gzip
import http.client
import re
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Literal
from urllib.parse import urlsplit

BENCH_DOMAIN = "citecheck-bench.test"  # .test never resolves (RFC 2606), so nothing leaks out
LAST_MODIFIED = "Mon, 06 Jan 2025 09:00:00 GMT"
ROBOTS_TXT = b"User-agent: *\nAllow: /\n"
Outcome = Literal["full_pages", "not_modified", "robots", "not_found"]
_PAGE_PATH = re.compile(r"^/articles/(?P<serial>\d+)/(?P<key>[0-9a-f]{8,64})\.html$")
# Headers that describe one connection, not the message: a proxy must not pass them on.
_HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
}


def host_name(number: int) -> str:
    return f"site{number:02d}.{BENCH_DOMAIN}"


def page_path(page_key: str, serial: int) -> str:
    """The path of one copy of a page; `serial` keeps copies of one page apart (and uncached)."""
    return f"/articles/{serial}/{page_key}.html"


@dataclass
class HostActivity:
    """What one host name saw: enough to check that a client kept to its per-host limits."""

    requests: int = 0
    in_flight: int = 0
    most_in_flight: int = 0
    last_start: float | None = None
    shortest_gap: float | None = None  # seconds between the starts of two requests


@dataclass
class ServerStats:
    full_pages: int = 0  # 200 responses carrying a page body
    not_modified: int = 0  # 304 answers to conditional requests
    robots: int = 0
    not_found: int = 0
    body_bytes: int = 0  # bytes of page bodies sent, as sent (gzip when the client took it)
    hosts: dict[str, HostActivity] = field(default_factory=dict)

    @property
    def requests(self) -> int:
        return self.full_pages + self.not_modified + self.robots + self.not_found

    @property
    def most_in_flight_per_host(self) -> int:
        return max((h.most_in_flight for h in self.hosts.values()), default=0)

    @property
    def shortest_gap_per_host(self) -> float | None:
        gaps = [h.shortest_gap for h in self.hosts.values() if h.shortest_gap is not None]
        return min(gaps, default=None)


class _StatsRecorder:
    """ServerStats behind a lock: handler threads update it at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stats = ServerStats()

    def started(self, host: str) -> None:
        now = time.monotonic()
        with self._lock:
            activity = self._stats.hosts.setdefault(host, HostActivity())
            activity.requests += 1
            activity.in_flight += 1
            activity.most_in_flight = max(activity.most_in_flight, activity.in_flight)
            if activity.last_start is not None:
                gap = now - activity.last_start
                if activity.shortest_gap is None or gap < activity.shortest_gap:
                    activity.shortest_gap = gap
            activity.last_start = now

    def finished(self, host: str, outcome: Outcome, body_bytes: int) -> None:
        with self._lock:
            self._stats.hosts[host].in_flight -= 1
            setattr(self._stats, outcome, getattr(self._stats, outcome) + 1)
            self._stats.body_bytes += body_bytes

    def snapshot(self) -> ServerStats:
        with self._lock:
            return ServerStats(
                full_pages=self._stats.full_pages,
                not_modified=self._stats.not_modified,
                robots=self._stats.robots,
                not_found=self._stats.not_found,
                body_bytes=self._stats.body_bytes,
                hosts={name: HostActivity(**vars(a)) for name, a in self._stats.hosts.items()},
            )

    def reset(self) -> None:
        with self._lock:
            self._stats = ServerStats()


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # a burst of new connections must not be refused

    def handle_error(self, request: object, client_address: object) -> None:
        """A client hanging up mid-exchange is routine here; anything else is still shown."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class _PageServer(_QuietServer):
    def __init__(
        self, pages: Mapping[str, bytes], delay: float, files: Mapping[tuple[str, str], File]
    ) -> None:
        self.pages = pages  # page key -> gzip-compressed HTML
        self.files = files  # (host, path with query) -> a file served as it is
        self.delay = delay
        self.recorder = _StatsRecorder()
        super().__init__(("127.0.0.1", 0), _PageHandler)


@dataclass(frozen=True)
class File:
    """A file served at one host and path: a sitemap, a robots.txt, a page at its own path."""

    content_type: str
    body: bytes  # as served (never compressed on the fly)


@dataclass
class _Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    outcome: Outcome


class _PageHandler(BaseHTTPRequestHandler):
    server: _PageServer
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers offer
    # Headers and body go out in separate writes; with Nagle's algorithm on, the last segment
    # waits for the client's delayed ACK (~40 ms a hop), a stall real servers avoid (nginx sets
    # tcp_nodelay) and that would be charged to the client being measured.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Silence: a benchmark's output is its figures, not an access log."""

    def _answer(self, send_body: bool) -> None:
        host = (self.headers.get("Host") or "?").split(":")[0].lower()
        recorder = self.server.recorder
        recorder.started(host)
        reply = _Reply(500, {}, b"", "not_found")
        try:
            time.sleep(self.server.delay)
            reply = self._reply()
        finally:
            # Counted before sending, so that a client that has its answer sees it counted.
            sent = len(reply.body) if send_body and reply.outcome == "full_pages" else 0
            recorder.finished(host, reply.outcome, sent)
        self._send(reply, send_body)

    def _reply(self) -> _Reply:
        path = urlsplit(self.path).path
        host = (self.headers.get("Host") or "").split(":")[0].lower()
        served = self.server.files.get((host, self.path))
        if served is not None:
            outcome: Outcome = "robots" if path == "/robots.txt" else "full_pages"
            return _Reply(200, {"Content-Type": served.content_type}, served.body, outcome)
        if path == "/robots.txt":
            return _Reply(200, {"Content-Type": "text/plain"}, ROBOTS_TXT, "robots")
        match = _PAGE_PATH.match(path)
        compressed = self.server.pages.get(match.group("key")) if match else None
        if match is None or compressed is None:
            return _Reply(404, {"Content-Type": "text/plain"}, b"no such page\n", "not_found")
        etag = f'"bench-{match.group("key")[:16]}"'
        validators = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
        if self._still_fresh(etag):
            return _Reply(304, validators, b"", "not_modified")
        headers = {"Content-Type": "text/html", **validators}
        body = compressed
        if "gzip" in (self.headers.get("Accept-Encoding") or "").lower():
            headers["Content-Encoding"] = "gzip"
        else:
            body = gzip.decompress(compressed)
        return _Reply(200, headers, body, "full_pages")

    def _still_fresh(self, etag: str) -> bool:
        """True when the client's conditional headers match this page (RFC 9110 section 13)."""
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return etag in tags or "*" in tags
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since is None:
            return False
        try:
            since = email.utils.parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        return since >= email.utils.parsedate_to_datetime(LAST_MODIFIED)

    def _send(self, reply: _Reply, send_body: bool) -> None:
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.status != 304:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if send_body and reply.body:
            self.wfile.write(reply.body)


class _ForwardProxy(_QuietServer):
    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.forwarded = 0
        self.refused = 0
        self.count_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _ProxyHandler)


class _ProxyHandler(BaseHTTPRequestHandler):
    """Takes absolute-form requests (`GET http://host/path`) and hands them to the page server."""

    server: _ForwardProxy
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # as for the page server
    upstream: http.client.HTTPConnection | None = None  # one per client connection, kept alive

    def do_GET(self) -> None:
        self._forward("GET")

    def do_HEAD(self) -> None:
        self._forward("HEAD")

    def do_CONNECT(self) -> None:
        self._refuse(501, "this proxy carries plain http only")

    def log_message(self, format: str, *args: object) -> None:
        """Silence, as for the page server."""

    def _forward(self, method: str) -> None:
        target = urlsplit(self.path)
        hostname = (target.hostname or "").lower()
        if target.scheme != "http" or not hostname:
            self._refuse(400, "expected an absolute http:// URL")
            return
        if hostname != BENCH_DOMAIN and not hostname.endswith("." + BENCH_DOMAIN):
            self._refuse(403, f"only *.{BENCH_DOMAIN} is served here")
            return
        origin_form = (target.path or "/") + (f"?{target.query}" if target.query else "")
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        headers["Host"] = target.netloc
        try:
            status, reason, reply_headers, body = self._ask_upstream(method, origin_form, headers)
        except (OSError, http.client.HTTPException) as exc:
            self.upstream = None
            self._refuse(502, f"page server unreachable: {exc}")
            return
        with self.server.count_lock:
            self.server.forwarded += 1
        self.send_response(status, reason)
        for name, value in reply_headers:
            if name.lower() not in _HOP_BY_HOP and name.lower() != "content-length":
                self.send_header(name, value)
        if status != 304:
            upstream_length = {k.lower(): v for k, v in reply_headers}.get("content-length", "0")
            self.send_header(
                "Content-Length", upstream_length if method == "HEAD" else str(len(body))
            )
        self.end_headers()
        if method != "HEAD" and body:
            self.wfile.write(body)

    def _ask_upstream(
        self, method: str, path: str, headers: dict[str, str]
    ) -> tuple[int, str, list[tuple[str, str]], bytes]:
        for attempt in range(2):
            if self.upstream is None:
                self.upstream = http.client.HTTPConnection(
                    "127.0.0.1", self.server.upstream_port, timeout=60
                )
            try:
                self.upstream.request(method, path, headers=headers)
                response = self.upstream.getresponse()
                return response.status, response.reason, response.getheaders(), response.read()
            except (ConnectionError, http.client.RemoteDisconnected):
                # A kept-alive connection the server closed meanwhile: one fresh try.
                self.upstream.close()
                self.upstream = None
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")

    def _refuse(self, status: int, message: str) -> None:
        with self.server.count_lock:
            self.server.refused += 1
        body = (message + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class LoopbackWeb:
    """The page server and the proxy in front of it, each on its own thread pool."""

    def __init__(
        self,
        pages: Mapping[str, bytes],
        delay: float = 0.1,
        files: Mapping[tuple[str, str], File] | None = None,
    ) -> None:
        """`files` adds exact routes, (host, path with query) -> File, answered before pages."""
        self._server = _PageServer(pages, delay, files or {})
        self._proxy = _ForwardProxy(self._server.server_address[1])
        self._threads = [
            threading.Thread(target=s.serve_forever, name=name, daemon=True)
            for s, name in ((self._server, "bench-page-server"), (self._proxy, "bench-proxy"))
        ]

    def __enter__(self) -> LoopbackWeb:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        for server in (self._proxy, self._server):
            server.shutdown()
            server.server_close()

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self._proxy.server_address[1]}"

    @property
    def server_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def proxied_requests(self) -> int:
        return self._proxy.forwarded

    @property
    def refused_requests(self) -> int:
        return self._proxy.refused

    def page_url(self, host_number: int, page_key: str, serial: int) -> str:
        return f"http://{host_name(host_number)}{page_path(page_key, serial)}"

    def stats(self) -> ServerStats:
        return self._server.recorder.snapshot()

    def reset_stats(self) -> None:
        self._server.recorder.reset()


def proxy_environment(base: Mapping[str, str], proxy_url: str) -> dict[str, str]:
    """`base` with every client sent through `proxy_url`, and no host exempted from it."""
    env = {k: v for k, v in base.items() if k.lower() not in {"no_proxy", "all_proxy"}}
    for name in ("HTTP_PROXY", "http_proxy"):
        env[name] = proxy_url
    for name in ("HTTPS_PROXY", "https_proxy"):
        env.pop(name, None)
    return env
