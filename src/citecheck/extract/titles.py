"""Title candidates, best first: structured data, meta tags, the page's <h1>s, the <title> tag.

Site names are cut from titles that carry them ("Headline | Reuters", "Dawn: Headline"), using
the names the page gives for its site and its domain to tell which part is the site's.

The page's own headline is what a reader cites, and head metadata does not always repeat it, so
the visible headings are candidates too: the main <h1> and, when there are only a few, the others;
among many, those whose class names them the headline; the element microdata calls the
headline (itemprop="headline"); on a page without an <h1>, the first heading of its article and
the first element its markup names a headline ("entry-title", "article__headline"), and, when
its <title> is only the organisation's name, the page's one heading. Never a heading from
navigation, sidebars, related links or a list of teasers: those are other pages' titles, and a
citation of another page of the same site must not match.

A heading that shows a kicker above its headline (the topic line news sites set over a headline:
"kicker", "Dachzeile", "topline", "overline", "eyebrow", or Bootstrap's `<small>` secondary text
in a heading) marks the two apart: a child whose class names it the kicker (or a <small>), or
a child whose class names it the headline after other text. The headline alone is the title:
the kicker is cut from the heading, and from every other candidate where it stands as a part of
its own ("Kicker: Headline", "Headline - Kicker"), as head metadata often joins the two.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from dataclasses import dataclass

from rapidfuzz import fuzz

from citecheck.extract.date_parsing import find_dates
from citecheck.extract.html_tree import (
    HtmlElement,
    attribute,
    class_and_id,
    element_text,
    owning_item,
)
from citecheck.extract.name_shapes import NameKind, name_kind
from citecheck.extract.parsed_page import ParsedPage
from citecheck.extract.publisher import is_home_page, site_keys
from citecheck.extract.structured_data import (
    ARTICLE_TYPES,
    WORK_TYPES,
    JsonNode,
    first_text,
    node_types,
)
from citecheck.extract.text_cleaning import clean_text, is_template_placeholder, squash
from citecheck.models import Found

_META_TITLES = (
    "citation_title",
    "og:title",
    "twitter:title",
    "dc.title",
    "dcterms.title",
    "parsely-title",
    "sailthru.title",
    "title",
)
# Separators between a headline and the site's name; a bare colon only ever marks a site prefix.
_SEPARATOR = re.compile(r"(\s+[|–—·•»«›>~:/\\-]{1,2}\s+|\s*\|\s*|:\s+)")
_BREADCRUMB_MARKS = frozenset({"»", "›", ">"})
_BRACKETED_END = re.compile(r"\s*[(\[]([^()\[\]]{2,60})[)\]]\s*$")
_HIDDEN_OR_LOGO = (
    "hidden",
    "text-hide",
    "sr-only",
    "screen-reader",
    "visually",
    "offscreen",
    "aural",
    "logo",
    "brand",
    "site-title",
    "site-name",
    "sitename",
)
_CLASS_NAME_PARTS = re.compile(r"[-_]+")
_MAX_TITLE_LENGTH = 500
_MAX_SITE_WORDS = 6
_MAX_SITE_WORDS_AROUND_NAME = 4
_SIMILAR_HEADING = 60  # partial_ratio above which an <h1> is taken to be the page's title
_AGREEING = 90  # ratio above which two titles count as the same
_MAX_OTHER_H1S = 2  # more <h1>s in the article than the main one and these: a list of teasers
_MAX_HEADING_WORDS = 40
_DESCRIPTION_WORDS = 15  # a headline this long may be a description standing in for one
_HEADLINE_HINTS = ("headline", "title", "titel", "heading")
_HEADLINE_WORDS = frozenset({"headline", "title", "titel", "heading"})
# Class words of titles that are not the page's: widgets, teasers, sections, the site's own.
_NOT_HEADLINE_WORDS = frozenset(
    {"widget", "card", "teaser", "section", "block", "box", "sub", "site", "nav", "menu"}
    | {"list", "item", "link", "related", "sidebar", "footer", "modal", "popup", "tooltip"}
    | {"module", "slider", "slide", "gallery", "thumb", "preview", "next", "prev", "previous"}
    | {"logo", "brand", "tab", "toc", "form", "cookie", "banner", "meta", "author", "caption"}
    | {"image", "img", "media", "video", "zwischen", "inter", "small", "mini"}
)
_NOT_HEADLINE_TAGS = frozenset({"a", "img", "li", "ul", "ol", "nav", "body", "html", "form"})
# Class words of a kicker, the topic line set above (or beside) a headline.
_KICKER_WORDS = (
    "kicker",
    "dachzeile",
    "topline",
    "overline",
    "roofline",
    "eyebrow",
    "spitzmarke",
    "supertitle",
    "pretitle",
    "highline",
    "subline",
)
_MAX_KICKER_WORDS = 12
_KICKER_DEPTH = 2  # a heading's only child may wrap the kicker and the headline
_KICKER_PUNCTUATION = " :|–—-·•/"


@dataclass(frozen=True)
class _UsableH1s:
    in_article: list[str]
    elsewhere: list[str]
    marked_in_article: list[str]  # those of the article whose class names them the headline


@dataclass(frozen=True)
class _KickerHeading:
    kicker: str = ""
    whole: str = ""  # the heading's text, kicker and headline, as a reader sees it
    source: str = ""


# The titles and dates steps both want the page's <h1>s: found once per page.
_USABLE_H1S: weakref.WeakKeyDictionary[ParsedPage, _UsableH1s] = weakref.WeakKeyDictionary()
_KICKERS: weakref.WeakKeyDictionary[ParsedPage, _KickerHeading] = weakref.WeakKeyDictionary()


def find_titles(page: ParsedPage) -> list[Found]:
    keys = site_keys(page)
    candidates: list[Found] = []
    candidates += json_ld_titles(page, main_only=True)
    candidates += meta_titles(page)
    candidates += heading_titles(page)
    candidates += microdata_headlines(page)
    candidates += lone_heading(page)
    candidates += title_tag(page)
    candidates += described_headlines(page)
    candidates += json_ld_titles(page, main_only=False)
    # Last, so that they lead only when other sources agree with them.
    candidates += secondary_headings(page)
    heading = _kicker_heading(page)
    cleaned = [
        Found(cut_kicker(clean_title(found.value, keys), heading.kicker), found.source)
        for found in candidates
    ]
    # The heading as a reader sees it, kicker and all, for a citation that copies it: last.
    whole = [Found(heading.whole, heading.source)] if heading.whole else []
    ranked = rank_titles(cleaned)
    if not is_home_page(page.url):
        ranked = site_names_last(ranked, keys)
    return dedupe_titles(ranked + whole)


def json_ld_titles(page: ParsedPage, main_only: bool) -> list[Found]:
    """headline/name of the article and other work nodes (main_only), or the name of the web
    page nodes."""
    found: list[Found] = []
    for node in page.structured.main_nodes(page.url):
        types = node_types(node)
        if bool(types & (ARTICLE_TYPES | WORK_TYPES)) != main_only:
            continue
        headline, name = first_text(node.get("headline")), first_text(node.get("name"))
        keys = ("headline", "name")
        if headline and name and _headline_is_description(page, headline, name):
            keys = ("name", "headline")
        elif headline and not name and _reads_as_description(page, headline, node):
            continue  # among the last candidates (described_headlines)
        for key in keys:
            value = headline if key == "headline" else name
            if value:
                found.append(Found(value, f"json-ld:{key}"))
    return found


def _headline_is_description(page: ParsedPage, headline: str, name: str) -> bool:
    """Whether a node's `headline` is really its description: much longer than its `name`,
    and the page's <title> carries the name but not the headline."""
    if len(headline.split()) < _DESCRIPTION_WORDS or len(headline) < 1.5 * len(name):
        return False
    shown = normalise(page.head_title)
    if not shown:
        return False
    return (
        fuzz.partial_ratio(normalise(name), shown) >= _AGREEING
        and fuzz.partial_ratio(normalise(headline), shown) < _AGREEING
    )


