"""Live fetching over HTTP: cache, per-host politeness, retries, redirects, size cap, safety.

One `requests.Session` is shared by all threads of the pipeline's pool. Redirects are followed
here, hop by hop, so that every hop is checked (scheme, private address), counted, recorded and
rate-limited by its own host.
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import requests
import requests.adapters
import requests.utils
import urllib3.exceptions

from citecheck.fetch.address_guard import (
    GuardedHTTPAdapter,
    PrivateAddressRefused,
    check_literal_host,
    check_resolved_host,
)
from citecheck.fetch.body_reader import BodyTooLarge, read_body
from citecheck.fetch.cache import CachedFetch, FetchCache, is_cacheable
from citecheck.fetch.connectivity import ConnectivityChecker
from citecheck.fetch.error_mapping import (
    DeadlineExceeded,
    fetch_error_from_exception,
    is_connect_failure,
)
from citecheck.fetch.host_limiter import HostLimiter
from citecheck.fetch.retry_policy import backoff_delay, status_retry_delay
from citecheck.fetch.stats import FetchStats
from citecheck.fetch.url_validation import host_of, port_of, url_problem
from citecheck.models import FetchError, FetchErrorKind, FetchResult, Hop, PageStamp
from citecheck.settings import FetchSettings

__all__ = ["FetchStats", "HttpFetcher"]

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_NOT_MODIFIED = 304
_PROBE_TIMEOUT = 5.0
_VISITS_BEFORE_LOOP = 2  # a URL may redirect to itself once (e.g. after setting a cookie)
_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
# Raised by requests, urllib3, http.client and sockets for network trouble and for URLs they
# cannot send (ValueError covers urllib3's LocationParseError and IDNA failures).
_REQUEST_FAILURES = (
    requests.RequestException,
    urllib3.exceptions.HTTPError,
    http.client.HTTPException,
    OSError,
    ValueError,
    PrivateAddressRefused,
    DeadlineExceeded,
)
# Failures a retry may cure. DNS errors, refusals and read timeouts are not retried: a name
# that does not resolve rarely starts to, and a stalled server would cost a whole deadline each.
_RETRYABLE_ERRORS = frozenset({FetchErrorKind.CONNECTION, FetchErrorKind.REFUSED})


@dataclass
class _Response:
    """One HTTP response, its body read only when it is the one to keep."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""
    gzip_body: bytes | None = None  # the body as it came, when gzip was its one coding
    retry_in: float | None = None  # set when the response asks to be retried after this delay
    retry_after_given: bool = False


@dataclass
class _Failure:
    url: str
    error: FetchError
    connect_failure: bool = False  # no connection was made: the network itself may be down


@dataclass
class _Chain:
    """The outcome of following redirects from one requested URL."""

    hops: list[Hop] = field(default_factory=list)
    final: _Response | _Failure | None = None


