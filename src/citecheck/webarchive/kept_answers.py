"""Archive answers that are not plain GETs, kept in the fetch cache beside the CDX answers.

A Memento TimeGate is asked with `Accept-Datetime` and answers with a redirect it must not be
followed through, so the page fetcher (which keeps plain GETs) cannot keep it. Its answer (the
status, the final address and the headers that name the memento) is kept here instead, in the
same cache and fresh as long as a CDX answer is (`max_age`, none under `--refresh`). Each is
keyed by the request and the header it varies on; the key is no URL, so no page fetch meets it.
Only the protocol's answers are kept (a memento, or none for that page): an archive's failure
(5xx, a timeout) is asked again next time.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from citecheck.fetch.cache import CachedFetch, FetchCache

_KEY_PREFIX = "archive-answer:v1 "


@dataclass(frozen=True)
class KeptAnswer:
    """A kept answer: where it came from, its status and the headers kept of it."""

    url: str
    status: int
    headers: Mapping[str, str] = field(default_factory=dict)


class KeptAnswers:
    """Thread-safe (the fetch cache is)."""

    def __init__(self, cache: FetchCache, *, refresh: bool = False) -> None:
        self._cache = cache
        self._refresh = refresh

    @staticmethod
    def key(url: str, vary: Mapping[str, str]) -> str:
        varied = " ".join(f"{name.lower()}={value}" for name, value in sorted(vary.items()))
        return f"{_KEY_PREFIX}{url} {varied}".rstrip()

    def get(self, key: str) -> KeptAnswer | None:
        """The kept answer, if there is one still fresh (never under `--refresh`)."""
        if self._refresh:
            return None
        entry = self._cache.get(key)
        if entry is None or not self._cache.is_fresh(entry, time.time()):
            return None
        try:
            stored = json.loads(entry.body)
            headers = {str(k): str(v) for k, v in dict(stored["headers"]).items()}
            status = stored["status"]
            return KeptAnswer(str(stored["url"]), int(status), headers)
        except (ValueError, KeyError, TypeError):
            return None  # written by something else: ask again

    def put(self, key: str, url: str, status: int, headers: Mapping[str, str]) -> None:
        stored = {"url": url, "status": status, "headers": dict(headers)}
        body = json.dumps(stored, sort_keys=True).encode()
        # Stored as a page (200): kept as long as a CDX answer, whatever status it records.
        self._cache.put(
            CachedFetch(requested_url=key, stored_at=time.time(), status=200, body=body)
        )