def described_headlines(page: ParsedPage) -> list[Found]:
    """The structured `headline`s, without a `name` beside them, that read as a description
    (see _reads_as_description): candidates after the page's other titles."""
    found: list[Found] = []
    for node in page.structured.main_nodes(page.url):
        if not node_types(node) & (ARTICLE_TYPES | WORK_TYPES) or first_text(node.get("name")):
            continue
        headline = first_text(node.get("headline"))
        if headline and _reads_as_description(page, headline, node):
            found.append(Found(headline, "json-ld:headline"))
    return found


def _reads_as_description(page: ParsedPage, headline: str, node: JsonNode) -> bool:
    """Whether a long `headline` is the node's or the page's description, or is much longer
    than the page's <title> and not carried by it."""
    if len(headline.split()) < _DESCRIPTION_WORDS:
        return False
    text = normalise(headline)
    descriptions = (
        first_text(node.get("description")),
        page.meta.first("og:description"),
        page.meta.first("description"),
    )
    if any(
        description and fuzz.ratio(normalise(description), text) >= _AGREEING
        for description in descriptions
    ):
        return True
    shown = normalise(page.head_title)
    return (
        bool(shown)
        and len(text) >= 1.5 * len(shown)
        and fuzz.partial_ratio(shown, text) < _AGREEING
    )


