"""Parse a page once with lxml, and the few element helpers every extraction step shares."""

from __future__ import annotations

from typing import Any

import lxml.etree  # type: ignore[import-untyped, unused-ignore]

from citecheck.extract.text_cleaning import clean_text

# lxml ships no type information, so its elements are `Any` to mypy; this alias names them.
HtmlElement = Any

# lxml.etree's parser, not lxml.html's: plain elements are several times cheaper to visit.
# No step looks elements up by id, so the parser keeps no table of ids (4 % of its work).
_PARSER = lxml.etree.HTMLParser(
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
    no_network=True,
    recover=True,
    collect_ids=False,
)
# Elements whose text is never part of what a reader sees.
NON_CONTENT_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object")


def parse_html(html: str, utf8: bytes | None = None) -> HtmlElement | None:
    """The document's root element, or None when there is no markup at all. `utf8`, when the
    caller has it, is `html` encoded as UTF-8: encoding a long page again costs."""
    if not html or html.isspace():
        return None
    # Encoding ourselves sidesteps lxml's refusal of str input that declares an encoding and
    # makes libxml2 ignore any <meta charset>: the text is already decoded.
    data = html.encode("utf-8", "replace") if utf8 is None else utf8
    try:
        root = lxml.etree.fromstring(data, parser=_PARSER)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return None
    return root


def strip_non_content(root: HtmlElement, found: list[HtmlElement] | None = None) -> None:
    """Remove the elements whose text no reader sees, keeping the text that follows them.
    `found`: those elements (every one of NON_CONTENT_TAGS), when the caller has listed them."""
    if found is None or found:
        lxml.etree.strip_elements(root, *NON_CONTENT_TAGS, with_tail=False)


def attribute(element: HtmlElement, name: str) -> str:
    value = element.get(name)
    return str(value) if value is not None else ""


def class_and_id(element: HtmlElement) -> str:
    """The element's class and id, as one string to search for hints like 'byline'."""
    return f"{attribute(element, 'class')} {attribute(element, 'id')}"


def element_text(element: HtmlElement, limit: int = 2000) -> str:
    """The element's visible text, cleaned; at most about `limit` characters."""
    parts: list[str] = []
    size = 0
    for chunk in element.itertext():
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            break
    return clean_text(" ".join(parts))[:limit]


def is_inside(element: HtmlElement, tags: tuple[str, ...]) -> bool:
    """Whether one of `element`'s ancestors is one of `tags`."""
    node = element.getparent()
    while node is not None:
        if node.tag in tags:
            return True
        node = node.getparent()
    return False


def owning_item(element: HtmlElement) -> HtmlElement | None:
    """The microdata item a property belongs to: the nearest ancestor with itemscope."""
    node = element.getparent()
    while node is not None:
        if node.get("itemscope") is not None:
            return node
        node = node.getparent()
    return None
