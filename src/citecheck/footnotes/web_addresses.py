"""Links found in articles and notes: which are web addresses (archive copies are told apart by
`citecheck.webarchive.url_forms.is_archive_copy`)."""

from __future__ import annotations

from urllib.parse import SplitResult, urljoin, urlsplit


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
