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
    rel_author_links,
)
from citecheck.extract.parsed_page import ParsedPage
from citecheck.models import AuthorKind

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


@pytest.mark.parametrize(
    "line",
    [
        "\u2003By Cara Stiles",  # an em space before the label
        "\u00a0|\u00a0Von Cara Stiles",
        "\u2003\u2003Von: Cara Stiles",
        "Written by Cara Stiles",
    ],
)
def test_labelled_byline_after_separators_and_spaces(parse: PageParser, line: str) -> None:
    page = parse(f"<body><article><h1>Title</h1><div><span>{line}</span></div></article></body>")
    assert [found.value for found in byline_authors(page)] == ["Cara Stiles"]


def test_text_that_only_looks_like_a_label_is_not_a_byline(parse: PageParser) -> None:
    page = parse(
        "<body><article><p><span>Bypass Road closed</span></p>"
        "<p><span>Paris Hilton Hotel</span></p></article></body>"
    )
    assert byline_authors(page) == []


def test_rel_author_links_outside_boilerplate(parse: PageParser) -> None:
    page = parse(
        """<body><article><h1>Rates rise</h1>
        <p>By <a rel="nofollow author" href="/people/jane-roe">Jane Roe</a></p></article>
        <div class="sidebar"><a rel="author" href="/people/joe-bloggs">Joe Bloggs</a></div>
        <a rel="nofollow" href="/people/ann-other">Ann Other</a></body>"""
    )
    assert [(found.value, found.source) for found in rel_author_links(page)] == [
        ("Jane Roe", "rel-author")
    ]


def test_people_before_the_site_and_case_insensitive_dedupe(parse: PageParser) -> None:
    page = parse(
        """<head><meta property="og:site_name" content="Example Times">
        <meta name="author" content="Example Times">
        <meta name="parsely-author" content="JANE ROE"></head>
        <body><p class="byline">By Jane Roe</p></body>""",
        "https://www.exampletimes.com/story",
    )
    # A name in capitals is given in title case: "JANE ROE" is the same person as the byline's.
    assert [found.value for found in find_authors(page)] == ["Jane Roe", "Example Times"]


def test_byline_consulted_when_metadata_names_only_the_site(parse: PageParser) -> None:
    page = parse(
        """<head><meta property="og:site_name" content="Example Times">
        <meta name="author" content="Example Times"></head>
        <body><p class="byline">By Jane Roe</p></body>""",
        "https://www.exampletimes.com/story",
    )
    assert [found.value for found in find_authors(page)] == ["Jane Roe", "Example Times"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A dateline in the author tag: the place is not a person.
        ("Hamburg, Germany", []),
        ("Jane Roe, Hamburg, Germany", ["Jane Roe"]),
        ("Harbour Verlag GmbH, Kiel, Deutschland", ["Harbour Verlag GmbH"]),
        # Editors, photographers and web developers are credited, but did not write it.
        ("Developed by Sam Poe", []),
        ("Tom Lee Edited by Sam Poe", ["Tom Lee"]),
        ("Text: Jane Roe, Fotos von Sam Poe", ["Jane Roe"]),
        ("blogadmin", []),
        ("XY1234", []),
        ("JANE ROE", ["Jane Roe"]),
        ("Redaktion", ["Redaktion"]),
        ("Lisa Brandt Tags: garden, spring", ["Lisa Brandt"]),
        ("News Desk with AFP", ["AFP"]),  # the agency is the author a desk names
        ("Harbour Times with AFP", ["Harbour Times"]),
    ],
)
def test_clean_names_from_metadata(text: str, expected: list[str]) -> None:
    assert clean_names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Jane Roe", ["Jane Roe"]),
        ("Von Jane Roe, Tom Lee und Ana Ruiz, NDR", ["Jane Roe", "Tom Lee", "Ana Ruiz", "NDR"]),
        ("Jacobo Ruiz Peña | Publicado hace 3 horas", ["Jacobo Ruiz Peña"]),
        ("MARÍA LÓPEZ GIL", ["María López Gil"]),
        ("Tom Lee Wednesday", ["Tom Lee"]),
        ("LD", ["LD"]),  # initials signing a short piece
        ("jdoe", ["jdoe"]),  # the account name a blog prints
        ("marta rossi", ["marta rossi"]),
        ("By Harbour Press", ["Harbour Press"]),
        # The word that introduces the byline's date goes with the date.
        ("VON JANE ROE am 21. April 2020", ["Jane Roe"]),
        ("By Jane Roe on March 3, 2020", ["Jane Roe"]),
        ("Par Jean Roy le 3 mars 2020", ["Jean Roy"]),
        ("Por Juan Pérez el 3 de marzo de 2020", ["Juan Pérez"]),
        # A name that ends like one of those words is not cut.
        ("By Minh Le, May 3, 2020", ["Minh Le"]),
        ("By Minh Le 3 May 2020", ["Minh Le"]),
        # Buttons, badges, labels and pieces of sentences: no author at all.
        ("Anhören", []),
        ("Sponsored Stories", []),
        ("Von der grünen zur blauen Wirtschaft", []),
        ("Schutzhelm über Fahrradweg; Radweg bis Zebrastreifen", []),
        ("Por favor, selecione uma das opções abaixo", []),
        ("A note from Harriet", []),
        ("Invitation", []),  # one capitalised word off a page is as often a label
        ("Monday", []),
        ("(abc)", []),  # an editor's mark
        ("vom Support", []),
        ("Show all articles of", []),
    ],
)
def test_clean_names_from_visible_bylines(text: str, expected: list[str]) -> None:
    assert clean_names(text, from_byline=True) == expected


