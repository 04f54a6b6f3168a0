"""Network-down detection: probes run once, after the first connection failure."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from pytest_httpserver import HTTPServer

from citecheck.fetch.http import HttpFetcher
from citecheck.models import FetchErrorKind
from citecheck.transport.connectivity import ConnectivityChecker

if TYPE_CHECKING:
    from tests.fetch.conftest import SettingsFactory

UNRESOLVABLE = "http://nonexistent.invalid/"


def test_unresolvable_probes_mean_the_network_is_down(
    httpserver: HTTPServer, make_settings: SettingsFactory, tmp_path: Path
) -> None:
    httpserver.expect_request("/story").respond_with_data("<p>up</p>")
    settings = make_settings(connectivity_probes=(UNRESOLVABLE,), cache_dir=tmp_path)
    with HttpFetcher(settings) as fetcher:
        assert fetcher.network_down is False
        first = fetcher.fetch("http://source.invalid/article")
        assert fetcher.network_down is True
        # Once the network is known to be down, nothing more is attempted.
        later = fetcher.fetch(httpserver.url_for("/story"))
    for result in (first, later):
        assert result.error is not None
        assert result.error.kind is FetchErrorKind.NETWORK_DOWN
        assert result.error.message == "network unavailable"
    assert len(httpserver.log) == 0
    # "Network down" says nothing about the source: it is never cached.
    with HttpFetcher(make_settings(cache_dir=tmp_path, offline=True)) as offline:
        remembered = offline.fetch("http://source.invalid/article")
    assert remembered.error is not None
    assert remembered.error.kind is FetchErrorKind.NOT_IN_CACHE


def test_reachable_probe_means_the_source_is_at_fault(
    httpserver: HTTPServer, make_settings: SettingsFactory
) -> None:
    httpserver.expect_request("/probe").respond_with_data("", status=204)
    settings = make_settings(connectivity_probes=(httpserver.url_for("/probe"),))
    with HttpFetcher(settings) as fetcher:
        first = fetcher.fetch("http://dead-domain.invalid/2019/story")
        second = fetcher.fetch("http://another-dead-domain.invalid/")
        network_down = fetcher.network_down
    for result in (first, second):
        assert result.error is not None
        assert result.error.kind is FetchErrorKind.DNS
        assert "invalid" in result.error.message
    assert network_down is False
    probes = [request for request, _ in httpserver.log if request.path == "/probe"]
    assert len(probes) == 1  # checked once per run, not once per failure
    assert probes[0].method == "HEAD"


def test_the_check_runs_once_however_many_threads_ask() -> None:
    calls: list[str] = []
    lock = threading.Lock()

    def probe(url: str) -> bool:
        with lock:
            calls.append(url)
        return False

    checker = ConnectivityChecker(probe, ("http://probe-a.invalid/", "http://probe-b.invalid/"))
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _: checker.network_is_down(), range(32)))
    assert answers == [True] * 32
    assert calls == ["http://probe-a.invalid/", "http://probe-b.invalid/"]
    assert checker.known_down is True


def test_no_probes_means_never_blaming_the_network() -> None:
    checker = ConnectivityChecker(lambda url: False, ())
    assert checker.network_is_down() is False
    assert checker.known_down is False
