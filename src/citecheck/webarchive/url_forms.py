"""How web archives write addresses: Wayback capture URLs, archive-copy hosts, lookup keys.

- A Wayback capture URL is `<root>/web/<timestamp><modifier>/<original URL>`: a 1-14 digit
  timestamp, an optional replay modifier (`id_`, `if_`, `im_`...) and the archived address,
  sometimes written without its scheme. `capture_url` writes one, `parse_capture_url` reads one
  back, `archived_url` gives the page an archive copy stands for.
- `is_archive_copy` tells a copy (Wayback Machine, archive.today and its mirrors, Ghostarchive,
  Perma.cc, WebCite) from the page it copies.
- Lookup keys: looking a URL up in a web archive despite trivial differences in how it was
  written. The exact key ignores the fragment, the case of the scheme and host, and default
  ports. The fallbacks, tried in order, toggle a trailing slash, then the scheme (http/https),
  then `www.`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from requests.utils import requote_uri

_DEFAULT_PORTS = {"http": 80, "https": 443}
_OTHER_SCHEME = {"http": "https", "https": "http"}

WAYBACK_ROOT = "https://web.archive.org"
# Services whose pages are copies of other pages (their address names the original).
ARCHIVE_HOSTS = frozenset(
    {
        "web.archive.org", "wayback.archive.org", "archive.today", "archive.ph", "archive.is",
        "archive.li", "archive.vn", "archive.fo", "archive.md", "ghostarchive.org", "perma.cc",
        "webcitation.org", "www.webcitation.org",
    }
)  # fmt: skip
_CAPTURE = re.compile(
    r"^https?://(?:web\.|wayback\.)?archive\.org/web/(?P<timestamp>\d{1,14})"
    r"(?P<modifier>[a-z_]*)/(?P<original>.+)$",
    re.IGNORECASE,
)
# The same after the root of another Wayback Machine (`[archive] wayback`).
_CAPTURE_PATH = re.compile(
    r"^/web/(?P<timestamp>\d{1,14})(?P<modifier>[a-z_]*)/(?P<original>.+)$", re.IGNORECASE
)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


@dataclass(frozen=True)
class Capture:
    """A Wayback capture URL read back: when, how it replays, and the page it archived."""

    timestamp: str  # 1-14 digits, as written
    modifier: str  # "" for the replay page, "id_" for the page as archived, ...
    original: str  # the archived address, with a scheme


def capture_url(timestamp: str, original: str, modifier: str = "", root: str = WAYBACK_ROOT) -> str:
    """The Wayback address of `original` captured at `timestamp` (`id_`: the page as archived,
    without the Wayback banner or rewritten links)."""
    return f"{root.rstrip('/')}/web/{timestamp}{modifier}/{original}"


def parse_capture_url(url: str, root: str = WAYBACK_ROOT) -> Capture | None:
    """The parts of a Wayback capture URL (archive.org's own hosts, or those at `root`); None
    for any other URL. An original written without a scheme ("web/2016/www.x.org/a") is taken
    as http."""
    url = url.strip()
    match = _CAPTURE.match(url)
    base = root.rstrip("/")
    if match is None and base and url.lower().startswith(base.lower() + "/web/"):
        match = _CAPTURE_PATH.match(url[len(base) :])
    if match is None:
        return None
    original = match.group("original")
    if not _SCHEME.match(original):
        original = f"http://{original}"
    return Capture(match.group("timestamp"), match.group("modifier").lower(), original)


def archived_url(url: str) -> str:
    """The page a Wayback capture URL stands for; any other URL is itself."""
    capture = parse_capture_url(url)
    return capture.original if capture is not None else url


def is_archive_copy(address: str) -> bool:
    """True for a Wayback Machine, archive.today or similar copy of another page."""
    try:
        parts = urlsplit(address.strip())
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    if not host:
        return False
    return host in ARCHIVE_HOSTS or (host == "archive.org" and parts.path.startswith("/web/"))


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
