"""The cache keeps each URL's record apart from its body: peeking without reading the body,
one stored copy of identical bodies, and a missing or damaged body counted as a miss."""

from __future__ import annotations

import gzip
import hashlib
import time
from pathlib import Path
from typing import TYPE_CHECKING

import diskcache
from pytest_httpserver import HTTPServer

from citecheck.fetch.cache import CachedFetch, FetchCache
from citecheck.fetch.http import HttpFetcher
from citecheck.models import FetchError, FetchErrorKind, FetchResult, Hop

if TYPE_CHECKING:
    from tests.fetch.conftest import SettingsFactory

PAGE = b"<html><head><title>Harbour dredging approved</title></head><body>...</body></html>"
BODY_KEY = "body:v1:" + hashlib.sha1(PAGE).hexdigest()


def _entry(url: str, body: bytes = PAGE) -> CachedFetch:
    result = FetchResult(
        url, final_url=url, status=200, headers={"content-type": "text/html"}, body=body
    )
    return CachedFetch.from_result(result, time.time())


def test_a_record_is_read_without_its_body_and_names_its_digest(tmp_path: Path) -> None:
    cache = FetchCache(tmp_path, max_age=60, error_max_age=60)
    cache.put(_entry("https://example.org/a"))

    record = cache.record("https://example.org/a")
    full = cache.get("https://example.org/a")
    cache.close()

    assert record is not None and full is not None
    assert record.body == b""
    assert record.body_sha1 == hashlib.sha1(PAGE).hexdigest()
    assert full.body == PAGE


def test_identical_bodies_are_stored_once(tmp_path: Path) -> None:
    cache = FetchCache(tmp_path, max_age=60, error_max_age=60)
    cache.put(_entry("https://example.org/a"))
    cache.put(_entry("https://example.org/a?utm_source=x"))
    cache.close()

    with diskcache.Cache(str(tmp_path)) as store:
        bodies = [key for key in store.iterkeys() if str(key).startswith("body:")]
    assert bodies == [BODY_KEY]


def test_a_missing_or_damaged_body_is_a_miss_not_an_empty_page(tmp_path: Path) -> None:
    cache = FetchCache(tmp_path, max_age=60, error_max_age=60)
    cache.put(_entry("https://example.org/a"))
    with diskcache.Cache(str(tmp_path)) as store:
        store.set(BODY_KEY, b"<html>something else</html>")
    damaged = cache.get("https://example.org/a")
    with diskcache.Cache(str(tmp_path)) as store:
        del store[BODY_KEY]
    missing = cache.get("https://example.org/a")
    cache.close()

    assert damaged is None
    assert missing is None


def test_peek_tells_the_stamp_fetch_would_serve_without_a_request(
    httpserver: HTTPServer, make_settings: SettingsFactory, tmp_path: Path
) -> None:
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": httpserver.url_for("/story")}
    )
    httpserver.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    url = httpserver.url_for("/old")
    with HttpFetcher(make_settings(cache_dir=tmp_path, max_age=3600.0)) as fetcher:
        before = fetcher.peek(url)
        fetched = fetcher.fetch(url)
        requests_after_fetch = len(httpserver.log)
        peeked = fetcher.peek(url)
        served = fetcher.fetch(url)

    assert before is None
    assert peeked is not None
    assert peeked == fetched.stamp() == served.stamp()
    assert peeked.body_sha1 == hashlib.sha1(PAGE).hexdigest()
    assert peeked.redirects == ((url, 301),)
    assert served.from_cache is True
    assert len(httpserver.log) == requests_after_fetch == 2


