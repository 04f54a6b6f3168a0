"""The comma-separated run of a note after its title: publication, publisher, date and locator.

Chicago notes put, after the title, an optional section, the publication ("Reuters"), the date and
the URL; books and reports put "(Place: Publisher, Year)"; journals "Journal 30, no. 3 (2016): 258".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.footnotes.note.dates import DateMatch, find_dates
from citecheck.footnotes.note.journals import is_day_and_month
from citecheck.footnotes.note.markup import ITALIC_CLOSE, ITALIC_OPEN, without_marks
from citecheck.footnotes.note.names import (
    looks_like_organisation,
    starts_with_hierarchy_word,
    words,
)
from citecheck.partial_date import PartialDate

DATE_MARK = "\u0000"  # stands in for a date cut out of the text: a boundary, never a name

_OPEN = "([{“‘«" + ITALIC_OPEN
_CLOSE = ")]}”’»" + ITALIC_CLOSE
_PAIRS = dict(zip(_OPEN, _CLOSE, strict=True))

_EDITORS = re.compile(
    r"^(?:eds?\.|edited\s+by|editors?\b|trans\.|translated\s+by|comp\.|compiled\s+by|"
    r"with\s+(?:an?\s+)?(?:introduction|foreword|preface|contributions)|foreword\s+by|"
    r"introd(?:uction|\.)\s+by|illus(?:trated|\.)\s+by|hrsg\.|hg\.|herausgegeben|dir\.|"
    r"coord\.|(?:narrated|directed|produced|performed|prepared|presented|reviewed)\s+by)",
    re.IGNORECASE,
)
_EDITION = re.compile(
    r"\b(?:edition|editio|ausgabe|auflage|aufl|édition|edición|edizione|edição|izd|изд)\b|"
    r"\b(?:\d+(?:st|nd|rd|th|e|er|\.)?|first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|new|rev\.?|revised|enlarged|expanded|updated|electronic|international|"
    r"american|british|online|combined|special|abridged|illustrated|paperback|student)"
    r"\s+(?:ed|edn|éd)\.?$",
    re.IGNORECASE,
)
_NUMBERED = re.compile(
    # "p." takes a page number; "P. Brandt" is a person with an initial.
    r"^(?:(?:vols?|nos?|nr|iss|pp|chap|ch|sec|art|pt|fig|suppl|bd|col|cols|para|n°)\.\s*\S|"
    r"p\.\s*[\divxlc]|"
    # IEEE's report numbers: "Tech. Rep. TR-2018-04", "Rep. 12".
    r"(?:tech(?:nical)?\.?\s+)?rep(?:ort)?\.\s*\S|"
    r"(?:vols?|nos?|nr|n°|issue|iss|pp?|pages?|chap|chapter|ch|sec|section|art|article|"
    r"book|part|pt|fig|table|suppl|supplement|bd|heft|t|tome|série|series|s|col|cols|para|"
    r"report\s+no|paper\s+no|doc|document|bulletin|working\s+paper)\.?\s*\S*\d)",
    re.IGNORECASE,
)
_PAGES = re.compile(
    r"^(?:[\divxlc]+(?:\s*[-–—]\s*[\divxlc]+)?(?:\s*,\s*)?)+(?:\s*n\.?\s*\d*)?$", re.I
)
# Descriptions of the kind of thing cited: neither the publication nor a locator.
_GENRE = re.compile(
    r"^(?:preprint|ahead\s+of\s+print|e-?print|tweet|video|podcast|audio|film|image|photo|"
    r"photograph|map|dataset|data\s+set|software|computer\s+(?:software|program)|e-?book|kindle|"
    r"pdf|html|online|en\s+ligne|web|internet|blog|blog\s+post|press\s+release|news\s+release|"
    r"(?:youtube|vimeo|facebook|instagram|mastodon|linkedin|reddit|tiktok|bluesky)\s+\w+|"
    r"(?:blog|forum|tumblr|x|bluesky|threads)\s+post|substack\s+newsletter|newsletter|dissertation|thesis|(?:phd|ph\.d\.|doctoral|"
    r"master['’]?s)\s+(?:diss\.|dissertation|thesis)|lecture|presentation|speech|interview|"
    r"letter|manuscript|unpublished(?:\s+\w+)?|radio\s+broadcast|television\s+broadcast|"
    r"transcript|infographic|editorial|op-ed|review|abstract|poster|slides|archived|"
    r"last\s+modified|updated|rev\.|typescript|mimeo|microfilm|motion\s+picture|"
    r"streaming\s+video|audio\s+recording|sound\s+recording|n\.\s?d\.?)$",
    re.IGNORECASE,
)
# A document series named after the publisher: "Peace Brief 213", "Counterterrorism Guide".
_DOCUMENT_KIND = re.compile(
    r"\b(?:guide|brief|briefing|report|paper|papers|series|note|notes|bulletin|factsheet|"
    r"fact\s+sheet|memo|memorandum|backgrounder|testimony|dossier|working\s+paper|"
    r"occasional\s+paper|white\s+paper|issue\s+brief|policy\s+brief|policy\s+paper|"
    r"discussion\s+paper|technical\s+report|research\s+report|special\s+report|monograph|"
    r"handbook|profile|analysis|commentary|update|insight|insights|explainer|primer|"
    r"fact\s+file|q&a|report\s+no\.?|no\.)(?:\s+[\w.-]*\d[\w.-]*)?\s*$",
    re.IGNORECASE,
)
# An article's number or identifier: 'appips202000682', 'e0123456'.
_ARTICLE_NUMBER = re.compile(r"[\w.-]*(?:\d[\w.-]*){4,}")
# A state or province code after a city ('Washington, DC'): the place of an event or publisher.
_REGION_CODE = re.compile(r"[A-Z]{2}|[A-Z]\.\s?[A-Z]\.")
_VOLUME = re.compile(
    r"^(?P<name>.*?\D)\s*,?\s+(?:vol\.|volume|bd\.|t\.)?\s*(?P<volume>\d+[A-Za-z]?(?:/\d+)?)$",
    re.IGNORECASE,
)
_JOURNAL_STATE = re.compile(
    r"\s+(?:publish\s+ahead\s+of\s+print|ahead\s+of\s+print|online\s+first|in\s+press|"
    r"early\s+view|special\s+issue(?:\s+\d+)?)$",
    re.IGNORECASE,
)
_DEGREE = re.compile(
    r"^(?:ph\.?\s?d\.?|d\.?\s?phil\.?|m\.?\s?a\.?|m\.?\s?sc?\.?|m\.?\s?phil\.?|b\.?\s?a\.?|"
    r"ed\.?\s?d\.?|mba|ll\.?m\.?|th[eè]se(?:\s+de\s+doctorat)?|doctorat|硕士|博士|"
    r"nonpeerreviewed|peerreviewed|(?:phd|doctoral|master['’]?s?|bachelor['’]?s?|diploma)"
    r"(?:\s+(?:thesis|dissertation|diss\.?))?)$",
    re.IGNORECASE,
)
_SERIES_WORD = re.compile(
    r"\b(?:series|library|classics|studies|texts|reihe|collection|surveys|readers|papers|"
    r"report|brief|guide|edition|bulletin|ed\.)",
    re.IGNORECASE,
)
# Catalogue years: "189-?", "[192-?]", "1779-1798?" — no date to check, but the end of a title.
_UNCERTAIN_YEAR = re.compile(r"\[?\b1[4-9]\d[\d?-]?[-?]\]?\s*$")
_YEAR_SPAN = re.compile(r"\d{4}\s*[-–—]\s*\d{2,4}")
_THESIS = re.compile(r"\b(?:thesis|dissertation|diss\.|th[eè]se|doctorat)", re.IGNORECASE)
_UNIVERSITY = re.compile(
    r"\b(?:univ\.|universit(?:y|ies|ät|é|à|at)|universidad|universidade|college|école|"
    r"institute\s+of\s+technology|hochschule)",
    re.IGNORECASE,
)
_PUBLISHING_HOUSE = re.compile(
    r"\b(?:press|presses|verlag|éditions|editions|editorial|editora|edizioni|publishers?|"
    r"publishing|books|uitgeverij|förlag|forlag|wydawnictwo|издательство)\b",
    re.IGNORECASE,
)
_IN_EDITORS_ROLE = re.compile(
    r"(?:^|(?<=[,.]\s))(?P<in>in|In:?|dans|en|im)\s+[^()]{1,150}?\s*"
    r"\((?:eds?|hrsg|hg|dirs?|coords?)\.?\)\s*,?\s*"
)
_IN_BOOK_AHEAD = re.compile(r"(?:^|[,.]\s)(?:in|In:?|dans|en|im)\s")
_BOOK_THEN_IMPRINT = re.compile(r"\.\s+[A-Z][^:,.]{1,40}:\s+[^,.]{2,80}(?=,|$)")
_IN_BOOK = re.compile(r"^(?:in|In:?|dans|en(?!\s+ligne\b)|im)\s+(?=\S)")  # not "en ligne" (online)
_PLACE_PUBLISHER = re.compile(r"^(?P<place>[^:]{2,60}?)\s*:\s*(?P<publisher>.+)$")
_PLACE = re.compile(r"^[A-ZÀ-Þ][^\W\d_]+(?:[\s-][A-ZÀ-Þ][^\W\d_]+){0,2}$")  # "Luxembourg City"


@dataclass
class Source:
    """What a note says about where its work appeared."""

    container: str | None = None
    publisher: str | None = None
    date: PartialDate | None = None
    date_text: str | None = None
    locator: str | None = None
    in_book: bool = False  # a chapter or entry "in" a larger work


# --------------------------------------------------------------------------- splitting


def split_top_level(text: str, separator: str = ",") -> list[str]:
    """Split on `separator` outside brackets, quotation marks and italics."""
    return [text[start:end] for start, end in top_level_spans(text, separator)]


def top_level_spans(text: str, separator: str = ",") -> list[tuple[int, int]]:
    """(start, end) of each piece between top-level separators; separators are left out."""
    spans: list[tuple[int, int]] = []
    stack: list[str] = []
    start = 0
    for index, char in enumerate(text):
        if stack and char == stack[-1]:
            stack.pop()
        elif char in _PAIRS and not (char == "‘" and _is_apostrophe_context(text, index)):
            stack.append(_PAIRS[char])
        if char == separator and not stack:
            spans.append((start, index))
            start = index + 1
    spans.append((start, len(text)))
    if stack:
        # An opener never closed ("(London, 2010", "‘90s") would swallow the rest of the note.
        return _plain_spans(text, separator)
    return spans


def _plain_spans(text: str, separator: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for index, char in enumerate(text):
        if char == separator:
            spans.append((start, index))
            start = index + 1
    spans.append((start, len(text)))
    return spans


def _is_apostrophe_context(text: str, index: int) -> bool:
    return index > 0 and text[index - 1].isalnum()


def top_level_parentheses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost "(...)", end just past the ")"."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char == "(":
            if depth == 0:
                start = index
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, index + 1))
    return spans


# --------------------------------------------------------------------------- reading


def read_source(rest: str, *, after_book_title: bool = False, place_last: bool = False) -> Source:
    """Container, publisher, date and locator from the part of a note after its title.

    After a book's title (unmarked or italic), the names that follow are series, not the
    publication, so a book's source is its publisher. With `place_last` (Emerald's Harvard:
    "“Title”, Publisher, Place, available at: URL"), the last of two or more names, with no
    volume or page after them, is the place of publication.
    """
    source = Source()
    text = rest.strip(" ,.;:")
    publication = publication_parentheses(text)
    post = ""
    journal_like = False
    if publication is not None:
        start, end = publication
        _read_publication_parentheses(text[start + 1 : end - 1], source)
        post = text[end:]
        text = text[:start]
        journal_like = source.publisher is None

    # Harvard's "'Title', in Brandt, P. (ed.) Book. Place: Publisher": the editors go with "in",
    # and the book's name ends its sentence.
    text = _IN_EDITORS_ROLE.sub(r"\g<in> ", text)
    text = _BOOK_THEN_IMPRINT.sub("", text) if _IN_BOOK_AHEAD.search(text) else text
    text, dates = mark_dates(text)
    later = [
        found
        for found in find_dates(post)
        if found.date is not None and found.date.month is not None  # "): 1602" is a page
    ]
    if later:
        # "Journal (1889-1922) (New York), December 5, 1905": the date after the brackets wins.
        _take_last_date(later, source)
    elif source.date is None:
        _take_last_date(dates, source)

    segments = [segment.strip(" .;:") for segment in split_top_level(text)]
    names, numbered = _sort_segments(segments, source)
    if any(_THESIS.search(segment) for segment in segments):
        # IEEE's theses: '"Title," Ph.D. dissertation, Dept. Educ., Univ. Lagos, Lagos,
        # Nigeria, 2017.': the university grants it; the department, city and country do not.
        universities = [name for name in names if _UNIVERSITY.search(name)]
        if universities:
            names = universities[-1:]
    if source.in_book or after_book_title:
        source.locator = _document_locator(names, numbered)
        if after_book_title and source.publisher is None and not source.in_book:
            # French and other books: "Title, Lyon, Presses rurales, 2015, 240 p.": the piece
            # that names a publishing house is the publisher; the place is not.
            houses = [name for name in names if _PUBLISHING_HOUSE.search(name)]
            if houses:
                source.publisher = clean_name(houses[0]) or None
    elif (
        place_last
        and len(names) >= 2
        and not numbered
        and not journal_like
        and _PLACE.match(names[-1])
    ):
        source.publisher = clean_name(", ".join(names[:-1])) or None
    else:
        _choose_container(names, numbered, source, journal_like=journal_like)
    if source.locator is None:
        source.locator = _locator_after(post)
    if source.container is None and source.publisher and not source.in_book:
        source.container = source.publisher  # a book or report: its publisher is its source
    if source.publisher is None and source.container and looks_like_organisation(source.container):
        source.publisher = source.container
    return source


def publication_parentheses(text: str) -> tuple[int, int] | None:
    """The "(Place: Publisher, Year)" or "(2016)" group, the last one holding a date or colon."""
    for start, end in reversed(top_level_parentheses(text)):
        inner = text[start + 1 : end - 1]
        if find_dates(inner) or _PLACE_PUBLISHER.match(inner) or _UNCERTAIN_YEAR.search(inner):
            return start, end
    return None


def _read_publication_parentheses(inner: str, source: Source) -> None:
    dates = find_dates(inner)
    publisher_text = inner
    uncertain = _UNCERTAIN_YEAR.search(inner)
    if uncertain and not any(found.date for found in dates):
        source.date_text = uncertain.group(0).strip()  # "[192-?]": as written, not a date
        publisher_text = inner[: uncertain.start()]
    elif dates:
        last = dates[-1]
        if last.date is not None:
            source.date = last.date
            source.date_text = _date_text(last)
        publisher_text = inner[: last.start]
    pieces = [piece.strip() for piece in split_top_level(publisher_text.strip(" ,;"))]
    # "(PhD diss., University of X, 2001)": the kind of work is not its publisher.
    while pieces and (
        not pieces[0] or _GENRE.match(pieces[0].strip(" .")) or _DEGREE.match(pieces[0].strip())
    ):
        pieces.pop(0)
    publisher_text = ", ".join(pieces)
    place = _PLACE_PUBLISHER.match(publisher_text)
    if place:
        publisher_text = place.group("publisher")
    publisher_text = publisher_text.strip(" ,;")
    if publisher_text and not find_dates(publisher_text):
        source.publisher = clean_name(publisher_text)


def names_kind_of_work(piece: str) -> bool:
    """'PhD thesis', 'Doctoral dissertation', 'Preprint', 'Press release': what the work is, never
    where it appeared."""
    piece = re.sub(r"^unpublished\s+", "", piece.strip(" .,;:[]()"), flags=re.IGNORECASE)
    return bool(_GENRE.match(piece) or _DEGREE.match(piece))


def mark_dates(text: str) -> tuple[str, list[DateMatch]]:
    dates = find_dates(text)
    for found in reversed(dates):
        text = text[: found.start] + DATE_MARK + text[found.end :]
    return text, dates


def _take_last_date(dates: list[DateMatch], source: Source) -> None:
    dated = [found for found in dates if found.date is not None]
    # A span of years ("1810–19") is as often pages or a run of volumes as a date.
    single = [found for found in dated if not _YEAR_SPAN.fullmatch(found.text.strip())]
    dated = single or dated
    if dated:
        # The publication date comes last in a note; earlier ones name events or volumes.
        best = max(dated, key=lambda found: found.start)
        source.date = best.date
        source.date_text = _date_text(best)


def _date_text(found: DateMatch) -> str:
    return found.text.strip().strip("()[],;: ")


def _sort_segments(segments: list[str], source: Source) -> tuple[list[str], list[str]]:
    """Names (publications, sections, bodies, series) and numbered parts, in note order.

    A chapter's "in Book, 2nd ed., ed. X" sets the container to the book and stops there.
    """
    names: list[str] = []
    numbered: list[str] = []
    book: list[str] | None = None
    for segment in segments:
        plain = without_marks(segment).replace(DATE_MARK, " ").strip(" .")
        if book is None and _IN_BOOK.match(plain):
            book = [_IN_BOOK.sub("", plain)]
            continue
        kind = segment_kind(plain) if plain else "date"
        if re.fullmatch(r"\([^()]*\)", plain):
            continue  # "(Austin, TX)": where, not what
        if book is not None:
            if kind != "name" or DATE_MARK in segment:
                break
            book.append(plain)
        elif kind == "name":
            if names and _continues_name(plain):
                names[-1] = f"{names[-1]}, {plain}"  # "Proceedings of X, the Third Workshop"
            else:
                names.append(plain)
        elif kind == "numbered":
            numbered.append(plain)
    if book is not None:
        source.in_book = True
        book = book[: title_extent(book, 1, len(book))]
        source.container = clean_name(strip_trailing_parenthetical(", ".join(book))) or None
    return merge_organisation_parts(names), numbered


def _continues_name(piece: str) -> bool:
    """'the Third International Workshop' goes on the name before it; 'news.com.au' does not."""
    return piece[:1].islower() and not re.search(r"\d|\w\.\w", piece)


def title_extent(pieces: list[str], end: int, limit: int) -> int:
    """How far a title that ends at `end` runs on over the comma pieces before `limit`:
    continuations ('Researchers and Educators') and a list closed by 'and' ('Media, Movements,
    and Political Change')."""
    while end < limit and continues_title(pieces[end]):
        end += 1
    for index in range(end, limit):
        if re.match(r"^(?:and|&)\s", pieces[index], re.IGNORECASE):
            if all(len(words(piece)) <= 3 for piece in pieces[end:index]):
                return index + 1
            break
    return end


def continues_title(piece: str) -> bool:
    """Whether a comma inside an unmarked title goes on: 'Researchers and Educators', 'and Freedom',
    'E-Government und E-Commerce', '1830-1914' — but not a series ('Graduate Surveys 3')."""
    if not piece:
        return False
    if piece[0].islower() or re.match(r"^\d{4}\s*[-–]\s*\d{2,4}$", piece):
        return True
    if re.search(r"\d", piece) or _SERIES_WORD.search(piece) or looks_like_organisation(piece):
        return False
    return bool(re.search(r"(?:^|\s)(?:and|und|et|y|e|&|or|og|och|en)\s", piece))


def _choose_container(
    names: list[str], numbered: list[str], source: Source, *, journal_like: bool
) -> None:
    """The last name is the publication (sections come before it); a document series after the
    publisher ("Peace Brief 213", "Counterterrorism Guide") is a locator."""
    if journal_like and names:
        # A journal has no sections: commas belong to its name ("Theory, Culture & Society").
        names[:] = [_JOURNAL_STATE.sub("", strip_volume(", ".join(names)))]
    if len(names) >= 2 and _DOCUMENT_KIND.search(names[-1]):
        source.locator = names.pop()
    if len(names) >= 2 and _REGION_CODE.fullmatch(names[-1]) and not journal_like:
        del names[-2:]  # "Washington, DC": where, not what
    if names:
        last = names[-1] if journal_like else strip_trailing_parenthetical(names[-1])
        source.container = clean_name(last) or None
    if source.locator is None and numbered and not journal_like:
        source.locator = numbered[0]


def _document_locator(names: list[str], numbered: list[str]) -> str | None:
    """After a book's title: a report number or numbered series, if any."""
    for name in names:
        if _DOCUMENT_KIND.search(name) or re.search(r"\d", name):
            return name
    return numbered[0] if numbered else None


def segment_kind(segment: str) -> str:
    """'name' (a publication, section or body), 'numbered', 'editor', 'edition', 'genre' or
    'date' (a day and month whose year comes later: 'Guardian, 26 August')."""
    if is_day_and_month(segment):
        return "date"
    if _EDITORS.match(segment):
        return "editor"
    if re.fullmatch(r"[A-Z]\.?|(?:[A-Z]\.\s?){2,3}", segment):
        return "name"  # "Okafor, C.", "Lindqvist, M. J.": initials, not the page C or L
    if _NUMBERED.match(segment) or _PAGES.match(segment):
        return "numbered"
    if _GENRE.match(segment):
        return "genre"
    if _EDITION.search(segment) and len(words(segment)) <= 5:
        return "edition"
    if not any(char.isalpha() for char in segment) or _ARTICLE_NUMBER.fullmatch(segment):
        return "numbered"
    return "name"


def merge_organisation_parts(names: list[str]) -> list[str]:
    """Rejoin a body's name that its own commas split: 'Government of Pakistan, Ministry of X'."""
    merged: list[str] = []
    for name in names:
        if merged and _belongs_to(merged[-1], name):
            merged[-1] = f"{merged[-1]}, {name}"
        else:
            merged.append(name)
    return merged


def _belongs_to(previous: str, name: str) -> bool:
    if _continues_list(previous, name):
        return True
    return starts_with_hierarchy_word(name) and looks_like_organisation(previous)


def _continues_list(previous: str, name: str) -> bool:
    """'Ministry of Information' + 'Broadcasting & National Heritage': one serial list."""
    return (
        bool(re.search(r"\bof\s+\S+$", previous))
        and bool(re.search(r"\s(?:&|and)\s", name))
        and not looks_like_organisation(name.split("&")[0].split(" and ")[0])
    )


def strip_volume(name: str) -> str:
    match = _VOLUME.match(name)
    if match and len(match.group("name").strip(" ,")) > 1:
        return match.group("name").strip(" ,")
    return name


def strip_trailing_parenthetical(name: str) -> str:
    """'Die Zeit (Hamburg)' -> 'Die Zeit'; acronyms stay: 'Study of Labor (IZA)'."""
    match = re.match(r"^(?P<name>.+?)\s*\((?P<inner>[^()]+)\)$", name)
    if match is None:
        return name
    inner = match.group("inner").strip()
    tokens = words(inner)
    if any(char.isdigit() for char in inner) or tokens[:1] == ["The"]:
        return name
    if len(tokens) == 1 and (inner.isupper() or re.search(r"[a-z][A-Z]", inner)):
        return name
    return match.group("name")


def _locator_after(post: str) -> str | None:
    text = post.strip(" ,.;:")
    if not text:
        return None
    first = split_top_level(text)[0].strip(" .")
    if first and (_PAGES.match(first) or _NUMBERED.match(first)):
        return first
    return None


_PUBLISHED_ON = re.compile(
    r"[,;]?\s*\b(?:published(?:\s+on)?|posted(?:\s+on)?|publi[ée]e?\s+le|publicad[oa]\s+el|"
    r"ver[öo]ffentlicht\s+am)$",
    re.IGNORECASE,
)


def clean_name(text: str) -> str:
    text = text.replace(ITALIC_OPEN, "").replace(ITALIC_CLOSE, "").replace(DATE_MARK, " ")
    text = re.sub(r"\s+", " ", text).strip(" ,;:")
    # What is left of "published on <date>" once the date is cut out belongs to no name.
    text = _PUBLISHED_ON.sub("", text).strip(" ,;:")
    if text.endswith(".") and not re.search(r"(?:\b[A-Z]|\b(?:Inc|Ltd|Co|Corp|St|Jr))\.$", text):
        text = text[:-1]
    return text.strip()
