"""Wayback capture URLs written and read back, archive copies told from pages, lookup keys."""

from __future__ import annotations

import pytest

from citecheck.public_suffix import site_domain, url_host
from citecheck.webarchive.url_forms import (
    Capture,
    archive_key,
    archived_url,
    capture_url,
    fallback_keys,
    is_archive_copy,
    parse_capture_url,
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://web.archive.org/web/20160815000000/https://www.reuters.com/a?b=1",
         Capture("20160815000000", "", "https://www.reuters.com/a?b=1")),
        ("http://web.archive.org/web/2016id_/http://x.example/a",
         Capture("2016", "id_", "http://x.example/a")),
        ("https://archive.org/web/20160815/www.dawn.com/news/1",
         Capture("20160815", "", "http://www.dawn.com/news/1")),
        ("https://WEB.ARCHIVE.ORG/web/20160815IF_/https://x.example/",
         Capture("20160815", "if_", "https://x.example/")),
        ("https://wayback.archive.org/web/2016/https://x.example/",
         Capture("2016", "", "https://x.example/")),
    ],
)  # fmt: skip
def test_capture_urls_are_read_back(url: str, expected: Capture) -> None:
    assert parse_capture_url(url) == expected
    assert archived_url(url) == expected.original


@pytest.mark.parametrize(
    "url",
    [
        "https://www.reuters.com/web/2016/https://x.example/",  # not archive.org
        "https://web.archive.org/web/*/https://x.example/*",  # a search, not a capture
        "https://web.archive.org/save/https://x.example/",
        "https://archive.ph/abcde",
    ],
)
def test_other_urls_are_not_captures(url: str) -> None:
    assert parse_capture_url(url) is None
    assert archived_url(url) == url


def test_capture_url_round_trip_and_root() -> None:
    url = capture_url("20160815000000", "https://x.example/a?b=1", "id_")
    assert url == "https://web.archive.org/web/20160815000000id_/https://x.example/a?b=1"
    assert parse_capture_url(url) == Capture("20160815000000", "id_", "https://x.example/a?b=1")
    local = capture_url("2016", "https://x.example/", root="http://127.0.0.1:8080/")
    assert local == "http://127.0.0.1:8080/web/2016/https://x.example/"


@pytest.mark.parametrize(
    ("address", "copy"),
    [
        ("https://web.archive.org/web/2016/https://x.example/", True),
        ("https://archive.org/web/2016/https://x.example/", True),
        ("https://archive.org/details/somebook", False),
        ("https://archive.ph/abcde", True),
        ("https://ARCHIVE.TODAY/abcde", True),
        ("https://perma.cc/ABCD-1234", True),
        ("https://www.reuters.com/article/x", False),
        ("http://[x", False),
        ("not a url", False),
    ],
)
def test_archive_copies_are_told_from_pages(address: str, copy: bool) -> None:
    assert is_archive_copy(address) is copy


def test_lookup_keys_ignore_trivial_differences() -> None:
    key = archive_key("HTTPS://WWW.Example.ORG:443/a b?q=1#frag")
    assert key == "https://www.example.org/a%20b?q=1"
    assert fallback_keys("https://www.example.org/a") == [
        "https://www.example.org/a/",
        "http://www.example.org/a",
        "http://www.example.org/a/",
        "https://example.org/a",
        "https://example.org/a/",
        "http://example.org/a",
        "http://example.org/a/",
    ]
    assert archive_key("ftp://example.org/a") is None


def test_registered_domains() -> None:
    assert site_domain("www.bbc.co.uk").registered_domain == "bbc.co.uk"
    assert site_domain("www.bbc.co.uk").label == "bbc"
    assert site_domain("127.0.0.1").registered_domain is None
    assert site_domain("co.uk").registered_domain is None
    assert url_host("https://WWW.Dawn.com/news") == "www.dawn.com"
    assert url_host("http://[x") is None
    assert url_host(None) is None
