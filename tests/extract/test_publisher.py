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


def test_the_parent_organisation_follows_the_sites_own_names(parse: PageParser) -> None:
    page = parse(
        """<head><meta property="og:site_name" content="Town Herald">
        <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
         {"@type": "NewsArticle", "headline": "Harbour vote", "publisher": {"@id": "#herald"}},
         {"@type": "NewsMediaOrganization", "@id": "#herald", "name": "Town Herald",
          "parentOrganization": {"@id": "#group"}},
         {"@type": "Corporation", "@id": "#group", "legalName": "Herald Media Group Ltd"}]}
        </script></head>""",
        "https://www.townherald.com/news/harbour",
    )
    found = [(item.value, item.source) for item in find_publishers(page)]
    assert found == [
        ("Town Herald", "meta:og:site_name"),
        ("Herald Media Group Ltd", "json-ld:parentOrganization"),
        ("townherald.com", "domain"),
    ]


def test_an_organisation_nodes_parent_given_by_name(parse: PageParser) -> None:
    page = parse(
        """<head><script type="application/ld+json">{"@type": "Organization",
         "name": "Valley Courier", "parentOrganization": "Courier Holdings"}</script></head>"""
    )
    assert [item.value for item in find_publishers(page)] == ["Courier Holdings"]


def test_the_site_name_a_home_link_heading_shows(parse: PageParser) -> None:
    page = parse(
        """<head><title>Harbour vote | Valley Notes</title></head><body>
        <header><h1><a href="https://valleynotes.net/">Valley Notes</a></h1></header>
        <article><h2>Harbour vote</h2><p>Text.</p></article></body>""",
        "https://valleynotes.net/2020/05/harbour-vote/",
    )
    found = [(item.value, item.source) for item in find_publishers(page)]
    assert found == [("Valley Notes", "h1:home-link"), ("valleynotes.net", "domain")]


def test_a_heading_linking_elsewhere_names_no_publisher(parse: PageParser) -> None:
    page = parse(
        """<head><title>Harbour vote</title></head><body>
        <h1><a href="/2020/05/harbour-vote/">Harbour vote</a></h1></body>""",
        "https://valleynotes.net/2020/05/harbour-vote/",
    )
    assert [item.value for item in find_publishers(page)] == ["valleynotes.net"]


def test_the_microdata_publisher_and_not_a_cited_works(parse: PageParser) -> None:
    page = parse(
        """<head><title>Harbour vote</title></head><body>
        <article itemscope itemtype="https://schema.org/NewsArticle">
        <div itemprop="citation" itemscope itemtype="https://schema.org/Book">
         <span itemprop="publisher">Harbour Books</span></div>
        <div itemprop="publisher" itemscope itemtype="https://schema.org/Organization">
         <meta itemprop="name" content="Town Herald"></div>
        <h1 itemprop="headline">Harbour vote</h1></article></body>""",
        "https://www.townherald.com/a/b",
    )
    found = [(item.value, item.source) for item in find_publishers(page)]
    assert found == [("Town Herald", "itemprop:publisher"), ("townherald.com", "domain")]
