"""One footnote string into citation fields: authors, title, publication, date, URL, DOI, locator.

Chicago notes come first (news and policy writing: 'Kay Johnson and Mehreen Zahra-Malik, “Title,”
Reuters, August 14, 2016, https://...'); books and reports with unmarked or italic titles; the
author-year and sentence styles of reference lists (APA, Harvard, Vancouver, MLA) are read too.
Short forms ('Parvez.', 'Parvez, “The Islamic State,” 4.', 'Ibid., 4.') become a `BackRef` that
`footnotes.backrefs.resolve_backrefs` ties to the earlier note.

`parse_note` never raises: a string it cannot read gives a ParsedNote with empty fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from citecheck.footnotes.note.academic import (
    INVERTED_INITIALS_LIST,
    AcademicReading,
    ends_with_et_al,
    read_author_year,
    read_journal_issue,
    read_names_and_year,
    read_sentence_source,
    read_sentences,
    read_title_entry,
    sentences,
    starts_with_author_block,
)
from citecheck.footnotes.note.author_pieces import (
    leading_author_pieces,
    names_one_author,
    short_form_author_pieces,
    short_form_names_authors,
)
from citecheck.footnotes.note.authors import author_block, split_authors, surname_of
from citecheck.footnotes.note.dates import DateMatch, find_dates, parse_date, take_accessed
from citecheck.footnotes.note.journals import journal_name_only
from citecheck.footnotes.note.links import take_links
from citecheck.footnotes.note.markup import mark_markdown_italics, plain_text, without_marks
from citecheck.footnotes.note.names import (
    looks_like_organisation,
    looks_like_person,
    looks_like_surname,
    words,
)
from citecheck.footnotes.note.retrieval import drop_retrieval_phrases
from citecheck.footnotes.note.segments import (
    Source,
    clean_name,
    publication_parentheses,
    read_source,
    segment_kind,
    split_top_level,
    title_extent,
    top_level_spans,
)
from citecheck.footnotes.note.shortforms import LOCATOR_ONLY, ibid_locator, split_trailing_locator
from citecheck.footnotes.note.titles import TitleSpan, clean_title, find_italic, find_quoted_title
from citecheck.partial_date import PartialDate


@dataclass
class BackRef:
    kind: str  # "ibid" | "short"
    surname: str | None = None  # "Parvez." -> "Parvez" (the first author's, for several)
    short_title: str | None = None  # 'Parvez, “The Islamic State,” 4.' -> "The Islamic State"
    locator: str | None = None  # "4"


@dataclass
class ParsedNote:
    text: str  # the raw note
    authors: list[str] = field(default_factory=list)  # one per person/organisation, as written
    title: str | None = None
    container: str | None = None  # publication, site or journal ("Reuters", "New York Times")
    publisher: str | None = None  # institution/publisher ("United States Institute of Peace")
    date: PartialDate | None = None  # at the precision written
    date_text: str | None = None  # the date as written
    url: str | None = None
    doi: str | None = None
    locator: str | None = None  # "Peace Brief 213", "p. 4", report numbers
    accessed: PartialDate | None = None
    backref: BackRef | None = None  # set for short forms / Ibid.; other fields then mostly empty


# "[12]", "(12)", "12." and a bare "12 " before a name of capitalised words that a comma or period
# ends ("32 European Commission.", "8 Piatti, et al."): a superscript number lost in copying.
_LIST_NUMBER = re.compile(
    r"^\s*(?:\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}\.(?=\s+\D)"
    r"|\d{1,3}(?=\s+(?:[A-Z][^\W\d_]*\.?\s?){1,3}[,.]))\s*"
)
# The medium in brackets after a title: "[Online]", "[Internet]", the general material
# designation of AACR2 and GOST 7.1 in their languages ("[electronic resource]", "[Электронный
# ресурс]", "[Elektronische Ressource]", "[Recurso electrónico]", "[Ressource électronique]").
_ONLINE_TAGS = re.compile(
    r"\[\s*(?:online|internet|en\s+ligne|web|electronic\s+resource|available\s+from|"
    r"электронный\s+ресурс|elektronische\s+ressource|recurso\s+electr[óo]nico|"
    r"recurso\s+eletr[ôo]nico|ressource\s+[ée]lectronique|risorsa\s+elettronica|"
    r"zas[óo]b\s+elektroniczny|текст|text)"
    r"[^\[\]]{0,40}\]"
    # A label before the (removed) address opens its sentence and is capitalised; "vu du web :
    # discours" keeps its words.
    r"|(?:^|(?<=[.,;]\s))(?-i:Online|Web|Link|Consulted)\s*:",
    re.IGNORECASE,
)
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:])")
_REPEATED_COMMAS = re.compile(r"(?:,\s*){2,}")
_LOOSE_YEAR = re.compile(r"\s((?:1[4-9]|20)\d\d)[a-z]?[,.]?\s*$")
_ENDS_IN_VOLUME = re.compile(r"[^\W\d_]\.?\s\d{1,4}[A-Za-z]?$")
_ROLE_SEGMENT = re.compile(r"^(?:eds?|editors?|comps?|trans|hrsg|hg)\.?$", re.IGNORECASE)


def parse_note(text: str) -> ParsedNote:
    """Read one note; fields the note does not give (or that cannot be told apart) stay empty."""
    note = ParsedNote(text=text)
    plain = _LIST_NUMBER.sub("", plain_text(text))
    if not plain:
        return note
    is_ibid, locator = ibid_locator(without_marks(plain))
    if is_ibid:
        note.backref = BackRef(kind="ibid", locator=locator)
        return note

    links = take_links(plain)
    note.url = links.urls[0] if links.urls else None
    note.doi = links.doi
    accessed = take_accessed(links.text)
    note.accessed = accessed.date
    body = _tidy(mark_markdown_italics(drop_retrieval_phrases(accessed.text)))
    if not body.strip(" .,;:"):
        return note
    # A note that ends in a comma lost its URL (turned into a link): it was a full note.
    cut_off = body.endswith(",")
    may_be_short = not (links.urls or links.doi or accessed.date_text or cut_off)
    body, published = _take_published(body)
    _read_body(note, body, may_be_short)
    if published is not None and note.date is None:
        note.date, note.date_text = published.date, published.text.strip(" ()[],.")
    return note


def _read_untitled_journal_article(note: ParsedNote, body: str) -> bool:
    """'Title. <i>Journal</i>, 44: 561.': Harvard and APA set the journal in italics, its volume
    after it; a single plain sentence before it, with no author or year, is the title."""
    italic = find_italic(body)
    if italic is None or not _VOLUME_AFTER.match(body, italic.end):
        return False
    before = body[: italic.start].strip(" .")
    if not before or len(sentences(before)) != 1 or starts_with_author_block(body):
        return False
    if read_author_year(body) is not None or find_dates(before):
        return False
    note.title = clean_title(before) or None
    note.container = _clean_field(italic.text)
    dates = [found for found in find_dates(body[italic.end :]) if found.date is not None]
    if dates:
        note.date, note.date_text = dates[-1].date, dates[-1].text.strip(" ()[],.")
    return True


_VOLUME_AFTER = re.compile(r"[,.]?\s*\d+\s*(?:\(\s*[\w/–-]+\s*\))?\s*[:,]\s*\w")


# AMA and Chicago write a web page's dates as sentences of their own: "Published May 2, 2014.",
# "Updated March 1, 2016.": they date the page and name nothing.
_DATED_SENTENCE = re.compile(
    r"(?:^|(?<=[.;]\s))(?P<word>Published|Posted|Updated|Last\s+updated|Page\s+last\s+updated)"
    r"(?:\s+(?:on|in))?\s+(?=\S)",
    re.IGNORECASE,
)


def _take_published(body: str) -> tuple[str, DateMatch | None]:
    kept: list[str] = []
    published: DateMatch | None = None
    position = 0
    for lead in _DATED_SENTENCE.finditer(body):
        dates = find_dates(body[lead.end() : lead.end() + 60])
        if not dates or dates[0].start != 0 or dates[0].date is None:
            continue
        end = lead.end() + dates[0].end
        if body[end : end + 1] not in ("", ".", ";"):
            continue
        kept.append(body[position : lead.start()])
        position = end + 1
        if published is None and lead.group("word").lower() in ("published", "posted"):
            published = dates[0]
    if not kept:
        return body, None
    kept.append(body[position:])
    return re.sub(r"\s+", " ", " ".join(kept)).strip(), published


def _read_body(note: ParsedNote, body: str, may_be_short: bool) -> None:
    quoted = find_quoted_title(body)
    if quoted is not None and " // " in body[: quoted.start]:
        quoted = None  # GOST's "Title // Proceedings «Name»": the marks are the publication's
    if quoted is not None:
        _read_around_title(note, body, quoted, may_be_short)
        return
    if _read_untitled_journal_article(note, body):
        return
    academic = read_names_and_year(body) or read_journal_issue(body) or read_title_entry(body)
    if academic is None and not starts_with_author_block(body):
        academic = read_author_year(body)
    if academic is None and _reads_as_sentences(body):
        academic = read_sentences(body)
    if academic is not None:
        _apply_academic(note, academic)
        return
    italic = find_italic(body)
    if italic is not None:
        _read_around_title(note, body, italic, may_be_short)
    elif may_be_short and _is_unmarked_short_form(body):
        _read_unmarked_short_form(note, body)
    else:
        _read_unmarked(note, body)


# --------------------------------------------------------------------------- titles in marks


def _read_around_title(note: ParsedNote, body: str, span: TitleSpan, may_be_short: bool) -> None:
    note.title = span.text
    author_part = body[: span.start]
    rest = body[span.end :]
    author_dates = [found for found in find_dates(author_part) if found.date is not None]
    for found in reversed(author_dates):
        author_part = author_part[: found.start] + author_part[found.end :]
    author_part = re.sub(r"\(\s*\)", "", author_part)
    loose_year = _LOOSE_YEAR.search(author_part)
    if loose_year is not None and not author_dates:
        # Harvard: "Okafor, C & Lindqvist, M 2018, 'Title'": the year follows the names.
        author_dates = find_dates(loose_year.group(1))
        author_part = author_part[: loose_year.start()]
    note.authors = split_authors(author_block(without_marks(author_part)))

    locator_only = LOCATOR_ONLY.match(rest) if rest.strip(" .,") else None
    if may_be_short and not author_dates and (not rest.strip(" .,") or locator_only):
        locator = locator_only.group("locator").strip() if locator_only else None
        if note.authors and not short_form_names_authors(note.authors):
            # A short form names the publication where the work had no author.
            note.container = _clean_field(", ".join(note.authors))
            note.authors = []
        note.backref = BackRef(
            kind="short",
            surname=surname_of(note.authors[0]) if note.authors else None,
            short_title=span.text,
            locator=locator,
        )
        note.locator = locator
        return
    if _ends_its_sentence(body, span):
        _apply_academic_source(note, read_sentence_source(rest))
    else:
        emerald = _EMERALD_YEAR.search(body[: span.start]) is not None
        _apply_source(note, read_source(rest, after_book_title=span.italic, place_last=emerald))
    if note.date is None and author_dates:
        note.date = author_dates[-1].date
        note.date_text = author_dates[-1].text.strip(" ()[],.")


# Emerald's Harvard puts a comma after the year in parentheses and before the quoted title:
# "Okafor, C. (2018), “Title”, Publisher, Place" (APA has a period: "Okafor, C. (2018). Title").
_EMERALD_YEAR = re.compile(r"\((?:1[4-9]|20)\d\d[a-z]?\),\s*$")


def _ends_its_sentence(body: str, span: TitleSpan) -> bool:
    """MLA closes a title with a period inside the marks ('Title.” Newsweek'), Harvard after them
    ('"Title". Review'); Chicago goes on after a comma ('Title,” Reuters')."""
    if span.italic:
        return False
    inside = body[span.start + 1 : span.end - 1].rstrip()
    after = body[span.end :].lstrip()
    return after.startswith(".") or (inside.endswith((".", "?", "!")) and after[:1].isupper())


# --------------------------------------------------------------------------- short forms


def _is_unmarked_short_form(body: str) -> bool:
    """No date, no publication details: 'Parvez.', 'Lin, TikTok vs Douyin, 169.'."""
    if find_dates(body) or publication_parentheses(body) is not None:
        return False
    return bool(body.strip(" .,;:"))


def _read_unmarked_short_form(note: ParsedNote, body: str) -> None:
    text, locator = split_trailing_locator(without_marks(body))
    spans = top_level_spans(text)
    pieces = [text[start:end].strip() for start, end in spans]
    pieces = [piece for piece in pieces if piece]
    if not pieces:
        return
    if len(pieces) == 1:
        only = pieces[0].rstrip(".")
        if looks_like_surname(only) or (looks_like_person(only) and len(words(only)) <= 3):
            note.authors = [only]
            note.backref = BackRef(kind="short", surname=surname_of(only), locator=locator)
        else:
            note.title = only
            note.backref = BackRef(kind="short", short_title=only, locator=locator)
        note.locator = locator
        return
    author_count = short_form_author_pieces(pieces)
    note.authors = split_authors(", ".join(pieces[:author_count]))
    note.title = clean_title(", ".join(pieces[author_count:])) or None
    note.locator = locator
    note.backref = BackRef(
        kind="short",
        surname=surname_of(note.authors[0]) if note.authors else None,
        short_title=note.title,
        locator=locator,
    )


# --------------------------------------------------------------------------- unmarked titles


def _reads_as_sentences(body: str) -> bool:
    """'Authors. Title. ...' rather than Chicago's 'Authors, Title (Publisher, 2016)'."""
    if starts_with_author_block(body):
        return True
    parts = sentences(body)
    if len(parts) < 2:
        return False
    first_comma = body.find(",")
    if first_comma < 0 or len(parts[0]) < first_comma:
        return True
    return bool(
        INVERTED_INITIALS_LIST.match(parts[0])
        or re.match(r"^[^,\s]+,\s+[^,\s]+$", parts[0])
        or ends_with_et_al(parts[0])
    )


