"""HttpFetcher against real loopback servers: redirects, statuses, retries, timeouts, caps."""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import socket
import time
import tracemalloc
import zlib
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING

import pytest
from pytest_httpserver import HTTPServer

from citecheck import HOMEPAGE, __version__
from citecheck.extract import metadata_from_fetch
from citecheck.fetch.decode import decode_text
from citecheck.fetch.http import HttpFetcher
from citecheck.models import FetchErrorKind, Hop

if TYPE_CHECKING:
    from tests.fetch.conftest import LoopbackServer, SettingsFactory

ARTICLE = (
    b"<!doctype html><html><head><title>Floods close the coastal road</title>"
    b'<meta property="og:site_name" content="The Example Courier"></head>'
    b"<body><article><h1>Floods close the coastal road</h1></article></body></html>"
)


def _on_ip(url: str) -> str:
    """The same server reached as a different host: 127.0.0.1 instead of localhost."""
    return url.replace("://localhost:", "://127.0.0.1:")


def test_page_is_fetched_with_our_user_agent(
    httpserver: HTTPServer, make_settings: SettingsFactory
) -> None:
    httpserver.expect_request("/story").respond_with_data(ARTICLE, content_type="text/html")
    with HttpFetcher(make_settings()) as fetcher:
        result = fetcher.fetch(httpserver.url_for("/story"))
    assert result.error is None
    assert result.status == 200
    assert result.body == ARTICLE
    assert result.text is None  # decoding is left to extraction, which may not need it
    assert result.final_url == httpserver.url_for("/story")
    assert result.redirects == []
    assert result.from_cache is False
    assert result.headers["content-type"].startswith("text/html")
    user_agent = httpserver.log[0][0].headers["User-Agent"]
    assert f"citecheck/{__version__}" in user_agent
    assert HOMEPAGE in user_agent


def test_redirect_chain_is_recorded_hop_by_hop(
    httpserver: HTTPServer, make_settings: SettingsFactory
) -> None:
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": httpserver.url_for("/moved")}
    )
    httpserver.expect_request("/moved").respond_with_data(
        "",
        status=302,
        headers={"Location": "/2024/05/story"},  # relative to the host
    )
    httpserver.expect_request("/2024/05/story").respond_with_data(
        "",
        status=307,
        headers={"Location": "story.html"},  # relative to the path
    )
    httpserver.expect_request("/2024/05/story.html").respond_with_data(
        ARTICLE, content_type="text/html"
    )
    with HttpFetcher(make_settings()) as fetcher:
        result = fetcher.fetch(httpserver.url_for("/old"))
    assert result.status == 200
    assert result.redirects == [
        Hop(httpserver.url_for("/old"), 301),
        Hop(httpserver.url_for("/moved"), 302),
        Hop(httpserver.url_for("/2024/05/story"), 307),
    ]
    assert result.final_url == httpserver.url_for("/2024/05/story.html")
    assert result.requested_url == httpserver.url_for("/old")


def test_cross_host_redirect(httpserver: HTTPServer, make_settings: SettingsFactory) -> None:
    canonical = _on_ip(httpserver.url_for("/canonical"))
    httpserver.expect_request("/short").respond_with_data(
        "", status=308, headers={"Location": canonical}
    )
    httpserver.expect_request("/canonical").respond_with_data(ARTICLE, content_type="text/html")
    with HttpFetcher(make_settings()) as fetcher:
        result = fetcher.fetch(httpserver.url_for("/short"))
    assert result.status == 200
    assert result.redirects == [Hop(httpserver.url_for("/short"), 308)]
    assert result.final_url == canonical
    hosts = [request.headers["Host"] for request, _ in httpserver.log]
    assert hosts[0].startswith("localhost:")
    assert hosts[1].startswith("127.0.0.1:")


def test_redirect_loop(httpserver: HTTPServer, make_settings: SettingsFactory) -> None:
    httpserver.expect_request("/ping").respond_with_data(
        "", status=302, headers={"Location": "/pong"}
    )
    httpserver.expect_request("/pong").respond_with_data(
        "", status=302, headers={"Location": "/ping"}
    )
    with HttpFetcher(make_settings()) as fetcher:
        result = fetcher.fetch(httpserver.url_for("/ping"))
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.TOO_MANY_REDIRECTS
    assert "loop" in result.error.message
    assert result.status is None
    assert len(httpserver.log) < 10  # caught as a loop, before the hop limit


