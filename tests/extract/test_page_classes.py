"""Classes of page the peers' test suites cover and citecheck once read wrong (issue 14): each
page is written here, small, with the one feature under test."""

from __future__ import annotations

import datetime as dt

import pytest

from citecheck.extract import extract_metadata
from citecheck.extract.structured_data import parse_json_ld_text

URL = "https://www.example.com/news/2020/story"
BODY = "<p>" + "Council members met on Tuesday to discuss the plan. " * 20 + "</p>"


def _page(head: str, body: str = "", lang: str = "en") -> str:
    return f'<html lang="{lang}"><head>{head}</head><body><article>{body}{BODY}</article></body></html>'


@pytest.mark.parametrize(
    ("lang", "written", "expected"),
    [
        ("en-US", "Posted 5/6/20", dt.date(2020, 5, 6)),
        ("en-GB", "Posted 5/6/20", dt.date(2020, 6, 5)),
        ("de", "Veröffentlicht 12.03.19", dt.date(2019, 3, 12)),
        ("en-US", "Posted 12/31/99", dt.date(1999, 12, 31)),
    ],
)
def test_two_digit_years_in_the_pages_locale(lang: str, written: str, expected: dt.date) -> None:
    html = _page(
        "<title>Council votes on budget</title>",
        f'<h1>Council votes on budget</h1><div class="date">{written}</div>',
        lang=lang,
    )
    metadata = extract_metadata(html, "https://www.example.com/council-votes")
    assert metadata.date is not None
    assert metadata.date.value == expected


def test_og_author_dc_issued_and_named_article_publisher() -> None:
    html = _page(
        '<title>Y story</title><meta property="og:author" content="Jane Roe">'
        '<meta property="article:publisher" content="Town Herald">'
        '<meta name="DC.Issued" content="2018-02-03">'
    )
    metadata = extract_metadata(html, URL)
    assert [a.value for a in metadata.authors] == ["Jane Roe"]
    assert metadata.date is not None and metadata.date.value == dt.date(2018, 2, 3)
    assert metadata.date.source == "meta:dc.issued"
    assert metadata.publishers[0].value == "Town Herald"


def test_article_publisher_given_as_a_facebook_address_is_not_a_name() -> None:
    html = _page(
        '<title>Y</title><meta property="article:publisher" '
        'content="https://www.facebook.com/townherald">'
    )
    metadata = extract_metadata(html, URL)
    assert all("facebook" not in p.value for p in metadata.publishers)


def test_head_meta_itemprop_author() -> None:
    html = _page('<title>X</title><meta itemprop="author" content="Jane Roe">')
    assert [a.value for a in extract_metadata(html, URL).authors] == ["Jane Roe"]


def test_json_ld_publisher_by_reference_with_only_a_legal_name() -> None:
    html = _page(
        '<title>Z</title><script type="application/ld+json">{"@context":"https://schema.org",'
        '"@graph":[{"@type":"NewsArticle","headline":"Z headline","author":{"@id":"#p"},'
        '"publisher":{"@id":"#org"}},{"@type":"Person","@id":"#p","name":"Jane Roe"},'
        '{"@type":"Organization","@id":"#org","legalName":"Town Herald Ltd"}]}</script>'
    )
    metadata = extract_metadata(html, URL)
    assert metadata.publishers[0].value == "Town Herald Ltd"
    assert [a.value for a in metadata.authors] == ["Jane Roe"]


def test_json_ld_with_unescaped_quotes_keeps_the_fields_around_the_broken_one() -> None:
    script = (
        '{"@type":"NewsArticle","headline":"Broken ld","datePublished":"2016-05-06",'
        '"articleBody":"He said "no" to the plan","author":{"@type":"Person","name":"Jane Roe"},}'
    )
    nodes = parse_json_ld_text(script)
    assert nodes == [
        {
            "@type": "NewsArticle",
            "headline": "Broken ld",
            "datePublished": "2016-05-06",
            "articleBody": 'He said "no" to the plan',
            "author": {"@type": "Person", "name": "Jane Roe"},
        }
    ]


def test_salvaged_json_ld_keeps_author_lists_but_not_their_names_as_the_title() -> None:
    # A quote followed by a comma cannot be told from the end of a string: only salvage helps.
    script = (
        '{"@type":"NewsArticle","headline":"H","articleBody":"He said "no", then left",'
        '"author":[{"@type":"Person","name":"Jane Roe"},{"@type":"Person","name":"Bob Stone"}]}'
    )
    (node,) = parse_json_ld_text(script)
    assert node["headline"] == "H"
    assert "name" not in node
    assert [author["name"] for author in node["author"]] == ["Jane Roe", "Bob Stone"]


