"""Authors: JSON-LD shapes, meta tags, links, bylines, and cleaning names."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from citecheck.extract.authors import (
    byline_authors,
    clean_names,
    find_authors,
    json_ld_authors,
    meta_authors,
    name_from_profile_url,
)
from citecheck.extract.parsed_page import ParsedPage

PageParser = Callable[..., ParsedPage]


def ld(document: str) -> str:
    return f'<head><script type="application/ld+json">{document}</script></head>'


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ('{"@type": "Person", "name": "Kay Johnson"}', ["Kay Johnson"]),
        (
            '[{"@type": "Person", "name": "Kay Johnson"}, {"name": "Mehreen Zahra-Malik"}]',
            ["Kay Johnson", "Mehreen Zahra-Malik"],
        ),
        ('"Kay Johnson and Mehreen Zahra-Malik"', ["Kay Johnson", "Mehreen Zahra-Malik"]),
        ('{"name": ["Kay Johnson", "Imtiaz Ali"]}', ["Kay Johnson", "Imtiaz Ali"]),
        ('{"@type": "Organization", "name": "Reuters"}', ["Reuters"]),
        ('{"@type": "Person", "givenName": "Salman", "familyName": "Masood"}', ["Salman Masood"]),
        ('"https://www.example.com/authors/jane-roe"', ["Jane Roe"]),
        ('{"@type": "Person", "name": "https://www.example.com/jane"}', []),
    ],
)
def test_json_ld_author_shapes(parse: PageParser, author: str, expected: list[str]) -> None:
    page = parse(ld(f'{{"@type": "NewsArticle", "author": {author}}}'))
    assert [found.value for found in json_ld_authors(page)] == expected


def test_meta_authors_and_their_conventions(parse: PageParser) -> None:
    page = parse(
        """<head>
        <meta name="author" content="Kay Johnson, Mehreen Zahra-Malik">
        <meta property="article:author" content="https://www.facebook.com/kayjohnson">
        <meta name="citation_author" content="Zahid, Farhan">
        <meta name="parsely-author" content="Imtiaz Ali">
        </head>"""
    )
    found = [(item.value, item.source) for item in meta_authors(page)]
    assert found == [
        ("Kay Johnson", "meta:author"),
        ("Mehreen Zahra-Malik", "meta:author"),
        ("Farhan Zahid", "meta:citation_author"),
        ("Imtiaz Ali", "meta:parsely-author"),
    ]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Kay Johnson and Mehreen Zahra-Malik", ["Kay Johnson", "Mehreen Zahra-Malik"]),
        ("By Ann Lee, Bo Kim and Cy Day", ["Ann Lee", "Bo Kim", "Cy Day"]),
        ("Jane Doe | Staff Writer", ["Jane Doe"]),
        ("Kay Johnson, Reuters", ["Kay Johnson"]),
        ("By Reuters", ["Reuters"]),
        ("Salman Masood, Staff Writer Published 3 hours ago", ["Salman Masood"]),
        ("Von Thomas Steinberg", ["Thomas Steinberg"]),
        ("Par Françoise Méndez", ["Françoise Méndez"]),
        ("Mario Di Maio", ["Mario Di Maio"]),
        ("jane@example.com", []),
        ("https://example.com/jane", []),
        ("@janeroe", []),
        ("Posted on", []),
        ("Staff Writer", []),
        ("delta201", ["delta201"]),
    ],
)
def test_clean_names(byline: str, expected: list[str]) -> None:
    assert clean_names(byline) == expected


def test_profile_urls() -> None:
    assert name_from_profile_url("https://www.nytimes.com/by/salman-masood") == "Salman Masood"
    assert name_from_profile_url("https://twitter.com/by/salman-masood") is None
    assert name_from_profile_url("https://www.example.com/news/story-1") is None


def test_byline_element_not_comment_authors(parse: PageParser) -> None:
    page = parse(
        """<body><div class="comments"><span class="comment-author">Reader One</span></div>
        <article><div class="article__byline">By <a href="/p/jr">Jane Roe</a></div>
        <p>Text.</p></article></body>"""
    )
    assert [found.value for found in byline_authors(page)] == ["Jane Roe"]


def test_label_and_name_in_separate_elements(parse: PageParser) -> None:
    page = parse('<body><p><span class="sr">| By </span> <span>Cara Stiles</span> |</p></body>')
    assert [found.value for found in byline_authors(page)] == ["Cara Stiles"]


def test_people_before_the_site_and_case_insensitive_dedupe(parse: PageParser) -> None:
    page = parse(
        """<head><meta property="og:site_name" content="Example Times">
        <meta name="author" content="Example Times">
        <meta name="parsely-author" content="JANE ROE"></head>
        <body><p class="byline">By Jane Roe</p></body>""",
        "https://www.exampletimes.com/story",
    )
    assert [found.value for found in find_authors(page)] == ["JANE ROE", "Example Times"]


def test_byline_consulted_when_metadata_names_only_the_site(parse: PageParser) -> None:
    page = parse(
        """<head><meta property="og:site_name" content="Example Times">
        <meta name="author" content="Example Times"></head>
        <body><p class="byline">By Jane Roe</p></body>""",
        "https://www.exampletimes.com/story",
    )
    assert [found.value for found in find_authors(page)] == ["Jane Roe", "Example Times"]
