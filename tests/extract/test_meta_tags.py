"""One pass over <meta>: keys from name, property and http-equiv, lower-cased."""

from __future__ import annotations

from collections.abc import Callable

from citecheck.extract.parsed_page import ParsedPage

PageParser = Callable[..., ParsedPage]


def test_keys_are_lower_cased_and_values_kept_in_order(parse: PageParser) -> None:
    page = parse(
        """<html><head>
        <meta property="og:title" content="First">
        <meta name="DC.Title" content="Dublin Core">
        <meta name="citation_author" content="Zahid, Farhan">
        <meta name="citation_author" content="Khan, Muhammad Ismail">
        <meta http-equiv="Content-Language" content="de">
        <meta name="empty" content="   ">
        <meta name="no-content">
        </head><body></body></html>"""
    )
    meta = page.meta
    assert meta.first("og:title") == "First"
    assert meta.first("dc.title") == "Dublin Core"
    assert meta.all("citation_author") == ["Zahid, Farhan", "Khan, Muhammad Ismail"]
    assert meta.first("content-language") == "de"
    assert "empty" not in meta
    assert "no-content" not in meta
    assert meta.first_of(("twitter:title", "og:title")) == ("og:title", "First")
    assert meta.first_of(("twitter:title",)) is None


def test_name_and_property_on_one_tag_both_count(parse: PageParser) -> None:
    page = parse('<head><meta name="twitter:title" property="og:title" content="Both"></head>')
    assert page.meta.first("og:title") == "Both"
    assert page.meta.first("twitter:title") == "Both"
