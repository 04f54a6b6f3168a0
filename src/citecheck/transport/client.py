"""The HTTP transport every part of citecheck that speaks HTTP goes through.

One `requests.Session` is shared by all threads. Redirects are followed here, hop by hop, so
that every hop is checked (scheme, private address), counted, recorded and rate-limited by its
own host. Per-host concurrency and spacing are one pool for every caller, so a host sees the
intended load whether pages, archive lookups or API calls go to it.
"""

from __future__ import annotations

import datetime as dt
import http
import http.client
import os
import random
import threading
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import requests.adapters
import requests.utils
import urllib3.exceptions

from citecheck.models import FetchError, FetchErrorKind, Hop
from citecheck.settings import FetchSettings
from citecheck.transport.address_guard import AddressPolicy, PrivateAddressRefused
from citecheck.transport.body_reader import Body, BodyTooLarge, is_plain_gzip, read_body
from citecheck.transport.connections import (
    OpenSockets,
    TransportAdapter,
    peer_address,
    sent_request,
)
from citecheck.transport.connectivity import ConnectivityChecker
from citecheck.transport.error_mapping import (
    DeadlineExceeded,
    fetch_error_from_exception,
    is_connect_failure,
    proxy_trouble,
)
from citecheck.transport.exchange import Exchange, ExchangeHook, ExchangeHooks, HookHandle
from citecheck.transport.host_limiter import HostLimiter
from citecheck.transport.proxy_answers import PROXY_FAILURE_STATUSES, looks_like_proxy_answer
from citecheck.transport.retry_policy import backoff_delay, status_retry_delay
from citecheck.transport.url_validation import host_of, port_of, url_problem

__all__ = ["Response", "Transport"]

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
_RETRYABLE_ERRORS = frozenset(
    {
        FetchErrorKind.CONNECTION,
        FetchErrorKind.REFUSED,
        FetchErrorKind.PROXY,
        FetchErrorKind.CUT_SHORT,
    }
)
# A request that may change something on the server is sent again only when it surely did not
# arrive (no connection made) or the server said it did not take it (429, 503).
_IDEMPOTENT = frozenset({"GET", "HEAD"})
_NOT_TAKEN_STATUSES = frozenset({429, 503})

RequestData = bytes | str | Mapping[str, str] | None


@dataclass
class Response:
    """What one `get` or `post` came to, after redirects and retries.

    `error` is set when there is no response to show (network trouble, refused address, size
    cap...); then `status` is None. `url` is the final URL (where it failed, for an error).
    """

    url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)  # names lower-cased
    body: bytes = b""  # content-decoded, at most the size cap
    redirects: list[Hop] = field(default_factory=list)  # every hop before the final response
    error: FetchError | None = None
    exchanges: list[Exchange] = field(default_factory=list)  # every raw exchange, in order
    raw_body: bytes = b""  # the final body as it came, before content decoding
    requests_sent: int = 0  # requests this call sent: hops, retries and connectivity probes

    @property
    def gzip_body(self) -> bytes | None:
        """The body as it came when gzip was its one coding (what a cache keeps)."""
        return self.raw_body if is_plain_gzip(self.headers.get("content-encoding")) else None


@dataclass
class _Answer:
    """One HTTP response during a call."""

    url: str
    status: int
    headers: dict[str, str]
    body: Body | None = None
    retry_in: float | None = None  # set when the response asks to be retried after this delay
    retry_after_given: bool = False


@dataclass
class _Failure:
    url: str
    error: FetchError
    connect_failure: bool = False  # no connection was made: the network itself may be down

    @property
    def may_mean_network_down(self) -> bool:
        return self.connect_failure or self.error.kind is FetchErrorKind.PROXY


@dataclass
class _Request:
    """One call's request, as it changes along the redirect chain."""

    method: str
    url: str
    headers: dict[str, str]
    data: RequestData
    max_bytes: int
    hop_headers: Mapping[str, Mapping[str, str]]


