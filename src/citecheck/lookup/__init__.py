"""Lookup: candidate URLs for a citation without a working url, from the publisher's site,
the Wayback CDX, Crossref, OpenAlex and web search, each behind `LookupSource`."""