def test_byline_marked_by_a_data_component_not_a_quoted_persons_attribution() -> None:
    html = _page(
        "<title>B</title>",
        '<h1>B title</h1><div data-component="Byline"><span>Jane Roe</span></div>'
        "<blockquote>A fine plan, said a neighbour. <cite>John Quoted</cite></blockquote>",
    )
    assert [a.value for a in extract_metadata(html, URL).authors] == ["Jane Roe"]


def test_a_headline_that_is_really_a_description_yields_to_the_name() -> None:
    description = (
        "This long text is really a description of the article that goes on and on about "
        "what happened at the meeting"
    )
    html = _page(
        "<title>Short real title | Town Herald</title>"
        '<script type="application/ld+json">{"@type":"NewsArticle","name":"Short real title",'
        f'"headline":"{description}"}}</script>'
    )
    assert extract_metadata(html, URL).title.value == "Short real title"  # type: ignore[union-attr]


def test_a_long_headline_that_the_title_carries_is_kept() -> None:
    headline = (
        "Council votes to expand the harbour after a long night of debate over costs and the "
        "future of the old fish market"
    )
    html = _page(
        f"<title>{headline} | Town Herald</title>"
        '<script type="application/ld+json">{"@type":"NewsArticle","name":"harbour-vote",'
        f'"headline":"{headline}"}}</script>'
    )
    assert extract_metadata(html, URL).title.value == headline  # type: ignore[union-attr]


@pytest.mark.parametrize("separator", ["»", "›", "·", "—", "::", "|", "-"])
@pytest.mark.parametrize("site_first", [True, False])
def test_title_separators_and_the_site_name_at_either_end(separator: str, site_first: bool) -> None:
    parts = ["Town Herald", "Council votes on budget"]
    title = f" {separator} ".join(parts if site_first else parts[::-1])
    html = (
        f'<html><head><title>{title}</title><meta property="og:site_name" content="Town Herald">'
        "</head><body><p>x</p></body></html>"
    )
    metadata = extract_metadata(html, "https://www.townherald.com/a")
    assert metadata.title is not None and metadata.title.value == "Council votes on budget"


def test_an_embedded_tweets_date_is_not_the_articles() -> None:
    tweet = (
        '<blockquote class="twitter-tweet"><p>Old news</p>&mdash; Someone (@x) '
        '<a href="https://twitter.com/x/status/1"><time datetime="2012-03-01">March 1, 2012</time>'
        "</a></blockquote>"
    )
    html = _page(
        "<title>T</title>",
        f'<h1>T</h1><div class="date">June 7, 2019</div>{tweet}',
    )
    metadata = extract_metadata(html, URL)
    assert metadata.date is not None and metadata.date.value == dt.date(2019, 6, 7)
    assert dt.date(2012, 3, 1) not in [d.value for d in metadata.published]


def test_an_embedded_videos_upload_date_and_name_are_not_the_articles() -> None:
    html = _page(
        "<title>Harbour vote</title>"
        '<script type="application/ld+json">{"@type":"VideoObject","name":"clip 2",'
        '"uploadDate":"2015-01-01","url":"https://video.example.net/clip2"}</script>',
        '<h1>Harbour vote</h1><time datetime="2019-06-07">June 7, 2019</time>',
    )
    metadata = extract_metadata(html, URL)
    assert metadata.title is not None and metadata.title.value == "Harbour vote"
    assert [d.value for d in metadata.published] == [dt.date(2019, 6, 7)]


def test_a_video_page_keeps_its_own_video_object() -> None:
    html = (
        "<html><head><title>Harbour vote explained</title>"
        '<script type="application/ld+json">{"@type":"VideoObject","name":"Harbour vote explained",'
        f'"uploadDate":"2019-06-07","url":"{URL}"}}</script></head><body></body></html>'
    )
    metadata = extract_metadata(html, URL)
    assert metadata.date is not None and metadata.date.value == dt.date(2019, 6, 7)
    assert metadata.date.source == "json-ld:uploadDate"


def _ld(document: str) -> str:
    return f'<script type="application/ld+json">{document}</script>'


def test_a_reference_repeating_the_nodes_type_and_address_is_followed() -> None:
    html = _page(
        "<title>Harbour vote</title>"
        + _ld(
            '{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle",'
            '"headline":"Harbour vote","author":{"@id":"https://www.example.com/#jr",'
            '"@type":"Person","url":"https://www.example.com/staff/jr"},'
            '"publisher":{"@id":"#org","@type":"Organization","logo":{"@type":"ImageObject",'
            '"url":"https://www.example.com/logo.png"}}},{"@type":"Person",'
            '"@id":"https://www.example.com/#jr","name":"Jane Roe"},'
            '{"@type":"Organization","@id":"#org","name":"Town Herald"}]}'
        )
    )
    metadata = extract_metadata(html, URL)
    assert [a.value for a in metadata.authors] == ["Jane Roe"]
    assert metadata.publishers[0].value == "Town Herald"


