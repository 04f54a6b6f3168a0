"""Publication and update dates, best first, each from the first step that finds it.

The steps, in order: first what the page states for machines (the URL path, meta tags, JSON-LD,
microdata, <time> elements, JSON in other scripts), then, unless three kinds of those already
agree on the publication date, what its visible text says (a dated byline, the lines by the
headline), and as a last resort any date in the text. Update dates are kept apart from
publication dates at every step. Dates that belong to something else are passed
over: a site's current edition ("Édition du ..."), a teaser of another page (a block with a
linked heading that is not this page's), a date repeated inside a line that called it an update.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from citecheck.extract.date_parsing import (
    DateInText,
    find_dates,
    is_plausible,
    is_utc_timestamp,
    parse_timestamp,
)
from citecheck.extract.html_tree import (
    HtmlElement,
    attribute,
    class_and_id,
    element_text,
    is_inside,
)
from citecheck.extract.parsed_page import ParsedPage
from citecheck.extract.structured_data import first_text
from citecheck.extract.titles import main_heading
from citecheck.models import Found, FoundDate

# Dates before this year on a web page are mistakes, unless scholarly metadata states them.
EARLIEST_WEB_YEAR = 1995
EARLIEST_STATED_YEAR = 1900

PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.issued",
    "dc.date.published",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "dc.created",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published-date",
    "published_date",
    "publication_date",
    "publication-date",
    "date_published",
    "datepublished",
    "datecreated",
    "date",
    "original-publish-date",
    "article_date_original",
    "article.published",
    "article.created",
    "rnews:datepublished",
    "cxenseparse:recs:publishtime",
    "shareaholic:article_published_time",
    "bt:pubdate",
    "displaydate",
    "release_date",
    "video:release_date",
    "dc:date",
    "dc:created",
    "created",
)
MODIFIED_META = (
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "dc.date.modified",
    "dcterms.modified",
    "parsely-updated",
    "sailthru.lastupdate",
    "lastmod",
    "last-modified",
    "lastmodified",
    "last-updated",
    "datemodified",
    "date_modified",
    "modified",
    "revised",
    "article.updated",
)
_SCHOLARLY_PREFIXES = ("citation_", "dc.", "dcterms.", "dc:")

_DATE_HINTS = (
    "date",
    "time",
    "byline",
    "posted",
    "publish",
    "meta",
    "info",
    "submitted",
    "credit",
    "datum",
    "fecha",
    "header",
    "author",
)
_UPDATED_WORDS = re.compile(
    r"(updated?|modified|edited|revised|last changed|aktualisiert|geändert|mis à jour|"
    r"mise à jour|actualizado|actualización|modifié|stand|as of)\W{0,3}(on|am|le|el)?\W*$",
    re.IGNORECASE,
)
_PUBLISHED_PHRASE = re.compile(
    r"(published|posted|released|issued|veröffentlicht|erschienen|publié|publicado|"
    r"publicada|dated?|datum|fecha|data)\b[^\d\n]{0,25}$",
    re.IGNORECASE,
)
# The date of a site's current edition or of the visit, printed in its header: no article's.
_EDITION_WORDS = re.compile(
    r"(?:[ée]dition|today is|heute ist|aujourd'hui|hoy es)\W{0,3}(?:du|de|of|vom|le|del?)?\W*$",
    re.IGNORECASE,
)
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})([/_.-])(\d{1,2})\2(\d{1,2})(?!\d)")
_URL_COMPACT_DATE = re.compile(r"(?<![\d])((?:19|20)\d{2})(\d{2})(\d{2})(?![\d])")
# The keys as a tree of their shared starts: the pattern is tried at every quote of the page,
# and fewer branches fail sooner.
_SCRIPT_DATE = re.compile(
    r'"(date(?:Published|Created|Modified)|publish(?:edAt|ed_at|Date)|firstPublished|'
    r'updatedAt|lastModified)"\s*:\s*"(\d{4}-\d{2}-\d{2}[^"]{0,30})"'
)
_DATE_PROPERTIES = frozenset({"datePublished", "dateCreated", "dateModified"})
# Update properties, with the misspellings some templates ship ("dateUpdate").
_MODIFIED_PROPERTIES = frozenset({"dateModified", "dateUpdate", "dateUpdated"})
_SCRIPT_MODIFIED_KEYS = frozenset({"dateModified", "updatedAt", "lastModified"})
_MAX_HINTED_ELEMENTS = 40
_MAX_HINTED_TEXT = 300
_MAX_TEASER_TEXT = 600  # a block with more text than this is a section, not a teaser's card
_TOP_TEXT = 4000
# Dates read from running text: a day off as often as not, so never trusted to correct
# a timestamp's time zone.
_VISIBLE_TEXT_KINDS = frozenset({"byline", "text"})
_BEFORE_HEADING = 150
_AFTER_HEADING = 400
_HEADLINE_SEARCH = 8000  # characters of text to look for the headline in, before all of it
# This many kinds of stated source (URL, meta, JSON-LD, microdata, <time>, script) agreeing on
# the publication date settle it. Two do not: the byline's date, read too, still corrects them
# often enough (on both halves of the corpus, dates right to the day fall by about 1 point
# when two settle it; with three they hold on one half and gain a page on the other).
SETTLED_BY = 3


@dataclass(frozen=True)
class DateCandidate:
    value: dt.date
    source: str
    utc: bool = False  # a UTC time of day: the publisher's own date may be a day off


@dataclass
class DateFindings:
    published: list[DateCandidate] = field(default_factory=list)
    modified: list[DateCandidate] = field(default_factory=list)

    def add(
        self, value: dt.date | None, source: str, modified: bool, earliest: int, utc: bool = False
    ) -> None:
        if value is None or not is_plausible(value, earliest):
            return
        target = self.modified if modified else self.published
        target.append(DateCandidate(value, source, utc))

    def add_timestamp(
        self, text: str, source: str, modified: bool, earliest: int, day_first: bool = False
    ) -> None:
        value = parse_timestamp(text, day_first)
        self.add(value, source, modified, earliest, utc=is_utc_timestamp(text))

    def extend(self, other: DateFindings) -> None:
        self.published.extend(other.published)
        self.modified.extend(other.modified)


def find_page_dates(
    page: ParsedPage, titles: Sequence[Found] = ()
) -> tuple[list[FoundDate], list[FoundDate]]:
    """(published, modified), each best first, one entry per distinct date. `titles` (best
    first) tell where the headline is, since pages print their date beside it."""
    findings = DateFindings()
    for step in STATED_STEPS:
        findings.extend(step(page))
    if not is_settled(findings):
        findings.extend(byline_dates(page, [title.value for title in titles]))
        if not findings.published:
            findings.extend(text_dates(page))
    return rank_dates(findings.published), rank_dates(findings.modified)


def is_settled(findings: DateFindings) -> bool:
    """Whether SETTLED_BY kinds of stated source give the same publication date first: the
    page's visible text is then not read for dates (what it adds then is mostly another item's
    date, or a misread one, which only blurs the page's own)."""
    firsts: dict[str, dt.date] = {}
    for candidate in findings.published:
        firsts.setdefault(_source_kind(candidate.source), candidate.value)
    agreeing = Counter(firsts.values()).most_common(1)
    return bool(agreeing) and agreeing[0][1] >= SETTLED_BY


