"""Shared fixtures of the fetch tests: fast settings and a threaded loopback HTTP server.

pytest-httpserver (single-threaded) serves most tests; `loopback` is for what it cannot do:
many requests at once, and responses that stall or trickle mid-body.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from citecheck.settings import FetchSettings

Route = Callable[[BaseHTTPRequestHandler], None]
SettingsFactory = Callable[..., FetchSettings]

# Small numbers so that retries, timeouts and deadlines play out in a fraction of a second.
FAST = FetchSettings(
    connect_timeout=2.0,
    read_timeout=2.0,
    deadline=5.0,
    retries=2,
    backoff=0.01,
    max_retry_after=5.0,
    host_interval=0.0,
    workers=8,
    allow_private=True,
    connectivity_probes=(),
)


@pytest.fixture
def make_settings() -> SettingsFactory:
    def factory(**overrides: object) -> FetchSettings:
        return replace(FAST, **overrides)  # type: ignore[arg-type]

    return factory


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]


class LoopbackServer:
    """A threaded HTTP/1.1 server on 127.0.0.1 whose paths are answered by Python callables."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[RecordedRequest] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def route(self, path: str, handler: Route) -> None:
        self.routes[path] = handler

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @staticmethod
    def send(
        handler: BaseHTTPRequestHandler,
        body: bytes,
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer with `body` and a Content-Length (HTML unless `headers` say otherwise)."""
        handler.send_response(status)
        all_headers = {"Content-Type": "text/html; charset=utf-8", **(headers or {})}
        for name, value in all_headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(body)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server._serve(self)

            def do_HEAD(self) -> None:
                server._serve(self)

            def log_message(self, format: str, *args: object) -> None:
                return None

        return Handler

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.requests.append(
                RecordedRequest(handler.command, handler.path, dict(handler.headers.items()))
            )
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            route = self.routes.get(handler.path.split("?")[0])
            if route is None:
                self.send(handler, b"no such page", status=404)
            else:
                route(handler)
        except OSError:
            pass  # the client gave up (cap, timeout): exactly what several tests provoke
        finally:
            with self._lock:
                self.in_flight -= 1


@pytest.fixture
def loopback() -> Iterator[LoopbackServer]:
    server = LoopbackServer()
    server.start()
    yield server
    server.stop()
