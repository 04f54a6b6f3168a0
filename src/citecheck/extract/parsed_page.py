"""A page parsed once: its element tree, meta tags and JSON-LD, shared by every extraction step."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate

import lxml.etree  # type: ignore[import-untyped, unused-ignore]

from citecheck.extract.html_tree import (
    NON_CONTENT_TAGS,
    HtmlElement,
    attribute,
    is_inside,
    parse_html,
)
from citecheck.extract.meta_tags import MetaTags, collect_meta_tags
from citecheck.extract.structured_data import StructuredData, collect_json_ld
from citecheck.extract.text_cleaning import clean_text, collapse_text

BOILERPLATE_HINTS = (
    "comment",
    "related",
    "sidebar",
    "footer",
    "recommend",
    "popular",
    "trending",
    "newsletter",
    "outbrain",
    "taboola",
    "most-read",
    "mostread",
    "more-from",
    "further-reading",
)


_LAYOUT_TOKEN_PREFIXES = (
    "category-",
    "tag-",
    "has-",
    "with-",
    "is-",
    "no-",
    "right-",
    "left-",
    "single",
    "page-",
    "post-type",
    "status-",
    "format-",
    "type-",
)


@dataclass
class BodyIndex:
    """The body's elements that carry a class or id (with those, lower-cased, one line each,
    for a single regex pass) and its microdata properties."""

    labelled: list[HtmlElement] = field(default_factory=list)
    hint_lines: str = ""
    line_starts: list[int] = field(default_factory=list)
    itemprops: list[tuple[HtmlElement, str]] = field(default_factory=list)


@dataclass(eq=False)  # compared and hashed by identity: the steps memoise per page
class ParsedPage:
    html: str  # the page as given, for the few checks that look at raw markup
    url: str | None
    root: HtmlElement  # scripts, styles and the like already removed
    meta: MetaTags
    structured: StructuredData
    script_count: int = 0
    noscript_text: str = ""
    language: str | None = None

    @cached_property
    def body(self) -> HtmlElement:
        found = self.root.find("body")
        return found if found is not None else self.root

    @cached_property
    def body_text(self) -> str:
        """All of the body's visible text, whitespace collapsed."""
        return collapse_text(" ".join(self.body.itertext()))

    @cached_property
    def body_index(self) -> BodyIndex:
        """One walk over the body in Python, cheaper than several XPath queries."""
        index = BodyIndex()
        lines: list[str] = []
        for element in self.body.iter():
            get = element.get
            prop = get("itemprop")
            if prop:
                index.itemprops.append((element, prop))
            classes = get("class")
            identifier = get("id")
            if classes or identifier:
                index.labelled.append(element)
                line = f"{classes or ''} {identifier or ''}"
                lines.append(line.replace("\n", " ") if "\n" in line else line)
        # Lower-cased once as a whole, and each line's start found by adding up lengths; the
        # rare letter whose lower case is longer ("İ") makes us lower each line instead.
        joined = "\n".join(lines)
        lowered = joined.lower()
        if len(lowered) != len(joined):
            lines = [line.lower() for line in lines]
            lowered = "\n".join(lines)
        index.hint_lines = lowered
        index.line_starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        return index

    @property
    def itemprop_elements(self) -> list[tuple[HtmlElement, str]]:
        """Body elements with microdata properties, with their itemprop value."""
        return self.body_index.itemprops

    def elements_hinting(self, words: tuple[str, ...]) -> list[HtmlElement]:
        """Elements whose class or id contains one of `words` (lower case), in document order."""
        index = self.body_index
        lines: set[int] = set()
        # str.find per word beats one regex alternation, which is tried at every position.
        for word in words:
            position = index.hint_lines.find(word)
            while position != -1:
                line = bisect_right(index.line_starts, position) - 1
                lines.add(line)
                # On to the next line: one hit is enough to name the element.
                next_line = index.line_starts[line + 1] if line + 1 < len(index.line_starts) else -1
                if next_line == -1:
                    break
                position = index.hint_lines.find(word, next_line)
        return [index.labelled[line] for line in sorted(lines)]

    @cached_property
    def boilerplate_roots(self) -> set[HtmlElement]:
        """Elements that hold comments, related links, sidebars or footers, not the article.
        An element holding the headline or the article is never one, whatever its class
        says ('has-sidebar', 'category-popular')."""
        roots: set[HtmlElement] = set()
        holders = self._headline_or_article_holders
        for element in self.elements_hinting(BOILERPLATE_HINTS):
            if element.tag in ("body", "article", "main") or element in holders:
                continue
            if _names_boilerplate(element):
                roots.add(element)
        roots.update(self.body.iter("footer"))
        # An <aside> in the article's header holds its byline and date, not related links.
        roots.update(
            aside
            for aside in self.body.iter("aside")
            if not is_inside(aside, ("article", "header"))
        )
        return roots

    @property
    def _headline_or_article_holders(self) -> set[HtmlElement]:
        """Every element with an <h1> or <article> inside: walked up once from each of those,
        rather than searching below every candidate."""
        holders: set[HtmlElement] = set()
        for tag in ("h1", "article"):
            for element in self.body.iter(tag):
                node = element.getparent()
                while node is not None and node not in holders:
                    holders.add(node)
                    node = node.getparent()
        return holders

    def in_boilerplate(self, element: HtmlElement) -> bool:
        """Whether `element` sits in comments, related links, a sidebar or the footer: what
        those hold (dates, names) misleads."""
        roots = self.boilerplate_roots
        node = element
        while node is not None:
            if node in roots:
                return True
            node = node.getparent()
        return False

    @cached_property
    def head_title(self) -> str:
        element = self.root.find(".//title")
        return clean_text(" ".join(element.itertext())) if element is not None else ""


def _names_boilerplate(element: HtmlElement) -> bool:
    """Whether a class or id token of `element` names a boilerplate part; tokens that only
    describe the page's layout or taxonomy ('right-sidebar', 'category-comments') do not."""
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower().split()
    for name in names:
        if name.startswith(_LAYOUT_TOKEN_PREFIXES):
            continue
        parts = re.split(r"[-_]+", name)
        if parts[0] in BOILERPLATE_HINTS or any(hint in parts[0] for hint in BOILERPLATE_HINTS):
            return True
        if len(parts) > 1 and parts[-1] in BOILERPLATE_HINTS:
            return True
    return False


def parse_page(html: str, url: str | None = None) -> ParsedPage | None:
    """Parse `html`; None when it holds no markup at all."""
    root = parse_html(html)
    if root is None:
        return None
    structured = collect_json_ld(root)
    meta = collect_meta_tags(root)
    script_count = sum(1 for _ in root.iter("script"))
    noscript_text = clean_text(" ".join(" ".join(el.itertext()) for el in root.iter("noscript")))
    language = _language(root, meta)
    lxml.etree.strip_elements(root, *NON_CONTENT_TAGS, with_tail=False)
    return ParsedPage(
        html=html,
        url=url,
        root=root,
        meta=meta,
        structured=structured,
        script_count=script_count,
        noscript_text=noscript_text,
        language=language,
    )


def _language(root: HtmlElement, meta: MetaTags) -> str | None:
    candidates = (
        attribute(root, "lang"),
        attribute(root, "xml:lang"),
        meta.first("og:locale") or "",
        meta.first("content-language") or "",
        meta.first("language") or "",
        meta.first("dc.language") or "",
    )
    for candidate in candidates:
        code = candidate.strip().replace("_", "-").split(",")[0].strip()
        if 2 <= len(code) <= 20 and code.replace("-", "").isalpha():
            return code.lower()
    return None
