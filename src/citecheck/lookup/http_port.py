"""What the lookup clients need of the shared HTTP transport, and nothing more.

Every lookup client sends its requests through one `HttpPort`, so that politeness (per-host
limits, Retry-After), safety (address guard, size caps) and the cache are the transport's, the
same as for cited pages. The shape is the transport's own (`Transport.get`): the real transport
fits it as it is; `FetcherPort` lends the page fetcher the same shape.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlencode, urlsplit, urlunsplit

from citecheck.fetch.base import Fetcher
from citecheck.models import FetchError, FetchErrorKind


class Reply(Protocol):
    """One answer: final URL, status, lower-case headers, decoded body, or the error."""

    @property
    def url(self) -> str: ...
    @property
    def status(self) -> int | None: ...
    @property
    def headers(self) -> Mapping[str, str]: ...
    @property
    def body(self) -> bytes: ...
    @property
    def error(self) -> FetchError | None: ...


class HttpPort(Protocol):
    def get(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
    ) -> Reply:
        """GET `url` (with `params` added to its query); never raises for network trouble."""
        ...


@dataclass
class PortReply:
    url: str
    status: int | None
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: FetchError | None = None


def with_params(url: str, params: Mapping[str, str] | None) -> str:
    """`url` with `params` appended to its query string."""
    if not params:
        return url
    parts = urlsplit(url)
    extra = urlencode(list(params.items()))
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


class FetcherPort:
    """The run's fetcher and transport in the shape of `HttpPort`.

    Plain GETs (robots.txt, sitemaps, catalogue queries) go through the page fetcher, so they
    share its cache, its offline mode and the transport under it; a request that needs headers
    of its own (an API key) goes straight to the shared transport, uncached. Without a
    transport (a WARC replay) such a request is refused rather than sent without them."""

    def __init__(
        self, fetcher: Fetcher, transport: HttpPort | None = None, *, offline: bool = False
    ) -> None:
        self._fetcher = fetcher
        self._transport = None if offline else transport

    def answers_from_cache(self, url: str, params: Mapping[str, str] | None = None) -> bool:
        """Whether `get(url, params=params)` would be answered from the cache, touching no
        server: such a request owes a service's rate limit nothing."""
        return self._fetcher.peek(with_params(url, params)) is not None

    def get(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
    ) -> Reply:
        full = with_params(url, params)
        if headers:
            if self._transport is None:
                message = "not sent: no network in this run (offline or replaying)"
                return PortReply(full, None, error=FetchError(FetchErrorKind.NOT_IN_CACHE, message))
            return self._transport.get(full, headers=headers)
        result = self._fetcher.fetch(full)
        return PortReply(
            url=result.final_url or full,
            status=result.status,
            headers=result.headers,
            body=result.body,
            error=result.error,
        )


class ServiceTrouble(Exception):
    """A service answered, but not with what its protocol promises; the message says how."""


def json_of(reply: Reply, service: str) -> object:
    """The JSON body of a 200 reply; ServiceTrouble naming `service` for anything else."""
    if reply.error is not None:
        raise ServiceTrouble(f"{service}: {reply.error.message}")
    if reply.status != 200:
        raise ServiceTrouble(f"{service} answered HTTP {reply.status}")
    try:
        return json.loads(reply.body)
    except (ValueError, UnicodeDecodeError):
        raise ServiceTrouble(f"{service} answered something that is not JSON") from None


def is_network_down(reply: Reply) -> bool:
    return reply.error is not None and reply.error.kind is FetchErrorKind.NETWORK_DOWN