# IEEE's books: "C. Okafor, Rural Schooling, 2nd ed. London, U.K.: Riverside Press, 2015.": the
# place (a city, a region, a country) opens a sentence, a colon, the publisher, a comma, the year.
# A place's words are capitalised, abbreviations short ("U.K.", "St.", "N.Y."); the publisher's
# words are capitalised too, so "Title: A review of growth, 2011" is no imprint.
_PLACE_WORD = r"(?:[A-Z][\w'’-]*|[A-Z][a-z]?\.(?:[A-Z]\.)*)"
_PLACE_PART = _PLACE_WORD + r"(?:\s" + _PLACE_WORD + r"){0,3}"
_PUBLISHER_WORD = r"(?:[A-Z&][\w.'’&-]*|of|and|the|für|und|de|des|du|la|y|e)"
_IMPRINT = re.compile(
    r"(?<=[.,])\s(?P<place>" + _PLACE_PART + r"(?:,\s" + _PLACE_PART + r"){0,3})"
    r":\s(?P<publisher>[A-Z][\w.'’&-]*(?:\s" + _PUBLISHER_WORD + r"){0,7}),\s"
    r"(?P<year>(?:1[4-9]|20)\d\d)[a-z]?\.?$"
)


_JOURNAL_AFTER_QUESTION = re.compile(
    r"^(?P<title>.+?[?!])\s+(?P<journal>[A-Z][^?!\d]{0,80}?)\s+\d+\s*(?:\(\s*[\w/–-]+\s*\))?"
    r"\s*[:,]\s*[\w–-]+$"
)