def test_too_many_redirects(httpserver: HTTPServer, make_settings: SettingsFactory) -> None:
    for n in range(10):
        httpserver.expect_request(f"/step/{n}").respond_with_data(
            "", status=301, headers={"Location": f"/step/{n + 1}"}
        )
    with HttpFetcher(make_settings(max_redirects=3)) as fetcher:
        result = fetcher.fetch(httpserver.url_for("/step/0"))
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.TOO_MANY_REDIRECTS
    assert "more than 3 redirects" in result.error.message
    assert [hop.url for hop in result.redirects] == [
        httpserver.url_for(f"/step/{n}") for n in range(4)
    ]
    assert len(httpserver.log) == 4


@pytest.mark.parametrize("location", ["ftp://files.example.org/report.pdf", "javascript:alert(1)"])
def test_redirect_to_a_non_http_url_is_refused(
    httpserver: HTTPServer, make_settings: SettingsFactory, location: str
) -> None:
    httpserver.expect_request("/go").respond_with_data(
        "", status=302, headers={"Location": location}
    )
    with HttpFetcher(make_settings()) as fetcher:
        result = fetcher.fetch(httpserver.url_for("/go"))
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.INVALID_URL
    assert result.redirects == [Hop(httpserver.url_for("/go"), 302)]
    assert len(httpserver.log) == 1


@pytest.mark.parametrize("status", [403, 404, 410, 451])
def test_http_error_statuses_are_results_not_errors(
    httpserver: HTTPServer, make_settings: SettingsFactory, status: int
) -> None:
    page = f"<html><title>Error {status}</title></html>".encode()
    httpserver.expect_request("/gone").respond_with_data(
        page, status=status, content_type="text/html"
    )
    with HttpFetcher(make_settings()) as fetcher:
        result = fetcher.fetch(httpserver.url_for("/gone"))
    assert result.error is None
    assert result.status == status
    assert result.body == page
    assert len(httpserver.log) == 1  # client errors are not retried


def test_429_with_retry_after_seconds_then_200(
    httpserver: HTTPServer, make_settings: SettingsFactory
) -> None:
    httpserver.expect_ordered_request("/busy").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "0"}
    )
    httpserver.expect_ordered_request("/busy").respond_with_data(ARTICLE, content_type="text/html")
    with HttpFetcher(make_settings()) as fetcher:
        result = fetcher.fetch(httpserver.url_for("/busy"))
    assert result.status == 200
    assert result.body == ARTICLE
    assert len(httpserver.log) == 2
    assert fetcher.stats.network_requests == 2


def test_503_with_retry_after_http_date_then_200(
    httpserver: HTTPServer, make_settings: SettingsFactory
) -> None:
    past = email.utils.format_datetime(
        dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5), usegmt=True
    )
    httpserver.expect_ordered_request("/busy").respond_with_data(
        "maintenance", status=503, headers={"Retry-After": past}
    )
    httpserver.expect_ordered_request("/busy").respond_with_data(ARTICLE, content_type="text/html")
    with HttpFetcher(make_settings()) as fetcher:
        result = fetcher.fetch(httpserver.url_for("/busy"))
    assert result.status == 200
    assert len(httpserver.log) == 2


def test_retry_after_beyond_the_cap_returns_the_429(
    httpserver: HTTPServer, make_settings: SettingsFactory
) -> None:
    httpserver.expect_request("/busy").respond_with_data(
        "come back tomorrow", status=429, headers={"Retry-After": "86400"}
    )
    with HttpFetcher(make_settings(max_retry_after=5.0)) as fetcher:
        result = fetcher.fetch(httpserver.url_for("/busy"))
    assert result.error is None
    assert result.status == 429
    assert result.headers["retry-after"] == "86400"
    assert result.body == b"come back tomorrow"
    assert len(httpserver.log) == 1


def test_500_then_200(httpserver: HTTPServer, make_settings: SettingsFactory) -> None:
    httpserver.expect_ordered_request("/flaky").respond_with_data("oops", status=500)
    httpserver.expect_ordered_request("/flaky").respond_with_data(ARTICLE, content_type="text/html")
    with HttpFetcher(make_settings()) as fetcher:
        result = fetcher.fetch(httpserver.url_for("/flaky"))
    assert result.status == 200
    assert len(httpserver.log) == 2


