"""Links found in articles and notes: which are web addresses, and which are archive copies."""

from __future__ import annotations

from urllib.parse import SplitResult, urljoin, urlsplit

# Services whose pages are copies of other pages (their address names the original).
_ARCHIVE_HOSTS = frozenset(
    {
        "web.archive.org", "wayback.archive.org", "archive.today", "archive.ph", "archive.is",
        "archive.li", "archive.vn", "archive.fo", "archive.md", "ghostarchive.org", "perma.cc",
        "webcitation.org", "www.webcitation.org",
    }
)  # fmt: skip


def split_url(href: str) -> SplitResult | None:
    """The parts of a link's address; None for one that cannot be parsed ("http://[x]")."""
    try:
        return urlsplit(href.strip())
    except ValueError:
        return None


def web_address(href: str, base_url: str | None = None) -> str | None:
    """The http(s) address a link points at, made absolute against the page's address."""
    try:
        full = urljoin(base_url, href.strip()) if base_url else href.strip()
    except ValueError:
        return None
    parts = split_url(full)
    if parts is None or parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    return full


def is_archive_copy(address: str) -> bool:
    """True for a Wayback Machine, archive.today or similar copy of another page."""
    parts = split_url(address)
    if parts is None or not parts.hostname:
        return False
    host = parts.hostname.lower()
    return host in _ARCHIVE_HOSTS or (host == "archive.org" and parts.path.startswith("/web/"))
