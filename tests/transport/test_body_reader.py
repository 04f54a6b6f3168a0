"""read_body over real HTTP: gzip inflated in one go under the cap (and kept as it came), other
codings by urllib3."""

from __future__ import annotations

import gzip
import time
import zlib
from collections.abc import Callable, Iterator

import pytest
import requests
from pytest_httpserver import HTTPServer
from urllib3.exceptions import DecodeError

from citecheck.transport.body_reader import (
    BodyTooLarge,
    gunzip_capped,
    is_plain_gzip,
    read_body,
)

# A news page as publishers serve it: UTF-8, a byline, some length so that it spans many reads.
PAGE = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
    "<title>Flood defences \u2014 what the council decided</title>"
    "<meta name='author' content='Ayesha Siddiqa'></head><body><article>"
    + "<p>The council\u2019s vote on the river wall came after a long night.</p>" * 3000
    + "</article></body></html>"
).encode()
CAP = 15_000_000


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as client:
        client.trust_env = False  # never a proxy from the environment: the server is local
        yield client


def read(session: requests.Session, url: str, max_bytes: int = CAP) -> bytes:
    with session.get(url, stream=True, timeout=5) as response:
        return read_body(response.raw, max_bytes, time.monotonic() + 10, 5).content


def serve(httpserver: HTTPServer, body: bytes, coding: str | None) -> str:
    headers = {"Content-Type": "text/html; charset=utf-8"}
    if coding is not None:
        headers["Content-Encoding"] = coding
    httpserver.expect_request("/page").respond_with_data(body, headers=headers)
    return httpserver.url_for("/page")


@pytest.mark.parametrize(
    ("coding", "encode"),
    [
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("GZIP", gzip.compress),
        ("deflate", zlib.compress),  # left to urllib3
        (None, bytes),
    ],
)
def test_body_comes_back_as_the_page_whatever_its_coding(
    httpserver: HTTPServer,
    session: requests.Session,
    coding: str | None,
    encode: Callable[[bytes], bytes],
) -> None:
    url = serve(httpserver, encode(PAGE), coding)
    assert read(session, url) == PAGE


@pytest.mark.parametrize(
    ("coding", "encode", "kept_as_sent"),
    [("gzip", gzip.compress, True), ("deflate", zlib.compress, False), (None, bytes, False)],
)
def test_a_gzip_body_is_also_given_as_it_came(
    httpserver: HTTPServer,
    session: requests.Session,
    coding: str | None,
    encode: Callable[[bytes], bytes],
    kept_as_sent: bool,
) -> None:
    sent = encode(PAGE)
    url = serve(httpserver, sent, coding)
    with session.get(url, stream=True, timeout=5) as response:
        body = read_body(response.raw, CAP, time.monotonic() + 10, 5)
    assert body.content == PAGE
    assert body.gzip == (sent if kept_as_sent else None)


def test_gzip_in_several_members_is_inflated_whole(
    httpserver: HTTPServer, session: requests.Session
) -> None:
    half = len(PAGE) // 2
    url = serve(httpserver, gzip.compress(PAGE[:half]) + gzip.compress(PAGE[half:]), "gzip")
    assert read(session, url) == PAGE


def test_gzip_bomb_stops_at_the_cap(httpserver: HTTPServer, session: requests.Session) -> None:
    bomb = gzip.compress(b"\0" * 20_000_000, 9)
    assert len(bomb) < 100_000
    url = serve(httpserver, bomb, "gzip")
    with pytest.raises(BodyTooLarge):
        read(session, url, max_bytes=1_000_000)


def test_a_body_labelled_gzip_that_is_not_raises_decode_error(
    httpserver: HTTPServer, session: requests.Session
) -> None:
    url = serve(httpserver, PAGE, "gzip")
    with pytest.raises(DecodeError):
        read(session, url)


def test_cap_is_inclusive() -> None:
    exactly = gzip.compress(PAGE)
    assert gunzip_capped(exactly, len(PAGE)) == PAGE
    with pytest.raises(BodyTooLarge):
        gunzip_capped(exactly, len(PAGE) - 1)


def test_members_each_count_towards_the_cap() -> None:
    two = gzip.compress(b"a" * 600) + gzip.compress(b"b" * 600)
    assert gunzip_capped(two, 1200) == b"a" * 600 + b"b" * 600
    with pytest.raises(BodyTooLarge):
        gunzip_capped(two, 1000)


def test_garbage_after_a_complete_member_is_ignored() -> None:
    assert gunzip_capped(gzip.compress(PAGE) + b"\r\n\0junk", CAP) == PAGE


def test_truncated_gzip_gives_what_inflates() -> None:
    whole = gzip.compress(PAGE)
    inflated = gunzip_capped(whole[: len(whole) // 2], CAP)
    assert inflated
    assert PAGE.startswith(inflated)
    assert len(inflated) < len(PAGE)


def test_empty_body_is_empty() -> None:
    assert gunzip_capped(b"", CAP) == b""


@pytest.mark.parametrize(
    ("coding", "plain_gzip"),
    [
        ("gzip", True),
        (" x-gzip ", True),
        ("Gzip", True),
        ("gzip, br", False),  # two codings: urllib3 undoes them in order
        ("br", False),
        ("", False),
        (None, False),
    ],
)
def test_only_a_lone_gzip_coding_takes_the_one_go_path(
    coding: str | None, plain_gzip: bool
) -> None:
    assert is_plain_gzip(coding) is plain_gzip
