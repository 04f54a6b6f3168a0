"""Live fetching of cited pages: the fetch cache, revalidation and 304s, over the transport.

The transport (`citecheck.transport`) does the HTTP: politeness, retries, redirects, size cap,
safety. This layer decides whether a page needs the network at all (a fresh cached copy, an
offline run), asks for a revalidation when it has validators, and keeps what came back.
"""

from __future__ import annotations

import datetime as dt
import time
from types import TracebackType

from citecheck.fetch.cache import CachedFetch, FetchCache, is_cacheable
from citecheck.fetch.stats import FetchStats
from citecheck.models import FetchError, FetchErrorKind, FetchResult, PageStamp
from citecheck.settings import FetchSettings
from citecheck.transport import Response, Transport
from citecheck.transport.url_validation import url_problem

__all__ = ["FetchStats", "HttpFetcher"]

_NOT_MODIFIED = 304


class HttpFetcher:
    """Thread-safe: the pipeline calls `fetch()` from its thread pool."""

    def __init__(self, settings: FetchSettings, transport: Transport | None = None) -> None:
        """Fetch over `transport` (shared with the run's other HTTP clients), or over a
        transport of its own, closed with it."""
        self.settings = settings
        self.stats = FetchStats()
        self._own_transport = transport is None
        self.transport = transport if transport is not None else Transport(settings)
        # Longest wait for a URL another run is fetching: its whole try, retries included.
        self._lock_wait = settings.deadline * (1 + max(0, settings.retries))
        self._cache = (
            FetchCache(
                settings.cache_dir,
                settings.max_age,
                settings.error_max_age,
                max_body_bytes=settings.max_bytes,
            )
            if settings.cache_dir is not None
            else None
        )

    @property
    def cache(self) -> FetchCache | None:
        """The fetch cache (None without one), for answers kept beside the pages that a plain
        GET cannot fetch (a Memento TimeGate's: `webarchive.kept_answers`)."""
        return self._cache

    @property
    def network_down(self) -> bool:
        """True once a connection failure led the probes to find the network down."""
        return self.transport.network_down

    @property
    def network_trouble(self) -> str | None:
        """ "network unavailable" or "network unavailable (proxy ...)" once the network or our
        proxy failed requests; None otherwise."""
        return self.transport.network_trouble

    # ------------------------------------------------------------------ public

    def fetch(self, url: str) -> FetchResult:
        started = time.monotonic()
        result = self._fetch(url)
        result.elapsed = time.monotonic() - started
        if result.error is not None:
            self.stats.add("errors")
        return result

    def peek(self, url: str) -> PageStamp | None:
        """The stamp of the copy `fetch(url)` would serve from the cache without touching the
        network; None when it would go out (or has nothing). Reads no body."""
        # No need to validate `url`: one that fetch() refuses never has a record.
        if self._cache is None:
            return None
        if self.settings.refresh and not self.settings.offline:
            return None
        record = self._cache.record(url.strip())
        if record is None:
            return None
        if not self.settings.offline and not self._cache.is_fresh(record, time.time()):
            return None
        return record.stamp()

    def close(self) -> None:
        if self._own_transport:
            self.transport.close()
        if self._cache is not None:
            self._cache.close()

    def __enter__(self) -> HttpFetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ cache layer

    def _fetch(self, url: str) -> FetchResult:
        problem = url_problem(url)
        if problem is not None:
            return FetchResult(url, error=FetchError(FetchErrorKind.INVALID_URL, problem))
        target = url.strip()
        cached = self._cached_copy(target)
        now = time.time()
        if self.settings.offline:
            if cached is None:
                return FetchResult(
                    url, error=FetchError(FetchErrorKind.NOT_IN_CACHE, "not in cache")
                )
            return self._serve_cached(cached)
        if cached is not None and self._cache is not None and self._cache.is_fresh(cached, now):
            return self._serve_cached(cached)
        if self._cache is None:
            return self._download(url, target, cached)
        with self._cache.fetching(target, self._lock_wait) as waited:
            if waited:  # another run had it: it may have stored a fresh copy meanwhile
                cached = self._cached_copy(target)
                if cached is not None and self._cache.is_fresh(cached, time.time()):
                    return self._serve_cached(cached)
            return self._download(url, target, cached)

    def _download(self, url: str, target: str, cached: CachedFetch | None) -> FetchResult:
        validators = cached.validators() if cached is not None else {}
        hop_headers = {cached.final_url: validators} if cached and cached.final_url else {}
        response = self.transport.get(target, hop_headers=hop_headers if validators else None)
        self.stats.add("network_requests", response.requests_sent)
        return self._conclude(url, target, response, cached)

    def _cached_copy(self, url: str) -> CachedFetch | None:
        if self._cache is None or (self.settings.refresh and not self.settings.offline):
            return None
        return self._cache.get(url)

    def _serve_cached(self, cached: CachedFetch, *, revalidated: bool = False) -> FetchResult:
        self.stats.add("revalidated_304" if revalidated else "cache_hits")
        return cached.to_result(revalidated=revalidated)

    def _conclude(
        self, url: str, target: str, response: Response, cached: CachedFetch | None
    ) -> FetchResult:
        if response.status == _NOT_MODIFIED and cached is not None:
            refreshed = cached.refreshed(response.headers, time.time())
            refreshed.redirects = list(response.redirects)
            refreshed.final_url = response.url
            self._store(refreshed)
            return self._serve_cached(refreshed, revalidated=True)
        result = _result_of(url, response)
        if response.error is None:
            self.stats.add("full_downloads")
        if is_cacheable(result):
            entry = CachedFetch.from_result(result, time.time())
            entry.requested_url = target
            entry.gzip_body = response.gzip_body
            result.body_sha1 = entry.body_sha1
            self._store(entry)
        return result

    def _store(self, entry: CachedFetch) -> None:
        if self._cache is not None:
            self._cache.put(entry)


def _result_of(url: str, response: Response) -> FetchResult:
    result = FetchResult(
        requested_url=url,
        final_url=response.url,
        redirects=list(response.redirects),
        fetched_at=dt.datetime.now(dt.UTC),
        error=response.error,
    )
    if response.error is not None:
        return result
    result.status = response.status
    result.headers = response.headers
    result.body = response.body
    # Not decoded here: extraction decodes (in its worker process) only what it reads, and a
    # warm run answered from kept verdicts reads nothing.
    return result