def test_peek_is_none_when_fetch_would_go_out(
    httpserver: HTTPServer, make_settings: SettingsFactory, tmp_path: Path
) -> None:
    httpserver.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    url = httpserver.url_for("/story")
    with HttpFetcher(make_settings(cache_dir=tmp_path, max_age=3600.0)) as fetcher:
        fetcher.fetch(url)
    with HttpFetcher(make_settings(cache_dir=tmp_path, max_age=0.0)) as stale:
        expired = stale.peek(url)
    with HttpFetcher(make_settings(cache_dir=tmp_path, max_age=0.0, offline=True)) as offline:
        offline_stamp = offline.peek(url)
    with HttpFetcher(make_settings(cache_dir=tmp_path, refresh=True)) as refreshing:
        refreshed = refreshing.peek(url)
    with HttpFetcher(make_settings(cache_dir=None)) as uncached:
        no_cache = uncached.peek(url)

    assert expired is None
    assert offline_stamp is not None  # offline, a stale copy is still what fetch serves
    assert refreshed is None
    assert no_cache is None


def test_a_cached_failure_has_a_stamp_with_its_error(
    make_settings: SettingsFactory, tmp_path: Path
) -> None:
    url = "http://nowhere.invalid/page"
    cache = FetchCache(tmp_path, max_age=60, error_max_age=60)
    failed = FetchResult(url, redirects=[Hop("http://nowhere.invalid/", 301)])
    failed.error = FetchError(FetchErrorKind.DNS, "no such host")
    cache.put(CachedFetch.from_result(failed, time.time()))
    cache.close()

    with HttpFetcher(make_settings(cache_dir=tmp_path)) as fetcher:
        stamp = fetcher.peek(url)

    assert stamp is not None
    assert stamp.error == ("dns", "no such host")
    assert stamp.status is None


def test_a_gzip_body_is_kept_as_it_came_and_served_inflated(
    httpserver: HTTPServer, make_settings: SettingsFactory, tmp_path: Path
) -> None:
    article = b"<html><head><title>Harbour dredging approved</title></head><body>" + (
        b"<p>The council voted on the harbour plan.</p>" * 200 + b"</body></html>"
    )
    sent = gzip.compress(article)
    httpserver.expect_request("/story").respond_with_data(
        sent, content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    url = httpserver.url_for("/story")
    with HttpFetcher(make_settings(cache_dir=tmp_path, max_age=3600.0)) as fetcher:
        fetched = fetcher.fetch(url)
    with diskcache.Cache(str(tmp_path)) as store:
        kept = store.get("body:v1:" + hashlib.sha1(article).hexdigest())
    with HttpFetcher(make_settings(cache_dir=tmp_path, max_age=3600.0)) as fetcher:
        served = fetcher.fetch(url)

    assert fetched.body == article
    assert kept == {"gzip": sent}
    assert len(sent) * 5 < len(article)
    assert served.from_cache is True
    assert served.body == article
    assert len(httpserver.log) == 1


def test_a_kept_gzip_body_that_no_longer_inflates_is_a_miss(tmp_path: Path) -> None:
    article = b"<html><head><title>Harbour dredging approved</title></head></html>"
    entry = _entry("https://example.org/a", body=article)
    entry.gzip_body = gzip.compress(article)
    cache = FetchCache(tmp_path, max_age=60, error_max_age=60)
    cache.put(entry)
    intact = cache.get("https://example.org/a")
    with diskcache.Cache(str(tmp_path)) as store:
        store.set("body:v1:" + entry.body_sha1, {"gzip": b"\x1f\x8b not gzip after all"})
    damaged = cache.get("https://example.org/a")
    cache.close()

    assert intact is not None and intact.body == article
    assert damaged is None


def test_a_kept_gzip_body_is_inflated_under_the_size_cap(tmp_path: Path) -> None:
    article = b"<html><body>" + b"x" * 50_000 + b"</body></html>"
    entry = _entry("https://example.org/a", body=article)
    entry.gzip_body = gzip.compress(article)
    writer = FetchCache(tmp_path, max_age=60, error_max_age=60)
    writer.put(entry)
    writer.close()

    roomy = FetchCache(tmp_path, max_age=60, error_max_age=60, max_body_bytes=100_000)
    tight = FetchCache(tmp_path, max_age=60, error_max_age=60, max_body_bytes=10_000)
    served, refused = roomy.get("https://example.org/a"), tight.get("https://example.org/a")
    roomy.close()
    tight.close()

    assert served is not None and served.body == article
    assert refused is None  # past the cap now set: fetched again, under the cap