def rank_dates(candidates: list[DateCandidate]) -> list[FoundDate]:
    """Distinct dates, best first: the date that most kinds of source give as their first
    answer wins (ties: step order); the rest follow in step order.

    A date that only UTC timestamps give yields to a date a day away that the page's metadata
    or URL states in the publisher's own time zone: evening news in America is already
    tomorrow in UTC.
    """
    if not candidates:
        return []
    votes: dict[dt.date, int] = {}
    voted: set[str] = set()
    first_seen: dict[dt.date, int] = {}
    sources: dict[dt.date, str] = {}
    for index, candidate in enumerate(candidates):
        first_seen.setdefault(candidate.value, index)
        sources.setdefault(candidate.value, candidate.source)
        kind = _source_kind(candidate.source)
        if kind not in voted:
            voted.add(kind)
            votes[candidate.value] = votes.get(candidate.value, 0) + 1
    ranked = sorted(first_seen, key=lambda value: (-votes.get(value, 0), first_seen[value]))
    best = ranked[0]
    if all(candidate.utc for candidate in candidates if candidate.value == best):
        for candidate in candidates:
            if (
                not candidate.utc
                and _source_kind(candidate.source) not in _VISIBLE_TEXT_KINDS
                and abs((candidate.value - best).days) == 1
            ):
                ranked.remove(candidate.value)
                ranked.insert(0, candidate.value)
                break
    return [FoundDate(value, sources[value]) for value in ranked]


