"""Which URLs the fetcher will request at all: well-formed http(s) URLs with a host."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MAX_URL_LENGTH = 8192
_CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")
FETCHABLE_SCHEMES = frozenset({"http", "https"})


def url_problem(url: str) -> str | None:
    """Why `url` cannot be fetched, as one line; None when it is a fetchable http(s) URL."""
    if not url.strip():
        return "empty URL"
    if len(url) > MAX_URL_LENGTH:
        return f"URL longer than {MAX_URL_LENGTH} characters"
    if _CONTROL_CHARACTER.search(url):
        return "URL contains control characters"
    try:
        parts = urlsplit(url.strip())
        port = parts.port  # raises ValueError for a port out of range or not a number
    except ValueError as exc:
        return f"malformed URL: {exc}"
    if not parts.scheme:
        return "URL has no scheme (expected http:// or https://)"
    if parts.scheme.lower() not in FETCHABLE_SCHEMES:
        return f"unsupported scheme {parts.scheme}: only http and https addresses are fetched"
    if not parts.hostname:
        return "URL has no host"
    if port == 0:
        return "URL has port 0"
    return None


def host_of(url: str) -> str:
    """The lower-cased host name of a URL already accepted by `url_problem`."""
    return (urlsplit(url.strip()).hostname or "").lower()


def port_of(url: str) -> int:
    parts = urlsplit(url.strip())
    if parts.port is not None:
        return parts.port
    return 443 if parts.scheme.lower() == "https" else 80