def meta_titles(page: ParsedPage) -> list[Found]:
    found: list[Found] = []
    for name in _META_TITLES:
        value = page.meta.first(name)
        if value:
            found.append(Found(value, f"meta:{name}"))
    # <meta itemprop="headline" content="..."> in the head, where some templates state it.
    for element, prop in page.meta.head_itemprops:
        value = attribute(element, "content").strip()
        if value and "headline" in prop.split():
            found.append(Found(value, "meta:itemprop:headline"))
            break
    return found


def heading_titles(page: ParsedPage) -> list[Found]:
    heading = main_heading(page)
    return [Found(heading, "h1")] if heading else []


def microdata_headlines(page: ParsedPage) -> list[Found]:
    """The body's element the page's microdata calls its headline (itemprop="headline"), often
    a <div> where no <h1> says the same."""
    keys = site_keys(page)
    for element, prop in page.itemprop_elements:
        if "headline" not in prop.split() or _of_nested_item(element):
            continue
        content = attribute(element, "content")
        if content and page.in_boilerplate(element):
            continue
        text = content or _heading_text(page, element, keys)
        if text:
            return [Found(text, "itemprop:headline")]
    return []


def _of_nested_item(element: HtmlElement) -> bool:
    """Whether the property belongs to an item that is itself another item's property (a
    related article, a work the page cites), not to the page's own item."""
    item = owning_item(element)
    return item is not None and item.get("itemprop") is not None


def lone_heading(page: ParsedPage) -> list[Found]:
    """On a page with no <h1> whose <title> is only its organisation's name, the one heading
    (<h2> to <h4>) the page has: nothing else can be the headline there, and the name in the
    <title> is the site's, not the page's."""
    if _usable_h1s(page) or name_kind(page.head_title) is not NameKind.ORGANISATION:
        return []
    headings = page.body_index.tagged("h2", "h3", "h4")
    if len(headings) != 1:
        return []
    text = _heading_text(page, headings[0], site_keys(page))
    return [Found(text, headings[0].tag)] if text else []


def secondary_headings(page: ParsedPage) -> list[Found]:
    """The article's other <h1>s when there are few (many are a list of teasers), else those
    whose class names them the headline ("article-headline", not "site-headline"); on a page
    without an <h1>, its article's first heading and its marked headline."""
    heading = main_heading(page)
    if heading:
        others = [text for text in _usable_h1s(page, in_article_only=True) if text != heading]
        if len(others) <= _MAX_OTHER_H1S:
            return [Found(text, "h1") for text in others]
        marked = _usable_h1s(page, in_article_only=True, marked_only=True)
        return [Found(text, "h1") for text in marked if text != heading][:1]
    found = [Found(text, "h2") for text in [_first_article_h2(page)] if text]
    found += [Found(text, "headline") for text in [_marked_headline(page)] if text]
    return found


def title_tag(page: ParsedPage) -> list[Found]:
    return [Found(page.head_title, "title-tag")] if page.head_title else []


