"""HTML pages whose notes are not linked to their markers, read as plain text.

Blocks become paragraphs, `<sup>4</sup>` becomes `[4]`, the items of `<ol>` are numbered as a
browser shows them ("4. ...", `type="i"` as "[iv] ..."), and the plain-text finder looks for the
note list, under a "Notes" heading or at the end. The article's own element is read first, so
that sidebars ("Most read: 1. ...") and page furniture stay out of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from citecheck.extract.html_tree import HtmlElement, attribute
from citecheck.footnotes.article.citing_sentences import clean_text
from citecheck.footnotes.article.html_text import (
    BLOCK_TAGS,
    Event,
    block_text,
    contains,
    is_inside,
    list_ordinals,
    walk,
)
from citecheck.footnotes.article.markers import is_exponent, marker_group
from citecheck.footnotes.article.notes import ArticleNotes
from citecheck.footnotes.article.text import find_text_notes
from citecheck.footnotes.web_addresses import web_address
from citecheck.models import Article

_CHROME_TAGS = frozenset({"nav", "header", "aside", "form"})  # site furniture, never the article


def notes_from_page_text(
    page_root: HtmlElement, article: Article, base_url: str | None
) -> ArticleNotes | None:
    """The page read as plain text: the article's own element first, then the whole page."""
    for root in _content_roots(page_root):
        page = _PageText(base_url)
        page.read(root, whole_page=root is page_root)
        found = find_text_notes("\n".join(page.lines), page.links)
        if found is not None:
            found.article = Article(
                title=article.title or found.article.title,
                author=article.author or found.article.author,
            )
            return found
    return None


def _content_roots(page_root: HtmlElement) -> list[HtmlElement]:
    """Where the article's text is: its one <article> or <main>, else the whole body."""
    roots: list[HtmlElement] = []
    for name in ("article", "main"):
        elements = list(page_root.iter(name))
        if len(elements) == 1:
            roots.append(elements[0])
    roots.append(next(page_root.iter("body"), page_root))
    return list(dict.fromkeys(roots))


@dataclass
class _OpenList:
    ordinals: list[str]  # how its items are numbered; empty for bullet lists
    next_item: int = 0


@dataclass
class _PageText:
    """A page as lines of text: blank lines between blocks, `<sup>4</sup>` as `[4]`, numbered
    list items as `4. ...`, and the addresses each line links to."""

    base_url: str | None
    lines: list[str] = field(default_factory=list)
    links: list[list[str]] = field(default_factory=list)
    _pending: list[str] = field(default_factory=list)
    _pending_links: list[str] = field(default_factory=list)
    _lists: list[_OpenList] = field(default_factory=list)

    def read(self, root: HtmlElement, whole_page: bool = False) -> None:
        """Read what is inside `root` (with `whole_page`, `root` itself as well)."""
        for event, node in walk(root, self._descend, include_root=whole_page):
            if isinstance(node, str):
                self._pending.append(node)
            elif event is Event.START:
                self._start(node)
            else:
                self._end(node)
        self._flush(blank=False)

    @staticmethod
    def _descend(tag: HtmlElement) -> bool:
        # Site chrome is never the article; a marker's digits are written by _start.
        return tag.tag not in _CHROME_TAGS and not _is_marker_sup(tag)

    def _start(self, tag: HtmlElement) -> None:
        if _is_marker_sup(tag):
            self._pending.append(self._marker_text(tag))
        elif tag.tag == "br":
            self._flush(blank=False)
        elif tag.tag in BLOCK_TAGS:
            self._flush(blank=True)
            if tag.tag in {"ol", "ul"}:
                count = len(tag.findall("li"))
                self._lists.append(_OpenList(list_ordinals(tag, count) if tag.tag == "ol" else []))
            elif tag.tag == "li" and self._lists:
                self._pending.append(self._item_number())
        address = web_address(attribute(tag, "href"), self.base_url) if tag.tag == "a" else None
        if address:
            self._pending_links.append(address)

    def _end(self, tag: HtmlElement) -> None:
        if tag.tag in BLOCK_TAGS:
            self._flush(blank=True)
            if tag.tag in {"ol", "ul"} and self._lists:
                self._lists.pop()

    def _marker_text(self, sup: HtmlElement) -> str:
        digits = block_text(sup)
        if is_exponent(self._tail()):
            return digits  # "cm<sup>3</sup>" is a unit
        return f"[{','.join(marker_group(digits))}]"

    def _tail(self, wanted: int = 8) -> str:
        """The last few characters of the line being read (joining all of it costs too much)."""
        tail = ""
        for piece in reversed(self._pending):
            tail = piece + tail
            if len(tail) >= wanted:
                break
        return tail

    def _item_number(self) -> str:
        open_list = self._lists[-1]
        position = open_list.next_item
        open_list.next_item += 1
        if position >= len(open_list.ordinals):
            return ""
        return _ordinal_prefix(open_list.ordinals[position])

    def _flush(self, blank: bool) -> None:
        text = clean_text("".join(self._pending)).strip()
        if text:
            self.lines.append(text)
            self.links.append(list(dict.fromkeys(self._pending_links)))
        if blank and self.lines and self.lines[-1]:
            self.lines.append("")
            self.links.append([])
        self._pending, self._pending_links = [], []


def _is_marker_sup(tag: HtmlElement) -> bool:
    """A superscript number; not one inside a link, which linked-marker reading has judged."""
    if tag.tag != "sup" or contains(tag, "a") or is_inside(tag, "a"):
        return False
    return bool(marker_group(block_text(tag)))


def _ordinal_prefix(ordinal: str) -> str:
    """How a numbered item reads as text: "4. " for numbers, "[iv] " for numerals and letters."""
    return f"{ordinal}. " if ordinal.isdigit() else f"[{ordinal}] "