def test_server_errors_until_retries_run_out(
    httpserver: HTTPServer, make_settings: SettingsFactory
) -> None:
    httpserver.expect_request("/down").respond_with_data("bad gateway", status=502)
    with HttpFetcher(make_settings(retries=2)) as fetcher:
        result = fetcher.fetch(httpserver.url_for("/down"))
    assert result.error is None
    assert result.status == 502
    assert result.body == b"bad gateway"
    assert len(httpserver.log) == 3  # the first try and two retries


def test_stall_before_headers_times_out(
    loopback: LoopbackServer, make_settings: SettingsFactory
) -> None:
    def silent(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(1.0)
        loopback.send(handler, b"too late")

    loopback.route("/silent", silent)
    with HttpFetcher(make_settings(read_timeout=0.2)) as fetcher:
        result = fetcher.fetch(loopback.url("/silent"))
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.TIMEOUT
    assert len(loopback.requests) == 1  # a read timeout is not retried


def test_stall_mid_body_times_out(loopback: LoopbackServer, make_settings: SettingsFactory) -> None:
    def stalls(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(ARTICLE)))
        handler.end_headers()
        handler.wfile.write(ARTICLE[:40])
        handler.wfile.flush()
        time.sleep(1.0)
        handler.wfile.write(ARTICLE[40:])

    loopback.route("/stalls", stalls)
    with HttpFetcher(make_settings(read_timeout=0.2)) as fetcher:
        result = fetcher.fetch(loopback.url("/stalls"))
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.TIMEOUT
    assert result.body == b""


def test_trickling_body_is_cut_at_the_deadline(
    loopback: LoopbackServer, make_settings: SettingsFactory
) -> None:
    # Each byte arrives well within the read timeout; only the total deadline can stop this.
    def trickles(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "400")
        handler.end_headers()
        for _ in range(400):
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(0.01)

    loopback.route("/trickle", trickles)
    with HttpFetcher(make_settings(read_timeout=2.0, deadline=0.3)) as fetcher:
        result = fetcher.fetch(loopback.url("/trickle"))
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.TIMEOUT
    assert "0.3 s" in result.error.message


def test_declared_body_over_the_cap(httpserver: HTTPServer, make_settings: SettingsFactory) -> None:
    httpserver.expect_request("/big").respond_with_data(b"a" * 5000, content_type="text/html")
    with HttpFetcher(make_settings(max_bytes=1000)) as fetcher:
        result = fetcher.fetch(httpserver.url_for("/big"))
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.BODY_TOO_LARGE
    assert result.body == b""