def _read_unmarked(note: ParsedNote, body: str) -> None:
    """Chicago books and reports: 'Authors, Title, 2nd ed. (Place: Publisher, 2016), 4.'."""
    publication = publication_parentheses(body)
    imprint = _IMPRINT.search(body) if publication is None else None
    if imprint is not None:
        body = body[: imprint.start()]
    head_end = publication[0] if publication is not None else len(body)
    head = body[:head_end]
    date_spans = [(found.start, found.end) for found in find_dates(head)]
    spans = [span for span in top_level_spans(head) if head[span[0] : span[1]].strip()]

    def is_stop(span: tuple[int, int]) -> bool:
        piece = without_marks(head[span[0] : span[1]]).strip(" .")
        # A date stops the title only where it is the whole piece: "1985-2001" in a title stays.
        undated = head[span[0] : span[1]]
        for start, end in sorted(date_spans, reverse=True):
            if start < span[1] and end > span[0]:
                undated = undated[: max(start - span[0], 0)] + undated[end - span[0] :]
        if len(undated.strip(" .,()")) < 3 and undated != head[span[0] : span[1]]:
            return True
        return segment_kind(piece) != "name" and not _ROLE_SEGMENT.match(piece)

    content = 0
    while content < len(spans) and not is_stop(spans[content]):
        content += 1
    pieces = [without_marks(head[start:end]).strip(" .") for start, end in spans]
    author_count = leading_author_pieces(pieces, content)
    title_start = author_count
    if title_start >= len(spans):
        return
    title_end = title_extent(pieces, title_start + 1, content)
    note.authors = split_authors(", ".join(pieces[:author_count]))
    note.title = clean_title(", ".join(pieces[title_start:title_end])) or None
    asked = _JOURNAL_AFTER_QUESTION.match(note.title or "")
    if asked is not None:
        # "Sarfati, J., Great gecko glue? Creation 23(1): 54–55, 2000": a title that asks or
        # exclaims ends at its mark, and the journal's name runs to its volume.
        note.title = asked.group("title")
        note.container = _clean_field(asked.group("journal"))
        dates = [found for found in find_dates(body[spans[title_end - 1][1] :]) if found.date]
        if dates:
            note.date, note.date_text = dates[-1].date, dates[-1].text.strip(" ()[],.")
        return
    if imprint is not None:
        note.publisher = note.container = _clean_field(imprint.group("publisher"))
        note.date_text = imprint.group("year")
        note.date = parse_date(note.date_text)
        return
    if publication is not None and note.title is not None:
        journal = _science_journal(note.title, body[publication[0] + 1 : publication[1] - 1])
        if journal is not None:
            # Science's "Authors, Title. Journal 359, 45–61 (2018).": the journal ends the title
            # piece, before its volume; the year closes the reference.
            note.title, note.container = journal
            note.date_text = body[publication[0] + 1 : publication[1] - 1].strip()
            note.date = parse_date(note.date_text)
            return
    # A book names its publisher in parentheses, and what follows its title is a series; a plain
    # "Title, Publisher, Date, URL" names its publisher right after the title.
    rest = body[spans[title_end - 1][1] :]
    following = [piece.strip(" .") for piece in split_top_level(rest) if piece.strip(" .")]
    names_publisher = bool(following) and names_one_author(following[0])
    plain = publication is None and names_publisher and looks_like_organisation(following[0])
    _apply_source(note, read_source(rest, after_book_title=not plain))


