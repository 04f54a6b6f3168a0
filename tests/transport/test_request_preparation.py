"""Requests are prepared by the transport itself: the session's headers under the request's,
the session's cookies, and no runtime Protocol check (requests' setting merges make several a
request, each a scan of the Protocol's members) on this path that every page takes."""

from __future__ import annotations

import sys
import threading
import types
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request
from werkzeug import Response as WerkzeugResponse

from citecheck.settings import FetchSettings
from citecheck.transport import Transport

SETTINGS = FetchSettings(
    host_interval=0.0, workers=2, allow_private=True, connectivity_probes=(), retries=0
)


def test_headers_and_cookies_go_as_the_session_would_send_them(httpserver: HTTPServer) -> None:
    seen: list[Request] = []

    def login(request: Request) -> WerkzeugResponse:
        response = WerkzeugResponse("ok", status=302, headers={"Location": "/article"})
        response.set_cookie("consent", "yes")
        return response

    def article(request: Request) -> WerkzeugResponse:
        seen.append(request)
        return WerkzeugResponse("<p>article</p>", content_type="text/html")

    httpserver.expect_request("/login").respond_with_handler(login)
    httpserver.expect_request("/article").respond_with_handler(article)
    transport = Transport(SETTINGS)

    response = transport.get(httpserver.url_for("/login"), headers={"Accept": "text/html"})

    assert response.status == 200
    (request,) = seen
    assert request.cookies.get("consent") == "yes"
    assert request.headers["Accept"] == "text/html"  # the request's own, over the session's
    assert request.headers["User-Agent"] == SETTINGS.user_agent


def test_no_protocol_is_asked_about_a_request(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page").respond_with_data("<p>ok</p>", content_type="text/html")
    transport = Transport(SETTINGS)
    transport.get(httpserver.url_for("/page"))  # connections and imports made before counting
    scans = 0

    def count(frame: types.FrameType, event: str, arg: Any) -> None:
        nonlocal scans
        if event == "call" and frame.f_code.co_name == "_get_protocol_attrs":
            scans += 1

    sys.setprofile(count)
    threading.setprofile(count)
    try:
        responses = [transport.get(httpserver.url_for("/page")) for _ in range(5)]
    finally:
        sys.setprofile(None)
        threading.setprofile(None)  # type: ignore[arg-type]
    assert [response.status for response in responses] == [200] * 5
    assert scans == 0
