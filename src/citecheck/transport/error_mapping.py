"""Exceptions from requests/urllib3/sockets turned into a FetchError with one readable line."""

from __future__ import annotations

import http.client
import socket
import ssl
from collections.abc import Iterator

import requests
import urllib3.exceptions as u3

from citecheck.models import FetchError, FetchErrorKind
from citecheck.transport.address_guard import PrivateAddressRefused

_MAX_MESSAGE = 200
_INVALID_URL_TYPES: tuple[type[BaseException], ...] = (
    requests.exceptions.InvalidURL,
    requests.exceptions.MissingSchema,
    requests.exceptions.InvalidSchema,
    requests.exceptions.InvalidHeader,
    u3.LocationValueError,
    UnicodeError,  # a host name that cannot be IDNA-encoded
)


class DeadlineExceeded(Exception):
    """The request's total deadline ran out (while waiting for headers or reading the body)."""


def exception_chain(exc: BaseException) -> Iterator[BaseException]:
    """`exc` and everything it wraps: causes, contexts, urllib3 `reason`s, requests' args."""
    seen: set[int] = set()
    pending: list[BaseException] = [exc]
    while pending:
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        wrapped = [current.__cause__, current.__context__, getattr(current, "reason", None)]
        wrapped.extend(current.args)
        pending.extend(item for item in wrapped if isinstance(item, BaseException))


def _find(exc: BaseException, *types: type[BaseException]) -> BaseException | None:
    return next((item for item in exception_chain(exc) if isinstance(item, types)), None)


def is_connect_failure(exc: BaseException) -> bool:
    """True when no connection was made at all: the case where our own network may be down."""
    return _find(exc, socket.gaierror, u3.NewConnectionError, u3.ConnectTimeoutError) is not None


def _is_timeout(item: BaseException) -> bool:
    # NewConnectionError subclasses ConnectTimeoutError in urllib3 2 without being a timeout.
    if isinstance(item, u3.NewConnectionError):
        return False
    return isinstance(item, requests.Timeout | u3.TimeoutError | TimeoutError | DeadlineExceeded)


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= _MAX_MESSAGE else line[: _MAX_MESSAGE - 1] + "…"


def _os_reason(exc: BaseException) -> str | None:
    for item in exception_chain(exc):
        if isinstance(item, OSError) and item.strerror:
            return item.strerror
    return None


TLS_UNTRUSTED = "TLS certificate not trusted"


def fetch_error_from_exception(
    exc: BaseException, host: str, proxy: str | None = None
) -> FetchError:
    """Classify `exc`, raised while fetching from `host` (through `proxy`, its host:port)."""
    if (refused := _find(exc, PrivateAddressRefused)) is not None:
        return FetchError(FetchErrorKind.PRIVATE_ADDRESS, str(refused))
    if proxy is not None and _find(exc, requests.exceptions.ProxyError, u3.ProxyError):
        return FetchError(FetchErrorKind.PROXY, proxy_trouble(proxy, _proxy_detail(exc, host)))
    if cut := _find(exc, u3.IncompleteRead, http.client.IncompleteRead, u3.InvalidChunkLength):
        return FetchError(FetchErrorKind.CUT_SHORT, _cut_short(cut, host))
    if (deadline := _find(exc, DeadlineExceeded)) is not None:
        return FetchError(FetchErrorKind.TIMEOUT, _one_line(str(deadline)))
    if _find(exc, socket.gaierror, u3.NameResolutionError) is not None:
        return FetchError(FetchErrorKind.DNS, f"DNS lookup failed for {host}")
    if _find(exc, ConnectionRefusedError) is not None:
        return FetchError(FetchErrorKind.REFUSED, f"connection refused by {host}")
    if any(_is_timeout(item) for item in exception_chain(exc)):
        return FetchError(FetchErrorKind.TIMEOUT, f"timed out talking to {host}")
    if (invalid := _find(exc, *_INVALID_URL_TYPES)) is not None:
        return FetchError(FetchErrorKind.INVALID_URL, _one_line(f"invalid URL: {invalid}"))
    if _find(exc, u3.DecodeError, requests.exceptions.ContentDecodingError) is not None:
        # The server answered, but its body does not decompress as its Content-Encoding says.
        return FetchError(
            FetchErrorKind.CONNECTION,
            f"{host} sent a body that does not match its Content-Encoding (corrupt compression)",
        )
    if (untrusted := _find(exc, ssl.SSLCertVerificationError)) is not None:
        why = getattr(untrusted, "verify_message", None) or str(untrusted)
        return FetchError(
            FetchErrorKind.CERTIFICATE,
            _one_line(
                f"{TLS_UNTRUSTED}: {why}, for {host} (trust a private CA with REQUESTS_CA_BUNDLE)"
            ),
        )
    if (tls := _find(exc, ssl.SSLError, u3.SSLError)) is not None:
        return FetchError(FetchErrorKind.CONNECTION, _one_line(f"TLS error with {host}: {tls}"))
    reason = _os_reason(exc) or type(exc).__name__
    return FetchError(FetchErrorKind.CONNECTION, _one_line(f"{host}: {reason}"))


def proxy_trouble(proxy: str, detail: str) -> str:
    """The one line said of a proxy's failure."""
    return _one_line(f"network unavailable (proxy {proxy} {detail})")


def _proxy_detail(exc: BaseException, host: str) -> str:
    if _find(exc, ConnectionRefusedError) is not None:
        return "refused the connection"
    if _find(exc, socket.gaierror, u3.NameResolutionError) is not None:
        return "has a name that does not resolve"
    if any(_is_timeout(item) for item in exception_chain(exc)):
        return "timed out"
    for item in exception_chain(exc):
        # http.client's own words, innermost in the chain: "Tunnel connection failed: 503 ..."
        text = str(item)
        if text.startswith("Tunnel connection failed:"):
            answer = text.split(":", 1)[1].strip()
            return f"refused the tunnel to {host}: {answer}"
    return f"failed: {_os_reason(exc) or type(exc).__name__}"


def _cut_short(cut: BaseException, host: str) -> str:
    partial = getattr(cut, "partial", None)
    expected = getattr(cut, "expected", None)
    if isinstance(partial, int) and isinstance(expected, int) and expected > 0:
        total = partial + expected
        return f"download cut short: {host} sent {partial:,} of {total:,} bytes"
    return f"download cut short: {host} broke off the body"
