"""Looking a URL up in a web archive despite trivial differences in how it was written.

The exact key ignores the fragment, the case of the scheme and host, and default ports. The
fallbacks, tried in order, toggle a trailing slash, then the scheme (http/https), then `www.`.
"""

from __future__ import annotations

import itertools
from urllib.parse import urlsplit, urlunsplit

from requests.utils import requote_uri

_DEFAULT_PORTS = {"http": 80, "https": 443}
_OTHER_SCHEME = {"http": "https", "https": "http"}


def archive_key(url: str) -> str | None:
    """The canonical lookup key of `url`; None when it is not an absolute http(s) URL."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    elif not host.isascii():
        host = _punycode(host)
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    # Crawlers record URLs percent-encoded ("a b" as "a%20b", "é" as "%C3%A9"); citations often
    # carry them as typed. requote_uri encodes what needs it and leaves existing escapes alone.
    path_and_query = urlsplit(requote_uri(urlunsplit(("", "", parts.path or "/", parts.query, ""))))
    return urlunsplit((scheme, netloc, path_and_query.path, path_and_query.query, ""))


def _punycode(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def fallback_keys(key: str) -> list[str]:
    """Keys of the near variants of an `archive_key`, closest first."""
    parts = urlsplit(key)
    paths = [parts.path, _toggle_trailing_slash(parts.path)]
    schemes = [parts.scheme, _OTHER_SCHEME[parts.scheme]]
    netlocs = [parts.netloc, _toggle_www(parts.netloc)]
    variants: list[str] = []
    # product() varies the last factor fastest: the slash first, then the scheme, then www.
    for netloc, scheme, path in itertools.product(netlocs, schemes, paths):
        variant = urlunsplit((scheme, netloc, path, parts.query, ""))
        if variant != key and variant not in variants:
            variants.append(variant)
    return variants


def _toggle_trailing_slash(path: str) -> str:
    if path == "/":
        return path
    return path[:-1] if path.endswith("/") else path + "/"


def _toggle_www(netloc: str) -> str:
    return netloc[4:] if netloc.startswith("www.") else "www." + netloc