def test_organisation_in_metadata_does_not_stop_the_byline_search(parse: PageParser) -> None:
    # JSON-LD types the author as an organisation whose name has a person's shape.
    page = parse(
        ld('{"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Harbor Lights"}}')
        + '<body><article><p class="byline">By Jane Roe</p><p>Text.</p></article></body>',
        "https://www.example.org/story",
    )
    assert [(found.value, found.source) for found in find_authors(page)] == [
        ("Jane Roe", "byline"),
        ("Harbor Lights", "json-ld:author"),
    ]
    # Each says what it names: the JSON-LD type makes "Harbor Lights" an organisation.
    assert [found.kind for found in find_authors(page)] == [
        AuthorKind.PERSON,
        AuthorKind.ORGANISATION,
    ]


def test_each_author_says_person_or_organisation(parse: PageParser) -> None:
    page = parse(
        """<head><meta property="og:site_name" content="Example Times">
        <meta name="author" content="Jane Roe">
        <meta name="author" content="Press Association">
        <meta name="author" content="Example Times"></head>""",
        "https://www.exampletimes.com/story",
    )
    assert [(found.value, found.kind) for found in find_authors(page)] == [
        ("Jane Roe", AuthorKind.PERSON),
        ("Press Association", AuthorKind.ORGANISATION),
        ("Example Times", AuthorKind.ORGANISATION),
    ]


def test_junk_byline_gives_no_author_rather_than_a_wrong_one(parse: PageParser) -> None:
    page = parse(
        """<body><div class="author-tools"><button>Anhören</button></div>
        <article><h1>Headline</h1><p>Von der Idee zur Umsetzung: ein langer Weg.</p></article>
        </body>"""
    )
    assert find_authors(page) == []


def test_byline_search_goes_past_an_organisation_to_a_person(parse: PageParser) -> None:
    page = parse(
        """<body><div class="post-author-name">By Harbour Press -</div>
        <article><div class="post-content"><p><em>Written by: <a href="/jr">Jane Roe</a></em></p>
        <p>Text of the story.</p></div></article></body>"""
    )
    assert [found.value for found in byline_authors(page)] == ["Jane Roe", "Harbour Press"]


def test_byline_marked_in_another_language(parse: PageParser) -> None:
    page = parse(
        """<body><article><div class="autor"><h6>JACOBO RUIZ PEÑA | Publicado hace 3 horas</h6>
        </div><p>Texto.</p></article></body>"""
    )
    assert [found.value for found in byline_authors(page)] == ["Jacobo Ruiz Peña"]