def _source_kind(source: str) -> str:
    return source.split(":", 1)[0]


def json_ld_dates(page: ParsedPage) -> DateFindings:
    findings = DateFindings()
    for node in page.structured.main_nodes(page.url):
        for key, modified in (
            ("datePublished", False),
            ("dateCreated", False),
            ("uploadDate", False),
            ("dateModified", True),
        ):
            text = first_text(node.get(key))
            if text:
                findings.add_timestamp(text, f"json-ld:{key}", modified, EARLIEST_WEB_YEAR)
    return findings


def meta_dates(page: ParsedPage) -> DateFindings:
    findings = DateFindings()
    day_first = _day_first(page)
    for names, modified in ((PUBLISHED_META, False), (MODIFIED_META, True)):
        for name in names:
            for text in page.meta.all(name)[:1]:
                earliest = (
                    EARLIEST_STATED_YEAR
                    if name.startswith(_SCHOLARLY_PREFIXES)
                    else EARLIEST_WEB_YEAR
                )
                findings.add_timestamp(text, f"meta:{name}", modified, earliest, day_first)
    return findings


def microdata_dates(page: ParsedPage) -> DateFindings:
    """itemprop dates of the body, and of the <meta itemprop> tags some templates put in the
    head."""
    findings = DateFindings()
    day_first = _day_first(page)
    for element, prop in [*page.meta.head_itemprops, *page.itemprop_elements]:
        modified = prop in _MODIFIED_PROPERTIES
        if not modified and prop not in _DATE_PROPERTIES:
            continue
        text = (
            attribute(element, "content")
            or attribute(element, "datetime")
            or attribute(element, "title")
            or element_text(element, limit=200)
        )
        findings.add_timestamp(text, f"itemprop:{prop}", modified, EARLIEST_WEB_YEAR, day_first)
    return findings


def time_element_dates(page: ParsedPage) -> DateFindings:
    """<time datetime> in the article (or the page), and hAtom's abbr.published."""
    findings = DateFindings()
    day_first = _day_first(page)
    elements = [
        element
        for element in page.body_index.tagged("time", "abbr")
        if element.tag == "time" or _hatom_kind(element) is not None
    ]
    in_article = [element for element in elements if is_inside(element, ("article", "main"))]
    for element in in_article or elements:
        if page.in_boilerplate(element):
            continue
        text = attribute(element, "datetime") or attribute(element, "title")
        if not text and element.tag == "time":
            text = element_text(element, limit=200)
        modified = _hatom_kind(element) == "updated" or _labelled_updated(element)
        source = "time" if element.tag == "time" else "abbr"
        findings.add_timestamp(text, source, modified, EARLIEST_WEB_YEAR, day_first)
    return findings


def script_dates(page: ParsedPage) -> DateFindings:
    """Dates in JSON that pages embed outside JSON-LD (app state, analytics)."""
    findings = DateFindings()
    if '"' not in page.html:
        return findings
    for match in _SCRIPT_DATE.finditer(page.html):
        key, text = match.group(1), match.group(2)
        modified = key in _SCRIPT_MODIFIED_KEYS
        findings.add_timestamp(text, f"script:{key}", modified, EARLIEST_WEB_YEAR)
        if len(findings.published) + len(findings.modified) >= 4:
            break
    return findings


