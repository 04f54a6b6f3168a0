"""Title candidates: sources, site names cut, plain text, ranking and dedupe."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from citecheck.extract.parsed_page import ParsedPage
from citecheck.extract.titles import (
    cut_kicker,
    find_titles,
    main_heading,
    page_kicker,
    strip_site_name,
)

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


def _sources(page: ParsedPage) -> dict[str, str]:
    return {title.value: title.source for title in find_titles(page)}


def test_article_heading_is_a_candidate_on_a_page_without_h1(parse: PageParser) -> None:
    page = parse(
        """<html><head><title>Weekly report 3 - Example Institute</title>
        <meta property="og:site_name" content="Example Institute"></head><body>
        <h2 class="sr-only">Main navigation</h2><nav><h2>Menu</h2></nav>
        <main><h2 class="text-hide">Main content</h2>
        <article><header><h2>Weak layers, calm weather</h2></header><p>Text.</p></article>
        <aside class="related"><h2>Another report</h2></aside></main></body></html>""",
        "https://www.example-institute.org/reports/3",
    )
    titles = find_titles(page)
    # The head's title stays first: the heading is added, not put in its place.
    assert titles[0].value == "Weekly report 3"
    sources = _sources(page)
    assert sources["Weak layers, calm weather"] == "h2"
    for heading in ("Main navigation", "Menu", "Main content", "Another report"):
        assert heading not in sources


def test_element_marked_as_headline_is_a_candidate(parse: PageParser) -> None:
    page = parse(
        """<html><head><title>Tidy cupboards</title></head><body>
        <div class="cms-1"><div class="l-headline"><span>Seven tricks for a tidy cupboard</span>
        </div></div><div class="cms-2"><div class="l-headline">Seven tricks for a tidy cupboard
        </div></div><p>Text.</p></body></html>"""
    )
    assert _sources(page)["Seven tricks for a tidy cupboard"] == "headline"


def test_titles_of_a_teaser_list_are_not_candidates(parse: PageParser) -> None:
    page = parse(
        """<html><head><title>Blog</title></head><body><main>
        <div class="post"><div class="entry-title">First post</div><p>Teaser.</p></div>
        <div class="post"><div class="entry-title">Second post</div><p>Teaser.</p></div>
        <div class="card"><div class="card-title">Third post</div></div>
        </main></body></html>"""
    )
    assert set(_sources(page)) == {"Blog"}


def test_other_h1s_of_the_article_when_few_but_not_a_list(parse: PageParser) -> None:
    page = parse(
        """<html><head><meta property="og:title" content="Floods in the north"></head><body>
        <article><h1>Floods in the north</h1><h1>Rivers burst their banks after storm</h1>
        <p>Text.</p></article><div class="teasers"><h1>Unrelated story</h1></div></body></html>"""
    )
    titles = find_titles(page)
    assert titles[0].value == "Floods in the north"
    sources = _sources(page)
    assert sources["Rivers burst their banks after storm"] == "h1"
    assert "Unrelated story" not in sources
    many = "".join(f"<h1>Story {number}</h1>" for number in range(6))
    page = parse(f"<html><head><title>Home</title></head><body><main>{many}</main></body></html>")
    assert [title.source for title in find_titles(page)].count("h1") == 1


def test_caption_in_an_h1_is_not_the_headline(parse: PageParser) -> None:
    caption = " ".join(["word"] * 60)
    page = parse(
        f"""<html><head><title>Ship breaks up over the tundra</title></head><body>
        <h1 class="slideshow-headline">{caption}</h1><h1>Ship breaks up over the tundra</h1>
        </body></html>"""
    )
    assert main_heading(page) == "Ship breaks up over the tundra"


def test_microdata_headline_is_a_candidate(parse: PageParser) -> None:
    page = parse(
        """<html><head><meta property="og:title" content="Sick child? What employers must know">
        </head><body><h1 class="teaser-title">Sick child: what employers must know</h1>
        <article itemscope itemtype="http://schema.org/Article"><header>
        <div class="article-h1" itemprop="headline"><span class="kicker">Sick child</span>
        What employers must know about the rights of parents</div></header>
        <p>Text.</p></article></body></html>"""
    )
    sources = _sources(page)
    # Its kicker is not part of the headline.
    assert sources["What employers must know about the rights of parents"] == ("itemprop:headline")
    # Added beside the other candidates, not in their place.
    titles = find_titles(page)
    assert titles[0].source != "itemprop:headline"
    assert "Sick child? What employers must know" in [title.value for title in titles]


def test_h1_whose_class_names_the_headline_among_many(parse: PageParser) -> None:
    sections = "".join(
        f'<article><h1 class="siteHeadline">{name}</h1><p>Text.</p></article>'
        for name in ("Current product tests", "Become a tester: how it works", "All results")
    )
    page = parse(
        f"""<html><head><meta property="og:title" content="Become a tester: free tests">
        </head><body><article><h1 class="descriptionHeadline">Become a product tester now -
        it is this easy</h1><p>Welcome.</p></article>{sections}</body></html>"""
    )
    sources = _sources(page)
    assert sources["Become a tester: how it works"] == "h1"  # the most like og:title
    assert sources["Become a product tester now - it is this easy"] == "h1"
    # Section headings of the site are not the page's headline.
    assert "Current product tests" not in sources
    assert "All results" not in sources


def test_lone_heading_when_the_title_is_the_organisations_name(parse: PageParser) -> None:
    page = parse(
        """<html><head><title>Example Union of Beekeepers e.V.</title></head><body>
        <div class="col">News and press releases<br>
        <div class="item"><p>2021-10-16 | Message<br><h4>A good harvest for every hive</h4></p>
        <p>Text of the message.</p></div></div></body></html>""",
        "https://www.example-beekeepers.org/detail.php?id=7",
    )
    titles = find_titles(page)
    assert (titles[0].value, titles[0].source) == ("A good harvest for every hive", "h4")
    assert titles[1].value == "Example Union of Beekeepers e.V."


def test_no_lone_heading_among_several_or_under_a_real_title(parse: PageParser) -> None:
    several = parse(
        """<html><head><title>Example Union of Beekeepers e.V.</title></head><body>
        <h4>A good harvest for every hive</h4><h4>Swarming season begins</h4></body></html>"""
    )
    assert [title.source for title in find_titles(several)] == ["title-tag"]
    titled = parse(
        """<html><head><title>Honey prices rise again</title></head><body>
        <h4>Contact us</h4></body></html>"""
    )
    assert [title.value for title in find_titles(titled)] == ["Honey prices rise again"]


def test_headline_of_a_related_item_is_not_a_candidate(parse: PageParser) -> None:
    page = parse(
        """<html><head><title>Floods in the north</title></head><body>
        <article itemscope itemtype="http://schema.org/Article"><h1>Floods in the north</h1>
        <div itemprop="relatedLink" itemscope itemtype="http://schema.org/Article">
        <meta itemprop="headline" content="Drought in the south"></div></article>
        <aside class="related" itemscope itemtype="http://schema.org/Article">
        <meta itemprop="headline" content="Storms in the east"></aside></body></html>"""
    )
    sources = _sources(page)
    assert "Drought in the south" not in sources
    assert "Storms in the east" not in sources


@pytest.mark.parametrize(
    "heading",
    [
        # A child the class names the kicker, above the headline.
        '<h1><span class="dachzeile">Leaked files</span> <span>Arms maker hacked</span></h1>',
        '<h1><span class="c-header__topline">Leaked files</span>Arms maker hacked</h1>',
        # A child the class names the headline, after the kicker and a hidden separator.
        '<h1><span class="label-green">Leaked files</span><span class="sr-only">: </span>'
        '<span class="headline">Arms maker hacked</span></h1>',
        # Bootstrap's secondary text in a heading, inside a wrapper.
        '<h1 class="post-head"><span itemprop="headline"><small>Leaked files</small><br>'
        "Arms maker hacked</span></h1>",
    ],
)
def test_kicker_of_the_headline_is_not_the_title(parse: PageParser, heading: str) -> None:
    page = parse(
        f"""<html><head><title>Leaked files: Arms maker hacked | Example News</title>
        <meta property="og:title" content="Arms maker hacked - Leaked files">
        <meta property="og:site_name" content="Example News"></head>
        <body><article>{heading}<p>Text.</p></article></body></html>""",
        "https://www.example-news.com/a/1",
    )
    titles = [title.value for title in find_titles(page)]
    assert titles[0] == "Arms maker hacked"
    # Besides, last, the heading as a reader sees it, for a citation that copies it.
    assert len(titles) == 2
    assert titles[1].startswith("Leaked files") and titles[1].endswith("Arms maker hacked")


def test_heading_parts_that_are_not_a_kicker_stay(parse: PageParser) -> None:
    # A link or date after the headline is no kicker, nor a subtitle ("subline") after it.
    page = parse(
        """<html><head><title>Reading list</title></head><body><article>
        <h1><span class="title">Rivers in spring</span><time class="dateline">May 2</time></h1>
        <h2><span class="mw-headline">History</span><span class="editsection">edit</span></h2>
        <h2>Snow sports <span class="stage-subline">Tips for the winter</span></h2>
        </article></body></html>"""
    )
    assert page_kicker(page) == ""
    assert main_heading(page) == "Rivers in spring May 2"


@pytest.mark.parametrize(
    ("title", "kicker", "expected"),
    [
        ("Leaked files: Arms maker hacked", "Leaked files", "Arms maker hacked"),
        ("Arms maker hacked - Leaked files", "Leaked files", "Arms maker hacked"),
        # A kicker that holds a separator of its own.
        ("Prices – Caps: Arms maker hacked", "Prices – Caps", "Arms maker hacked"),
        # Only a whole part is the kicker; a title that is only the kicker stays.
        (
            "Leaked filesystem: Arms maker hacked",
            "Leaked files",
            "Leaked filesystem: Arms maker hacked",
        ),
        ("Leaked files", "Leaked files", "Leaked files"),
    ],
)
def test_cut_kicker(title: str, kicker: str, expected: str) -> None:
    assert cut_kicker(title, kicker) == expected


@pytest.mark.parametrize(
    ("header", "url"),
    [
        ('<h1><a href="/">Stone Age &amp; Co</a></h1>', None),
        (
            '<h1><a href="http://stoneage.example.org" title="Home">Stone Age &amp; Co</a></h1>',
            "http://stoneage.example.org/tools/neanderthal.html",
        ),
        # An archive's copy of the page and of its link.
        (
            '<h1><a href="https://archive.example/web/2015/http://www.stoneage.example.org/">'
            "Stone Age &amp; Co</a></h1>",
            "https://archive.example/web/2015/http://www.stoneage.example.org/tools/1",
        ),
    ],
)
def test_heading_that_links_home_is_the_sites_name(
    parse: PageParser, header: str, url: str | None
) -> None:
    page = parse(
        f"""<html><head><title>Tools of the Neanderthals | Stone Age &amp; Co</title></head>
        <body><div class="header">{header}</div>
        <div id="content"><p>Hand axes and scrapers.</p></div></body></html>""",
        url,
    )
    assert [title.value for title in find_titles(page)] == ["Tools of the Neanderthals"]


@pytest.mark.parametrize(
    "header",
    [
        # A headline linked to the article itself, or to another site, is the page's own.
        '<h1><a href="/tools/neanderthal.html">Stone Age &amp; Co</a></h1>',
        '<h1><a href="https://other.example.net/">Stone Age &amp; Co</a></h1>',
        # Text beside the link: more than the site's name.
        '<h1>Welcome to <a href="/">Stone Age &amp; Co</a></h1>',
    ],
)
def test_other_linked_headings_stay_candidates(parse: PageParser, header: str) -> None:
    page = parse(
        f"""<html><head><title>Tools of the Neanderthals | Stone Age &amp; Co</title></head>
        <body>{header}<p>Hand axes and scrapers.</p></body></html>""",
        "http://stoneage.example.org/tools/neanderthal.html",
    )
    values = [title.value for title in find_titles(page)]
    assert "Tools of the Neanderthals | Stone Age & Co" in values


def test_visible_headline_first_when_no_source_agrees(parse: PageParser) -> None:
    # Head metadata written for sharing says the story in other words than the page.
    page = parse(
        """<html><head>
        <meta property="og:title" content="Heat pump in an old house: when it pays off">
        </head><body><article><h1>Is a heat pump worth it in an old house?</h1>
        <p>Text.</p></article></body></html>"""
    )
    titles = [title.value for title in find_titles(page)]
    assert titles == [
        "Is a heat pump worth it in an old house?",
        "Heat pump in an old house: when it pays off",
    ]


def test_unrelated_heading_does_not_displace_the_metadata_title(
    parse: PageParser,
) -> None:
    page = parse(
        """<html><head><meta property="og:title" content="Heat pump in an old house: when it pays off">
        </head><body><h1>Read also:</h1><p>Text.</p></body></html>"""
    )
    assert find_titles(page)[0].value == "Heat pump in an old house: when it pays off"


def test_text_hidden_for_screen_readers_is_not_part_of_a_heading(
    parse: PageParser,
) -> None:
    page = parse(
        """<html><body><article><h1><div class="title__headline">
        <span class="visuallyhidden">Headline:</span> Rivers in spring</div></h1>
        <p>Text.</p></article></body></html>"""
    )
    assert main_heading(page) == "Rivers in spring"


def test_secondary_text_closing_a_heading_is_not_part_of_it(parse: PageParser) -> None:
    page = parse(
        """<html><body><article><h1>Fans return to the clubs<br>
        <small>02.02.2022 • Association, Press</small></h1><p>Text.</p></article></body></html>"""
    )
    assert main_heading(page) == "Fans return to the clubs"


@pytest.mark.parametrize("mark", ["¶", "#", "🔗", ""])
def test_a_permalink_sign_in_a_heading_is_not_part_of_it(parse: PageParser, mark: str) -> None:
    page = parse(
        f"""<html><body><article><h1>Installing the tools<a class="headerlink"
        href="#installing-the-tools" title="Permalink to this headline">{mark}</a></h1>
        <p>Text.</p></article></body></html>"""
    )
    assert main_heading(page) == "Installing the tools"


def test_a_link_with_words_in_a_heading_stays(parse: PageParser) -> None:
    page = parse(
        """<html><body><article><h1>Notes on <a href="#rivers">rivers</a></h1>
        <p>Text.</p></article></body></html>"""
    )
    assert main_heading(page) == "Notes on rivers"


def test_a_title_that_is_only_the_sites_name_comes_after_the_headline(
    parse: PageParser,
) -> None:
    head = """<head><title>ICON</title><meta property="og:title" content="Example Icon">
        <meta property="og:site_name" content="Example Icon"></head>"""
    body = """<body><div class="story"><h2 class="headline">Before and after</h2>
        <p>Text.</p></div></body>"""
    page = parse(f"<html>{head}{body}</html>", "https://www.exampleicon.com/story/interview/")
    assert [found.value for found in find_titles(page)] == [
        "Before and after",
        "Example Icon",
        "ICON",
    ]
    # On the home page, the site's name is its title.
    home = parse(f"<html>{head}{body}</html>", "https://www.exampleicon.com/")
    assert find_titles(home)[0].value == "Example Icon"


def test_a_headline_stated_by_microdata_in_the_head(parse: PageParser) -> None:
    page = parse(
        """<html><head><title>Town Herald</title>
        <meta itemprop="headline" content="Harbour vote passes">
        <meta property="og:site_name" content="Town Herald"></head><body><p>Text.</p></body></html>""",
        "https://www.townherald.com/news/harbour-vote",
    )
    assert [found.value for found in find_titles(page)] == ["Harbour vote passes", "Town Herald"]


def test_an_h1_unlike_every_head_title_yields_to_the_title(parse: PageParser) -> None:
    page = parse(
        """<html><head><title>Babies who eat peanuts early may avoid allergy</title></head>
        <body><h1>Allergies Health Center</h1><p>Text.</p></body></html>"""
    )
    assert [found.value for found in find_titles(page)] == [
        "Babies who eat peanuts early may avoid allergy",
        "Allergies Health Center",
    ]


def test_an_h1_that_rewords_the_title_still_leads(parse: PageParser) -> None:
    page = parse(
        """<html><head><title>Peanuts early may help babies avoid allergy</title></head>
        <body><h1>Babies who eat peanuts early may avoid allergy</h1><p>Text.</p></body></html>"""
    )
    assert find_titles(page)[0].value == "Babies who eat peanuts early may avoid allergy"
