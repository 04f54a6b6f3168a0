"""Hostile and malformed input: extraction returns metadata, it never raises."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.extract import extract_metadata, metadata_from_fetch
from citecheck.models import FetchResult, PageKind

# Pieces of markup that extraction looks at, to make random pages that reach every step.
FRAGMENTS = [
    "<html>",
    "<head>",
    "<title>",
    "</title>",
    "<body>",
    "<h1>",
    "</h1>",
    "<article>",
    '<meta property="og:title" content="',
    '<meta name="author" content="',
    '<meta property="article:published_time" content="',
    '">',
    '<script type="application/ld+json">',
    "</script>",
    '{"@type":"NewsArticle","headline":',
    '"datePublished":"2016-08-14T10:00:00Z",',
    '"author":[{"@id":"#a"},',
    '{"@graph":[',
    "]}",
    '<time datetime="',
    "By ",
    "August 14, 2016",
    "31.02.2016",
    "9999-99-99",
    '<div class="byline">',
    '<a rel="author" href="/author/x">',
    "&amp;",
    "&#0;",
    "&#x110000;",
    "\x00",
    "\ud800",
    "<![CDATA[",
    "<!--",
    "<?xml version='1.0' encoding='latin-1'?>",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=40))
def test_random_markup_never_raises(pieces: list[str]) -> None:
    html = "".join(pieces)
    metadata = extract_metadata(html, "https://example.com/2016/08/14/story")
    assert isinstance(metadata.kind, PageKind)
    for title in metadata.titles:
        assert title.value == title.value.strip()
        assert not set(title.value) & set(string.whitespace.replace(" ", ""))


@pytest.mark.parametrize(
    "html",
    [
        "<" * 10_000,
        "<div>" * 5_000 + "deep" + "</div>" * 5_000,
        '<script type="application/ld+json">' + "[" * 5_000 + "</script>",
        '<script type="application/ld+json">{"@graph":' * 200 + "</script>",
        "<title>" + "x" * 100_000 + "</title>",
        "\x00\x01\x02 binary \xff\xfe",
        '<meta name="author" content="' + "A, " * 5_000 + '">',
    ],
)
def test_pathological_pages(html: str) -> None:
    metadata = extract_metadata(html, "not a url")
    assert all(len(title.value) <= 500 for title in metadata.titles)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["", "text/html", "application/pdf"]))
def test_random_bytes_from_fetch(body: bytes, content_type: str) -> None:
    fetched = FetchResult(
        requested_url="https://example.com/",
        status=200,
        headers={"content-type": content_type} if content_type else {},
        body=b"%PDF" + body if content_type == "application/pdf" else body,
    )
    assert isinstance(metadata_from_fetch(fetched).kind, PageKind)