def url_dates(page: ParsedPage) -> DateFindings:
    findings = DateFindings()
    findings.add(date_in_url(page.url), "url", False, EARLIEST_WEB_YEAR)
    return findings


def date_in_url(url: str | None) -> dt.date | None:
    """A full date in the URL path: /2016/08/14/, /2016-08-14-, /20160814/."""
    if not url:
        return None
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return None
    match = _URL_DATE.search(path)
    if match:
        try:
            return dt.date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
        except ValueError:
            pass
    match = _URL_COMPACT_DATE.search(path)
    if match:
        try:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
    return None


# What a page states for machines, read on every page, in this order (which breaks ties).
STATED_STEPS: tuple[Callable[[ParsedPage], DateFindings], ...] = (
    url_dates,
    meta_dates,
    json_ld_dates,
    microdata_dates,
    time_element_dates,
    script_dates,
)


def byline_dates(page: ParsedPage, titles: Sequence[str] = ()) -> DateFindings:
    """Dates written in the byline or by the headline."""
    findings = DateFindings()
    day_first = _day_first(page)
    own_titles = {title.casefold() for title in titles}
    # A front page's teasers are its content: their dates are the only ones it has.
    skip_teasers = not _is_front_page(page.url)
    # Elements whose text gave an update date ("page revision: 8, last edited: <span>17 Jun
    # 2018</span>"): an element inside one repeats that date without what introduced it.
    gave_update: set[HtmlElement] = set()
    for element, text in _hinted_texts(page):
        if _inside_any(element, gave_update):
            continue
        found = DateFindings()
        _add_dates_in_text(found, text, "byline", day_first, need_phrase=False)
        if not found.published and not found.modified:
            continue
        # Judged only for the few elements that hold a date: it looks at their headings.
        if skip_teasers and _is_teaser(element, own_titles):
            continue
        findings.extend(found)
        if findings.published:
            return findings
        gave_update.add(element)
    near_heading = _text_near_heading(page, titles)
    if near_heading:
        _add_dates_in_text(findings, near_heading, "text", day_first, need_phrase=False, first=True)
        if findings.published:
            return findings
    top_text = page.text_start(_TOP_TEXT)[:_TOP_TEXT]
    _add_dates_in_text(findings, top_text, "text", day_first, need_phrase=True)
    return findings


def text_dates(page: ParsedPage) -> DateFindings:
    """The last resort, for pages that say nothing else: a date the text introduces as the
    publication or update date anywhere, else the first date in the text."""
    findings = DateFindings()
    text = page.body_text
    day_first = _day_first(page)
    dates = find_dates(text, day_first)  # read once for both questions
    _add_dates_in_text(findings, text, "text", day_first, need_phrase=True, dates=dates)
    if not findings.published and not findings.modified:
        _add_dates_in_text(
            findings, text, "text", day_first, need_phrase=False, first=True, dates=dates
        )
    return findings


def _text_near_heading(page: ParsedPage, titles: Sequence[str]) -> str:
    """The text just above and below the headline, where pages print their date."""
    heading = main_heading(page)
    headings = [heading, *titles] if heading else list(titles)
    # The headline is near the top: the start of the text mostly settles it, without joining
    # all of a long page's text.
    near = _text_around(page.text_start(_HEADLINE_SEARCH), headings, whole=False)
    if near is None:
        near = _text_around(page.body_text, headings, whole=True)
    return near or ""


def _text_around(text: str, headings: Sequence[str], whole: bool) -> str | None:
    """The text around the first of `headings` that `text` holds; None when `text`, the start
    of the page's text unless `whole`, is too short to tell."""
    whole = whole or len(text) < _HEADLINE_SEARCH
    for heading in headings:
        position = text.find(heading)
        end = position + len(heading) + _AFTER_HEADING
        if position != -1 and (whole or end <= len(text)):
            return text[max(0, position - _BEFORE_HEADING) : end]
        if not whole:
            return None
    return ""


