"""The body's visible text, read from the top only as far as asked."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from citecheck.extract.html_tree import parse_html, strip_non_content
from citecheck.extract.parsed_page import ParsedPage
from citecheck.extract.visible_text import VisibleText

PageParser = Callable[..., ParsedPage]

# A navigation list long enough to be read in several batches.
MENU_ITEMS = [f"Section {number}" for number in range(1, 601)]
MENU_PAGE = (
    "<html><body><nav><ul>\n"
    + "\n".join(
        f"  <li>\n    <a href='/s{n}'>{item}</a>\n  </li>" for n, item in enumerate(MENU_ITEMS)
    )
    + "\n</ul></nav><p>The   end.</p></body></html>"
)
MENU_TEXT = " ".join([*MENU_ITEMS, "The end."])


@pytest.mark.parametrize("nodes_may_split_words", [False, True])
def test_start_is_the_beginning_of_the_whole_text(nodes_may_split_words: bool) -> None:
    root = parse_html(MENU_PAGE)
    text = VisibleText(root.find("body"), nodes_may_split_words)
    for length in (10, 1501, 4000):
        start = text.start(length)
        assert len(start) >= length
        assert MENU_TEXT.startswith(start)
        # It ends at a word's end: what follows in the whole text is a space.
        assert MENU_TEXT[len(start)] == " "
    assert text.whole() == MENU_TEXT


def test_whole_text_first_then_any_start() -> None:
    root = parse_html(MENU_PAGE)
    text = VisibleText(root.find("body"), nodes_may_split_words=False)
    assert text.whole() == MENU_TEXT
    start = text.start(50)
    assert len(start) >= 50
    assert MENU_TEXT.startswith(start)


def test_a_short_text_is_given_whole() -> None:
    root = parse_html("<html><body><h1> Short </h1>\n<p>page\u00a0text</p></body></html>")
    text = VisibleText(root.find("body"), nodes_may_split_words=False)
    assert text.start(1501) == "Short page text"
    assert text.whole() == "Short page text"


def test_an_empty_body_has_no_text() -> None:
    root = parse_html("<html><body><div>\n  <img src='a.png'>\n</div></body></html>")
    text = VisibleText(root.find("body"), nodes_may_split_words=False)
    assert text.start(100) == ""
    assert text.whole() == ""


def test_a_word_split_by_a_removed_script_stays_one_word(parse: PageParser) -> None:
    page = parse(
        "<html><body><p>Price: 9<script>var x = 1;</script>5 dollars, "
        "<style>p {}</style>tax <b>included</b></p></body></html>"
    )
    assert page.text_nodes_may_split_words
    assert page.body_text == "Price: 95 dollars, tax included"
    assert page.text_start(5) == "Price: 95 dollars, tax included"


def test_removed_scripts_between_words_leave_them_apart(parse: PageParser) -> None:
    page = parse(
        "<html><body><p>First line\n<script>var x;</script>\nsecond line</p>"
        "<noscript>Enable JavaScript</noscript><p>third</p></body></html>"
    )
    assert not page.text_nodes_may_split_words
    assert page.body_text == "First line second line third"


@pytest.mark.parametrize(
    ("html", "may_split"),
    [
        ("<p>9<script>x</script>5</p>", True),
        ("<p>a<svg><text>b</text></svg>c</p>", True),
        # Control characters that count as white space are dropped, which joins their
        # neighbours: they do not keep words apart.
        ("<p>a<script>x</script>\x1cb</p>", True),
        ("<p>a <script>x</script> b</p>", False),
        ("<p>a<script>x</script>\u00a0b</p>", False),
        ("<p>a<script>x</script></p><p>b</p>", False),
    ],
)
def test_strip_non_content_says_when_words_may_be_split(html: str, may_split: bool) -> None:
    root = parse_html(f"<html><body>{html}</body></html>")
    assert strip_non_content(root) is may_split
    assert not root.xpath("//script | //svg | //noscript | //style")
