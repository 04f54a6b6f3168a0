"""Reading text out of a BeautifulSoup tree without recursion (pages nest thousands deep)."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Mapping, Set
from enum import StrEnum

from bs4 import BeautifulSoup, Tag, XMLParsedAsHTMLWarning
from bs4.element import NavigableString

from citecheck.footnotes.article.citing_sentences import clean_text
from citecheck.footnotes.article.markers import roman_numeral

BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div",
        "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
# Never article text: code, styling, embedded documents, forms' machinery.
NOISE_TAGS = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object",
              "canvas", "select", "textarea", "button")  # fmt: skip


# Private-use characters that stand for note markers while sentences are read (article/html.py);
# a page's own are dropped so they cannot pose as markers.
MARKER_START, MARKER_END = "\ue000", "\ue001"
_RESERVED = dict.fromkeys(map(ord, MARKER_START + MARKER_END))


_ROMAN_TYPES = {"i", "I"}
_LETTER_TYPES = {"a", "A"}


class Event(StrEnum):
    START = "start"
    END = "end"
    TEXT = "text"


def walk(
    root: Tag, descend: Callable[[Tag], bool] = lambda tag: True
) -> Iterator[tuple[Event, Tag | str]]:
    """START and END of each tag under `root` and its TEXT, in document order.

    A tag for which `descend` is false gets its START and END but none of its content.
    """
    stack: list[Iterator[object]] = [iter(root.contents)]
    tags: list[Tag] = []
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            if tags:
                yield Event.END, tags.pop()
            continue
        if isinstance(child, Tag):
            yield Event.START, child
            if descend(child):
                stack.append(iter(child.contents))
                tags.append(child)
            else:
                yield Event.END, child
        elif type(child) is NavigableString:
            yield Event.TEXT, str(child)


def block_text(
    root: Tag, skip: Set[int] = frozenset(), stand_ins: Mapping[int, str] | None = None
) -> str:
    """The text of `root` on one line; blocks and line breaks inside it become spaces.

    Tags whose id() is in `skip` are left out; those in `stand_ins` are written as that text.
    """
    replaced = stand_ins or {}
    pieces: list[str] = []

    def descend(tag: Tag) -> bool:
        return id(tag) not in skip and id(tag) not in replaced

    for event, node in walk(root, descend):
        if event is Event.TEXT:
            pieces.append(str(node))
        elif isinstance(node, Tag) and event is Event.START and id(node) in replaced:
            pieces.append(replaced[id(node)])
        elif isinstance(node, Tag) and (node.name in BLOCK_TAGS or node.name == "br"):
            pieces.append(" ")
    return clean_text("".join(pieces)).strip()


def nearest_block(node: Tag | NavigableString) -> Tag | None:
    for parent in node.parents:
        if parent.name in BLOCK_TAGS:
            return parent
    return None


def attribute(tag: Tag, name: str) -> str:
    """An attribute as one string ("" when absent): class lists are joined with spaces."""
    if is_decomposed(tag):
        return ""
    value = tag.attrs.get(name)
    if value is None:
        return ""
    return value if isinstance(value, str) else " ".join(value)


def parse_html(html: str) -> BeautifulSoup:
    """The page as a tree, without the parts that are never text."""
    with warnings.catch_warnings():
        # XHTML served as HTML is still read as HTML, as browsers do.
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(html.translate(_RESERVED), "lxml")
    for tag in [tag for tag in all_tags(soup) if tag.name in NOISE_TAGS]:
        if not is_decomposed(tag):
            tag.decompose()
    return soup


def is_decomposed(tag: Tag) -> bool:
    """True for a tag taken out with decompose().

    bs4's own `decomposed` property looks up `_decomposed` as an attribute, which on a live tag
    falls through to a search of the whole subtree for a child tag of that name: slow.
    """
    return bool(vars(tag).get("_decomposed", False))


def all_tags(root: Tag) -> list[Tag]:
    """Every tag under `root` in document order (faster than find_all(True))."""
    return [node for node in root.descendants if isinstance(node, Tag)]


def list_ordinals(note_list: Tag, count: int) -> list[str]:
    """How the browser numbers a list's items: `start`, and `type="i"` or `type="a"`."""
    start_text = attribute(note_list, "start").strip()
    start = int(start_text) if start_text.isdigit() and len(start_text) < 5 else 1
    kind = attribute(note_list, "type").strip()
    numbers = range(start, start + count)
    if kind in _ROMAN_TYPES:
        return [roman_numeral(number, upper=kind == "I") for number in numbers]
    if kind in _LETTER_TYPES and start + count <= 27:
        return [chr(ord(kind) + number - 1) for number in numbers]
    return [str(number) for number in numbers]