def main_heading(page: ParsedPage) -> str | None:
    """The text of the page's headline <h1>: of several, the one most like the title in the
    page's head; else the first in the article; never the site's logo or a hidden heading."""
    headings = _usable_h1s(page)
    if len(headings) > 1:
        reference = normalise(page.meta.first("og:title") or page.head_title)
        if reference:
            best = max(headings, key=lambda text: fuzz.partial_ratio(normalise(text), reference))
            if fuzz.partial_ratio(normalise(best), reference) >= _SIMILAR_HEADING:
                return best
    return headings[0] if headings else None


def _usable_h1s(
    page: ParsedPage, in_article_only: bool = False, marked_only: bool = False
) -> list[str]:
    """Texts of the <h1>s that can be the page's headline, those in the article first;
    `marked_only`: only those whose class names them the headline."""
    if page not in _USABLE_H1S:
        keys = site_keys(page)
        in_article: list[str] = []
        elsewhere: list[str] = []
        marked: list[str] = []
        for heading in page.body_index.tagged("h1"):
            text = _heading_text(page, heading, keys)
            if text:
                inside = _inside_article(heading)
                (in_article if inside else elsewhere).append(text)
                if inside and _names_headline(heading):
                    marked.append(text)
        _USABLE_H1S[page] = _UsableH1s(
            list(dict.fromkeys(in_article)),
            list(dict.fromkeys(elsewhere)),
            list(dict.fromkeys(marked)),
        )
    usable = _USABLE_H1S[page]
    if marked_only:
        return usable.marked_in_article
    if in_article_only:
        return usable.in_article
    return list(dict.fromkeys(usable.in_article + usable.elsewhere))


def _first_article_h2(page: ParsedPage) -> str | None:
    """The first visible <h2> inside the page's <article> or <main>."""
    keys = site_keys(page)
    for heading in page.body_index.tagged("h2"):
        if _inside_article(heading):
            text = _heading_text(page, heading, keys)
            if text:
                return text
    return None


def _marked_headline(page: ParsedPage) -> str | None:
    """The first element whose class names it the headline or title ("entry-title",
    "l-headline", "text_titel"), if no other element of that class says something else:
    repeated, the class marks the titles of a list of teasers."""
    keys = site_keys(page)
    marked = [
        element
        for element in page.elements_hinting(_HEADLINE_HINTS)
        if element.tag not in _NOT_HEADLINE_TAGS and _names_headline(element)
    ]
    texts_by_class: dict[str, set[str]] = {}
    first_text: dict[str, str] = {}
    for element in marked:
        text = _heading_text(page, element, keys)
        if text:
            texts_by_class.setdefault(element.get("class") or "", set()).add(text)
            first_text.setdefault(element.get("class") or "", text)
    # The first class (in document order) that titles one thing only.
    for css_class, text in first_text.items():
        if len(texts_by_class[css_class]) == 1:
            return text
    return None


def _heading_text(page: ParsedPage, element: HtmlElement, keys: set[str]) -> str | None:
    """The element's text if a reader can take it for the page's title: visible, not in
    boilerplate, not the site's name, not empty, not a whole paragraph; its headline without
    the kicker, when it shows one."""
    if _is_hidden_or_logo(element) or page.in_boilerplate(element):
        return None
    parts = kicker_and_headline(element)
    text = parts[1] if parts else _visible_text(element)
    if len(text) < 3 or len(text.split()) > _MAX_HEADING_WORDS or squash(text) in keys:
        return None
    return text


def page_kicker(page: ParsedPage) -> str:
    """The kicker of the page's headline ("" when it shows none)."""
    return _kicker_heading(page).kicker


def _kicker_heading(page: ParsedPage) -> _KickerHeading:
    """The kicker of the page's first <h1>, or of the headline its microdata marks, or of its
    first <h2>, that shows one."""
    if page not in _KICKERS:
        found = _KickerHeading()
        headings = page.body_index.tagged("h1")
        marked = [element for element, prop in page.itemprop_elements if prop == "headline"]
        for element in [*headings, *marked, *page.body_index.tagged("h2")]:
            if _is_hidden_or_logo(element) or page.in_boilerplate(element):
                continue
            parts = kicker_and_headline(element)
            if parts:
                whole = element_text(element, limit=_MAX_TITLE_LENGTH)
                source = element.tag if element.tag in ("h1", "h2") else "itemprop:headline"
                found = _KickerHeading(parts[0], whole, source)
                break
        _KICKERS[page] = found
    return _KICKERS[page]


