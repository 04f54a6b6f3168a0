"""Fetch stage: URL in, FetchResult out (network with cache and politeness, or a WARC replay)."""
