"""End to end: extract_metadata on pages modelled on the publishers the seed article cites."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from citecheck.extract import extract_metadata
from citecheck.models import Found, FoundDate, PageKind

PageLoader = Callable[[str], str]


def values(found: Sequence[Found | FoundDate]) -> list[object]:
    return [item.value for item in found]


def test_reuters_news_article(fixture_html: PageLoader) -> None:
    url = "https://www.reuters.com/article/us-pakistan-afghanistan-islamicstate-idUSKCN10P0Y5"
    metadata = extract_metadata(fixture_html("reuters_article.html"), url)

    assert metadata.kind is PageKind.ARTICLE
    assert metadata.title is not None
    assert metadata.title.value == (
        "Islamic State faces uphill 'branding war' in Afghanistan, Pakistan"
    )
    # " | Reuters" is the site's suffix, cut from the <title>; every candidate is the headline.
    assert all(not title.value.endswith("Reuters") for title in metadata.titles)
    assert values(metadata.authors) == ["Kay Johnson", "Mehreen Zahra-Malik"]
    assert metadata.authors[0].source == "json-ld:author"
    assert metadata.date is not None
    assert metadata.date.value == dt.date(2016, 8, 14)
    # The update is kept apart from the publication date.
    assert dt.date(2016, 8, 15) in values(metadata.modified)
    assert dt.date(2016, 8, 15) not in values(metadata.published)
    assert metadata.publishers[0].value == "Reuters"
    assert metadata.publishers[-1].value == "reuters.com"
    assert metadata.publishers[-1].source == "domain"
    assert metadata.language == "en"


def test_dawn_story_with_byline(fixture_html: PageLoader) -> None:
    metadata = extract_metadata(
        fixture_html("dawn_article.html"), "https://www.dawn.com/news/1250497"
    )

    assert metadata.title is not None
    assert metadata.title.value == "25 ‘IS-inspired militants’ operating in Karachi: CTD police"
    # "- DAWN.COM" goes; the colon inside the headline stays.
    title_tag = next(title for title in metadata.titles if title.source == "title-tag")
    assert "DAWN.COM" not in title_tag.value
    assert title_tag.value.startswith("25 ‘IS-inspired militants’ operating in Karachi: CTD")
    assert values(metadata.authors) == ["Imtiaz Ali"]
    # The date printed in the byline, not the one in the "Most popular" sidebar.
    assert metadata.date is not None
    assert metadata.date.value == dt.date(2016, 4, 7)
    assert dt.date(2019, 5, 2) not in values(metadata.published)
    assert "DAWN.COM" in values(metadata.publishers)


def test_al_jazeera_graph_with_references(fixture_html: PageLoader) -> None:
    url = "https://www.aljazeera.com/news/2016/8/13/afghan-pakistan-isils-hafiz-saeed-khan-killed"
    metadata = extract_metadata(fixture_html("aljazeera_article.html"), url)

    assert metadata.title is not None
    assert metadata.title.value == "Afghan-Pakistan ISIL's Hafiz Saeed Khan killed"
    assert metadata.title.source == "json-ld:headline"
    assert metadata.date is not None
    assert metadata.date.value == dt.date(2016, 8, 13)
    # The author is an @id reference to the Organization node of the @graph.
    assert values(metadata.authors) == ["Al Jazeera"]
    assert metadata.publishers[0].value == "Al Jazeera"


def test_think_tank_report_with_citation_meta(fixture_html: PageLoader) -> None:
    metadata = extract_metadata(
        fixture_html("hudson_report.html"), "https://www.hudson.org/research/12345-prospects"
    )

    assert metadata.title is not None
    assert metadata.title.value == "Prospects of the Islamic State in Pakistan"
    assert metadata.title.source == "meta:citation_title"
    # citation_author is "Family, Given": turned round, one person per tag.
    assert values(metadata.authors) == ["Farhan Zahid", "Muhammad Ismail Khan"]
    assert metadata.date is not None
    assert metadata.date.value == dt.date(2016, 4, 29)
    assert metadata.date.source == "meta:citation_publication_date"
    assert values(metadata.publishers)[:1] == ["Hudson Institute"]


def test_nyt_byline_and_modified_time(fixture_html: PageLoader) -> None:
    url = "https://www.nytimes.com/2016/08/09/world/asia/pakistan-quetta-hospital-attack.html"
    metadata = extract_metadata(fixture_html("nyt_article.html"), url)

    assert metadata.title is not None
    assert metadata.title.value == "Suicide Bomber Kills Dozens at Pakistani Hospital in Quetta"
    assert values(metadata.authors) == ["Salman Masood"]
    # 05:03 in New York on 8 August: the date as written in its own zone.
    assert metadata.date is not None
    assert metadata.date.value == dt.date(2016, 8, 8)
    assert metadata.modified[0].value == dt.date(2016, 8, 9)
    assert metadata.modified[0].source == "meta:article:modified_time"
    assert "The New York Times" in values(metadata.publishers)


def test_government_page_with_only_title_and_heading(fixture_html: PageLoader) -> None:
    metadata = extract_metadata(fixture_html("government_page.html"), None)

    assert values(metadata.titles) == ["Tehrik-e Taliban Pakistan (TTP)"]
    assert {title.source for title in metadata.titles} <= {"h1", "title-tag"}
    assert metadata.published == []
    assert metadata.authors == []
    assert metadata.kind is PageKind.ARTICLE


def test_wordpress_post(fixture_html: PageLoader) -> None:
    metadata = extract_metadata(
        fixture_html("wordpress_post.html"), "https://mackenzieinstitute.com/ctpm/"
    )

    assert metadata.title is not None
    assert metadata.title.value == (
        "Counter Terrorism Policy Measures: A Critical Analysis of Pakistan’s National Action Plan"
    )
    assert metadata.date is not None
    assert metadata.date.value == dt.date(2016, 7, 19)
    assert metadata.date.source == "time"
    assert dt.date(2016, 7, 21) in values(metadata.modified)
    # Neither the comment's nor the sidebar's date.
    assert dt.date(2017, 1, 2) not in values(metadata.published)
    assert dt.date(2018, 3, 3) not in values(metadata.published)
    assert values(metadata.authors) == ["Farhan Zahid"]
    assert metadata.authors[0].source == "rel-author"
    assert metadata.publishers[0].value == "The Mackenzie Institute"


def test_page_without_metadata(fixture_html: PageLoader) -> None:
    metadata = extract_metadata(fixture_html("no_metadata.html"), None)

    assert metadata.titles == []
    assert metadata.published == []
    assert metadata.modified == []
    assert metadata.authors == []
    assert metadata.publishers == []
    assert metadata.kind is PageKind.ARTICLE


def test_titles_are_plain_text(fixture_html: PageLoader) -> None:
    metadata = extract_metadata(fixture_html("markup_in_titles.html"), None)

    by_source = {title.source: title.value for title in metadata.titles}
    assert by_source["title-tag"] == "A & B x"
    # The escaped script is dropped whole; the doubly escaped ampersand and &nbsp; are undone.
    assert by_source["meta:og:title"] == "Tom & Jerry return"
    assert all("<" not in title.value and "&amp;" not in title.value for title in metadata.titles)