def test_lone_user_name_byline_but_not_an_editors_mark(parse: PageParser) -> None:
    page = parse('<body><span class="author">jdoe</span><p>Text.</p></body>')
    assert [found.value for found in byline_authors(page)] == ["jdoe"]
    page = parse(
        """<body><span class="cust-autor">(abc)</span>
        <ul><li class="authors">Von Dr. Lena Brandt</li></ul></body>"""
    )
    assert [found.value for found in byline_authors(page)] == ["Dr. Lena Brandt"]


def test_cxense_author_tag(parse: PageParser) -> None:
    page = parse('<head><meta name="cXenseParse:author" content="Lisa Brandt"></head>')
    assert [(found.value, found.source) for found in meta_authors(page)] == [
        ("Lisa Brandt", "meta:cxenseparse:author")
    ]


def test_article_microdata_author_before_site_wide_meta_author(parse: PageParser) -> None:
    page = parse(
        """<html><head><meta name="author" content="Forest Institute und Forestry - FI">
        </head><body><div itemscope itemtype="http://schema.org/Article"><main><article>
        <h1>The timber trade</h1><p>Text.</p>
        <div class="article-footer-box"><p><strong>Authors</strong><br>
        <span itemprop="author">Joan  Hammer</span></p></div>
        <ol><li itemprop="citation" itemscope itemtype="http://schema.org/ScholarlyArticle">
        <span itemprop="author">R. Cited</span>: <span itemprop="name">Old wood</span></li></ol>
        </article></main></div></body></html>"""
    )
    authors = find_authors(page)
    assert (authors[0].value, authors[0].source) == ("Joan Hammer", "itemprop:author")
    # A work the article cites is not the article.
    assert "R. Cited" not in [author.value for author in authors]


def test_byline_adds_co_authors_structured_data_lacks(parse: PageParser) -> None:
    byline = (
        '<div class="entry-meta"><span class="vcard author"><span class="fn">'
        "von {names}</span></span></div>"
    )
    head = ld('{"@type": "Article", "author": {"@type": "Person", "name": "Rudi Fink"}}')
    page = parse(f"<html>{head}<body>{byline.format(names='Rudi Fink, Simone Kohl')}</body></html>")
    assert [author.value for author in find_authors(page)] == ["Rudi Fink", "Simone Kohl"]
    # A byline that does not name the structured author is another credit: not added.
    page = parse(f"<html>{head}<body>{byline.format(names='Ada Lane, Simone Kohl')}</body></html>")
    assert [author.value for author in find_authors(page)] == ["Rudi Fink"]


def test_cms_account_yields_to_the_person_the_byline_names(parse: PageParser) -> None:
    page = parse(
        f"""<html>{ld('{"@type": "Article", "author": {"@type": "Person", "name": "kim-lee"}}')}
        <body><div class="img-holder"><img src="/a.jpg" alt=""><div class="license-info">
        <span class="author-name"><a class="license-author" href="/f">Paul Frame</a></span>
        </div></div>
        <div class="author text-center"><div class="second-author"><p>Autor
        <span>Mark Stone:</span></p><div class="version"><a href="/en/">EN</a></div></div>
        <p class="first-p-author">Übersetzung Kim Lee, 12.12.22</p></div>
        <p>Text.</p></body></html>"""
    )
    values = [author.value for author in find_authors(page)]
    assert values == ["Mark Stone", "kim-lee"]


def test_a_chosen_nickname_is_kept_as_the_author(parse: PageParser) -> None:
    page = parse(
        f"""<html>{ld('{"@type": "Recipe", "author": {"@type": "Person", "name": "cakefan"}}')}
        <body><div class="recipe-author"><span class="byline">Mark Stone</span></div>
        </body></html>"""
    )
    assert [author.value for author in find_authors(page)] == ["cakefan"]


def test_author_entry_of_a_definition_list(parse: PageParser) -> None:
    head = ld('{"@type": "Article", "author": {"@type": "Person", "name": "Gil Gray"}}')
    page = parse(
        f"""<html>{head}<body><article><dl class="post-meta">
        <dt>Auteur</dt><dd><a href="/staff/uma-gadd/">Uma Gadd</a></dd>
        <dt>Cover</dt><dd>Collège de France</dd></dl><p>Text.</p></article></body></html>"""
    )
    assert [author.value for author in find_authors(page)] == ["Gil Gray", "Uma Gadd"]