class HttpFetcher:
    """Thread-safe: the pipeline calls `fetch()` from its thread pool."""

    def __init__(self, settings: FetchSettings) -> None:
        self.settings = settings
        self.stats = FetchStats()
        self._rng = random.Random()
        self._limiter = HostLimiter(settings.per_host, settings.host_interval)
        self._session = self._new_session(settings)
        self._proxies_by_origin: dict[tuple[str, str], dict[str, str]] = {}
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
        self._connectivity = ConnectivityChecker(self._probe, settings.connectivity_probes)

    @staticmethod
    def _new_session(settings: FetchSettings) -> requests.Session:
        session = requests.Session()
        workers = max(1, settings.workers)
        adapter_type = (
            requests.adapters.HTTPAdapter if settings.allow_private else GuardedHTTPAdapter
        )
        # Retries are ours (with Retry-After and politeness), so urllib3 must not retry too.
        adapter = adapter_type(
            pool_connections=max(10, workers), pool_maxsize=workers, max_retries=0
        )
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        session.headers["User-Agent"] = settings.user_agent
        session.headers["Accept"] = _ACCEPT
        # requests re-reads the environment (proxies, CA bundle, ~/.netrc) on every request;
        # read once instead (see _proxies_for). Credentials in ~/.netrc are not for cited sites.
        session.trust_env = False
        session.verify = (
            os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
        )
        return session

    def _proxies_for(self, url: str) -> dict[str, str]:
        """The proxies the environment (HTTP_PROXY, HTTPS_PROXY, NO_PROXY...) gives for `url`'s
        origin, looked up once per origin."""
        parts = urlsplit(url)
        origin = (parts.scheme.lower(), parts.netloc.lower())
        proxies = self._proxies_by_origin.get(origin)
        if proxies is None:
            proxies = dict(requests.utils.get_environ_proxies(url))
            self._proxies_by_origin[origin] = proxies
        return proxies

    @property
    def network_down(self) -> bool:
        """True once a connection failure led the probes to find the network down."""
        return self._connectivity.known_down

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
        self._session.close()
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
        if self._connectivity.known_down:
            return _network_down_result(url)
        validators = cached.validators() if cached is not None else {}
        validated_url = cached.final_url if cached is not None and validators else None
        chain = self._follow_redirects(target, validated_url, validators)
        return self._conclude(url, target, chain, cached)

    def _cached_copy(self, url: str) -> CachedFetch | None:
        if self._cache is None or (self.settings.refresh and not self.settings.offline):
            return None
        return self._cache.get(url)

    def _serve_cached(self, cached: CachedFetch, *, revalidated: bool = False) -> FetchResult:
        self.stats.add("revalidated_304" if revalidated else "cache_hits")
        return cached.to_result(revalidated=revalidated)

    def _conclude(
        self, url: str, target: str, chain: _Chain, cached: CachedFetch | None
    ) -> FetchResult:
        final = chain.final
        if isinstance(final, _Response) and final.status == _NOT_MODIFIED and cached is not None:
            refreshed = cached.refreshed(final.headers, time.time())
            refreshed.redirects = list(chain.hops)
            refreshed.final_url = final.url
            self._store(refreshed)
            return self._serve_cached(refreshed, revalidated=True)
        result = _result_of(url, chain)
        if isinstance(final, _Response):
            self.stats.add("full_downloads")
        if is_cacheable(result):
            entry = CachedFetch.from_result(result, time.time())
            entry.requested_url = target
            entry.gzip_body = final.gzip_body if isinstance(final, _Response) else None
            result.body_sha1 = entry.body_sha1
            self._store(entry)
        return result

    def _store(self, entry: CachedFetch) -> None:
        if self._cache is not None:
            self._cache.put(entry)

    # ------------------------------------------------------------------ redirects

    def _follow_redirects(
        self, url: str, validated_url: str | None, validators: dict[str, str]
    ) -> _Chain:
        chain = _Chain()
        visits: Counter[str] = Counter()
        current = url
        while True:
            visits[current] += 1
            if visits[current] > _VISITS_BEFORE_LOOP:
                chain.final = _Failure(current, _too_many(f"redirect loop at {current}"))
                return chain
            conditional = validators if current == validated_url else {}
            outcome = self._request_with_retries(current, conditional)
            location = _redirect_target(outcome)
            if location is None:
                chain.final = outcome
                return chain
            assert isinstance(outcome, _Response)
            chain.hops.append(Hop(current, outcome.status))
            if len(chain.hops) > self.settings.max_redirects:
                limit = self.settings.max_redirects
                chain.final = _Failure(location, _too_many(f"more than {limit} redirects"))
                return chain
            problem = url_problem(location)
            if problem is not None:
                error = FetchError(FetchErrorKind.INVALID_URL, f"redirect to {problem}")
                chain.final = _Failure(location, error)
                return chain
            current = location

    # ------------------------------------------------------------------ retries

    def _request_with_retries(
        self, url: str, extra_headers: dict[str, str]
    ) -> _Response | _Failure:
        host = host_of(url)
        attempt = 0
        while True:
            with self._limiter.slot(host):
                outcome = self._exchange(url, extra_headers, attempt)
            if isinstance(outcome, _Failure):
                if outcome.connect_failure and self._connectivity.network_is_down():
                    return _Failure(url, _network_down_error())
                if not _worth_retrying(outcome) or attempt >= self.settings.retries:
                    return outcome
                delay = backoff_delay(attempt, self.settings.backoff, self._rng)
            elif outcome.retry_in is None:
                return outcome
            else:
                delay = outcome.retry_in
                if outcome.retry_after_given:
                    # The host asked for a pause: other threads should respect it too.
                    self._limiter.hold_off(host, delay)
            time.sleep(delay)  # outside the host slot, so other work can use it meanwhile
            attempt += 1

    # ------------------------------------------------------------------ one request

    def _exchange(
        self, url: str, extra_headers: dict[str, str], attempt: int
    ) -> _Response | _Failure:
        """Send one GET; read its body only if this response is the one to keep."""
        host = host_of(url)
        deadline = time.monotonic() + self.settings.deadline
        try:
            self._refuse_forbidden_host(url)
            self.stats.add("network_requests")
            response = self._session.get(
                url,
                headers=extra_headers,
                proxies=self._proxies_for(url),
                stream=True,
                allow_redirects=False,
                timeout=(
                    self.settings.connect_timeout,
                    min(self.settings.read_timeout, self.settings.deadline),
                ),
            )
        except _REQUEST_FAILURES as exc:
            return _failure(url, host, exc)
        with response:
            headers = {name.lower(): value for name, value in response.headers.items()}
            status = response.status_code
            if status in REDIRECT_STATUSES or status == _NOT_MODIFIED:
                return _Response(url, status, headers)
            retry_after = headers.get("retry-after")
            retry_in = status_retry_delay(status, retry_after, attempt, self.settings, self._rng)
            if retry_in is not None:
                given = retry_after is not None
                return _Response(url, status, headers, retry_in=retry_in, retry_after_given=given)
            return self._read_body(_Response(url, status, headers), response, deadline)

    def _read_body(
        self, kept: _Response, response: requests.Response, deadline: float
    ) -> _Response | _Failure:
        host = host_of(kept.url)
        try:
            body = read_body(
                response.raw, self.settings.max_bytes, deadline, self.settings.read_timeout
            )
        except BodyTooLarge as exc:
            return _Failure(kept.url, FetchError(FetchErrorKind.BODY_TOO_LARGE, str(exc)))
        except _REQUEST_FAILURES as exc:
            # Near the deadline the socket timeout is shortened to what is left of it, so a
            # read timeout then means the deadline ran out.
            if isinstance(exc, DeadlineExceeded) or time.monotonic() >= deadline:
                message = f"no complete response from {host} within {self.settings.deadline:g} s"
                return _Failure(kept.url, FetchError(FetchErrorKind.TIMEOUT, message))
            return _failure(kept.url, host, exc)
        kept.body, kept.gzip_body = body.content, body.gzip
        return kept

    def _refuse_forbidden_host(self, url: str) -> None:
        if self.settings.allow_private:
            return
        host = host_of(url)
        check_literal_host(host)
        # Through a proxy the connection guard sees only the proxy: check the target by name.
        if self._proxies_for(url):
            check_resolved_host(host, port_of(url))

    # ------------------------------------------------------------------ connectivity

    def _probe(self, url: str) -> bool:
        """True when `url` answers with any HTTP response: then our network is up."""
        if url_problem(url) is not None:
            return False
        timeout = min(_PROBE_TIMEOUT, self.settings.connect_timeout)
        try:
            self._refuse_forbidden_host(url)
            self.stats.add("network_requests")
            self._session.head(
                url,
                timeout=(timeout, timeout),
                allow_redirects=False,
                proxies=self._proxies_for(url),
            ).close()
        except _REQUEST_FAILURES:
            return False
        return True


