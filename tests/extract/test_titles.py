"""Title candidates: sources, site names cut, plain text, ranking and dedupe."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from citecheck.extract.parsed_page import ParsedPage
from citecheck.extract.titles import find_titles, main_heading, strip_site_name

PageParser = Callable[..., ParsedPage]


@pytest.mark.parametrize(
    ("title", "keys", "expected"),
    [
        (
            "Islamic State faces uphill 'branding war' | Reuters",
            {"reuters"},
            "Islamic State faces uphill 'branding war'",
        ),
        (
            "25 militants operating in Karachi: CTD police - Dawn",
            {"dawn", "dawncom"},
            "25 militants operating in Karachi: CTD police",
        ),
        (
            "Afghan-Pakistan ISIL's Hafiz Saeed Khan killed – Al Jazeera",
            {"aljazeera"},
            "Afghan-Pakistan ISIL's Hafiz Saeed Khan killed",
        ),
        ("Dawn: 25 militants operating in Karachi", {"dawn"}, "25 militants operating in Karachi"),
        ("Story title | Example News | Your daily paper", {"examplenews"}, "Story title"),
        ("23.01.2022 - Winter race cancelled", {"other"}, "Winter race cancelled"),
        ("Heavy rain again : 31.10.2023, 10.19 Uhr", {"other"}, "Heavy rain again"),
        ("Rents keep rising (Neues Deutschland)", {"neuesdeutschland"}, "Rents keep rising"),
        # Nothing recognisably the site's: nothing is cut.
        ("Kolumne: Queer Royal – Dragqueens", {"nachtkritik"}, "Kolumne: Queer Royal – Dragqueens"),
        # A headline that mentions the site is not the site's name.
        (
            "How we built Example's task queue - part two",
            {"example"},
            "How we built Example's task queue - part two",
        ),
    ],
)
def test_strip_site_name(title: str, keys: set[str], expected: str) -> None:
    assert strip_site_name(title, keys) == expected


def test_all_sources_are_candidates_best_first(parse: PageParser) -> None:
    page = parse(
        """<html><head><title>Main story - Example Times</title>
        <meta property="og:site_name" content="Example Times">
        <meta property="og:title" content="Main story">
        <meta name="twitter:title" content="Main story, for Twitter">
        <meta name="citation_title" content="Main story">
        <meta name="parsely-title" content="Parsely story">
        <script type="application/ld+json">{"@type":"Article","headline":"Main story"}</script>
        </head><body><article><h1>Main <em>story</em></h1></article></body></html>""",
        "https://www.exampletimes.com/a/1",
    )
    titles = find_titles(page)
    assert titles[0].value == "Main story"
    assert titles[0].source == "json-ld:headline"
    # Equal values are kept once, with their first source.
    assert [title.value for title in titles].count("Main story") == 1
    sources = {title.source for title in titles}
    assert {"meta:twitter:title", "meta:parsely-title"} <= sources


def test_candidate_others_agree_with_beats_a_lone_one(parse: PageParser) -> None:
    # Structured data whose headline is really a description, as encyclopaedias ship it.
    page = parse(
        """<html><head><title>Hermitian matrix - Encyclopedia</title>
        <meta property="og:title" content="Hermitian matrix - Encyclopedia">
        <script type="application/ld+json">
        {"@type":"Article","headline":"matrix equal to its conjugate transpose"}</script>
        </head><body><h1>Hermitian matrix</h1></body></html>""",
        "https://en.encyclopedia.org/wiki/Hermitian_matrix",
    )
    assert find_titles(page)[0].value == "Hermitian matrix"


def test_main_heading_skips_logo_and_hidden_headings(parse: PageParser) -> None:
    page = parse(
        """<html><head><meta property="og:title" content="Rivers in spring"></head><body>
        <h1 class="site-logo">Example Times</h1>
        <h1 class="visually-hidden">Navigation</h1>
        <div class="content"><h1>Rivers in spring</h1></div>
        </body></html>"""
    )
    assert main_heading(page) == "Rivers in spring"


def test_heading_in_comments_is_not_the_title(parse: PageParser) -> None:
    page = parse(
        """<html><body><div id="comments"><h1>Leave a reply</h1></div>
        <article><h1>Real headline</h1></article></body></html>"""
    )
    assert main_heading(page) == "Real headline"


def test_template_placeholders_are_dropped(parse: PageParser) -> None:
    page = parse(
        """<html><head><meta property="og:title" content="{{ page.title }}">
        <title>Actual title</title></head><body></body></html>"""
    )
    assert [title.value for title in find_titles(page)] == ["Actual title"]