def _science_journal(title: str, parenthesised: str) -> tuple[str, str] | None:
    """'Title. Science 359' -> ('Title', 'Science'), where the year alone is in parentheses."""
    if parse_date(parenthesised) is None or not _ENDS_IN_VOLUME.search(title):
        return None
    parts = sentences(title)
    if len(parts) < 2:
        return None
    journal = journal_name_only(" ".join(parts[1:]))
    if not journal or journal == " ".join(parts[1:]) or not journal[:1].isupper():
        return None
    return clean_title(parts[0]), _clean_field(journal) or journal


# --------------------------------------------------------------------------- applying readings


def _apply_source(note: ParsedNote, source: Source) -> None:
    note.container = source.container
    note.publisher = source.publisher
    note.date = source.date
    note.date_text = source.date_text
    note.locator = note.locator or source.locator


def _apply_academic_source(note: ParsedNote, reading: AcademicReading) -> None:
    note.container = reading.container
    note.publisher = reading.publisher
    note.date = reading.date
    note.date_text = reading.date_text


def _apply_academic(note: ParsedNote, reading: AcademicReading) -> None:
    note.authors = split_authors(reading.authors_text) if reading.authors_text else []
    note.title = reading.title
    note.container = reading.container
    note.publisher = reading.publisher
    note.date = reading.date
    note.date_text = reading.date_text


def _tidy(text: str) -> str:
    text = _ONLINE_TAGS.sub("", text)
    text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)
    text = _REPEATED_COMMAS.sub(", ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"[,;:]\s*\.$", ".", text)
    text = re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)
    return text.strip().rstrip(" ;:").strip()


def _clean_field(text: str | None) -> str | None:
    """A field value without italic marks or stray separators; None when nothing is left."""
    if text is None:
        return None
    cleaned = clean_name(text)
    return cleaned or None
