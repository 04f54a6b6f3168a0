"""Reading text out of an lxml tree without recursion (pages nest thousands deep)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from enum import StrEnum

import lxml.etree  # type: ignore[import-untyped, unused-ignore]

from citecheck.extract.html_tree import HtmlElement, attribute, parse_html
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
# What a removed element is renamed to: no reader knows this name.
REMOVED_TAG = "citecheck-removed"
# Elements whose text is not read: ruby annotations (the reading aid, not the sentence), and code
# or styling in markup that keeps them (a note held in an attribute).
TEXTLESS_TAGS = frozenset({"rt", "rp", "script", "style", "template"})


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
    root: HtmlElement,
    descend: Callable[[HtmlElement], bool] = lambda element: True,
    include_root: bool = False,
) -> Iterator[tuple[Event, HtmlElement | str]]:
    """START and END of each element under `root` and its TEXT, in document order (`root`'s own
    START and END too with `include_root`).

    An element for which `descend` is false gets its START and END but none of its content.
    """
    if include_root:
        yield Event.START, root
        if descend(root):
            yield from walk(root, descend)
        yield Event.END, root
        return
    textless = root.tag in TEXTLESS_TAGS or any(
        parent.tag in TEXTLESS_TAGS for parent in root.iterancestors()
    )
    if root.text and not textless:
        yield Event.TEXT, root.text
    # Each open element: its children still to visit, and whether its text is read.
    stack: list[tuple[Iterator[HtmlElement], bool]] = [(iter(root), textless)]
    elements: list[HtmlElement] = []
    while stack:
        children, inside_textless = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if elements:
                closed = elements.pop()
                yield Event.END, closed
                if closed.tail and not stack[-1][1]:
                    yield Event.TEXT, closed.tail
            continue
        yield Event.START, child
        if descend(child):
            child_textless = inside_textless or child.tag in TEXTLESS_TAGS
            if child.text and not child_textless:
                yield Event.TEXT, child.text
            stack.append((iter(child), child_textless))
            elements.append(child)
        else:
            yield Event.END, child
            if child.tail and not inside_textless:
                yield Event.TEXT, child.tail


def block_text(
    root: HtmlElement,
    skip: Collection[HtmlElement] = frozenset(),
    stand_ins: Mapping[HtmlElement, str] | None = None,
) -> str:
    """The text of `root` on one line; blocks and line breaks inside it become spaces.

    Elements in `skip` are left out; those in `stand_ins` are written as that text.
    """
    replaced = stand_ins or {}
    pieces: list[str] = []

    def descend(element: HtmlElement) -> bool:
        return element not in skip and element not in replaced

    for event, node in walk(root, descend):
        if isinstance(node, str):
            pieces.append(node)
        elif event is Event.START and node in replaced:
            pieces.append(replaced[node])
        elif node.tag in BLOCK_TAGS or node.tag == "br":
            pieces.append(" ")
    return clean_text("".join(pieces)).strip()


def nearest_block(element: HtmlElement) -> HtmlElement | None:
    for parent in element.iterancestors():
        if parent.tag in BLOCK_TAGS:
            return parent
    return None


def is_inside(element: HtmlElement, name: str) -> bool:
    """Whether an ancestor of `element` is a `name` element."""
    return next(element.iterancestors(name), None) is not None


def contains(element: HtmlElement, name: str) -> bool:
    """Whether a descendant of `element` is a `name` element."""
    return next(element.iterdescendants(name), None) is not None


def parse_page(html: str) -> HtmlElement | None:
    """The page's root element without the parts that are never text; None when it has none.

    Reserved marker characters are dropped first. XHTML served as HTML is still read as HTML,
    as browsers do.
    """
    root = parse_html(html.translate(_RESERVED))
    if root is not None:
        lxml.etree.strip_elements(root, *NOISE_TAGS, with_tail=False)
    return root


def parse_fragment(html: str) -> HtmlElement | None:
    """Markup held in an attribute, as it is (nothing dropped)."""
    return parse_html(html)


def all_elements(root: HtmlElement) -> list[HtmlElement]:
    """`root` and every element under it, in document order."""
    return list(root.iter(lxml.etree.Element))


def remove(element: HtmlElement) -> None:
    """Take `element` and its content out of the reading, keeping the text that follows it.

    It is emptied in place and renamed rather than unlinked: moving its tail text onto a
    neighbour would have lxml check that text again, and refuse the control characters a page
    may hold.
    """
    element.clear(keep_tail=True)
    element.tag = REMOVED_TAG


def list_ordinals(note_list: HtmlElement, count: int) -> list[str]:
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