def test_picture_credits_are_not_bylines(parse: PageParser) -> None:
    page = parse(
        """<html><body><figure><img src="/a.jpg" alt=""><figcaption>A stage.
        <span class="author">Bild © Example Broadcasting</span></figcaption></figure>
        <div class="caption-credit"><span class="author-name">Nina Lens</span></div>
        <p>Text.</p></body></html>"""
    )
    assert byline_authors(page) == []


@pytest.mark.parametrize(
    "quotation",
    [
        '<blockquote><p>We will win.</p><cite class="author">Otto Quell</cite></blockquote>',
        '<div class="pullquote"><p>We will win.</p><p class="author-name">Otto Quell</p></div>',
        '<p>We will win.</p><p class="quote-author">Otto Quell</p>',
        '<div class="testimonial"><p>Great.</p><span class="author">Otto Quell</span></div>',
    ],
)
def test_the_person_a_quotation_is_by_is_not_the_author(parse: PageParser, quotation: str) -> None:
    page = parse(f"<html><body><h1>Harbour vote</h1>{quotation}<p>Text.</p></body></html>")
    assert byline_authors(page) == []
    with_byline = parse(
        f'<html><body><h1>Harbour vote</h1>{quotation}<p class="byline">By Ada Lund</p>'
        "<p>Text.</p></body></html>"
    )
    assert [author.value for author in find_authors(with_byline)] == ["Ada Lund"]


def test_lower_case_byline_with_initials_names_co_authors(parse: PageParser) -> None:
    head = ld('{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Eva Barros"}}')
    page = parse(
        f"""<html>{head}<body><div class="publish-info"><div class="author-location">
        <div class="author">e. barros / J. I. da silva<br></div></div></div>
        <p>Text.</p></body></html>"""
    )
    assert [author.value for author in find_authors(page)] == [
        "Eva Barros",
        "E. Barros",
        "J. I. da Silva",
    ]
    # Without initials, lower case is how the person writes their name.
    assert clean_names("jane roe", from_byline=True) == ["jane roe"]


@pytest.mark.parametrize(
    "dateline",
    [
        '<p class="text-muted">11.12.2019 - Jane Roe</p><h1>Variables at home</h1>',
        "<h1>Variables at home</h1><small>04.02.2022 | 13:10 Uhr | Jane Roe</small>",
        "<h1>Variables at home</h1><div>// By JANE ROE • Nov 11, 2020</div>",
    ],
)
def test_person_in_the_dateline_beside_the_headline(parse: PageParser, dateline: str) -> None:
    page = parse(f"<body><div>{dateline}<p>Text of the story.</p></div></body>")
    assert [(found.value, found.kind) for found in find_authors(page)] == [
        ("Jane Roe", AuthorKind.PERSON)
    ]


@pytest.mark.parametrize(
    "line",
    [
        # No date: a subtitle, not a dateline.
        "<p>Jane Roe - Variables</p>",
        # More than a name beside the date, or a name that is no person's.
        "<p>11.12.2019 - Jane Roe - Berlin</p>",
        "<p>11.12.2019 - Allgemein</p>",
        "<p>11.12.2019 - Jane Roe and more</p>",
    ],
)
def test_other_lines_beside_the_headline_name_no_one(parse: PageParser, line: str) -> None:
    page = parse(f"<body><div><h1>Variables at home</h1>{line}<p>Text.</p></div></body>")
    assert find_authors(page) == []


@pytest.mark.parametrize("label", ["Written by", "Verfasst von", "Escrito por"])
def test_author_in_a_twitter_cards_labelled_data(parse: PageParser, label: str) -> None:
    page = parse(
        f"""<html><head><meta name="twitter:label1" content="Est. reading time">
        <meta name="twitter:data1" content="4 minutes">
        <meta name="twitter:label2" content="{label}">
        <meta name="twitter:data2" content="Jane Roe @janeroe"></head>
        <body><p>Text.</p></body></html>"""
    )
    assert [(found.value, found.source) for found in meta_authors(page)] == [
        ("Jane Roe", "meta:twitter:data")
    ]