def test_undeclared_body_over_the_cap(
    loopback: LoopbackServer, make_settings: SettingsFactory
) -> None:
    # No Content-Length: the body runs until the server closes the connection.
    def endless(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Connection", "close")
        handler.end_headers()
        for _ in range(200):
            handler.wfile.write(b"<p>" + b"y" * 1000 + b"</p>")
        handler.close_connection = True

    loopback.route("/endless", endless)
    with HttpFetcher(make_settings(max_bytes=20_000)) as fetcher:
        result = fetcher.fetch(loopback.url("/endless"))
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.BODY_TOO_LARGE


def _gzip_of_zeros(size: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: gzip framing
    block = b"\0" * 1_000_000
    parts = [compressor.compress(block) for _ in range(size // len(block))]
    return b"".join([*parts, compressor.flush()])


def test_gzip_bomb_stops_at_the_cap_without_inflating_it_all(
    loopback: LoopbackServer, make_settings: SettingsFactory
) -> None:
    bomb = _gzip_of_zeros(50_000_000)
    assert len(bomb) < 100_000

    def serve_bomb(handler: BaseHTTPRequestHandler) -> None:
        loopback.send(handler, bomb, headers={"Content-Encoding": "gzip"})

    loopback.route("/bomb", serve_bomb)
    with HttpFetcher(make_settings(max_bytes=1_000_000)) as fetcher:
        tracemalloc.start()
        try:
            result = fetcher.fetch(loopback.url("/bomb"))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.BODY_TOO_LARGE
    assert peak < 10_000_000  # inflating the whole bomb would take 50 MB


def test_a_body_that_is_not_the_gzip_it_claims_is_said_so(
    httpserver: HTTPServer, make_settings: SettingsFactory
) -> None:
    httpserver.expect_request("/liar").respond_with_data(
        ARTICLE, headers={"Content-Encoding": "gzip", "Content-Type": "text/html"}
    )
    with HttpFetcher(make_settings()) as fetcher:
        result = fetcher.fetch(httpserver.url_for("/liar"))
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.CONNECTION
    assert "does not match its Content-Encoding" in result.error.message
    assert "\n" not in result.error.message


def test_gzip_body_is_decoded(httpserver: HTTPServer, make_settings: SettingsFactory) -> None:
    httpserver.expect_request("/zipped").respond_with_data(
        gzip.compress(ARTICLE),
        headers={"Content-Encoding": "gzip", "Content-Type": "text/html; charset=utf-8"},
    )
    with HttpFetcher(make_settings()) as fetcher:
        result = fetcher.fetch(httpserver.url_for("/zipped"))
    assert result.body == ARTICLE


def test_windows_1252_page_without_charset_header(
    httpserver: HTTPServer, make_settings: SettingsFactory
) -> None:
    page = (
        "<html><head><title>\u201cWe were na\u00efve\u201d: the caf\u00e9 owners\u2019 "
        "story</title></head><body><p>R\u00e9sum\u00e9 of the d\u00e9bat about the "
        "cr\u00e8me br\u00fbl\u00e9e tax.</p></body></html>"
    )
    httpserver.expect_request("/legacy").respond_with_data(
        page.encode("cp1252"), headers={"Content-Type": "text/html"}
    )
    with HttpFetcher(make_settings()) as fetcher:
        result = fetcher.fetch(httpserver.url_for("/legacy"))
    text, encoding = decode_text(result.body, result.headers.get("content-type"))
    assert text == page
    assert encoding is not None
    assert "cp1252" in encoding
    assert (
        metadata_from_fetch(result).titles[0].value
        == "\u201cWe were na\u00efve\u201d: the caf\u00e9 owners\u2019 story"
    )


def test_binary_content_gets_no_text(
    httpserver: HTTPServer, make_settings: SettingsFactory
) -> None:
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
    httpserver.expect_request("/paper.pdf").respond_with_data(pdf, content_type="application/pdf")
    with HttpFetcher(make_settings()) as fetcher:
        result = fetcher.fetch(httpserver.url_for("/paper.pdf"))
    assert result.body == pdf
    assert result.content_type == "application/pdf"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_connection_refused(make_settings: SettingsFactory) -> None:
    port = _closed_port()
    with HttpFetcher(make_settings(retries=1)) as fetcher:
        result = fetcher.fetch(f"http://127.0.0.1:{port}/")
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.REFUSED
    assert "127.0.0.1" in result.error.message
    assert fetcher.stats.network_requests == 2  # refused connections are retried
    assert fetcher.stats.errors == 1


def test_truncated_body_is_retried_then_cut_short(
    loopback: LoopbackServer, make_settings: SettingsFactory
) -> None:
    def cut_short(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(ARTICLE)))
        handler.end_headers()
        handler.wfile.write(ARTICLE[:50])
        handler.close_connection = True

    loopback.route("/cut", cut_short)
    with HttpFetcher(make_settings(retries=2)) as fetcher:
        result = fetcher.fetch(loopback.url("/cut"))
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.CUT_SHORT
    assert result.error.message == (
        f"download cut short: 127.0.0.1 sent 50 of {len(ARTICLE):,} bytes"
    )
    assert result.body == b""
    assert len(loopback.requests) == 3  # the first try and two retries


@pytest.mark.parametrize(
    "url",
    [
        "",
        "   ",
        "example.org/page",
        "ftp://example.org/file.txt",
        "javascript:alert(1)",
        "mailto:editor@example.org",
        "http://",
        "http://[::1/",
        "http://example.org:99999/",
        "http://example.org/a\nb",
        "http://exa mple.org/",
        pytest.param("https://" + "a" * 9000 + ".example/", id="too-long"),
    ],
)
def test_malformed_and_unsupported_urls(make_settings: SettingsFactory, url: str) -> None:
    with HttpFetcher(make_settings(allow_private=False)) as fetcher:
        result = fetcher.fetch(url)
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.INVALID_URL
    assert "\n" not in result.error.message
    assert result.requested_url == url
