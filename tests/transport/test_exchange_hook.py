"""The transport's exchange hook, against a real loopback server: what it shows is what went
over the wire, checked against what the server received and what it sent."""

from __future__ import annotations

import datetime as dt
import gzip
from dataclasses import replace

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request
from werkzeug import Response as WerkzeugResponse

from citecheck.settings import FetchSettings
from citecheck.transport import Exchange, Transport

SETTINGS = FetchSettings(
    connect_timeout=2.0,
    read_timeout=2.0,
    deadline=5.0,
    retries=2,
    backoff=0.01,
    host_interval=0.0,
    workers=4,
    allow_private=True,
    connectivity_probes=(),
)
PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>River wall vote</title></head>"
    + "<body>"
    + "<p>The council met late into the night.</p>" * 200
    + "</body></html>"
).encode()


@pytest.fixture
def transport() -> Transport:
    return Transport(SETTINGS)


def test_every_hop_of_a_redirect_is_shown_as_sent_and_received(
    httpserver: HTTPServer, transport: Transport
) -> None:
    httpserver.expect_request("/old").respond_with_response(
        WerkzeugResponse(b"moved", status=302, headers={"Location": "/new"})
    )
    httpserver.expect_request("/new").respond_with_data(PAGE, content_type="text/html")
    seen: list[Exchange] = []
    transport.add_exchange_hook(seen.append)
    before = dt.datetime.now(dt.UTC)

    response = transport.get(httpserver.url_for("/old"))

    assert response.status == 200 and response.body == PAGE
    assert response.exchanges == seen
    assert [(e.method, e.url, e.status) for e in seen] == [
        ("GET", httpserver.url_for("/old"), 302),
        ("GET", httpserver.url_for("/new"), 200),
    ]
    first, second = seen
    assert first.request_line == "GET /old HTTP/1.1"
    assert second.request_line == "GET /new HTTP/1.1"
    assert ("Location", "/new") in first.response_headers
    assert first.raw_body == first.body == b"moved"
    # werkzeug's server speaks HTTP/1.0, or HTTP/1.1 once any threaded werkzeug server was made
    # in this process (werkzeug then switches its handler class for good).
    assert first.http_version in ("HTTP/1.0", "HTTP/1.1") and first.reason == "FOUND"
    assert all(e.peer_ip == "127.0.0.1" for e in seen)
    assert all(before <= e.started_at <= dt.datetime.now(dt.UTC) for e in seen)
    # The headers shown are the ones the server received, name for name and value for value.
    for exchange, (request, _) in zip(seen, httpserver.log, strict=True):
        assert sorted(exchange.request_headers) == sorted(request.headers.items())
    assert ("Host", f"localhost:{httpserver.port}") in first.request_headers


def test_a_gzip_body_is_shown_as_it_came_and_decoded(
    httpserver: HTTPServer, transport: Transport
) -> None:
    sent = gzip.compress(PAGE)
    httpserver.expect_request("/page").respond_with_data(
        sent, content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    seen: list[Exchange] = []
    transport.add_exchange_hook(seen.append)

    response = transport.get(httpserver.url_for("/page"))

    (exchange,) = seen
    assert exchange.raw_body == sent
    assert exchange.body == PAGE
    assert response.body == PAGE and response.raw_body == sent
    assert response.gzip_body == sent
    assert ("Content-Length", str(len(sent))) in exchange.response_headers
    assert ("Content-Encoding", "gzip") in exchange.response_headers


def test_repeated_response_headers_are_kept_apart(
    httpserver: HTTPServer, transport: Transport
) -> None:
    cookies = [("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")]
    httpserver.expect_request("/cookies").respond_with_response(
        WerkzeugResponse(PAGE, headers=cookies, content_type="text/html")
    )
    seen: list[Exchange] = []
    transport.add_exchange_hook(seen.append)

    transport.get(httpserver.url_for("/cookies"))

    assert [h for h in seen[0].response_headers if h[0] == "Set-Cookie"] == cookies


def test_a_post_is_shown_with_its_body_and_a_303_is_followed_with_a_get(
    httpserver: HTTPServer, transport: Transport
) -> None:
    received: list[tuple[str, bytes]] = []

    def save(request: Request) -> WerkzeugResponse:
        received.append((request.method, request.get_data()))
        return WerkzeugResponse(b"", status=303, headers={"Location": "/status/42"})

    httpserver.expect_request("/save", method="POST").respond_with_handler(save)
    httpserver.expect_request("/status/42", method="GET").respond_with_data(
        b'{"status": "done"}', content_type="application/json"
    )
    seen: list[Exchange] = []
    transport.add_exchange_hook(seen.append)

    response = transport.post(
        httpserver.url_for("/save"),
        data={"url": "https://news.example/story"},
        headers={"Accept": "application/json"},
    )

    assert response.status == 200 and response.body == b'{"status": "done"}'
    form = b"url=https%3A%2F%2Fnews.example%2Fstory"
    assert received == [("POST", form)]
    post, get = seen
    assert (post.method, post.request_line, post.request_body) == (
        "POST",
        "POST /save HTTP/1.1",
        form,
    )
    assert ("Content-Length", str(len(form))) in post.request_headers
    assert ("Accept", "application/json") in post.request_headers
    assert (get.method, get.request_line, get.request_body) == (
        "GET",
        "GET /status/42 HTTP/1.1",
        b"",
    )
    assert [hop.status for hop in response.redirects] == [303]


def test_a_retried_response_is_one_exchange_of_its_own(
    httpserver: HTTPServer, transport: Transport
) -> None:
    httpserver.expect_oneshot_request("/flaky").respond_with_data(
        "busy", status=503, headers={"Retry-After": "0"}
    )
    httpserver.expect_request("/flaky").respond_with_data(PAGE, content_type="text/html")

    response = transport.get(httpserver.url_for("/flaky"))

    assert [(e.status, e.body) for e in response.exchanges] == [(503, b"busy"), (200, PAGE)]
    assert response.requests_sent == 2
    assert response.redirects == []


def test_params_are_added_to_the_query(httpserver: HTTPServer, transport: Transport) -> None:
    httpserver.expect_request(
        "/cdx", query_string={"url": "news.example/story", "output": "json"}
    ).respond_with_json([])

    response = transport.get(
        httpserver.url_for("/cdx"), params={"url": "news.example/story", "output": "json"}
    )

    assert response.status == 200
    assert response.exchanges[0].request_line == (
        "GET /cdx?url=news.example%2Fstory&output=json HTTP/1.1"
    )


def test_a_removed_hook_is_not_called_again(httpserver: HTTPServer, transport: Transport) -> None:
    httpserver.expect_request("/page").respond_with_data(PAGE, content_type="text/html")
    seen: list[Exchange] = []
    handle = transport.add_exchange_hook(seen.append)
    transport.get(httpserver.url_for("/page"))
    handle.remove()
    transport.get(httpserver.url_for("/page"))
    assert len(seen) == 1


def test_no_exchange_without_a_response(transport: Transport) -> None:
    seen: list[Exchange] = []
    transport.add_exchange_hook(seen.append)
    refusing = Transport(replace(SETTINGS, allow_private=False))
    refusing.add_exchange_hook(seen.append)

    response = refusing.get("http://127.0.0.1:9/")

    assert response.error is not None and response.status is None
    assert seen == [] and response.exchanges == [] and response.requests_sent == 0
