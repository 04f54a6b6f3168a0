"""A page parsed once: its element tree, meta tags and JSON-LD, shared by every extraction step."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from citecheck.extract.body_index import BodyIndex, index_body
from citecheck.extract.html_tree import (
    NON_CONTENT_TAGS,
    HtmlElement,
    attribute,
    is_inside,
    parse_html,
    strip_non_content,
)
from citecheck.extract.meta_tags import MetaTags, collect_meta_tags
from citecheck.extract.structured_data import StructuredData, collect_json_ld
from citecheck.extract.text_cleaning import clean_text
from citecheck.extract.visible_text import VisibleText

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

_NAME_PARTS = re.compile(r"[-_]+")  # the words of a class name: "twitter-tweet", "most_read"
_BOILERPLATE_HINT = re.compile("|".join(BOILERPLATE_HINTS))
# Posts and videos embedded in an article (a quoted tweet, an Instagram post): their dates,
# bylines and titles are the embedded post's, never the article's.
EMBEDDED_POST_PARTS = frozenset(
    {"tweet", "twitter", "embed", "embedded", "instagram", "tiktok", "bluesky", "mastodon"}
)
_EMBEDDED_POST_WORD = re.compile("|".join(sorted(EMBEDDED_POST_PARTS)))
_EMBED_TAGS = frozenset({"blockquote", "figure", "div", "aside", "section", "iframe"})

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
    # Whether an element is in boilerplate, for the elements and ancestors asked about so far.
    _in_boilerplate: dict[HtmlElement, bool] = field(default_factory=dict, init=False, repr=False)

    @cached_property
    def body(self) -> HtmlElement:
        found = self.root.find("body")
        return found if found is not None else self.root

    @cached_property
    def visible_text(self) -> VisibleText:
        return VisibleText(self.body)

    @property
    def body_text(self) -> str:
        """All of the body's visible text, whitespace collapsed."""
        return self.visible_text.whole()

    def text_start(self, length: int) -> str:
        """The start of `body_text`, at least `length` characters of it (all of it when it is
        shorter), for steps that only look at the top of the page."""
        return self.visible_text.start(length)

    @cached_property
    def body_index(self) -> BodyIndex:
        """The body's elements by tag, class, id and microdata property, filed in one pass."""
        return index_body(self.body)

    @property
    def itemprop_elements(self) -> list[tuple[HtmlElement, str]]:
        """Body elements with microdata properties, with their itemprop value."""
        return self.body_index.itemprops

    def elements_hinting(self, words: tuple[str, ...]) -> Iterator[HtmlElement]:
        """Elements whose class or id contains one of `words` (lower case), in document order,
        found as they are asked for."""
        return self.body_index.hinting(words)

    def in_boilerplate(self, element: HtmlElement) -> bool:
        """Whether `element` (one of the body's) sits in comments, related links, a sidebar or
        the footer: what those hold (dates, names) misleads. Only the element's ancestors are
        looked at, each once per page."""
        known = self._in_boilerplate
        path: list[HtmlElement] = []
        verdict = False
        node = element
        while node is not None:
            seen = known.get(node)
            if seen is not None:
                verdict = seen
                break
            path.append(node)
            if self.is_boilerplate_root(node):
                verdict = True
                break
            if node is self.body:
                break
            node = node.getparent()
        for visited in path:
            known[visited] = verdict
        return verdict

    def is_boilerplate_root(self, element: HtmlElement) -> bool:
        """Whether `element` holds comments, related links, a sidebar or a footer, not the
        article. An element holding the headline or the article is never one, whatever its
        class says ('has-sidebar', 'category-popular')."""
        tag = element.tag
        if tag == "footer":
            return True
        # An <aside> in the article's header holds its byline and date, not related links.
        if tag == "aside" and not is_inside(element, ("article", "header")):
            return True
        if tag in ("body", "article", "main"):
            return False
        classes, identifier = element.get("class"), element.get("id")
        if not classes and not identifier:
            return False
        hints = f"{classes or ''} {identifier or ''}".lower()
        if tag in _EMBED_TAGS and _names_embedded_post(hints):
            return element not in self._headline_or_article_holders
        if not _BOILERPLATE_HINT.search(hints):
            return False
        return element not in self._headline_or_article_holders and _names_boilerplate(element)

    @cached_property
    def _headline_or_article_holders(self) -> set[HtmlElement]:
        """Every element with an <h1> or <article> inside: walked up once from each of those,
        rather than searching below every candidate."""
        holders: set[HtmlElement] = set()
        for tag in ("h1", "article"):
            for element in self.body_index.tagged(tag):
                node = element.getparent()
                while node is not None and node not in holders:
                    holders.add(node)
                    node = node.getparent()
        return holders

    @cached_property
    def head_title(self) -> str:
        element = next(self.root.iter("title"), None)
        return clean_text(" ".join(element.itertext())) if element is not None else ""


def _names_embedded_post(hints: str) -> bool:
    """Whether a class or id names an embedded post ('twitter-tweet', 'instagram-media',
    'embed-container')."""
    if not _EMBEDDED_POST_WORD.search(hints):
        return False  # the cheap test first: most classes have none of the words at all
    return any(
        part in EMBEDDED_POST_PARTS for name in hints.split() for part in _NAME_PARTS.split(name)
    )


def _names_boilerplate(element: HtmlElement) -> bool:
    """Whether a class or id token of `element` names a boilerplate part; tokens that only
    describe the page's layout or taxonomy ('right-sidebar', 'category-comments') do not."""
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower().split()
    for name in names:
        if name.startswith(_LAYOUT_TOKEN_PREFIXES):
            continue
        parts = _NAME_PARTS.split(name)
        if parts[0] in BOILERPLATE_HINTS or any(hint in parts[0] for hint in BOILERPLATE_HINTS):
            return True
        if len(parts) > 1 and parts[-1] in BOILERPLATE_HINTS:
            return True
    return False


def parse_page(html: str, url: str | None = None, utf8: bytes | None = None) -> ParsedPage | None:
    """Parse `html` (`utf8`: the same page encoded as UTF-8, if the caller has it); None when
    it holds no markup at all."""
    root = parse_html(html, utf8)
    if root is None:
        return None
    # What is read before the elements no reader sees are removed, found in one pass: the meta
    # tags, the scripts (their JSON-LD, and how many there are), the text of <noscript>.
    metas: list[HtmlElement] = []
    non_content: list[HtmlElement] = []
    for element in root.iter("meta", *NON_CONTENT_TAGS):
        (metas if element.tag == "meta" else non_content).append(element)
    scripts = [element for element in non_content if element.tag == "script"]
    structured = collect_json_ld(scripts)
    meta = collect_meta_tags(root, metas)
    noscript_text = clean_text(
        " ".join(" ".join(el.itertext()) for el in non_content if el.tag == "noscript")
    )
    language = _language(root, meta)
    strip_non_content(root, non_content)
    return ParsedPage(
        html=html,
        url=url,
        root=root,
        meta=meta,
        structured=structured,
        script_count=len(scripts),
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