def kicker_and_headline(heading: HtmlElement) -> tuple[str, str] | None:
    """(kicker, headline) of a heading that opens with a kicker marked apart, else None: its
    first children are marked as the kicker by their class, or are a <small>, and the headline
    follows; or its last child's class names it the headline and what comes before is the
    kicker. Hidden children (a separator for screen readers) belong to neither; a marked part
    after the headline's text is a subtitle ("subline"), not a kicker."""
    container = heading
    for _ in range(_KICKER_DEPTH):
        children = [child for child in container if isinstance(child.tag, str)]
        if (
            len(children) == 1
            and not (container.text or "").strip()
            and not (children[0].tail or "").strip()
            and not _is_kicker(children[0])
        ):
            container = children[0]
    children = [child for child in container if isinstance(child.tag, str)]
    if not children:
        return None
    leading = 0  # how many children open the heading as its kicker
    if not (container.text or "").strip():
        for child in children:
            if not (_is_kicker(child) or _is_hidden(child) or child.tag == "br"):
                break
            leading += 1
            if (child.tail or "").strip():
                break
    kickers = [child for child in children[:leading] if _is_kicker(child)]
    if any(_is_kicker(child) for child in children[leading:]):
        return None  # a marked part after the headline's text: a subtitle
    kicker_parts: list[str] = []
    headline_parts: list[str] = []
    if not kickers:
        headlines = [child for child in children if _names_headline(child)]
        if len(headlines) != 1 or headlines[0] is not children[-1]:
            return None
        if (headlines[0].tail or "").strip():
            return None
        kickers = [child for child in children[:-1] if not _is_hidden(child)]
        kicker_parts.append(container.text or "")
    else:
        headline_parts.append(container.text or "")
    for child in children:
        if child in kickers:
            kicker_parts.append(element_text(child, limit=_MAX_TITLE_LENGTH))
        elif not _is_hidden(child):
            headline_parts.append(element_text(child, limit=_MAX_TITLE_LENGTH))
        headline_parts.append(child.tail or "")
    kicker = clean_text(" ".join(kicker_parts)).strip(_KICKER_PUNCTUATION)
    headline = clean_text(" ".join(headline_parts)).strip(_KICKER_PUNCTUATION)
    if not any(char.isalpha() for char in kicker) or len(kicker.split()) > _MAX_KICKER_WORDS:
        return None
    if len(headline) < 3:
        return None
    return kicker, headline


def cut_kicker(title: str, kicker: str) -> str:
    """`title` without `kicker` where it stands as a part of its own at either end ("Kicker:
    Headline", "Headline - Kicker"); a title that is only the kicker stays."""
    if not kicker:
        return title
    parts = _SEPARATOR.split(title)
    if len(parts) < 3:
        return title
    key = squash(kicker)
    # The kicker may hold a separator itself ("Prices – Caps: Headline").
    for end in range(1, len(parts) - 1, 2):
        if squash("".join(parts[:end])) == key:
            return "".join(parts[end + 1 :]).strip()
        if squash("".join(parts[-end:])) == key:
            return "".join(parts[: -end - 1]).strip()
    return title


def _is_kicker(element: HtmlElement) -> bool:
    if element.tag == "small":
        return True
    tokens = class_and_id(element).lower().split()
    return any(
        part.endswith(_KICKER_WORDS) for token in tokens for part in _CLASS_NAME_PARTS.split(token)
    )