# ---------------------------------------------------------------------- helpers


def _failure(url: str, host: str, exc: BaseException) -> _Failure:
    error = fetch_error_from_exception(exc, host)
    return _Failure(url, error, connect_failure=is_connect_failure(exc))


def _worth_retrying(failure: _Failure) -> bool:
    if failure.error.kind in _RETRYABLE_ERRORS:
        return True
    # A connect timeout may be a lost packet; a read timeout is a slow server, retried in vain.
    return failure.error.kind is FetchErrorKind.TIMEOUT and failure.connect_failure


def _redirect_target(outcome: _Response | _Failure) -> str | None:
    if not isinstance(outcome, _Response) or outcome.status not in REDIRECT_STATUSES:
        return None
    location = outcome.headers.get("location", "").strip()
    return urljoin(outcome.url, location) if location else None


def _too_many(message: str) -> FetchError:
    return FetchError(FetchErrorKind.TOO_MANY_REDIRECTS, message)


def _network_down_error() -> FetchError:
    return FetchError(FetchErrorKind.NETWORK_DOWN, "network unavailable")


def _network_down_result(url: str) -> FetchResult:
    return FetchResult(url, error=_network_down_error())


def _result_of(url: str, chain: _Chain) -> FetchResult:
    final = chain.final
    assert final is not None
    result = FetchResult(
        requested_url=url,
        final_url=final.url,
        redirects=list(chain.hops),
        fetched_at=dt.datetime.now(dt.UTC),
    )
    if isinstance(final, _Failure):
        result.error = final.error
        return result
    result.status = final.status
    result.headers = final.headers
    result.body = final.body
    # Not decoded here: extraction decodes (in its worker process) only what it reads, and a
    # warm run answered from kept verdicts reads nothing.
    return result
