"""JSON-LD: @graph, lists, nested mainEntity, @id references, broken JSON."""

from __future__ import annotations

from collections.abc import Callable

from citecheck.extract.parsed_page import ParsedPage
from citecheck.extract.structured_data import first_text, node_types, parse_json_ld_text

PageParser = Callable[..., ParsedPage]


def ld(*scripts: str) -> str:
    blocks = "".join(f'<script type="application/ld+json">{script}</script>' for script in scripts)
    return f"<html><head>{blocks}</head><body><p>text</p></body></html>"


def test_graph_nodes_and_references_are_resolved(parse: PageParser) -> None:
    page = parse(
        ld(
            """{"@context": "https://schema.org", "@graph": [
            {"@type": "Person", "@id": "#jane", "name": "Jane Roe"},
            {"@type": "NewsArticle", "headline": "Dams and rivers", "author": {"@id": "#jane"}}
            ]}"""
        )
    )
    article = page.structured.main_nodes()[0]
    assert article["headline"] == "Dams and rivers"
    assert page.structured.resolve(article["author"])["name"] == "Jane Roe"


def test_list_of_documents_and_nested_main_entity(parse: PageParser) -> None:
    page = parse(
        ld(
            """[{"@type": "BreadcrumbList", "itemListElement": []},
            {"@type": "WebPage", "name": "Page",
             "mainEntity": {"@type": "BlogPosting", "headline": "Nested post"}}]"""
        )
    )
    main = page.structured.main_nodes()
    # The article outranks the page that contains it.
    assert [first_text(node.get("headline") or node.get("name")) for node in main] == [
        "Nested post",
        "Page",
    ]


def test_article_about_the_page_url_comes_first(parse: PageParser) -> None:
    page = parse(
        ld(
            '{"@type": "NewsArticle", "headline": "Related story", "url": "https://ex.com/other"}',
            '{"@type": "NewsArticle", "headline": "This story", "url": "https://ex.com/this/"}',
        ),
        "https://ex.com/this?utm_source=feed",
    )
    assert page.structured.main_nodes(page.url)[0]["headline"] == "This story"


def test_types_with_prefixes_and_lists() -> None:
    assert node_types({"@type": ["schema:NewsArticle", "http://schema.org/WebPage"]}) == {
        "newsarticle",
        "webpage",
    }
    assert node_types({"@type": 7}) == set()


def test_broken_json_is_repaired_or_salvaged() -> None:
    trailing_comma = '{"@type": "Article", "headline": "Trailing",}'
    assert parse_json_ld_text(trailing_comma)[0]["headline"] == "Trailing"

    two_objects = '{"@type": "Article", "headline": "One"}\n{"@type": "WebSite", "name": "Two"}'
    assert [doc.get("headline") or doc.get("name") for doc in parse_json_ld_text(two_objects)] == [
        "One",
        "Two",
    ]

    commented = '<!--\n{"@type": "Article", /* note */ "headline": "Commented"}\n-->'
    assert parse_json_ld_text(commented)[0]["headline"] == "Commented"

    unquoted = '{"@type": "NewsArticle", "headline": "Salvaged", "datePublished": "2016-08-14", x}'
    salvaged = parse_json_ld_text(unquoted)[0]
    assert salvaged["headline"] == "Salvaged"
    assert salvaged["datePublished"] == "2016-08-14"

    assert parse_json_ld_text("not json at all") == []


def test_raw_newline_inside_a_string_is_accepted() -> None:
    assert parse_json_ld_text('{"@type": "Article", "headline": "Two\nlines"}')[0]["headline"] == (
        "Two\nlines"
    )


def test_text_values_unwrap_lists_and_value_objects() -> None:
    assert first_text([{"@value": "  Wrapped &amp; escaped "}]) == "Wrapped & escaped"
    assert first_text({"name": "not a text"}) is None
