"""The date steps, each on its own, and how their answers are ranked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from citecheck.extract.dates import (
    DateCandidate,
    byline_dates,
    date_in_url,
    find_page_dates,
    json_ld_dates,
    meta_dates,
    microdata_dates,
    rank_dates,
    text_dates,
    time_element_dates,
)
from citecheck.extract.parsed_page import ParsedPage

PageParser = Callable[..., ParsedPage]
AUG_14 = dt.date(2016, 8, 14)
AUG_15 = dt.date(2016, 8, 15)


def test_json_ld_published_and_modified_apart(parse: PageParser) -> None:
    page = parse(
        """<script type="application/ld+json">{"@type":"NewsArticle",
        "datePublished":"2016-08-14T10:00:00+05:00","dateModified":"2016-08-15T09:00:00+05:00"}
        </script>"""
    )
    found = json_ld_dates(page)
    assert [(item.value, item.source) for item in found.published] == [
        (AUG_14, "json-ld:datePublished")
    ]
    assert [item.value for item in found.modified] == [AUG_15]


def test_meta_tags_of_every_vocabulary(parse: PageParser) -> None:
    for name, content in [
        ('property="article:published_time"', "2016-08-14T10:00:00Z"),
        ('name="citation_publication_date"', "2016/08/14"),
        ('name="DC.date.issued"', "2016-08-14"),
        ('name="parsely-pub-date"', "2016-08-14T10:00:00Z"),
        ('name="sailthru.date"', "2016-08-14 10:00:00"),
        ('name="pubdate"', "20160814"),
    ]:
        page = parse(f'<head><meta {name} content="{content}"></head>')
        assert [item.value for item in meta_dates(page).published] == [AUG_14], name


def test_modified_meta_tags(parse: PageParser) -> None:
    page = parse(
        """<head><meta property="article:modified_time" content="2016-08-15T10:00:00Z">
        <meta property="og:updated_time" content="2016-08-15"></head>"""
    )
    found = meta_dates(page)
    assert found.published == []
    assert {item.value for item in found.modified} == {AUG_15}


def test_old_dates_need_scholarly_metadata(parse: PageParser) -> None:
    page = parse(
        """<head><meta name="citation_publication_date" content="1987/05/01">
        <meta property="article:published_time" content="1987-05-01"></head>"""
    )
    assert [item.source for item in meta_dates(page).published] == [
        "meta:citation_publication_date"
    ]


def test_future_and_placeholder_dates_are_rejected(parse: PageParser) -> None:
    next_year = dt.date.today().year + 1
    page = parse(
        f"""<head><meta property="article:published_time" content="{next_year}-01-01">
        <meta name="date" content="1970-01-01T00:00:00Z"></head>"""
    )
    assert meta_dates(page).published == []


def test_microdata(parse: PageParser) -> None:
    page = parse(
        """<body><article><span itemprop="datePublished" content="2016-08-14">Aug 14</span>
        <meta itemprop="dateModified" content="2016-08-15"></article></body>"""
    )
    found = microdata_dates(page)
    assert [item.value for item in found.published] == [AUG_14]
    assert [item.value for item in found.modified] == [AUG_15]


def test_time_elements_in_the_article_not_in_comments(parse: PageParser) -> None:
    page = parse(
        """<body><article><p>Posted <time datetime="2016-08-14T08:00">Sunday</time>,
        updated <time datetime="2016-08-15T08:00">Monday</time></p>
        <section class="comments"><time datetime="2017-03-01">later</time></section>
        </article></body>"""
    )
    found = time_element_dates(page)
    assert [item.value for item in found.published] == [AUG_14]
    assert [item.value for item in found.modified] == [AUG_15]


def test_dates_in_urls() -> None:
    assert date_in_url("https://example.com/2016/08/14/story/") == AUG_14
    assert date_in_url("https://example.com/news/2016-08-14-story") == AUG_14
    assert date_in_url("https://example.com/20160814/story") == AUG_14
    assert date_in_url("https://example.com/2016/08/story") is None
    assert date_in_url("https://example.com/story/123456789") is None
    # The capture time of an archive address is not the page's date.
    assert date_in_url("https://web.archive.org/web/20160814101010/http://example.com/") is None
    assert date_in_url(None) is None


def test_byline_text_with_updated_label(parse: PageParser) -> None:
    page = parse(
        """<body><h1>Headline</h1><div class="article-meta">Published August 14, 2016,
        last updated August 15, 2016</div><p>Text.</p></body>"""
    )
    found = byline_dates(page)
    assert [item.value for item in found.published] == [AUG_14]
    assert [item.value for item in found.modified] == [AUG_15]


def test_date_written_below_the_headline(parse: PageParser) -> None:
    page = parse(
        """<body><nav>Home News</nav><div><h2>Rivers in spring</h2>
        <p>Jane Roe, 14. August 2016</p><p>Body text.</p></div></body>"""
    )
    found = byline_dates(page, ["Rivers in spring"])
    assert [item.value for item in found.published] == [AUG_14]


def test_date_below_a_headline_far_down_the_page(parse: PageParser) -> None:
    # A long menu before the headline: the date beside it is found all the same, and the
    # menu's own text holds no date.
    menu = "".join(f"<li><a href='/t{n}'>Topic number {n}</a></li>" for n in range(900))
    page = parse(
        f"""<body><nav><ul>{menu}</ul></nav><h1>Rivers in spring</h1>
        <p>Jane Roe, 14. August 2016</p><p>Body text.</p></body>"""
    )
    assert len(page.text_start(1)) < len(page.body_text)
    assert page.body_text.find("Rivers in spring") > 8000
    found = byline_dates(page, ["Rivers in spring"])
    assert [(item.value, item.source) for item in found.published] == [(AUG_14, "text")]


def test_text_dates_prefer_a_labelled_date(parse: PageParser) -> None:
    page = parse(
        "<body><p>Event on 3 May 2019.</p><p>Stand: 14.08.2016</p><p>See 1 June 2019.</p></body>"
    )
    found = text_dates(page)
    assert [item.value for item in found.modified] == [AUG_14]
    assert found.published == []


def test_rank_prefers_agreement_then_step_order() -> None:
    ranked = rank_dates(
        [
            DateCandidate(AUG_15, "json-ld:datePublished"),
            DateCandidate(AUG_14, "meta:article:published_time"),
            DateCandidate(AUG_14, "time"),
        ]
    )
    assert [(item.value, item.source) for item in ranked] == [
        (AUG_14, "meta:article:published_time"),
        (AUG_15, "json-ld:datePublished"),
    ]


def test_rank_local_date_beats_a_utc_timestamp_a_day_away() -> None:
    ranked = rank_dates(
        [
            DateCandidate(AUG_15, "json-ld:datePublished", utc=True),
            DateCandidate(AUG_14, "url"),
        ]
    )
    assert ranked[0].value == AUG_14
    # A date read from running text is not trusted to correct the zone.
    ranked = rank_dates(
        [
            DateCandidate(AUG_15, "json-ld:datePublished", utc=True),
            DateCandidate(AUG_14, "byline"),
        ]
    )
    assert ranked[0].value == AUG_15


def test_find_page_dates_keeps_one_entry_per_date(parse: PageParser) -> None:
    page = parse(
        """<head><meta property="article:published_time" content="2016-08-14T10:00:00+02:00">
        </head><body><article><time datetime="2016-08-14">14 Aug</time></article></body>""",
        "https://example.com/2016/08/14/story",
    )
    published, modified = find_page_dates(page)
    assert [item.value for item in published] == [AUG_14]
    assert published[0].source == "url"
    assert modified == []


def test_head_microdata_update_date_misspelt(parse: PageParser) -> None:
    page = parse(
        """<html><head><meta itemprop="dateUpdate" content="2016-08-15 10:47:36"></head>
        <body><p>Text.</p></body></html>"""
    )
    found = microdata_dates(page)
    assert found.published == []
    assert [(item.value, item.source) for item in found.modified] == [
        (AUG_15, "itemprop:dateUpdate")
    ]


def test_site_edition_date_in_the_header_is_not_the_articles(parse: PageParser) -> None:
    page = parse(
        """<html lang="fr"><body><div class="site_header_bottom"><div class="edition">
        <span><a href="/">Édition du 12 octobre 2020</a></span>
        <a href="/editions">Éditions précédentes</a></div></div>
        <h1>Libre cours</h1><div class="byline"><span class="contributor">Par Jeanne Roy</span>
        <span class="field-published-at">le 14 août 2016</span></div></body></html>"""
    )
    assert [item.value for item in byline_dates(page, ["Libre cours"]).published] == [AUG_14]


def test_date_inside_a_last_edited_line_stays_an_update(parse: PageParser) -> None:
    page = parse(
        """<html><body><h1>Salsa figures</h1><p>Text.</p>
        <div id="page-info">page revision: 8, last edited:
        <span class="odate time_1471276500">15 Aug 2016 15:15</span></div></body></html>"""
    )
    found = byline_dates(page, ["Salsa figures"])
    assert found.published == []
    assert {item.value for item in found.modified} == {AUG_15}


TEASER_PAGE = """<html lang="de"><body>
    <div class="article-intro"><p class="subline">14. Aug 2016 // Jana Roth</p>
    <h1 class="headline">Straight cuts with a circular saw</h1></div><p>Text.</p>
    <div class="contenttype-teaser"><h3>You may also like</h3>
    <div class="contenttype"><a href="/tips/other"><img src="/a.jpg" alt=""></a>
    <div class="infos"><p>01. Mar 2015 // Tips</p><div class="headerCon">
    <a href="/tips/other"><h2>A cabinet for cutlery</h2></a></div></div></div></div>
    </body></html>"""


def test_teaser_of_another_page_does_not_date_the_article(parse: PageParser) -> None:
    page = parse(TEASER_PAGE, "https://www.example.org/blog/straight-cuts")
    published, _ = find_page_dates(page)
    assert published[0].value == AUG_14


def test_front_page_is_dated_by_its_teasers(parse: PageParser) -> None:
    page = parse(TEASER_PAGE, "https://www.example.org/")
    published, _ = find_page_dates(page)
    assert published[0].value == dt.date(2015, 3, 1)


def test_forum_post_anchors_are_not_teasers(parse: PageParser) -> None:
    page = parse(
        """<html lang="de"><body><h1>What free software is</h1>
        <div class="post"><h3><a href="#p412">Re: What free software is</a></h3>
        <p class="author">Beitrag von jdoe » 14.08.2016, 05:42</p><p>Text.</p></div>
        <p class="time">Aktuelle Zeit: 15.10.2020, 12:18</p></body></html>""",
        "https://forum.example.org/viewtopic.php?t=167",
    )
    assert [item.value for item in byline_dates(page).published] == [AUG_14]


def dated_page(head: str) -> str:
    return f"""<html><head>{head}</head><body><article><h1>Rivers in spring</h1>
<div class="byline">By Jane Roe, 15 August 2016</div><p>Text.</p></article></body></html>"""


META_DATE = '<meta property="article:published_time" content="2016-08-14T10:00:00+02:00">'
JSON_LD_DATE = (
    '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2016-08-14"}'
    "</script>"
)
DATED_URL = "https://news.example/2016/08/14/rivers-in-spring"


def test_three_stated_sources_agreeing_settle_the_date(parse: PageParser) -> None:
    # The URL, a meta tag and JSON-LD (read as JSON-LD and as script JSON) agree: the
    # byline's other date is not read.
    page = parse(dated_page(META_DATE + JSON_LD_DATE), DATED_URL)
    published, _ = find_page_dates(page)
    assert [item.value for item in published] == [AUG_14]


def test_two_stated_sources_leave_the_byline_read(parse: PageParser) -> None:
    # Only the URL and a meta tag: the byline's date is a candidate too.
    page = parse(dated_page(META_DATE), DATED_URL)
    published, _ = find_page_dates(page)
    assert [(item.value, item.source) for item in published] == [
        (AUG_14, "url"),
        (AUG_15, "byline"),
    ]