class Transport:
    """Thread-safe; one per run, shared by everything that speaks HTTP.

    `get` and `post` never raise for network or HTTP trouble: it is in `Response.error` (no
    response) or `Response.status`.
    """

    def __init__(self, settings: FetchSettings) -> None:
        self.settings = settings
        self.policy = AddressPolicy.of(settings.allow_private, settings.allow_hosts)
        self._rng = random.Random()
        self._cancelled = threading.Event()
        self._sockets = OpenSockets()
        self._limiter = HostLimiter(
            settings.per_host,
            settings.host_interval,
            sleep=self._pause,
            total=max(1, settings.workers),
        )
        self._session = self._new_session(settings, self.policy, self._sockets)
        self._verify: bool | str = (
            os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
        )
        self._proxies_by_origin: dict[tuple[str, str], dict[str, str]] = {}
        # One verdict per way out (direct, or through a proxy, for each scheme): a route that
        # is down says nothing about another (HTTP through a proxy, HTTPS direct, say).
        self._routes: dict[tuple[str, str | None], ConnectivityChecker] = {}
        self._routes_lock = threading.Lock()
        self._hooks = ExchangeHooks()
        self._counts = threading.local()
        self._trouble: FetchError | None = None  # the proxy failure that stands for an outage
        self._resolved_hosts: set[tuple[str, int]] = set()  # passed `check_resolved`

    @staticmethod
    def _new_session(
        settings: FetchSettings, policy: AddressPolicy, sockets: OpenSockets
    ) -> requests.Session:
        session = requests.Session()
        workers = max(1, settings.workers)
        # Retries are ours (with Retry-After and politeness), so urllib3 must not retry too.
        adapter = TransportAdapter(
            policy,
            sockets,
            pool_connections=max(10, workers),
            pool_maxsize=workers,
            max_retries=0,
        )
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        session.headers["User-Agent"] = settings.user_agent
        session.headers["Accept"] = _ACCEPT
        # requests re-reads the environment (proxies, CA bundle, ~/.netrc) on every request;
        # read once instead (see _proxies_for). Credentials in ~/.netrc are not for cited sites.
        session.trust_env = False
        return session

    # ------------------------------------------------------------------ public

    def get(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
        follow_redirects: bool = True,
        max_bytes: int | None = None,
        hop_headers: Mapping[str, Mapping[str, str]] | None = None,
    ) -> Response:
        """GET `url` (with `params` added to its query). `hop_headers` adds headers to the
        request of one URL of the chain only (e.g. validators for the URL a copy came from)."""
        return self._call(
            "GET", url, headers, params, None, follow_redirects, max_bytes, hop_headers
        )

    def post(
        self,
        url: str,
        data: RequestData = None,
        headers: Mapping[str, str] | None = None,
        follow_redirects: bool = True,
        max_bytes: int | None = None,
    ) -> Response:
        """POST `data` (bytes, text, or a form as a mapping) to `url`. A 301/302/303 answer is
        followed with a GET, a 307/308 with the same POST."""
        return self._call("POST", url, headers, None, data, follow_redirects, max_bytes, None)

    def add_exchange_hook(self, hook: ExchangeHook) -> HookHandle:
        """Call `hook(exchange)` for every raw exchange from now on, in the requesting thread
        (connectivity probes excepted). `handle.remove()` stops it."""
        return self._hooks.add(hook)

    @property
    def network_down(self) -> bool:
        """True once a connection failure led the probes to find the network down."""
        return any(checker.known_down for checker in list(self._routes.values()))

    @property
    def network_trouble(self) -> str | None:
        """One line for the user when the network (or our proxy) let requests down: "network
        unavailable", or "network unavailable (proxy ...)"; None when it did not."""
        if self._trouble is not None:
            return self._trouble.message
        return "network unavailable" if self.network_down else None

    def proxies_for(self, url: str) -> dict[str, str]:
        """The proxies the environment (HTTP_PROXY, HTTPS_PROXY, NO_PROXY...) gives for `url`'s
        origin, looked up once per origin."""
        parts = urlsplit(url)
        origin = (parts.scheme.lower(), parts.netloc.lower())
        proxies = self._proxies_by_origin.get(origin)
        if proxies is None:
            proxies = dict(requests.utils.get_environ_proxies(url))
            self._proxies_by_origin[origin] = proxies
        return proxies

    def probe(self, url: str) -> bool:
        """True when `url` answers with any HTTP response: then our network is up."""
        if url_problem(url) is not None:
            return False
        timeout = min(_PROBE_TIMEOUT, self.settings.connect_timeout)
        try:
            self._refuse_forbidden_host(url)
            self._count_request()
            proxies = self.proxies_for(url)
            response = self._session.head(
                url, timeout=(timeout, timeout), allow_redirects=False, proxies=proxies
            )
            response.close()
        except _REQUEST_FAILURES:
            return False
        # Through a proxy, a 502-504 is most likely the proxy failing to reach the probe site.
        return not (proxies and response.status_code in PROXY_FAILURE_STATUSES)

    def cancel(self) -> None:
        """Stop: every request under way ends now (its socket is shut down), and every request
        from now on, retries and waits included, ends at once with a `cancelled` error.
        Thread-safe; for a run the user stopped."""
        self._cancelled.set()
        self._sockets.cut_all()

    def _pause(self, seconds: float) -> None:
        self._cancelled.wait(seconds)  # a cancel ends the pause

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> Transport:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ one call

    def _call(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str] | None,
        params: Mapping[str, str] | None,
        data: RequestData,
        follow_redirects: bool,
        max_bytes: int | None,
        hop_headers: Mapping[str, Mapping[str, str]] | None,
    ) -> Response:
        sent_before = self._sent_in_this_thread()
        if params:
            url = _with_params(url, params)
        problem = url_problem(url)
        if problem is not None:
            return Response(url, error=FetchError(FetchErrorKind.INVALID_URL, problem))
        if self._cancelled.is_set():
            return Response(url, error=_cancelled_error())
        if self._connectivity(url).known_down:
            return Response(url, error=self._outage())
        request = _Request(
            method,
            url.strip(),
            dict(headers or {}),
            data,
            self.settings.max_bytes if max_bytes is None else max_bytes,
            hop_headers or {},
        )
        response = self._follow(request, follow_redirects)
        response.requests_sent = self._sent_in_this_thread() - sent_before
        return response

    def _follow(self, request: _Request, follow_redirects: bool) -> Response:
        response = Response(request.url)
        visits: Counter[str] = Counter()
        while True:
            current = request.url
            visits[current] += 1
            if visits[current] > _VISITS_BEFORE_LOOP:
                return _failed(response, current, _too_many(f"redirect loop at {current}"))
            outcome = self._request_with_retries(request, response.exchanges)
            if isinstance(outcome, _Failure):
                return _failed(response, outcome.url, outcome.error)
            location = _redirect_target(outcome) if follow_redirects else None
            if location is None:
                return _answered(response, outcome)
            response.redirects.append(Hop(current, outcome.status))
            if len(response.redirects) > self.settings.max_redirects:
                limit = self.settings.max_redirects
                return _failed(response, location, _too_many(f"more than {limit} redirects"))
            problem = url_problem(location)
            if problem is not None:
                error = FetchError(FetchErrorKind.INVALID_URL, f"redirect to {problem}")
                return _failed(response, location, error)
            request.url = location
            if outcome.status in {301, 302, 303} and request.method not in _IDEMPOTENT:
                request.method, request.data = "GET", None

    # ------------------------------------------------------------------ retries

    def _request_with_retries(
        self, request: _Request, exchanges: list[Exchange]
    ) -> _Answer | _Failure:
        host = host_of(request.url)
        idempotent = request.method in _IDEMPOTENT
        attempt = 0
        while True:
            with self._limiter.slot(host):
                if self._cancelled.is_set():
                    return _Failure(request.url, _cancelled_error())
                outcome = self._exchange(request, attempt, exchanges)
            if self._cancelled.is_set():  # whatever the cut socket made of the request
                return _Failure(request.url, _cancelled_error())
            if isinstance(outcome, _Failure):
                down = outcome.may_mean_network_down
                if down and self._connectivity(request.url).network_is_down():
                    if outcome.error.kind is FetchErrorKind.PROXY:
                        self._trouble = outcome.error
                    return _Failure(request.url, self._outage())
                if not _worth_retrying(outcome, idempotent) or attempt >= self.settings.retries:
                    if outcome.error.kind is FetchErrorKind.PROXY:
                        self._trouble = outcome.error
                    return outcome
                delay = backoff_delay(attempt, self.settings.backoff, self._rng)
            elif outcome.retry_in is None:
                return self._proxy_failure(request.url, outcome) or outcome
            else:
                delay = outcome.retry_in
                if outcome.retry_after_given:
                    # The host asked for a pause: other threads should respect it too.
                    self._limiter.hold_off(host, delay)
            # Outside the host slot, so other work can use it meanwhile; a cancel ends the wait.
            if self._cancelled.wait(delay):
                return _Failure(request.url, _cancelled_error())
            attempt += 1

    # ------------------------------------------------------------------ one request

    def _exchange(
        self, request: _Request, attempt: int, exchanges: list[Exchange]
    ) -> _Answer | _Failure:
        """Send one request and read its response, body included."""
        url = request.url
        host = host_of(url)
        deadline = time.monotonic() + self.settings.deadline
        headers = {**request.headers, **request.hop_headers.get(url, {})}
        started_at = dt.datetime.now(dt.UTC)
        proxied = False
        try:
            self._refuse_forbidden_host(url)
            proxies = self.proxies_for(url)
            proxied = bool(proxies)
            self._count_request()
            response = self._send(request.method, url, headers, request.data, proxies)
        except _REQUEST_FAILURES as exc:
            return _failure(url, host, exc, _proxy_label(self.proxies_for(url), url))
        with response:
            wire = _WireView(response, proxied)
            answer = _Answer(
                url,
                response.status_code,
                {name.lower(): value for name, value in response.headers.items()},
            )
            retry_after = answer.headers.get("retry-after")
            retry_in = status_retry_delay(
                answer.status, retry_after, attempt, self.settings, self._rng
            )
            if retry_in is not None and (
                request.method in _IDEMPOTENT or answer.status in _NOT_TAKEN_STATUSES
            ):
                answer.retry_in, answer.retry_after_given = retry_in, retry_after is not None
            keep_going = answer.retry_in is not None or (
                answer.status in REDIRECT_STATUSES or answer.status == _NOT_MODIFIED
            )
            try:
                answer.body = read_body(
                    response.raw, request.max_bytes, deadline, self.settings.read_timeout
                )
            except BodyTooLarge as exc:
                if not keep_going:
                    return _Failure(url, FetchError(FetchErrorKind.BODY_TOO_LARGE, str(exc)))
            except (*_REQUEST_FAILURES, urllib3.exceptions.DecodeError) as exc:
                if not keep_going:
                    return self._body_failure(url, host, exc, deadline)
            exchange = wire.exchange(request, started_at, answer.body)
        exchanges.append(exchange)
        if self._hooks:
            self._hooks.call(exchange)
        return answer

    def _send(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        data: RequestData,
        proxies: dict[str, str],
    ) -> requests.Response:
        """Send through the adapter, not `Session.send`: that one reads a redirect's whole body
        (uncapped) to look for the next hop, which we follow ourselves."""
        session = self._session
        # Prepared here rather than by `Session.prepare_request`, whose setting merges ask a
        # runtime-checkable Protocol about each header mapping (several isinstance checks of
        # a Protocol a request) and copy the whole cookie jar: the session's headers under the
        # request's, and the session's cookies, as it would merge them (no netrc, no auth).
        merged = requests.structures.CaseInsensitiveDict(session.headers)
        merged.update(headers)
        prepared = requests.PreparedRequest()
        prepared.prepare(method=method, url=url, headers=merged, data=data, cookies=session.cookies)
        response = session.get_adapter(url).send(
            prepared,
            stream=True,
            timeout=(
                self.settings.connect_timeout,
                min(self.settings.read_timeout, self.settings.deadline),
            ),
            verify=self._verify,
            proxies=proxies,
        )
        # Cookies a site sets (often just before redirecting to itself) go with its next request.
        requests.cookies.extract_cookies_to_jar(  # type: ignore[no-untyped-call]
            session.cookies, prepared, response.raw
        )
        return response

    def _connectivity(self, url: str) -> ConnectivityChecker:
        """The checker of the way out `url` takes: its scheme, direct or through its proxy.
        Its probes go the same way (the probe sites asked with `url`'s scheme)."""
        scheme = urlsplit(url.strip()).scheme.lower()
        proxies = self.proxies_for(url)
        route = (scheme, proxies.get(scheme) or proxies.get("all"))
        with self._routes_lock:
            checker = self._routes.get(route)
            if checker is None:
                probes = tuple(
                    _with_scheme(probe, scheme) for probe in self.settings.connectivity_probes
                )
                checker = ConnectivityChecker(self.probe, probes)
                self._routes[route] = checker
            return checker

    def _outage(self) -> FetchError:
        return self._trouble if self._trouble is not None else _network_down_error()

    def _proxy_failure(self, url: str, answer: _Answer) -> _Failure | None:
        """A 502-504 that our proxy made itself, as a proxy failure; None for the site's own.

        Only a plain-HTTP answer can be either (HTTPS goes through a tunnel, whose failure is
        an exception). The probe sites decide, asked once a run through the same proxy: if they
        answer, the proxy reaches the web and the failure is the site's; if they do not, every
        site fails alike and it is the proxy's. Without probe sites, the answer's own marks
        decide (`looks_like_proxy_answer`): an outage must not be called a dead link.
        """
        proxy = _proxy_label(self.proxies_for(url), url)
        if proxy is None or urlsplit(url).scheme.lower() != "http":
            return None
        if answer.status not in PROXY_FAILURE_STATUSES:
            return None
        body = answer.body.content if answer.body is not None else b""
        marked = looks_like_proxy_answer(answer.status, answer.headers, body)
        connectivity = self._connectivity(url)
        if connectivity.has_probes:
            if not connectivity.network_is_down():
                return None
        elif not marked:
            return None
        phrase = _status_phrase(answer.status)
        said = f"answered {phrase} itself" if marked else f"answers {phrase} for every site"
        error = FetchError(FetchErrorKind.PROXY, proxy_trouble(proxy, said))
        self._trouble = error
        return _Failure(url, error)

    def _body_failure(self, url: str, host: str, exc: BaseException, deadline: float) -> _Failure:
        # Near the deadline the socket timeout is shortened to what is left of it, so a read
        # timeout then means the deadline ran out.
        if isinstance(exc, DeadlineExceeded) or time.monotonic() >= deadline:
            message = f"no complete response from {host} within {self.settings.deadline:g} s"
            return _Failure(url, FetchError(FetchErrorKind.TIMEOUT, message))
        return _failure(url, host, exc)

    def _refuse_forbidden_host(self, url: str) -> None:
        host = host_of(url)
        self.policy.check_literal(host)
        # Through a proxy the connection guard sees only the proxy: check the target by name,
        # once per host and port (the proxy resolves it anew each time anyway).
        if self.proxies_for(url):
            key = (host, port_of(url))
            if key not in self._resolved_hosts:
                self.policy.check_resolved(*key)
                self._resolved_hosts.add(key)

    # ------------------------------------------------------------------ counting

    def _count_request(self) -> None:
        self._counts.sent = self._sent_in_this_thread() + 1

    def _sent_in_this_thread(self) -> int:
        return int(getattr(self._counts, "sent", 0))


