"""The lookup sources a run uses, from its settings and the environment.

Keyless sources (the publisher's site, the Wayback CDX, Crossref) are on unless turned off in
`[lookup]`; OpenAlex and Brave Search need a key, SearXNG an instance URL, and are off without.
"""

from __future__ import annotations

import os

from citecheck.lookup.candidates import LookupSource
from citecheck.lookup.crossref import Crossref
from citecheck.lookup.http_port import HttpPort
from citecheck.lookup.openalex import OpenAlex
from citecheck.lookup.publisher_site import PublisherSite
from citecheck.lookup.wayback import WaybackLookup
from citecheck.lookup.web_search import brave, searxng
from citecheck.match.aliases import alias_table
from citecheck.settings import Settings
from citecheck.transport import Transport
from citecheck.webarchive.cdx import CdxClient

ENVIRONMENT = {
    "mailto": "CITECHECK_MAILTO",
    "openalex_key": "OPENALEX_API_KEY",
    "searxng_url": "CITECHECK_SEARXNG_URL",
    "brave_key": "BRAVE_SEARCH_API_KEY",
}


def configured(settings: Settings, name: str) -> str:
    """A `[lookup]` text setting, else its environment variable, else empty."""
    value = str(getattr(settings.lookup, name) or "")
    return value.strip() or os.environ.get(ENVIRONMENT[name], "").strip()


def build_sources(
    settings: Settings, port: HttpPort, transport: Transport | None = None
) -> list[LookupSource]:
    """The sources in the order they are asked. The Wayback CDX is asked over `transport`
    (the shared one), and not at all without one (offline, replaying)."""
    lookup = settings.lookup
    sources: list[LookupSource] = []
    mailto = configured(settings, "mailto") or None
    aliases = alias_table(settings.match.publisher_aliases)
    if lookup.publisher_site:
        sources.append(
            PublisherSite(
                port,
                aliases,
                user_agent=settings.fetch.user_agent,
                max_requests=lookup.max_requests,
            )
        )
    wayback = settings.archive.wayback
    if lookup.wayback_cdx and wayback and transport is not None and not settings.fetch.offline:
        # Through the port: CDX answers go through the page cache, paced by the client itself.
        cdx = CdxClient(port, wayback, settings.archive.cdx_interval)
        sources.append(WaybackLookup(cdx, aliases, wayback))
    if lookup.crossref:
        sources.append(Crossref(port, lookup.crossref_url, mailto, lookup.doi_resolver))
    openalex_key = configured(settings, "openalex_key")
    if openalex_key:
        sources.append(OpenAlex(port, lookup.openalex_url, openalex_key))
    searxng_url = configured(settings, "searxng_url")
    if searxng_url:
        sources.append(searxng(port, searxng_url))
    brave_key = configured(settings, "brave_key")
    if brave_key:
        sources.append(brave(port, lookup.brave_url, brave_key))
    return sources
