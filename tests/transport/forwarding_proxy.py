"""A real forwarding HTTP proxy on loopback, for tests that put citecheck behind a proxy.

It speaks the two ways clients use a proxy: a plain-HTTP request with an absolute URL as its
target (forwarded, with a `Via` header added), and CONNECT host:port (a tunnel, bytes relayed
both ways). Every host it is asked for is reached at one upstream address (a loopback server
standing in for the web), so that names such as news.example need no DNS.

Modes: "forward" (a working proxy), "down" (up, but cannot reach the internet: 503 to every
request and every CONNECT, as Squid answers), "silent-down" (the same, with a bare 503 that
carries no mark of a proxy), "no-connect" (forwards plain HTTP, refuses every CONNECT tunnel).
"""

from __future__ import annotations

import http.client
import select
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

_HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
}
DOWN_PAGE = (
    b"<html><head><title>ERROR: The requested URL could not be retrieved</title></head>"
    b"<body><h1>Proxy error</h1><p>The proxy could not connect to the remote host.</p>"
    b"</body></html>"
)


class ForwardingProxy:
    def __init__(self, mode: str, upstream: tuple[str, int] | None = None) -> None:
        self.mode = mode
        self.upstream = upstream
        self.requests: list[tuple[str, str]] = []  # (method, target) as received
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self._server.server_address[1]}"

    @property
    def url(self) -> str:
        return f"http://{self.address}"

    def start(self) -> ForwardingProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                proxy._forward(self)

            do_HEAD = do_GET
            do_POST = do_GET

            def do_CONNECT(self) -> None:
                proxy._tunnel(self)

            def log_message(self, format: str, *args: object) -> None:
                return None

        return Handler

    def _record(self, handler: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.requests.append((handler.command, handler.path))

    def _answer(self, handler: BaseHTTPRequestHandler, status: int, body: bytes) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", "text/html")
        if self.mode != "silent-down":
            handler.send_header("Via", "1.1 testproxy (squid/6.6)")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(body)

    def _forward(self, handler: BaseHTTPRequestHandler) -> None:
        self._record(handler)
        if self.mode == "silent-down":
            self._answer(handler, 503, b"Service Unavailable")
            return
        if self.mode == "down" or self.upstream is None:
            self._answer(handler, 503, DOWN_PAGE)
            return
        target = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else None
        headers = {
            name: value
            for name, value in handler.headers.items()
            if name.lower() not in _HOP_BY_HOP
        }
        upstream = http.client.HTTPConnection(*self.upstream, timeout=10)
        try:
            path = target.path + (f"?{target.query}" if target.query else "")
            upstream.request(handler.command, path or "/", body=body, headers=headers)
            response = upstream.getresponse()
            payload = response.read()
        finally:
            upstream.close()
        handler.send_response(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in _HOP_BY_HOP and name.lower() != "content-length":
                handler.send_header(name, value)
        handler.send_header("Via", "1.1 testproxy (squid/6.6)")
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(payload)

    def _tunnel(self, handler: BaseHTTPRequestHandler) -> None:
        self._record(handler)
        if self.mode in ("down", "silent-down"):
            self._answer(handler, 503, DOWN_PAGE)
            return
        if self.mode == "no-connect" or self.upstream is None:
            self._answer(handler, 403, b"<h1>Proxy: CONNECT is not allowed</h1>")
            return
        upstream = socket.create_connection(self.upstream, timeout=10)
        handler.send_response(200, "Connection established")
        handler.end_headers()
        client = handler.connection
        try:
            sockets = [client, upstream]
            while True:
                readable, _, _ = select.select(sockets, [], [], 10)
                if not readable:
                    return
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (upstream if sock is client else client).sendall(data)
        finally:
            upstream.close()
            handler.close_connection = True