class _WireView:
    """What went over the wire for one response, read before its connection is released."""

    def __init__(self, response: requests.Response, proxied: bool) -> None:
        raw = response.raw
        connection = getattr(raw, "connection", None)
        sent = sent_request(connection)
        prepared = response.request
        if sent is None:  # not one of our connections (a SOCKS proxy): what requests prepared
            path = prepared.path_url
            sent = (f"{prepared.method} {path} HTTP/1.1", list(prepared.headers.items()))
        self.request_line, self.request_headers = sent
        body = prepared.body
        self.request_body = body.encode() if isinstance(body, str) else bytes(body or b"")
        self.peer_ip = None if proxied else peer_address(connection)
        self.http_version = _http_version(raw)
        self.reason = str(raw.reason or "")
        self.status = response.status_code
        original = getattr(raw, "_original_response", None)
        message = getattr(original, "msg", None)
        items: Any = message.items() if message is not None else raw.headers.items()
        self.response_headers = [(str(name), str(value)) for name, value in items]

    def exchange(self, request: _Request, started_at: dt.datetime, body: Body | None) -> Exchange:
        return Exchange(
            method=request.method,
            url=request.url,
            request_line=self.request_line,
            request_headers=self.request_headers,
            request_body=self.request_body,
            http_version=self.http_version,
            status=self.status,
            reason=self.reason,
            response_headers=self.response_headers,
            raw_body=body.raw if body is not None else b"",
            body=body.content if body is not None else b"",
            started_at=started_at,
            peer_ip=self.peer_ip,
        )


