"""One raw HTTP exchange as it went over the wire, and the hooks that are shown each one."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Exchange:
    """A request as sent and its response as received (a WARC request/response pair).

    Header lists keep the order, the spelling and the repeats of the wire. `raw_body` is the
    body as it came (still gzip-encoded, say), `body` after content decoding; both are empty
    for a response without a body (HEAD, 304) and for one whose body was not kept.
    """

    method: str
    url: str
    request_line: str  # e.g. "GET /path HTTP/1.1" (an absolute URL through an HTTP proxy)
    request_headers: list[tuple[str, str]]
    request_body: bytes
    http_version: str  # of the response, e.g. "HTTP/1.1"
    status: int
    reason: str
    response_headers: list[tuple[str, str]]
    raw_body: bytes
    body: bytes
    started_at: dt.datetime  # UTC, when the request was sent
    peer_ip: str | None  # the server's address; None through a proxy (the peer is the proxy)


ExchangeHook = Callable[[Exchange], None]


@dataclass
class HookHandle:
    """What `Transport.add_exchange_hook` returns: `remove()` stops the hook being called."""

    _hooks: ExchangeHooks
    _hook: ExchangeHook

    def remove(self) -> None:
        self._hooks.remove(self._hook)


@dataclass
class ExchangeHooks:
    """Thread-safe list of hooks; each is called, in the requesting thread, for each exchange."""

    _hooks: list[ExchangeHook] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, hook: ExchangeHook) -> HookHandle:
        with self._lock:
            self._hooks.append(hook)
        return HookHandle(self, hook)

    def remove(self, hook: ExchangeHook) -> None:
        with self._lock:
            if hook in self._hooks:
                self._hooks.remove(hook)

    def __bool__(self) -> bool:
        return bool(self._hooks)

    def call(self, exchange: Exchange) -> None:
        with self._lock:
            hooks = list(self._hooks)
        for hook in hooks:
            hook(exchange)
