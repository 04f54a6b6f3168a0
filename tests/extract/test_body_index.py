"""The one pass over a page's body: what it files, in which order, and where it stops."""

from __future__ import annotations

from citecheck.extract.body_index import index_body
from citecheck.extract.html_tree import HtmlElement, parse_html

PAGE = """<html><body class="single">
<header><h2 id="site">Site</h2></header>
<article itemscope itemtype="https://schema.org/NewsArticle">
  <h1 class="entry-title" itemprop="headline">Rivers in spring</h1>
  <div class="byline post-date" data-component="Byline">By <a rel="author" href="/jr">Jane Roe</a>
    <time datetime="2016-08-14">14 August 2016</time></div>
  <h3>Floods</h3><p>Text.</p><abbr class="published" title="2016-08-14">Aug 14</abbr>
  <h2>Dams</h2><dl><dt>Author</dt><dd>Jane Roe</dd></dl>
  <a rel="nofollow" href="/x">x</a><a href="/y">y</a>
</article>
<footer><div data-testid="footer-meta">Footer</div></footer>
</body></html>"""


def tags(elements: list[HtmlElement]) -> list[str]:
    return [element.tag for element in elements]


def test_elements_are_filed_by_tag_group_in_document_order() -> None:
    index = index_body(parse_html(PAGE).find("body"))
    assert tags(index.tagged("h2", "h3", "h4")) == ["h2", "h3", "h2"]
    assert [element.text for element in index.tagged("h2")] == ["Site", "Dams"]
    assert tags(index.tagged("time", "abbr")) == ["time", "abbr"]
    assert tags(index.tagged("abbr")) == ["abbr"]
    assert [element.text for element in index.tagged("h1")] == ["Rivers in spring"]
    assert tags(index.tagged("dt")) == ["dt"]
    assert [link.get("rel") for link in index.rel_links] == ["author", "nofollow"]
    assert [prop for _, prop in index.itemprops] == ["headline"]


def test_hint_words_find_each_element_once_in_document_order() -> None:
    index = index_body(parse_html(PAGE).find("body"))
    # "byline" and "date" both name the byline: it comes once, before the footer's element,
    # which its data-testid names; the body's own class names none of the words.
    found = list(index.hinting(("date", "meta", "byline")))
    assert [element.get("class") or element.get("data-testid") for element in found] == [
        "byline post-date",
        "footer-meta",
    ]
    assert list(index.hinting(("comment",))) == []


def test_hint_words_match_whatever_the_case() -> None:
    index = index_body(parse_html(PAGE).find("body"))
    assert [element.get("class") for element in index.hinting(("byline",))] == ["byline post-date"]
    # data-component="Byline" is read in lower case too: the element is found by it alone.
    root = parse_html('<html><body><div data-component="ByLine">By Jane Roe</div></body></html>')
    assert len(list(index_body(root.find("body")).hinting(("byline",)))) == 1


def test_own_text_is_the_text_before_the_first_child() -> None:
    index = index_body(parse_html(PAGE).find("body"))
    texts = [text for _, text in index.with_text if text.strip()]
    # The byline's own text is its label, not the linked name, which is the link's.
    assert texts[texts.index("By ") + 1] == "Jane Roe"
    assert "Author" in texts


def test_the_pass_stops_after_its_limit() -> None:
    paragraphs = "".join(f"<p>{number}</p>" for number in range(100))
    body = parse_html(f"<html><body>{paragraphs}</body></html>").find("body")
    # The body itself is the first element visited.
    assert len(index_body(body, limit=11).tagged("p")) == 10
    assert len(index_body(body).tagged("p")) == 100


def test_hint_words_name_the_right_element_after_a_name_that_lower_case_lengthens() -> None:
    # "İ" lower-cases to two characters: the elements after it are still told apart.
    page = (
        '<html><body><div class="İstanbul-news">x</div><p id="main">y</p>'
        '<span class="byline">By Jane Roe</span></body></html>'
    )
    index = index_body(parse_html(page).find("body"))
    assert [element.tag for element in index.hinting(("byline",))] == ["span"]
    assert [element.tag for element in index.hinting(("main", "news"))] == ["div", "p"]


def test_an_element_with_one_attribute_the_pass_does_not_read_is_not_labelled() -> None:
    page = '<html><body><a href="/x">x</a><div data-testid="Byline">By Jane Roe</div></body></html>'
    index = index_body(parse_html(page).find("body"))
    assert [element.tag for element in index.hinting(("byline", "x"))] == ["div"]