# ---------------------------------------------------------------------- helpers


def _http_version(raw: Any) -> str:
    version = getattr(raw, "version", 11)
    return {9: "HTTP/0.9", 10: "HTTP/1.0", 11: "HTTP/1.1", 20: "HTTP/2"}.get(version, "HTTP/1.1")


def _with_params(url: str, params: Mapping[str, str]) -> str:
    prepared = requests.models.PreparedRequest()
    try:
        prepared.prepare_url(url, dict(params))
    except requests.RequestException:
        return url  # url_problem will say what is wrong with it
    return str(prepared.url)


def _failure(url: str, host: str, exc: BaseException, proxy: str | None = None) -> _Failure:
    error = fetch_error_from_exception(exc, host, proxy)
    # A proxy that does not answer is a proxy failure, not a connection that was never made.
    connect_failure = error.kind is not FetchErrorKind.PROXY and is_connect_failure(exc)
    return _Failure(url, error, connect_failure=connect_failure)


def _with_scheme(url: str, scheme: str) -> str:
    parts = urlsplit(url)
    return parts._replace(scheme=scheme).geturl() if scheme in ("http", "https") else url


def _proxy_label(proxies: Mapping[str, str], url: str) -> str | None:
    """The host:port of the proxy `url` goes through, None when it goes direct."""
    scheme = urlsplit(url).scheme.lower()
    proxy = proxies.get(scheme) or proxies.get("all")
    if not proxy:
        return None
    parts = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
    host = parts.hostname or proxy
    return f"{host}:{parts.port}" if parts.port else host