def _add_dates_in_text(
    findings: DateFindings,
    text: str,
    source: str,
    day_first: bool,
    need_phrase: bool,
    first: bool = False,
    dates: list[DateInText] | None = None,
) -> None:
    """Add the dates written in `text` (`dates`, when the caller has found them already);
    `need_phrase`: only those a phrase introduces ("published", "updated"); `first`: up to
    the first publication date."""
    for found in find_dates(text, day_first) if dates is None else dates:
        before = text[max(0, found.start - 40) : found.start]
        if _EDITION_WORDS.search(before):
            continue
        modified = bool(_UPDATED_WORDS.search(before))
        if need_phrase and not modified and not _PUBLISHED_PHRASE.search(before):
            continue
        findings.add(found.value, source, modified, EARLIEST_WEB_YEAR)
        if first and findings.published:
            return


def _hinted_texts(page: ParsedPage) -> Iterator[tuple[HtmlElement, str]]:
    """Short texts of elements whose class or id suggests a date or byline, read as they are
    wanted: the first that holds a date ends the search."""
    count = 0
    for element in page.elements_hinting(_DATE_HINTS):
        if page.in_boilerplate(element):  # the cheaper test first: it is remembered per page
            continue
        text = element_text(element, limit=_MAX_HINTED_TEXT + 1)
        if not text or len(text) > _MAX_HINTED_TEXT:
            continue
        yield element, text
        count += 1
        if count >= _MAX_HINTED_ELEMENTS:
            return


def _inside_any(element: HtmlElement, ancestors: set[HtmlElement]) -> bool:
    if not ancestors:
        return False
    node = element.getparent()
    while node is not None:
        if node in ancestors:
            return True
        node = node.getparent()
    return False


def _is_teaser(element: HtmlElement, own_titles: set[str]) -> bool:
    """Whether `element` (or the small block around it, a teaser's card) holds a linked
    heading that is not the page's own title: a teaser of another page, whose date is that
    page's."""
    holders = [element]
    block = element.getparent()
    if block is not None and len(element_text(block, limit=_MAX_TEASER_TEXT + 1)) <= (
        _MAX_TEASER_TEXT
    ):
        holders.append(block)
    for holder in holders:
        for heading in holder.iter(*_HEADING_TAGS):
            if not _is_linked(heading):
                continue
            if element_text(heading, limit=300).casefold() not in own_titles:
                return True
    return False


def _is_linked(heading: HtmlElement) -> bool:
    """A heading inside a link to another page or holding one, as teasers print other pages'
    titles. Links within the page ("#post-12", a forum post's anchor) are not such links."""
    parent = heading.getparent()
    links = [*heading.iter("a"), *([parent] if parent is not None and parent.tag == "a" else [])]
    return any(not (link.get("href") or "#").startswith("#") for link in links)


def _is_front_page(url: str | None) -> bool:
    if not url:
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.path in ("", "/") and not parts.query


def _hatom_kind(element: HtmlElement) -> str | None:
    classes = attribute(element, "class").lower().split()
    if "published" in classes:
        return "published"
    if "updated" in classes:
        return "updated"
    return None


def _labelled_updated(element: HtmlElement) -> bool:
    hints = class_and_id(element).lower()
    if "updat" in hints or "modif" in hints:
        return True
    parent = element.getparent()
    before = (parent.text or "") if parent is not None else ""
    previous = element.getprevious()
    if previous is not None:
        before = f"{element_text(previous, limit=60)} {previous.tail or ''}"
    return bool(_UPDATED_WORDS.search(before[-60:].strip()))


def _day_first(page: ParsedPage) -> bool:
    """Whether 04/08/2016 means 4 August on this page (everywhere but in US English)."""
    language = page.language or ""
    return bool(language) and not (language == "en" or language.startswith("en-us"))
