"""The one interface the pipeline fetches through: a live HTTP fetcher or a WARC replay."""

from __future__ import annotations

from typing import Protocol

from citecheck.models import FetchResult, PageStamp


class Fetcher(Protocol):
    def fetch(self, url: str) -> FetchResult:
        """Fetch `url`; network and HTTP problems go in `FetchResult.error`, never raised."""
        ...

    def peek(self, url: str) -> PageStamp | None:
        """The stamp of the copy `fetch(url)` would return from a local store right now,
        without reading its body or touching the network; None when there is none."""
        ...

    def close(self) -> None: ...