def test_an_organisation_author_named_only_by_its_legal_name() -> None:
    html = _page(
        "<title>Harbour vote</title>"
        + _ld(
            '{"@type":"NewsArticle","headline":"Harbour vote",'
            '"author":{"@type":"Organization","legalName":"Town Herald Media GmbH"}}'
        )
    )
    assert [a.value for a in extract_metadata(html, URL).authors] == ["Town Herald Media GmbH"]


def test_json_ld_escaped_for_html_is_read() -> None:
    html = _page(
        "<title>Harbour vote</title>"
        + _ld(
            "{&quot;@type&quot;:&quot;NewsArticle&quot;,&quot;headline&quot;:&quot;Harbour vote"
            "&quot;,&quot;datePublished&quot;:&quot;2019-02-03&quot;}"
        )
    )
    metadata = extract_metadata(html, URL)
    assert metadata.date is not None and metadata.date.value == dt.date(2019, 2, 3)
    assert metadata.date.source == "json-ld:datePublished"


def test_a_labelled_line_inside_a_quotation_is_not_the_byline() -> None:
    html = _page(
        "<title>Harbour vote</title>",
        "<h1>Harbour vote</h1><blockquote><p>We will win.</p><p>By Otto Quell</p></blockquote>",
    )
    assert extract_metadata(html, URL).authors == []


def test_an_embedded_social_media_post_is_not_the_article() -> None:
    post = _ld(
        '{"@type":"SocialMediaPosting","headline":"my post","datePublished":"2012-01-01",'
        '"author":{"@type":"Person","name":"Otto Quell"}}'
    )
    article = _ld(
        '{"@type":"NewsArticle","headline":"Harbour vote","datePublished":"2019-02-03",'
        '"author":{"@type":"Person","name":"Jane Roe"}}'
    )
    metadata = extract_metadata(_page(f"<title>Harbour vote</title>{post}{article}"), URL)
    assert [a.value for a in metadata.authors] == ["Jane Roe"]
    assert metadata.date is not None and metadata.date.value == dt.date(2019, 2, 3)
    # A page that is the post itself keeps it.
    own = _ld(
        '{"@type":"SocialMediaPosting","headline":"my post","datePublished":"2012-01-01",'
        f'"url":"{URL}","author":{{"@type":"Person","name":"Otto Quell"}}}}'
    )
    metadata = extract_metadata(_page(f"<title>my post</title>{own}{article}"), URL)
    assert [a.value for a in metadata.authors] == ["Otto Quell"]


@pytest.mark.parametrize("mark", ["»", "›", ">"])
def test_a_breadcrumb_title_after_the_site_name_ends_with_the_page(mark: str) -> None:
    title = f"Town Herald {mark} News {mark} Council votes on budget"
    html = (
        f'<html><head><title>{title}</title><meta property="og:site_name" content="Town Herald">'
        "</head><body><p>x</p></body></html>"
    )
    metadata = extract_metadata(html, "https://www.townherald.com/a")
    assert metadata.title is not None and metadata.title.value == "Council votes on budget"


DESCRIPTION = (
    "This long text is really a description of the article that goes on and on about what "
    "happened at the meeting of the council"
)


@pytest.mark.parametrize(
    "head",
    [
        # No name beside the headline; the <title> does not carry it.
        f"<title>Short real title | Town Herald</title>"
        f'<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{DESCRIPTION}"}}'
        "</script>",
        # The headline repeats the page's description.
        f'<title>Short real title</title><meta name="description" content="{DESCRIPTION}">'
        f'<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{DESCRIPTION}"}}'
        "</script>",
    ],
)
def test_a_headline_without_a_name_that_is_really_a_description(head: str) -> None:
    titles = [found.value for found in extract_metadata(_page(head), URL).titles]
    assert titles[0].startswith("Short real title")
    assert titles[-1] == DESCRIPTION


def test_a_long_headline_the_title_carries_leads_without_a_name() -> None:
    headline = (
        "Council votes to expand the harbour after a long night of debate over costs and the "
        "future of the old fish market"
    )
    head = (
        "<title>Council votes to expand the harbour after a long night</title>"
        f'<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{headline}"}}'
        "</script>"
    )
    assert extract_metadata(_page(head), URL).titles[0].value == headline
