"""What a parsed page tells the steps: which parts are boilerplate, and the start of its text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from citecheck.extract.parsed_page import ParsedPage

PageParser = Callable[..., ParsedPage]

# Modelled on a news page: a layout wrapper whose class names a sidebar, the article with its
# byline in an <aside>, related links, comments and a footer.
LAYOUT_PAGE = """<html><body>
<div class="layout has-sidebar" id="page">
  <main class="content">
    <article class="post category-comments">
      <header>
        <h1 id="headline">Rates rise again</h1>
        <aside class="meta"><span id="byline">By Jane Roe</span>
          <time id="published" datetime="2016-08-14">14 August 2016</time></aside>
      </header>
      <div class="entry-content"><p id="body-text">The central bank raised rates.</p></div>
      <div class="sidebar-widget" id="in-article-widget"><span id="widget-date">2016-08-01</span>
      </div>
    </article>
    <section class="related-stories">
      <ul><li><a id="related-link" href="/a">Rates fall</a><time id="related-date">2016-07-01</time></li></ul>
    </section>
    <div id="comments" class="comment-list">
      <div class="reply-body"><p><span id="comment-author">Joe Bloggs</span> said</p></div>
    </div>
  </main>
  <aside class="right-column"><div><p id="aside-text">Newsletter</p></div></aside>
  <div class="right-sidebar-layout"><p id="layout-text">Layout only</p></div>
</div>
<footer><p><span id="footer-date">2024</span></p></footer>
</body></html>"""


@pytest.mark.parametrize(
    ("element_id", "in_boilerplate"),
    [
        ("headline", False),
        ("byline", False),  # an <aside> in the article's header holds its byline
        ("published", False),
        ("body-text", False),
        ("page", False),  # holds the headline, whatever its class says
        ("in-article-widget", True),
        ("widget-date", True),
        ("related-link", True),
        ("related-date", True),
        ("comment-author", True),
        ("aside-text", True),
        ("footer-date", True),
        ("layout-text", False),  # 'right-sidebar-layout' describes the layout
    ],
)
def test_in_boilerplate(parse: PageParser, element_id: str, in_boilerplate: bool) -> None:
    page = parse(LAYOUT_PAGE)
    element = page.root.xpath(f"//*[@id='{element_id}']")[0]
    assert page.in_boilerplate(element) is in_boilerplate


def test_in_boilerplate_answers_the_same_in_any_order(parse: PageParser) -> None:
    # The answers are remembered per page as ancestors are looked at: asking about the
    # deepest element first must not change what the others get.
    ids = ["comment-author", "related-date", "byline", "layout-text", "footer-date"]
    expected = [True, True, False, False, True]
    forwards = parse(LAYOUT_PAGE)
    backwards = parse(LAYOUT_PAGE)
    answers = [forwards.in_boilerplate(forwards.root.xpath(f"//*[@id='{i}']")[0]) for i in ids]
    reversed_answers = [
        backwards.in_boilerplate(backwards.root.xpath(f"//*[@id='{i}']")[0]) for i in ids[::-1]
    ]
    assert answers == expected
    assert reversed_answers == expected[::-1]


def test_boilerplate_roots(parse: PageParser) -> None:
    page = parse(LAYOUT_PAGE)
    by_id = {
        element.get("id") or element.get("class"): page.is_boilerplate_root(element)
        for element in page.body.iter()
        if element.get("id") or element.get("class")
    }
    assert by_id["comments"] is True
    assert by_id["related-stories"] is True
    assert by_id["right-column"] is True
    assert by_id["in-article-widget"] is True
    # Elements inside a root are in boilerplate without being roots themselves.
    assert by_id["reply-body"] is False
    assert by_id["page"] is False
    assert by_id["post category-comments"] is False
    footer = next(page.body.iter("footer"))
    assert page.is_boilerplate_root(footer)


def test_text_start_and_body_text(parse: PageParser) -> None:
    words = [f"word{number}" for number in range(3000)]
    page = parse("<html><body>" + "".join(f"<span>{w}</span>\n" for w in words) + "</body></html>")
    whole = " ".join(words)
    start = page.text_start(100)
    assert len(start) >= 100
    assert whole.startswith(start)
    assert page.body_text == whole
    assert page.text_start(100_000) == whole


def test_head_title(parse: PageParser) -> None:
    page = parse("<html><head><title> Rates &amp;amp; \n bonds </title></head><body></body></html>")
    assert page.head_title == "Rates & bonds"
    assert parse("<html><body><p>No title</p></body></html>").head_title == ""
