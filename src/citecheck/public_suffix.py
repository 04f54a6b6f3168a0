"""Registered domains: which part of a host name is the site, by the public-suffix list as
bundled with tldextract ("www.bbc.co.uk" -> "bbc.co.uk", its label "bbc").

One extractor for the whole process: building its lookup tables costs about 50 ms, and both the
extract and the match stage ask it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import urlsplit

import tldextract


@cache
def domain_parts() -> tldextract.TLDExtract:
    # The bundled snapshot: never download the list, never write a cache directory.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@dataclass(frozen=True)
class SiteDomain:
    """A host split by the public-suffix list."""

    registered_domain: str | None  # "bbc.co.uk"; None for an IP address or a bare suffix
    label: str  # "bbc": the name the site registered ("" when there is none)


@lru_cache(maxsize=1024)
def site_domain(host: str) -> SiteDomain:
    """`host` ("www.bbc.co.uk") as its registered domain and label, lower-cased."""
    parts = domain_parts()(host)
    registered = parts.top_domain_under_public_suffix.lower() or None
    return SiteDomain(registered_domain=registered, label=parts.domain.lower())


def url_host(url: str | None) -> str | None:
    """The lower-cased host of `url`; None for an address without one or that cannot be read."""
    if not url:
        return None
    try:
        return urlsplit(url.strip()).hostname or None
    except ValueError:
        return None
