"""Telling a proxy's own answer from the site's, for plain-HTTP requests sent through a proxy.

Through a proxy, a 502, 503 or 504 may come from the site (forwarded) or from the proxy itself
(it could not reach the site, or the internet). A CONNECT that fails is always the proxy's; a
plain-HTTP answer is the proxy's when it carries a proxy's marks (a `Proxy-Status` or Squid
header, or a `Via` header or an error page that speaks of a proxy) and none of an origin's
(cookies, validators, an application's headers). Even then the transport probes before
deciding: if the probe sites answer through the same proxy, the site itself failed.
"""

from __future__ import annotations

from collections.abc import Mapping

PROXY_FAILURE_STATUSES = frozenset({502, 503, 504})
_PROXY_HEADERS = ("proxy-status", "x-squid-error", "x-proxy-error")
# Headers a proxy does not make up for its own error page; an answer with any came from a site.
_ORIGIN_HEADERS = frozenset(
    {
        "set-cookie",
        "etag",
        "last-modified",
        "x-powered-by",
        "content-security-policy",
        "strict-transport-security",
        "x-frame-options",
        "cf-ray",
        "x-amz-request-id",
    }
)
_BODY_PREFIX = 8192


def looks_like_proxy_answer(status: int, headers: Mapping[str, str], body: bytes) -> bool:
    """Whether an answer received through a proxy looks made by the proxy (names lower-case)."""
    if status not in PROXY_FAILURE_STATUSES:
        return False
    if any(name in headers for name in _PROXY_HEADERS):
        return True
    if any(name in headers for name in _ORIGIN_HEADERS):
        return False
    return "via" in headers or b"proxy" in body[:_BODY_PREFIX].lower()
