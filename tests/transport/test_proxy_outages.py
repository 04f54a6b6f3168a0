"""Behind a proxy, the proxy's own failures are network trouble, never dead links.

A real forwarding proxy runs on loopback (tests/transport/forwarding_proxy.py), found through
HTTP_PROXY / HTTPS_PROXY as users set it; the cited names (news.example...) never resolve here,
so everything goes through it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response as WerkzeugResponse

from citecheck.fetch.http import HttpFetcher
from citecheck.match.fetch_outcome import fetch_outcome
from citecheck.models import FetchErrorKind, Status
from citecheck.settings import FetchSettings
from citecheck.transport import Exchange, Transport

from .forwarding_proxy import ForwardingProxy

SETTINGS = FetchSettings(
    connect_timeout=2.0,
    read_timeout=2.0,
    deadline=5.0,
    retries=1,
    backoff=0.01,
    host_interval=0.0,
    workers=4,
    connectivity_probes=(),
)
PAGE = b"<html><head><title>Flood defences: what the council decided</title></head></html>"
_PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")

ProxyFactory = Callable[..., ForwardingProxy]


def use_proxy(monkeypatch: pytest.MonkeyPatch, proxy: ForwardingProxy) -> None:
    for name in _PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)


@pytest.fixture
def start_proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[ProxyFactory]:
    started: list[ForwardingProxy] = []

    def factory(mode: str, upstream: HTTPServer | None = None) -> ForwardingProxy:
        address = (upstream.host, upstream.port) if upstream is not None else None
        proxy = ForwardingProxy(mode, address).start()
        started.append(proxy)
        use_proxy(monkeypatch, proxy)
        return proxy

    yield factory
    for proxy in started:
        proxy.stop()


def test_a_proxy_that_cannot_reach_the_internet_is_an_outage_not_dead_links(
    start_proxy: ProxyFactory,
) -> None:
    proxy = start_proxy("down")
    with HttpFetcher(SETTINGS) as fetcher:
        tunnelled = fetcher.fetch("https://news.example/story")
        plain = fetcher.fetch("http://news.example/story")
        trouble = fetcher.network_trouble

    assert tunnelled.error is not None and tunnelled.error.kind is FetchErrorKind.PROXY
    assert tunnelled.error.message == (
        f"network unavailable (proxy {proxy.address} refused the tunnel to news.example: "
        "503 Service Unavailable)"
    )
    assert plain.error is not None and plain.error.kind is FetchErrorKind.PROXY
    assert plain.error.message == (
        f"network unavailable (proxy {proxy.address} answered 503 Service Unavailable itself)"
    )
    for result in (tunnelled, plain):
        outcome = fetch_outcome(result)
        assert outcome.status is Status.UNVERIFIABLE
        assert outcome.reason.startswith(f"network unavailable (proxy {proxy.address} ")
        assert "network unavailable" not in outcome.reason[len("network unavailable") :]
    assert trouble is not None and trouble.startswith("network unavailable (proxy ")
    # Each was retried once (SETTINGS.retries), as a passing proxy hiccup may clear.
    assert proxy.requests == [
        ("CONNECT", "news.example:443"),
        ("CONNECT", "news.example:443"),
        ("GET", "http://news.example/story"),
        ("GET", "http://news.example/story"),
    ]


def test_a_refused_tunnel_is_the_proxy_s_while_plain_http_still_goes_through(
    start_proxy: ProxyFactory, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    proxy = start_proxy("no-connect", httpserver)
    with HttpFetcher(SETTINGS) as fetcher:
        tunnelled = fetcher.fetch("https://news.example/story")
        plain = fetcher.fetch("http://news.example/story")
        trouble = fetcher.network_trouble

    assert tunnelled.error is not None and tunnelled.error.kind is FetchErrorKind.PROXY
    assert f"proxy {proxy.address} refused the tunnel to news.example: 403" in (
        tunnelled.error.message
    )
    assert trouble == tunnelled.error.message  # said once for the run, without probes too
    assert fetch_outcome(tunnelled).status is Status.UNVERIFIABLE
    assert plain.error is None and plain.status == 200 and plain.body == PAGE


def test_a_proxy_that_is_not_there_is_an_outage(monkeypatch: pytest.MonkeyPatch) -> None:
    gone = ForwardingProxy("down").start()
    address = gone.address
    gone.stop()  # nothing listens there any more
    use_proxy(monkeypatch, gone)
    with HttpFetcher(SETTINGS) as fetcher:
        result = fetcher.fetch("http://news.example/story")
    assert result.error is not None and result.error.kind is FetchErrorKind.PROXY
    assert result.error.message == (f"network unavailable (proxy {address} refused the connection)")
    assert fetch_outcome(result).status is Status.UNVERIFIABLE


def test_the_site_s_own_503_through_a_working_proxy_is_still_a_dead_link(
    start_proxy: ProxyFactory, httpserver: HTTPServer
) -> None:
    # Through the proxy, the site's 503 carries the proxy's Via header but also the site's
    # marks (a cookie); and the probe site answers through the same proxy, so it is the site.
    httpserver.expect_request("/story").respond_with_response(
        WerkzeugResponse(b"down for maintenance", status=503, headers={"Set-Cookie": "s=1"})
    )
    httpserver.expect_request("/probe").respond_with_data("ok")
    start_proxy("forward", httpserver)
    settings = replace(SETTINGS, connectivity_probes=("http://probe.example/probe",))
    with HttpFetcher(settings) as fetcher:
        result = fetcher.fetch("http://news.example/story")
    assert result.error is None and result.status == 503
    assert fetch_outcome(result).status is Status.FAILED


def test_a_proxy_error_page_is_probed_before_being_called_dead(
    start_proxy: ProxyFactory, httpserver: HTTPServer
) -> None:
    # A 502 that looks like a proxy's (Via, an error page speaking of a proxy, no origin
    # headers) while the probe site answers fine: the proxy does reach the internet, so the
    # error is about this site.
    proxy_like = b"<h1>502 Bad Gateway</h1><p>The proxy server received an invalid response</p>"
    httpserver.expect_request("/story").respond_with_data(proxy_like, status=502)
    httpserver.expect_request("/probe").respond_with_data("ok")
    start_proxy("forward", httpserver)
    probing = replace(SETTINGS, connectivity_probes=("http://probe.example/probe",))
    with HttpFetcher(probing) as fetcher:
        result = fetcher.fetch("http://news.example/story")
    assert result.status == 502 and fetch_outcome(result).status is Status.FAILED
    # Probes that fail through the proxy too: the same answer is the proxy's outage.
    broken = replace(SETTINGS, connectivity_probes=("http://probe.example/missing-probe",))
    httpserver.expect_request("/missing-probe").respond_with_data(proxy_like, status=502)
    with HttpFetcher(broken) as fetcher:
        result = fetcher.fetch("http://news.example/story")
        assert fetcher.network_down
    assert result.error is not None and result.error.kind is FetchErrorKind.PROXY


def test_every_site_failing_alike_through_a_proxy_is_the_proxy_s_failure(
    start_proxy: ProxyFactory,
) -> None:
    # A bare 503 with no mark of a proxy, for every site: the probe site fails alike through
    # the same proxy, so the proxy is what fails, not each site.
    proxy = start_proxy("silent-down")
    probing = replace(SETTINGS, connectivity_probes=("http://probe.example/",))
    with HttpFetcher(probing) as fetcher:
        results = [fetcher.fetch(f"http://site{n}.example/story") for n in range(3)]
    for result in results:
        assert result.error is not None and result.error.kind is FetchErrorKind.PROXY
        assert result.error.message == (
            f"network unavailable (proxy {proxy.address} answers 503 Service Unavailable "
            "for every site)"
        )
    # The first site's answer (and its retry) led to the probe; then the run knew.
    assert proxy.requests == [
        ("GET", "http://site0.example/story"),
        ("GET", "http://site0.example/story"),
        ("HEAD", "http://probe.example/"),
    ]
    # Without probe sites, a bare 503 with no proxy's mark is the site's own.
    with HttpFetcher(SETTINGS) as fetcher:
        bare = fetcher.fetch("http://site9.example/story")
    assert bare.status == 503 and fetch_outcome(bare).status is Status.FAILED


def test_exchanges_through_a_proxy_show_the_absolute_request_target(
    start_proxy: ProxyFactory, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    proxy = start_proxy("forward", httpserver)
    seen: list[Exchange] = []
    transport = Transport(SETTINGS)
    transport.add_exchange_hook(seen.append)
    response = transport.get("http://news.example/story")
    assert response.body == PAGE
    (exchange,) = seen
    assert exchange.request_line == "GET http://news.example/story HTTP/1.1"
    assert ("Host", "news.example") in exchange.request_headers
    assert ("Via", "1.1 testproxy (squid/6.6)") in exchange.response_headers
    assert exchange.peer_ip is None  # the peer was the proxy, not the site
    assert proxy.requests == [("GET", "http://news.example/story")]


def test_verify_behind_a_down_proxy_exits_0_with_one_line_saying_so(
    start_proxy: ProxyFactory, tmp_path: Path
) -> None:
    proxy = start_proxy("down")
    citations = tmp_path / "citations.yaml"
    citations.write_text(
        "citations:\n"
        "  - id: '1'\n    title: Flood defences\n    url: https://news.example/flood\n"
        "  - id: '2'\n    title: The river wall\n    url: http://paper.example/wall\n"
        "  - id: '3'\n    title: Council minutes\n    url: https://council.example/minutes\n",
        encoding="utf-8",
    )
    run = subprocess.run(
        [
            str(Path(sys.executable).with_name("citecheck")),
            "verify",
            str(citations),
            "--no-cache",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ.copy(),
        check=False,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert [r["status"] for r in report["results"]] == ["unverifiable"] * 3
    summary = [line for line in run.stderr.splitlines() if "network unavailable" in line]
    assert len(summary) == 1
    assert summary[0].startswith(f"network unavailable (proxy {proxy.address} ")
    assert "3 citation(s) could not be checked" in summary[0]
    assert "Traceback" not in run.stderr


def test_a_way_out_that_is_down_does_not_stop_another(
    monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer
) -> None:
    # Plain HTTP goes through a working proxy; HTTPS goes direct, and nothing resolves here.
    httpserver.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    proxy = ForwardingProxy("forward", (httpserver.host, httpserver.port)).start()
    try:
        use_proxy(monkeypatch, proxy)
        monkeypatch.delenv("HTTPS_PROXY")
        probing = replace(SETTINGS, connectivity_probes=("https://probe.invalid/",))
        with HttpFetcher(probing) as fetcher:
            direct = fetcher.fetch("https://gone.invalid/page")
            proxied = fetcher.fetch("http://news.example/story")
            assert fetcher.network_down
    finally:
        proxy.stop()
    # The direct HTTPS route failed and so did its probe (https://probe.invalid/, direct)...
    assert direct.error is not None and direct.error.kind is FetchErrorKind.NETWORK_DOWN
    # ...which says nothing of HTTP through the proxy: its probe would be asked through it.
    assert proxied.error is None and proxied.body == PAGE
