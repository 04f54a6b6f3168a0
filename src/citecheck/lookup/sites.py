"""Which site a citation's source lives on: the dead URL's host, or the publisher's sites from
the alias table (built in, plus `[publishers]` in citecheck.toml), where a domain
(`dawn.com`) stands for its https site and an address (`https://www.dawn.com`) for itself."""

from __future__ import annotations

from urllib.parse import urlsplit

from citecheck.match.aliases import AliasTable, as_domain

MAX_SITES = 2


def publisher_sites(aliases: AliasTable, publisher: str | None) -> list[str]:
    """The origins (`https://reuters.com`) the cited publisher is known by, at most two."""
    if not publisher:
        return []
    own = as_domain(publisher)
    if own:
        return [f"https://{own}"]
    names = aliases.names_of(sorted(aliases.for_name(publisher)))
    sites: list[str] = []
    for name in names:
        domain = as_domain(name)
        site = f"https://{domain}" if domain else origin_of(name)
        if site and site not in sites:
            sites.append(site)
    return sites[:MAX_SITES]


def publisher_domains(aliases: AliasTable, publisher: str | None) -> list[str]:
    """The host names of `publisher_sites`, without `www.`."""
    hosts = [urlsplit(site).hostname or "" for site in publisher_sites(aliases, publisher)]
    return [host.removeprefix("www.") for host in hosts if host]


def origin_of(url: str | None) -> str | None:
    """`scheme://host[:port]` of an http(s) URL, else None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.netloc.lower()}"


def cited_host(url: str | None) -> str | None:
    """The host of a cited (dead) http(s) URL."""
    origin = origin_of(url)
    return urlsplit(origin).hostname if origin else None