def _status_phrase(status: int) -> str:
    try:
        return f"{status} {http.HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def _worth_retrying(failure: _Failure, idempotent: bool) -> bool:
    if not idempotent:
        return failure.connect_failure
    if failure.error.kind in _RETRYABLE_ERRORS:
        return True
    # A connect timeout may be a lost packet; a read timeout is a slow server, retried in vain.
    return failure.error.kind is FetchErrorKind.TIMEOUT and failure.connect_failure


def _redirect_target(outcome: _Answer) -> str | None:
    if outcome.status not in REDIRECT_STATUSES:
        return None
    location = outcome.headers.get("location", "").strip()
    return urljoin(outcome.url, location) if location else None


def _too_many(message: str) -> FetchError:
    return FetchError(FetchErrorKind.TOO_MANY_REDIRECTS, message)


def _cancelled_error() -> FetchError:
    return FetchError(FetchErrorKind.CANCELLED, "the run was stopped")


def _network_down_error() -> FetchError:
    return FetchError(FetchErrorKind.NETWORK_DOWN, "network unavailable")


def _failed(response: Response, url: str, error: FetchError) -> Response:
    response.url, response.error = url, error
    return response


def _answered(response: Response, answer: _Answer) -> Response:
    response.url = answer.url
    response.status = answer.status
    response.headers = answer.headers
    if answer.body is not None:
        response.body, response.raw_body = answer.body.content, answer.body.raw
    return response