def _visible_text(element: HtmlElement) -> str:
    """The element's text without that of its hidden parts: a label for screen readers
    ("<span class="visually-hidden">Headline:</span>") is not part of a heading, nor is the
    secondary text a <small> closes it with (Bootstrap's convention: a date, tags), nor a
    permalink sign ("¶")."""
    hidden = {
        node
        for node in element.iterdescendants()
        if isinstance(node.tag, str)
        and (
            ((node.get("class") or node.get("id")) and _is_hidden(node))
            or (node.tag == "a" and _is_permalink_mark(node))
        )
    }
    # Bootstrap's secondary text closing a heading ("Headline <small>date, tags</small>").
    children = [child for child in element if isinstance(child.tag, str)]
    if children and children[-1].tag == "small" and not (children[-1].tail or "").strip():
        hidden.add(children[-1])
    if not hidden:
        return element_text(element, limit=_MAX_TITLE_LENGTH)
    parts: list[str] = []

    def add(node: HtmlElement) -> None:
        parts.append(node.text or "")
        for child in node:
            if child not in hidden:
                add(child)
            parts.append(child.tail or "")

    add(element)
    return clean_text(" ".join(parts)).strip(_KICKER_PUNCTUATION)[:_MAX_TITLE_LENGTH]


def _is_permalink_mark(link: HtmlElement) -> bool:
    """A link to the heading's own anchor shown as a sign ("¶", "#", "🔗"), which
    documentation generators (Sphinx, MkDocs, GitHub) put in headings: not part of them."""
    href = link.get("href") or ""
    return href.startswith("#") and not any(char.isalnum() for char in element_text(link, limit=20))


def _is_hidden(element: HtmlElement) -> bool:
    hints = class_and_id(element).lower()
    return "hidden" in hints or "invisible" in hints or "sr-only" in hints or "visually" in hints


def _names_headline(element: HtmlElement) -> bool:
    """Whether a class or id token of `element` is a headline's ("post-title", "headline"),
    not a widget's or a teaser's ("widget-title", "card__title", "subtitle")."""
    for token in class_and_id(element).lower().split():
        parts = _CLASS_NAME_PARTS.split(token)
        # "pagetitle", "entryTitle": a headline word run into the word before it.
        last = next((word for word in _HEADLINE_WORDS if parts[-1].endswith(word)), None)
        if last is None and not set(parts) & _HEADLINE_WORDS:
            continue
        if last is not None:
            parts[-1:] = [parts[-1].removesuffix(last), last]
        if not set(parts) & _NOT_HEADLINE_WORDS:
            return True
    return False


def clean_title(title: str, keys: set[str]) -> str:
    """Plain text, without the site's name or a date stuck to either end."""
    return strip_site_name(clean_text(title), keys)[:_MAX_TITLE_LENGTH]


def strip_site_name(title: str, keys: set[str]) -> str:
    """`title` without the site's name (and any tagline after it) at its end, the site's name
    at its start, or a bare date at either end."""
    title = _strip_bracketed_site(title, keys)
    parts = _SEPARATOR.split(title)
    texts, separators = parts[0::2], parts[1::2]
    for index in range(1, len(texts)):
        if _is_site_name(texts[index], keys):
            texts, separators = texts[:index], separators[: index - 1]
            break
    site_first = False
    while len(texts) > 1 and (_is_site_name(texts[0], keys) or _is_date(texts[0])):
        site_first = site_first or _is_site_name(texts[0], keys)
        texts, separators = texts[1:], separators[1:]
    # A breadcrumb after the site's name ("Site » Section » Headline") ends with the page.
    if site_first and separators and {sep.strip() for sep in separators} <= _BREADCRUMB_MARKS:
        texts, separators = texts[-1:], []
    while len(texts) > 1 and _is_date(texts[-1]):
        texts, separators = texts[:-1], separators[:-1]
    joined = texts[0]
    for separator, text in zip(separators, texts[1:], strict=False):
        joined += separator + text
    return joined.strip()


