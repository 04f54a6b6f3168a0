"""Publisher candidates and the registered domain."""

from __future__ import annotations

from collections.abc import Callable

from citecheck.extract.parsed_page import ParsedPage
from citecheck.extract.publisher import find_publishers, registered_domain, site_keys

PageParser = Callable[..., ParsedPage]


def test_registered_domain() -> None:
    assert registered_domain("https://www.reuters.com/article/x") == "reuters.com"
    assert registered_domain("https://news.bbc.co.uk/2/hi/") == "bbc.co.uk"
    assert registered_domain("http://127.0.0.1:8080/page") is None
    assert registered_domain("http://localhost/page") is None
    assert registered_domain("not a url") is None
    assert registered_domain("http://[::1") is None
    assert registered_domain(None) is None


def test_all_sources_in_order(parse: PageParser) -> None:
    page = parse(
        """<head><meta property="og:site_name" content="Hudson Institute">
        <meta name="citation_publisher" content="Hudson Institute Inc.">
        <meta name="DC.publisher" content="hudson institute">
        <script type="application/ld+json">{"@type": "Report",
         "publisher": {"@type": "Organization", "name": "Hudson"}}</script></head>""",
        "https://www.hudson.org/research/1",
    )
    found = [(item.value, item.source) for item in find_publishers(page)]
    assert found == [
        ("Hudson Institute", "meta:og:site_name"),
        ("Hudson", "json-ld:publisher"),
        ("Hudson Institute Inc.", "meta:citation_publisher"),
        ("hudson.org", "domain"),
    ]


def test_placeholders_and_urls_are_not_publishers(parse: PageParser) -> None:
    page = parse(
        """<head><meta property="og:site_name" content="{$plugin.site_name}">
        <meta name="application-name" content="https://example.org/"></head>"""
    )
    assert find_publishers(page) == []


def test_site_keys_include_names_and_domain(parse: PageParser) -> None:
    page = parse(
        '<head><meta property="og:site_name" content="DAWN.COM"></head>',
        "https://www.dawn.com/news/1",
    )
    assert {"dawncom", "dawn"} <= site_keys(page)
