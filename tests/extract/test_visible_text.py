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


def test_start_is_the_beginning_of_the_whole_text() -> None:
    root = parse_html(MENU_PAGE)
    text = VisibleText(root.find("body"))
    for length in (10, 1501, 4000):
        start = text.start(length)
        assert len(start) >= length
        assert MENU_TEXT.startswith(start)
        # It ends at a word's end: what follows in the whole text is a space.
        assert MENU_TEXT[len(start)] == " "
    assert text.whole() == MENU_TEXT


def test_whole_text_first_then_any_start() -> None:
    root = parse_html(MENU_PAGE)
    text = VisibleText(root.find("body"))
    assert text.whole() == MENU_TEXT
    start = text.start(50)
    assert len(start) >= 50
    assert MENU_TEXT.startswith(start)


def test_a_short_text_is_given_whole() -> None:
    root = parse_html("<html><body><h1> Short </h1>\n<p>page\u00a0text</p></body></html>")
    text = VisibleText(root.find("body"))
    assert text.start(1501) == "Short page text"
    assert text.whole() == "Short page text"


def test_an_empty_body_has_no_text() -> None:
    root = parse_html("<html><body><div>\n  <img src='a.png'>\n</div></body></html>")
    text = VisibleText(root.find("body"))
    assert text.start(100) == ""
    assert text.whole() == ""


def test_a_word_split_by_a_removed_script_stays_one_word(parse: PageParser) -> None:
    page = parse(
        "<html><body><p>Price: 9<script>var x = 1;</script>5 dollars, "
        "<style>p {}</style>tax <b>included</b></p></body></html>"
    )
    assert page.body_text == "Price: 95 dollars, tax included"
    assert page.text_start(5) == "Price: 95 dollars, tax included"


def test_removed_scripts_between_words_leave_them_apart(parse: PageParser) -> None:
    page = parse(
        "<html><body><p>First line\n<script>var x;</script>\nsecond line</p>"
        "<noscript>Enable JavaScript</noscript><p>third</p></body></html>"
    )
    assert page.body_text == "First line second line third"


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>9<script>x</script>5</p>", "95"),
        ("<p>a<svg><text>b</text></svg>c</p>", "ac"),
        ("<p>a <script>x</script> b<noscript>n</noscript></p>", "a  b"),
        (
            "<p>a<template>t</template>b<style>s</style>c<iframe>i</iframe>d"
            "<object>o</object>e</p>",
            "abcde",
        ),
    ],
)
def test_strip_non_content_keeps_the_text_that_follows(html: str, text: str) -> None:
    root = parse_html(f"<html><body>{html}</body></html>")
    strip_non_content(root)
    assert not root.xpath("//script | //svg | //noscript | //style | //template | //iframe")
    assert "".join(root.find("body").itertext()) == text


def test_start_reads_no_further_than_one_batch_past_what_is_asked() -> None:
    text = VisibleText(parse_html(MENU_PAGE).find("body"))
    start = text.start(10)
    # A batch is 64 text nodes, here about 21 menu items (each item is three nodes).
    assert 10 <= len(start) <= len(" ".join(MENU_ITEMS[:22]))
    longer = text.start(len(start) + 1)
    assert len(start) < len(longer) <= len(start) + len(" ".join(MENU_ITEMS[:23]))
    assert text.whole() == MENU_TEXT