def rank_titles(candidates: list[Found]) -> list[Found]:
    """Best first: the candidate that the most other kinds of source (structured data, head
    metadata, the page's own heading) agree with; ties keep the order of the steps, except
    that where nothing agrees the main <h1> leads if it rewords the first candidate."""

    # Each candidate is compared with every other: normalised once, not once per pair.
    normalised = [(normalise(found.value), _family(found.source)) for found in candidates]

    def agreement(index: int) -> int:
        value, family = normalised[index]
        return len(
            {
                other_family
                for other_value, other_family in normalised
                if other_family != family and fuzz.ratio(value, other_value) >= _AGREEING
            }
        )

    scores = [agreement(index) for index in range(len(candidates))]
    # Where no two kinds of source agree, the page's visible headline comes first when it says
    # in other words what the leading candidate says (head metadata written for sharing):
    # it is what a reader sees and cites. A heading unlike it ("Read also:") does not.
    main = next((index for index, found in enumerate(candidates) if found.source == "h1"), None)
    if (
        main is not None
        and main > 0
        and not any(scores)
        and fuzz.token_set_ratio(normalised[main][0], normalised[0][0]) >= _SIMILAR_HEADING
    ):
        return [candidates[main]] + [c for i, c in enumerate(candidates) if i != main]
    # Conversely, a leading <h1> unlike every title of the page's head (a section's name,
    # "Allergies Health Center") yields to the first of them.
    head = next((i for i, (_, family) in enumerate(normalised) if family == "head"), None)
    if (
        main == 0
        and head is not None
        and not any(scores)
        and all(
            fuzz.token_set_ratio(normalised[0][0], value) < _SIMILAR_HEADING
            for value, family in normalised
            if family == "head"
        )
    ):
        return [candidates[head]] + [c for i, c in enumerate(candidates) if i != head]
    order = sorted(range(len(candidates)), key=lambda index: (-scores[index], index))
    return [candidates[index] for index in order]


def site_names_last(candidates: list[Found], keys: set[str]) -> list[Found]:
    """`candidates` with those that are only the site's name, or a part of it, after the
    others: a template's default `og:title` or <title> ("ICON Magazine", "ICON") names no
    page but the home page."""
    own = [found for found in candidates if not _only_site_name(found.value, keys)]
    return own + [found for found in candidates if found not in own] if own else candidates


def _only_site_name(title: str, keys: set[str]) -> bool:
    # Short: a page's metadata may call its site by the headline, a site's name is never long.
    if len(title.split()) > _MAX_SITE_WORDS_AROUND_NAME:
        return False
    key = squash(title)
    return len(key) >= 3 and any(key in site for site in keys)


def dedupe_titles(candidates: list[Found]) -> list[Found]:
    kept: list[Found] = []
    seen: set[str] = set()
    for candidate in candidates:
        value = candidate.value
        key = value.casefold()
        if not value or key in seen or is_template_placeholder(value):
            continue
        seen.add(key)
        kept.append(candidate)
    return kept


def normalise(text: str) -> str:
    """Case-folded, NFKC-normalised, whitespace collapsed: for comparing titles."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _family(source: str) -> str:
    if source.startswith("json-ld"):
        return "structured"
    headings = ("h1", "h2", "h3", "h4", "headline", "itemprop:headline")
    return "heading" if source in headings else "head"


def _strip_bracketed_site(title: str, keys: set[str]) -> str:
    match = _BRACKETED_END.search(title)
    if match and match.start() > 0 and _is_site_name(match.group(1), keys):
        return title[: match.start()].rstrip()
    return title


def _is_site_name(part: str, keys: set[str]) -> bool:
    key = squash(part)
    if not key:
        return True  # an empty part left by a trailing separator
    if key in keys:
        return True
    if len(key) < 4 or len(part.split()) > _MAX_SITE_WORDS:
        return False
    # "Dawn" names dawn.com; "DAWN.COM" or "Hudson Institute" name hudson.org, but a longer
    # part that mentions the site ("How we built Dropbox's ATF") is a headline.
    short = len(part.split()) <= _MAX_SITE_WORDS_AROUND_NAME
    return any(len(site) >= 4 and (key in site or (short and site in key)) for site in keys)


def _is_date(part: str) -> bool:
    """Whether `part` is nothing but a date or time ('23.01.2022', '31.10.2023, 10.19 Uhr')."""
    found = find_dates(part)
    if not found:
        return False
    rest = part[: found[0].start] + part[found[-1].end :]
    return sum(char.isalpha() for char in rest.lower().replace("uhr", "")) <= 2


def _is_hidden_or_logo(element: HtmlElement) -> bool:
    hints = class_and_id(element).lower()
    return any(word in hints for word in _HIDDEN_OR_LOGO)


def _inside_article(element: HtmlElement) -> bool:
    node = element.getparent()
    while node is not None:
        if node.tag in ("article", "main"):
            return True
        node = node.getparent()
    return False
