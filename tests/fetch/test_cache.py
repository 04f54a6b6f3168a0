"""The fetch cache: fresh hits, revalidation (ETag, Last-Modified), offline, refresh, errors."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from citecheck.errors import InputError
from citecheck.fetch.http import HttpFetcher
from citecheck.models import FetchErrorKind, Hop

if TYPE_CHECKING:
    from tests.fetch.conftest import SettingsFactory

PAGE = b"<html><head><title>Budget vote delayed again</title></head><body>...</body></html>"
ETAG = '"v1-5d41402abc"'
LAST_MODIFIED = "Tue, 05 Mar 2024 08:00:00 GMT"


def test_fresh_copy_is_served_without_a_request(
    httpserver: HTTPServer, make_settings: SettingsFactory, tmp_path: Path
) -> None:
    httpserver.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    settings = make_settings(cache_dir=tmp_path, max_age=3600.0)
    with HttpFetcher(settings) as fetcher:
        first = fetcher.fetch(httpserver.url_for("/story"))
        second = fetcher.fetch(httpserver.url_for("/story"))
        stats = fetcher.stats.as_dict()
    assert first.from_cache is False
    assert second.from_cache is True
    assert second.revalidated is False
    assert second.status == 200
    assert second.body == PAGE
    assert second.text is None  # decoding is extraction's job
    assert len(httpserver.log) == 1
    assert stats["network_requests"] == 1
    assert stats["full_downloads"] == 1
    assert stats["cache_hits"] == 1


def test_cache_survives_a_new_fetcher(
    httpserver: HTTPServer, make_settings: SettingsFactory, tmp_path: Path
) -> None:
    httpserver.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    settings = make_settings(cache_dir=tmp_path)
    with HttpFetcher(settings) as fetcher:
        fetcher.fetch(httpserver.url_for("/story"))
    with HttpFetcher(settings) as fetcher:
        again = fetcher.fetch(httpserver.url_for("/story"))
    assert again.from_cache is True
    assert again.body == PAGE
    assert len(httpserver.log) == 1


def test_redirects_are_cached_with_the_page(
    httpserver: HTTPServer, make_settings: SettingsFactory, tmp_path: Path
) -> None:
    httpserver.expect_request("/short").respond_with_data(
        "", status=301, headers={"Location": "/long-story"}
    )
    httpserver.expect_request("/long-story").respond_with_data(PAGE, content_type="text/html")
    with HttpFetcher(make_settings(cache_dir=tmp_path)) as fetcher:
        fetcher.fetch(httpserver.url_for("/short"))
        cached = fetcher.fetch(httpserver.url_for("/short"))
    assert cached.from_cache is True
    assert cached.redirects == [Hop(httpserver.url_for("/short"), 301)]
    assert cached.final_url == httpserver.url_for("/long-story")
    assert len(httpserver.log) == 2


def _conditional_page(request: Request) -> Response:
    if request.headers.get("If-None-Match") == ETAG:
        return Response(status=304, headers={"ETag": ETAG})
    return Response(PAGE, content_type="text/html", headers={"ETag": ETAG})


def test_stale_copy_is_revalidated_with_its_etag(
    httpserver: HTTPServer, make_settings: SettingsFactory, tmp_path: Path
) -> None:
    httpserver.expect_request("/story").respond_with_handler(_conditional_page)
    with HttpFetcher(make_settings(cache_dir=tmp_path, max_age=0.0)) as fetcher:
        fetcher.fetch(httpserver.url_for("/story"))
        revalidated = fetcher.fetch(httpserver.url_for("/story"))
        stats = fetcher.stats.as_dict()
    assert revalidated.revalidated is True
    assert revalidated.from_cache is True
    assert revalidated.status == 200
    assert revalidated.body == PAGE
    second_request = httpserver.log[1][0]
    assert second_request.headers.get("If-None-Match") == ETAG
    assert stats["revalidated_304"] == 1
    assert stats["full_downloads"] == 1


def test_stale_copy_is_revalidated_with_last_modified(
    httpserver: HTTPServer, make_settings: SettingsFactory, tmp_path: Path
) -> None:
    def handler(request: Request) -> Response:
        if request.headers.get("If-Modified-Since") == LAST_MODIFIED:
            return Response(status=304)
        return Response(PAGE, content_type="text/html", headers={"Last-Modified": LAST_MODIFIED})

    httpserver.expect_request("/story").respond_with_handler(handler)
    settings = make_settings(cache_dir=tmp_path, max_age=0.0)
    with HttpFetcher(settings) as fetcher:
        fetcher.fetch(httpserver.url_for("/story"))
    with HttpFetcher(settings) as fetcher:
        revalidated = fetcher.fetch(httpserver.url_for("/story"))
    assert revalidated.revalidated is True
    assert revalidated.body == PAGE
    assert httpserver.log[1][0].headers.get("If-Modified-Since") == LAST_MODIFIED


def test_changed_page_replaces_the_stale_copy(
    httpserver: HTTPServer, make_settings: SettingsFactory, tmp_path: Path
) -> None:
    updated = PAGE.replace(b"delayed again", b"passed at last")
    httpserver.expect_ordered_request("/story").respond_with_data(
        PAGE, content_type="text/html", headers={"ETag": ETAG}
    )
    httpserver.expect_ordered_request("/story").respond_with_data(
        updated, content_type="text/html", headers={"ETag": '"v2"'}
    )
    settings = make_settings(cache_dir=tmp_path, max_age=0.0)
    with HttpFetcher(settings) as fetcher:
        fetcher.fetch(httpserver.url_for("/story"))
        second = fetcher.fetch(httpserver.url_for("/story"))
    with HttpFetcher(make_settings(cache_dir=tmp_path, offline=True)) as offline:
        stored = offline.fetch(httpserver.url_for("/story"))
    assert second.revalidated is False
    assert second.body == updated
    assert stored.body == updated


def test_offline_serves_only_the_cache(
    httpserver: HTTPServer, make_settings: SettingsFactory, tmp_path: Path
) -> None:
    httpserver.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    with HttpFetcher(make_settings(cache_dir=tmp_path)) as fetcher:
        fetcher.fetch(httpserver.url_for("/story"))
    # Stale or not, offline serves what it has.
    with HttpFetcher(make_settings(cache_dir=tmp_path, offline=True, max_age=0.0)) as fetcher:
        hit = fetcher.fetch(httpserver.url_for("/story"))
        miss = fetcher.fetch(httpserver.url_for("/never-fetched"))
    assert hit.from_cache is True
    assert hit.body == PAGE
    assert miss.error is not None
    assert miss.error.kind is FetchErrorKind.NOT_IN_CACHE
    assert miss.error.message == "not in cache"
    assert len(httpserver.log) == 1


def test_offline_without_a_cache_never_touches_the_network(
    httpserver: HTTPServer, make_settings: SettingsFactory
) -> None:
    httpserver.expect_request("/story").respond_with_data(PAGE)
    with HttpFetcher(make_settings(offline=True)) as fetcher:
        result = fetcher.fetch(httpserver.url_for("/story"))
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.NOT_IN_CACHE
    assert len(httpserver.log) == 0


def test_refresh_ignores_the_cache_but_stores_the_new_copy(
    httpserver: HTTPServer, make_settings: SettingsFactory, tmp_path: Path
) -> None:
    updated = PAGE.replace(b"delayed again", b"passed at last")
    httpserver.expect_ordered_request("/story").respond_with_data(PAGE, content_type="text/html")
    httpserver.expect_ordered_request("/story").respond_with_data(updated, content_type="text/html")
    with HttpFetcher(make_settings(cache_dir=tmp_path)) as fetcher:
        fetcher.fetch(httpserver.url_for("/story"))
    with HttpFetcher(make_settings(cache_dir=tmp_path, refresh=True)) as fetcher:
        refreshed = fetcher.fetch(httpserver.url_for("/story"))
    with HttpFetcher(make_settings(cache_dir=tmp_path)) as fetcher:
        cached = fetcher.fetch(httpserver.url_for("/story"))
    assert refreshed.from_cache is False
    assert refreshed.body == updated
    assert "If-None-Match" not in httpserver.log[1][0].headers
    assert cached.from_cache is True
    assert cached.body == updated
    assert len(httpserver.log) == 2


def test_server_errors_are_cached_only_for_error_max_age(
    httpserver: HTTPServer, make_settings: SettingsFactory, tmp_path: Path
) -> None:
    httpserver.expect_request("/broken").respond_with_data("oops", status=500)
    settings = make_settings(cache_dir=tmp_path, retries=0, error_max_age=300.0)
    with HttpFetcher(settings) as fetcher:
        fetcher.fetch(httpserver.url_for("/broken"))
        remembered = fetcher.fetch(httpserver.url_for("/broken"))
    with HttpFetcher(make_settings(cache_dir=tmp_path, retries=0, error_max_age=0.0)) as fetcher:
        refetched = fetcher.fetch(httpserver.url_for("/broken"))
    assert remembered.from_cache is True
    assert remembered.status == 500
    assert refetched.from_cache is False
    assert len(httpserver.log) == 2


def test_gone_pages_are_not_cached_when_error_max_age_is_zero(
    httpserver: HTTPServer, make_settings: SettingsFactory, tmp_path: Path
) -> None:
    httpserver.expect_request("/removed").respond_with_data("gone", status=410)
    settings = make_settings(cache_dir=tmp_path, error_max_age=0.0)
    with HttpFetcher(settings) as fetcher:
        first = fetcher.fetch(httpserver.url_for("/removed"))
        second = fetcher.fetch(httpserver.url_for("/removed"))
    assert first.status == second.status == 410
    assert second.from_cache is False
    assert len(httpserver.log) == 2


def test_connection_errors_are_cached_briefly(
    make_settings: SettingsFactory, tmp_path: Path
) -> None:
    with socket.socket() as placeholder:
        placeholder.bind(("127.0.0.1", 0))
        port = int(placeholder.getsockname()[1])
    url = f"http://127.0.0.1:{port}/"
    settings = make_settings(cache_dir=tmp_path, retries=0, error_max_age=300.0)
    with HttpFetcher(settings) as fetcher:
        first = fetcher.fetch(url)
        second = fetcher.fetch(url)
        requests_sent = fetcher.stats.network_requests
    assert first.error is not None
    assert first.error.kind is FetchErrorKind.REFUSED
    assert second.from_cache is True
    assert second.error == first.error
    assert requests_sent == 1


def test_a_truncated_download_never_lands_in_the_cache(
    httpserver: HTTPServer, make_settings: SettingsFactory, tmp_path: Path
) -> None:
    httpserver.expect_request("/huge").respond_with_data(PAGE * 100, content_type="text/html")
    settings = make_settings(cache_dir=tmp_path, max_bytes=len(PAGE) * 10)
    with HttpFetcher(settings) as fetcher:
        too_large = fetcher.fetch(httpserver.url_for("/huge"))
    with HttpFetcher(make_settings(cache_dir=tmp_path, offline=True)) as fetcher:
        offline = fetcher.fetch(httpserver.url_for("/huge"))
    assert too_large.error is not None
    assert too_large.error.kind is FetchErrorKind.BODY_TOO_LARGE
    # Only the error is remembered, never a partial body passed off as the page.
    assert offline.status is None
    assert offline.body == b""
    assert offline.error is not None
    assert offline.error.kind is FetchErrorKind.BODY_TOO_LARGE


def test_an_unusable_cache_directory_is_one_clear_error(
    make_settings: SettingsFactory, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be")
    with pytest.raises(InputError) as caught:
        HttpFetcher(make_settings(cache_dir=blocker / "cache"))
    message = str(caught.value)
    assert str(blocker) in message
    assert "\n" not in message
