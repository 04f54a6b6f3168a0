"""Which site a citation's source lives on: the dead URL's host, or the publisher's domains
from the alias table (built in, plus `[publishers]` in citecheck.toml)."""

from __future__ import annotations

from urllib.parse import urlsplit

from citecheck.match.aliases import AliasTable, as_domain

MAX_DOMAINS = 2


def publisher_domains(aliases: AliasTable, publisher: str | None) -> list[str]:
    """The domains the cited publisher is known by ("Reuters" -> reuters.com), at most two."""
    if not publisher:
        return []
    own = as_domain(publisher)
    if own:
        return [own]
    names = aliases.names_of(sorted(aliases.for_name(publisher)))
    domains: list[str] = []
    for name in names:
        domain = as_domain(name)
        if domain and domain not in domains:
            domains.append(domain)
    return domains[:MAX_DOMAINS]


def cited_host(url: str | None) -> str | None:
    """The host of a cited (dead) http(s) URL."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts.hostname.lower()
