"""The one interface the pipeline fetches through: a live HTTP fetcher or a WARC replay."""

from __future__ import annotations

from typing import Protocol

from citecheck.models import FetchResult


class Fetcher(Protocol):
    def fetch(self, url: str) -> FetchResult:
        """Fetch `url`; network and HTTP problems go in `FetchResult.error`, never raised."""
        ...

    def close(self) -> None: ...
