"""Per-host limiting: start spacing (with a stand-in clock) and the concurrency cap (for real)."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING

from citecheck.fetch.http import HttpFetcher
from citecheck.transport.host_limiter import HostLimiter

if TYPE_CHECKING:
    from tests.fetch.conftest import LoopbackServer, SettingsFactory

    from citecheck.settings import FetchSettings


class SteppingClock:
    """A clock that only moves when someone sleeps, so waits can be counted exactly."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_starts_to_one_host_are_spaced_by_the_interval() -> None:
    clock = SteppingClock()
    limiter = HostLimiter(per_host=2, interval=0.5, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        with limiter.slot("news.example"):
            pass
    assert clock.sleeps == [0.5, 0.5]


def test_other_hosts_do_not_wait() -> None:
    clock = SteppingClock()
    limiter = HostLimiter(per_host=1, interval=3.0, clock=clock, sleep=clock.sleep)
    with limiter.slot("a.example"):
        pass
    with limiter.slot("b.example"):
        pass
    assert clock.sleeps == []


def test_hold_off_delays_the_next_start() -> None:
    clock = SteppingClock()
    limiter = HostLimiter(per_host=1, interval=0.0, clock=clock, sleep=clock.sleep)
    limiter.hold_off("busy.example", 30.0)
    with limiter.slot("busy.example"):
        pass
    assert clock.sleeps == [30.0]


def _fetch_slow_pages(loopback: LoopbackServer, settings: FetchSettings) -> list[int | None]:
    """12 pages, each answered after 50 ms (long enough for requests to overlap if nothing
    held them back), fetched on 8 threads; their statuses."""

    def slow_page(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(0.05)
        loopback.send(handler, b"<p>ok</p>")

    paths = [f"/page/{n}" for n in range(12)]
    for path in paths:
        loopback.route(path, slow_page)
    with HttpFetcher(settings) as fetcher, ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(fetcher.fetch, [loopback.url(path) for path in paths]))
    return [result.status for result in results]


def test_no_more_than_per_host_requests_in_flight(
    loopback: LoopbackServer, make_settings: SettingsFactory
) -> None:
    statuses = _fetch_slow_pages(loopback, make_settings(per_host=2, workers=8))
    assert statuses == [200] * 12
    assert len(loopback.requests) == 12
    assert 1 <= loopback.max_in_flight <= 2


def test_no_more_than_workers_requests_in_flight_in_all(
    loopback: LoopbackServer, make_settings: SettingsFactory
) -> None:
    # More threads than workers, and a host that would take them all: the transport still
    # sends no more than `workers` requests at once.
    statuses = _fetch_slow_pages(loopback, make_settings(per_host=8, workers=3))
    assert statuses == [200] * 12
    assert 2 <= loopback.max_in_flight <= 3
