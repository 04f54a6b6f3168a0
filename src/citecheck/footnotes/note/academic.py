"""Reference-list styles built of sentences rather than commas: APA "Surname, I. (2016). Title.
Journal, 3(2), 1-9.", Harvard "Surname, I., 2016. Title. Journal.", Vancouver "Surname I, Surname I.
Title. Journal. 2016;3:1-9." and MLA-like "Surname, Given. Title. Publisher, 2016."."""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.footnotes.note.authors import author_block
from citecheck.footnotes.note.dates import find_dates
from citecheck.footnotes.note.journals import (
    abbreviated_journal,
    is_day_and_month,
    journal_name_only,
)
from citecheck.footnotes.note.markup import ITALIC_CLOSE, ITALIC_OPEN
from citecheck.footnotes.note.names import (
    is_initials,
    looks_like_organisation,
    looks_like_person,
    words,
)
from citecheck.footnotes.note.segments import clean_name, names_kind_of_work, split_top_level
from citecheck.footnotes.note.titles import clean_title, find_italic
from citecheck.partial_date import PartialDate
from citecheck.vocabulary import MONTH_NAMES, NAME_PARTICLES

_YEAR = r"(?:1[4-9]|20)\d\d[a-z]?"
# "(avril 2015)", "(March 2015)": a month before the year, as French and some APA-like lists write.
_MONTH_WORD = "(?:" + "|".join(sorted(map(re.escape, MONTH_NAMES), key=len, reverse=True)) + r")\.?"
_AUTHOR_YEAR = re.compile(
    r"^(?P<authors>[^“\"«\ue000]{2,400}?)\s*(?:"
    r"\(\s*(?P<paren>"
    + _YEAR
    + r"(?:\s*[,/]\s*[^()]{1,30})?|"
    + _MONTH_WORD
    + r"\s+"
    + _YEAR
    + r"|n\.\s?d\.?|s\.\s?[df]\.?|"
    r"in\s+press|forthcoming)\s*\)\s*(?P<after>[.:,]?)"
    r"|[.,:]\s+(?P<bare>" + _YEAR + r")(?:[.:]|\s(?=[A-Z“\"«]))"
    # Harvard as Australian and British guides write it: "Author 2015, Title", "Author n.d., Title".
    r"|\s(?P<loose>" + _YEAR + r"|n\.\s?d\.)(?:[.,]|\s(?=[A-Z“\"«])))\s*",
    re.IGNORECASE,
)
_NAME_WORD = r"[^\W\d_][^\s,.;:()]*"
_CAPITAL = "[A-ZÀ-ÖØ-ÞА-ЯЁ]"
_VANCOUVER_NAME = (
    _NAME_WORD
    + r"(?:[\s-]"
    + _NAME_WORD
    + r")*\s"
    + _CAPITAL
    + r"\.?(?:\s?"
    + _CAPITAL
    + r"\.?){0,2}"
)
_VANCOUVER = re.compile(
    r"^(?P<authors>(?:"
    + _VANCOUVER_NAME
    + r"(?:,\s*(?:&\s*|and\s+)?|\s+and\s+|\s*&\s*))*"
    + _VANCOUVER_NAME
    + r"(?:(?:,\s*|\s+)et\s+[Aa]l)?)\s*[.:]\s+(?=\S)"
    # What follows is a title, not more of a Chicago name ("Vladimir N. Vapnik, The Nature").
    r"(?!(?:\S+\s){0,2}\S+,|(?:\S+\s)?\S+\s+(?:and|&)\s+[A-Z]|\S+\s+et\s+al\b)"
)
_COLON_AUTHORS = re.compile(r"^(?P<authors>[^:;“\"«()]{3,150}?)\s*:\s+(?=\S)")
_INITIALS = _CAPITAL + r"\.(?:\s?-?" + _CAPITAL + r"\.)*"  # "C.", "M. J.", "J.-P."
_NEXT_INITIAL = re.compile(_CAPITAL + r"\.(?:[\s,-]|$)")
_INVERTED_NAME = r"[^,;.()\d]{2,40},\s*" + _INITIALS  # "Okafor, C.", "van der Berg, M. J."
# Inverted names with initials, as APA, Harvard and Nature list them: "Okafor, C.",
# "Okafor, C., Lindqvist, M. J. & Brandt, P.", "Okafor, C. et al."; ACS and ABNT separate
# them with semicolons: "Okafor, C.; Lindqvist, M. J.", "OKAFOR, C.; LINDQVIST, M. J.".
INVERTED_INITIALS_LIST = re.compile(
    r"^"
    + _INVERTED_NAME
    + r"(?:(?:[,;]\s*(?:&\s*|and\s+)?|\s+(?:&|and)\s+)"
    + _INVERTED_NAME
    + r")*(?:,?\s+et\s+al\.)?$"
)
_ABBREVIATIONS = frozenset(
    """vs v e.g i.e etc no nos vol vols pp p ed eds st dr mr mrs ms jr sr inc ltd co corp dept
    univ cf al fig ch chap sec approx ca est rev repr suppl u.s u.k u.n dc n.d op cit ph.d edn
    ed.d m.a m.s m.sc b.a b.s d.c u.s.a jg hrsg bd nr s.l""".split()  # noqa: SIM905
)
_CONNECTORS = NAME_PARTICLES | {
    "of",
    "and",
    "for",
    "the",
    "on",
    "in",
    "et",
    "&",
    "und",
    "des",
    "y",
    "e",
}
# A volume and what follows it; an ordinal ("12th International Conference") is a name's word.
_VOLUME_TAIL = re.compile(
    r"[\s,]+(?:vol\.?\s*)?\d+(?!\d|st\b|nd\b|rd\b|th\b)\s*(?:\(\s*[\w\s/–-]+\)|:\d+)?(?:\s*[:,]?\s*[\w\s–-]*)?$",
    re.I,
)
_IN_EDITORS_SENTENCE = re.compile(r"^(?:In:?|En:?)\s+[^.]*?,\s*(?:editors?|eds?)\.?$", re.I)
# "In: Brandt P (eds.), Book", German "In: Brandt, P. (Hg.): Buch", "In: P. Brandt, Q. Lee, eds.
# Book": the editors go with the "In".
_IN_EDITED = re.compile(
    r"^(?:In:?|En:?)\s+(?:.*?\((?:eds?|hrsg|hg|coords?|dirs?)\.?\)[,:]?\s*"
    r"|[^.]*?,\s*(?:editors?|eds?)\.\s*)?",
    re.I,
)
_PLACE_PUBLISHER = re.compile(r"^(?P<place>[^:]{2,60}?)\s*:\s*(?P<publisher>[^:]+)$")
# A journal's name with a colon ("Nanomedicine: Nanotechnology, Biology and Medicine. 2012.
# 8(3)", "Norms, Normality and Normalization: Papers from ...") is no "Place: Publisher".
_NOT_A_PLACE = re.compile(r"\s(?:and|&|und|et)\s|,.*,|(?:\S+\s+){4}\S")
_VOLUME_AHEAD = re.compile(r"^(?:(?:1[4-9]|20)\d\d[a-z]?\s*[.;,]?\s*)?\d+\s*\(\s*\d")
_PREPRINT = re.compile(r"^(?:preprint|e-?print)(?:\s+(?:at|on|from))?$", re.I)
_STATE_PLACE = re.compile(r"^[A-Z][\w .'-]+,\s*[A-Z]{2}$")
_VOLUME_PIECE = re.compile(
    r"^(?:\d+\s*(?:\(\s*[\w\s/–-]+\))?(?:\s*:\s*[\w–-]+)?|\d+\s*[-–]\s*\d+)$"
)
_PUBLICATION_WORD = re.compile(
    r"\b(?:journal|review|blog|magazine|quarterly|bulletin|proceedings|times|post|news|gazette|"
    r"herald|tribune|letters|annals|transactions)\b",
    re.IGNORECASE,
)
# A page count or date that reference lists append to a title: "Title, mai 2010, 143 p."
_TITLE_TAIL = re.compile(
    r"(?:,\s*(?:\d+\s*pp?\.?|pp\.\s*\d+(?:\s*[-–]\s*\d+)?|(?:[^\W\d_]+\.?\s+)?(?:1[4-9]|20)\d\d"
    r"|[ns]\.\s?d\.?))+\s*$"
)
_EDITION_TAIL = re.compile(
    r",\s*(?:\d+(?:st|nd|rd|th|e|\.)?|rev|revised|new|enlarged)\s+(?:ed|edn|éd|aufl)\.?$",
    re.IGNORECASE,
)
_VOLUME_WORD = re.compile(r"^(?:vol|no|nr|n°|pp?|issue)\b\.?\s*\d", re.IGNORECASE)
# Nature closes a book's title with its publisher and year: "Title (Riverside Press, 2018)".
_NATURE_IN = re.compile(r"in [A-Z]")
_NO_PLACE = re.compile(r"\[?s\.\s?l\.\]?\s*:")  # sine loco
_NATURE_IMPRINT = re.compile(
    r"\s\((?P<publisher>[A-Z][^()\d]{1,80}?),\s*(?:1[4-9]|20)\d\d[a-z]?\)$"
)
_ACS_BOOK_IMPRINT = re.compile(
    r";\s*(?P<publisher>[A-Z][^;:]{1,80}?):\s*[A-Z][^;:,]{1,40}(?:,\s*[A-Z][\w.]*)?,\s*"
    r"(?:1[4-9]|20)\d\d[a-z]?$"
)
_IN_CONTAINER = re.compile(r",\s+(?:in|In|dans|en|En|im|In:)\s*:?\s+(?=[A-Z\d])")


@dataclass
class AcademicReading:
    authors_text: str | None
    title: str | None
    container: str | None
    publisher: str | None
    date: PartialDate | None
    date_text: str | None


def read_author_year(text: str) -> AcademicReading | None:
    """'Authors (2016). Title. Journal, ...' and 'Authors, 2016. Title. ...', else None."""
    match = _AUTHOR_YEAR.match(text)
    if not match or not (
        _is_author_block(match.group("authors")) or _is_body_block(match.group("authors"))
    ):
        return None
    paren = match.group("paren")
    if (
        paren is not None
        and match.group("after") == ","
        and "," not in paren
        and not INVERTED_INITIALS_LIST.match(match.group("authors").strip())
    ):
        # "Title (2018), 9": a Chicago book's year, not an author-year label; Emerald's
        # Harvard writes "Levine, J. (2007), Title" after names with initials.
        return None
    rest = text[match.end() :]
    if not rest.strip(" .,;:"):
        return None
    date_text = (match.group("paren") or match.group("bare") or match.group("loose") or "").strip()
    dates = find_dates(date_text)
    reading = _read_title_onwards(rest)
    reading.authors_text = author_block(match.group("authors"))
    reading.date = dates[0].date if dates else None
    reading.date_text = date_text if dates else None
    if reading.date is None:
        later = [found for found in find_dates(rest) if found.date is not None]
        if later:
            reading.date, reading.date_text = later[-1].date, later[-1].text.strip(" ()[],.")
    return reading


# A whole issue of a journal, cited without an article: "Journal of Rural Studies. 2018. 12 (3):
# 45-61." (the journal, the year, the volume, issue and pages, each a sentence of its own).
_JOURNAL_ISSUE = re.compile(
    r"^(?P<journal>[^.:;,()\d]{3,150}?)\.\s+(?P<year>(?:1[4-9]|20)\d\d)\.\s+\d+\s*"
    r"(?:\(\s*[\w/–-]+\s*\))?\s*:\s*\d+\s*[-–]\s*\d+\b"
)


def read_journal_issue(text: str) -> AcademicReading | None:
    """'Journal. 2018. 12 (3): 45-61.': a journal issue, no author and no title."""
    match = _JOURNAL_ISSUE.match(text)
    if match is None:
        return None
    dates = find_dates(match.group("year"))
    return AcademicReading(
        authors_text=None,
        title=None,
        container=clean_name(match.group("journal")) or None,
        publisher=None,
        date=dates[0].date if dates else None,
        date_text=match.group("year"),
    )


# Author and year and nothing else, as Harvard lists cite a whole site: "Solar Farms Ltd n.d.",
# "Okafor, C., 2014", "Okafor & Brandt (2002)": there is no title to read.
_NAMES_AND_YEAR = re.compile(
    r"^(?P<authors>[^\d()]{2,200}?)[\s,.]*(?:\((?P<paren>"
    + _YEAR
    + r"|n\.\s?d\.?)\)|(?P<bare>"
    + _YEAR
    + r"|n\.\s?d\.?))[.,]?$",
    re.IGNORECASE,
)


def read_names_and_year(text: str) -> AcademicReading | None:
    """'Authors Year.' with no title: the authors and the date, else None."""
    match = _NAMES_AND_YEAR.match(text.strip())
    if match is None:
        return None
    authors = match.group("authors").strip(" ,")
    if re.search(r"\b[A-Z]$", authors):
        authors += "."  # the lazy match leaves the period of a last initial behind
    # Inverted names with initials ("Okafor, C."), or a short name without commas ("Solar
    # Farms Ltd", "Okafor & Brandt"); a Chicago "Name, Title, 2016" has a title among them.
    inverted = INVERTED_INITIALS_LIST.match(authors) is not None
    short = "," not in authors and len(words(authors)) <= 4
    authors = authors.rstrip(".") if not inverted else authors
    if not (inverted or (short and (_is_author_block(authors) or _is_body_block(authors)))):
        return None
    date_text = (match.group("paren") or match.group("bare")).strip()
    dates = [found for found in find_dates(date_text) if found.date is not None]
    return AcademicReading(
        authors_text=author_block(authors),
        title=None,
        container=None,
        publisher=None,
        date=dates[0].date if dates else None,
        date_text=date_text if dates else None,
    )


def starts_with_author_block(text: str) -> bool:
    """Vancouver 'Liu S, Gu FX. Title' or 'Surname, I.: Title' / 'Given Surname: Title'."""
    return _VANCOUVER.match(text) is not None or _colon_authors(text) is not None


def _colon_authors(text: str) -> re.Match[str] | None:
    match = _COLON_AUTHORS.match(text)
    if match is None or not _is_author_block(match.group("authors")):
        return None
    authors = match.group("authors")
    if "/" in authors:
        # German lists: "Schöler, Jutta/Merz-Atalik, Kerstin: Title".
        names = [name.strip() for name in authors.split("/")]
        inverted = all(re.fullmatch(r"[^,]+,\s*[^,]+", name) for name in names)
        people = all(looks_like_person(name.replace(",", " ")) for name in names)
        return match if inverted and people else None
    if INVERTED_INITIALS_LIST.match(authors.strip()):
        return match  # Springer's LNCS: "Okafor, C., Lindqvist, M.J.: Title"
    if authors.count(",") > 1 or ("," in authors and len(words(authors.split(",")[0])) != 1):
        # Only an inverted name ("Kallien, Hubert: ...") has a comma before the colon;
        # "Jason Puckett, Zotero: A Guide" is Chicago, and the colon is the title's.
        return None
    names = [name for name in re.split(r",|;|\s(?:and|und|&|et)\s", authors) if name.strip()]
    if not all(looks_like_person(name) or is_initials(name) for name in names):
        return None
    return match


# ABNT (NBR 6023) enters a work without an author under its title, the first word in capitals:
# "RAINFALL and school attendance. Rural Times, Lagos, 3 mar. 2018." A name in capitals is
# followed by a comma or a period instead ("OKAFOR, C.", "BRASIL. Ministério").
_TITLE_ENTRY = re.compile(r"^[A-ZÀ-ÖØ-Þ]{2,}[A-ZÀ-ÖØ-Þ'’-]*\s+(?!et\s+al\b)[a-zà-öø-ÿ]")


def read_title_entry(text: str) -> AcademicReading | None:
    """'TITLE words. Container, Place, date.': the note opens with its title."""
    if not _TITLE_ENTRY.match(text):
        return None
    parts = sentences(text)
    if len(parts) < 2 or "(" in parts[0]:
        return None
    # A title in sentence case, not a body's name ("MRC des Basques", "FAO and UNIDO, Title").
    following = [word for word in words(parts[0])[1:] if word.lower() not in _CONNECTORS]
    lower = [word for word in following if word[:1].islower()]
    if not following or 3 * len(lower) < 2 * len(following):
        return None
    reading = AcademicReading(None, None, None, None, None, None)
    reading.title = clean_title(parts[0]) or None
    rest = text[len(parts[0]) :].strip(" .")
    _read_container(rest, reading)
    dates = [found for found in find_dates(rest) if found.date is not None]
    if dates:
        reading.date, reading.date_text = dates[0].date, dates[0].text.strip(" ()[],.")
    return reading


def read_sentences(text: str) -> AcademicReading | None:
    """'Authors. Title. Container...' with no year after the authors (Vancouver, MLA, others)."""
    vancouver = _VANCOUVER.match(text) or _colon_authors(text)
    if vancouver:
        authors_text = vancouver.group("authors")
        rest = text[vancouver.end() :]
    else:
        parts = sentences(text)
        if len(parts) < 2 or not (_is_author_block(parts[0]) or _is_body_block(parts[0])):
            return None
        authors_text = parts[0]
        rest = text[len(parts[0]) :].lstrip(" .")
    leading_year = re.match(r"\(?(" + _YEAR + r")\)?[.:]?\s+", rest)
    if leading_year:
        rest = rest[leading_year.end() :]  # "Hardin G. 1968 The tragedy of the commons."
    reading = _read_title_onwards(rest)
    reading.authors_text = author_block(authors_text)
    dates = [found for found in find_dates(leading_year.group(1) if leading_year else rest)]
    dates = [found for found in dates if found.date is not None]
    if dates:
        reading.date, reading.date_text = dates[0].date, dates[0].text.strip(" ()[],.")
    return reading


def sentences(text: str) -> list[str]:
    """Split at '. ', '? ', '! ' where a sentence starts; not after initials or abbreviations."""
    parts: list[str] = []
    start = 0
    for index, char in enumerate(text):
        if char not in ".?!" or index + 1 >= len(text) or text[index + 1] != " ":
            continue
        following = text[index + 2 : index + 3]
        if _NATURE_IN.match(text, index + 2) or _NO_PLACE.match(text, index + 2):
            # Nature's chapters: "Title. in Book Title (eds ...) 12–30 (...)"; a French or
            # Latin imprint without a place: "Title. s. l. : Publisher".
            following = "I"
        if not following or not (
            following.isupper() or following.isdigit() or following in '“"«‘([<' + ITALIC_OPEN
        ):
            continue
        if char == "." and not _ends_sentence(text[start : index + 1], text[index + 2 :]):
            continue
        parts.append(text[start : index + 1].strip())
        start = index + 2
    tail = text[start:].strip()
    if tail:
        parts.append(tail)
    return parts


# "In: Brandt, P. (ed.) Book": the editors' role goes with their names.
_ROLE_AHEAD = re.compile(r"\((?:eds?|editors?|hrsg|hg|coords?|dirs?)\.?\)", re.IGNORECASE)
# An edition statement ends its sentence: "Title, 2nd edn. Springer", "Title. 3rd ed. London".
_EDITION_END = re.compile(
    r"(?:\b\d+(?:st|nd|rd|th|e|\.)?|\b(?:rev|revised|new|enlarged))\s+(?:ed|edn|éd|aufl)$",
    re.IGNORECASE,
)


_DIVISION_ONLY = re.compile(
    r"^(?:chapter|chap|part|section|book|lecture|kapitel|teil|chapitre|partie|capítulo|"
    r"capitulo|parte)\.?\s+(?:\d+|[IVXLC]+)\.$",
    re.IGNORECASE,
)
_ET_AL_END = re.compile(r"(?:^|[\s,])et\s+al\.?$", re.IGNORECASE)


def ends_with_et_al(sentence: str) -> bool:
    """'Okafor, et al.', 'Okafor, Lindqvist, et al.': names closed by "et al."."""
    tail = sentence.strip()[-12:]  # only the end is looked at: linear over a long note
    return bool(_ET_AL_END.search(tail)) and len(sentence) <= 400 and _is_author_block(sentence)


def _ends_sentence(sentence: str, following: str) -> bool:
    if _ROLE_AHEAD.match(following):
        return False
    if _EDITION_END.search(sentence[-30:].rstrip(".")):
        return True
    if _DIVISION_ONLY.match(sentence.strip()):
        return False  # "Chapter 29. Intergenerational mobility": the number heads the title
    last_word = sentence.rstrip(".").split(" ")[-1]
    initial = (
        bool(re.fullmatch(r"[^\W\d_](?:\.-?[^\W\d_])*", last_word)) and last_word[:1].isupper()
    )
    if initial and _NEXT_INITIAL.match(following):
        return False  # "Lindqvist, M. J.": the next initial belongs to the same name
    if (initial or last_word == "al") and INVERTED_INITIALS_LIST.match(sentence.strip()):
        return True  # "Okafor, C. & Lindqvist, M. J." or "Okafor, C. et al." ends the authors
    if last_word.lower() == "al" and ends_with_et_al(sentence):
        return True  # "Okafor, et al. Title": "et al." closes a list of names
    if last_word.lower() in _ABBREVIATIONS:
        return False
    return not initial  # an initial ends a sentence only where it ends inverted names (above)


def _is_author_block(text: str) -> bool:
    text = text.strip(" .,;:")
    if not text or len(text) > 400 or re.search(r"[\d:?!]", text):
        return False
    tokens = words(re.sub(r"[,;&()]", " ", text))
    if not tokens or len(tokens) > 60:
        return False
    if re.search(r"[^\W\d_]{2}\.\s+[A-Z]", text) and not re.search(
        r"\b(?:al|Jr|Sr|eds?)\.\s", text
    ):
        return False  # "Physicians of Canada. National Physician Survey": a sentence has ended
    if any(len(words(piece)) > 10 for piece in re.split(r"[,;]", text)):
        return False  # a sentence of capitalised words is a title, not a name
    for token in tokens:
        bare = token.strip(".'’-")
        if not bare:
            continue
        if bare.lower() in _CONNECTORS or bare.lower() in {"al", "eds", "ed", "hrsg"}:
            continue
        first = bare[0]
        if first.isalpha() and first.lower() == first and first.upper() != first:
            return False  # a lower-case word: a title, not names
    return True


def _is_body_block(text: str) -> bool:
    """One body, as French and Spanish write them, with lower-case words: 'Ministère de
    l’énergie et des ressources naturelles', 'Médecins sans frontières (MSF)'."""
    text = text.strip(" .,;:")
    if re.search(r"[;:\d]|[^\W\d_]{2}\.\s", text):
        return False
    # "Ministère de l’Éducation nationale, Direction générale de ...": a body and its unit.
    units = [unit.strip() for unit in text.split(",")]
    if len(units) > 3 or not all(unit[:1].isupper() for unit in units):
        return False
    named = looks_like_organisation(units[0]) or re.search(r"\([A-Z]{2,}\)", units[0])
    return bool(named) and len(words(text)) <= 15


def _read_title_onwards(rest: str) -> AcademicReading:
    reading = AcademicReading(None, None, None, None, None, None)
    rest = rest.strip()
    title_end = rest.find(" // ")
    if title_end > 0:
        # GOST 7.1 (and ISO 690 as Russian lists write it): "Title // Journal. 2018. Vol. 61":
        # the double slash ends the title and opens the publication.
        reading.title = clean_title(_without_description(rest[:title_end].rstrip(" ."))) or None
        _read_container(rest[title_end + 4 :].strip(" .,;:"), reading)
        return reading
    italic = find_italic(rest)
    if italic is not None and italic.start == 0:
        reading.title = italic.text
        after = rest[italic.end :]
    elif italic is not None and _titles_an_italic_journal(rest[: italic.start]):
        # Harvard sets the journal in italics, so a title of several sentences ends there:
        # "Mixing in Water Storage Tanks. II. With Buoyancy Effects. <i>Journal</i>, 134".
        reading.title = clean_title(rest[: italic.start].strip(" .,")) or None
        reading.container = clean_name(italic.text.strip(" ,")) or None
        return reading
    else:
        parts = sentences(rest)
        if not parts:
            return reading
        if _continues_a_question(parts):
            parts = [f"{parts[0]} {parts[1]}", *parts[2:]]
        first = _without_description(parts[0].rstrip(". "))
        imprint = _NATURE_IMPRINT.search(first)
        if imprint is not None:
            # Nature's books: "Title (Publisher, Year)."
            reading.publisher = clean_name(imprint.group("publisher")) or None
            reading.container = reading.publisher
            reading.title = clean_title(first[: imprint.start()]) or None
            return reading
        acs = _ACS_BOOK_IMPRINT.search(first)
        if acs is not None:
            # ACS books: "Title; Publisher: Place, Year."
            reading.title = clean_title(_EDITION_TAIL.sub("", first[: acs.start()])) or None
            reading.publisher = reading.container = clean_name(acs.group("publisher")) or None
            return reading
        in_container = _IN_CONTAINER.search(first)
        if in_container is not None:
            # "Title, in Proceedings of ...", "Titel, in: Zeitschrift": the container follows.
            reading.title = clean_title(first[: in_container.start()]) or None
            _read_container(rest[in_container.start() + 1 :].strip(" .,;:"), reading)
            return reading
        title, journal = _split_title_and_journal(_TITLE_TAIL.sub("", first))
        title = _EDITION_TAIL.sub("", title)  # Springer's "Title, 2nd edn. Publisher"
        reading.title = clean_title(title) or None
        reading.container = journal
        after = rest[len(parts[0]) :]
    if reading.container is None:
        _read_container(after.strip(" .,;:"), reading)
    return reading


# MLA's "Review of Title, by Author." and APA's "[Review of the book Title, by Author]" say what
# the work is about, not where it appeared.
_REVIEW_OF = re.compile(r"^(?:review|rev\.)\s+of\s", re.IGNORECASE)
_BRACKETED_END = re.compile(r"\s*(?:\[(?P<square>[^\[\]]{1,120})\]|\((?P<round>[^()]{1,120})\))$")


def _without_description(title: str) -> str:
    """A title without the bracketed note on what it is: "[Internet]", "[Video]", APA's
    "[Doctoral dissertation, University of Lagos]" and "(Master's thesis)"."""
    match = _BRACKETED_END.search(title)
    if match is None:
        return title
    square = match.group("square")
    if square is not None and (len(square) <= 40 or _REVIEW_OF.match(square)):
        return title[: match.start()]
    inner = match.group("square") or match.group("round") or ""
    if names_kind_of_work(split_top_level(inner)[0]):
        return title[: match.start()]
    return title


def _continues_a_question(parts: list[str]) -> bool:
    """A title that asks a question goes on past it with a long subtitle or a second question
    ('Wozu Schule? Die Umsetzung der Reform in den Ländern ...'); a short sentence after it is
    the journal or site."""
    if len(parts) < 2 or not parts[0].endswith("?"):
        return False
    following = parts[1].rstrip(". ")
    if following.endswith("?"):
        return True
    return len(words(following)) >= 8 and not re.search(r"\d", following)


def _titles_an_italic_journal(before: str) -> bool:
    """Whether all that comes before an italic run is one title: a few sentences, no 'In', no
    place and publisher, no date."""
    before = before.strip(" .,")
    if not before or re.search(r"(?:^|\s)(?:in|en|dans|im):?$", before, re.IGNORECASE):
        return False
    if _PLACE_PUBLISHER.match(before) or find_dates(before):
        return False
    return 2 <= len(sentences(before)) <= 3


def _split_title_and_journal(sentence: str) -> tuple[str, str | None]:
    """'Title, Hastings Law Journal, 63(1), 897-926' -> the title and the journal."""
    if ";" in sentence:
        before, _, after = sentence.partition(";")
        journal = _VOLUME_TAIL.sub("", after).strip(" .,;:")
        if journal and journal != after.strip() and not re.search(r"\d", journal):
            return before, clean_name(journal)  # "Title; Journal 2 (1) 2011"
    pieces = [piece.strip() for piece in split_top_level(sentence) if piece.strip()]
    numbered = 0
    while len(pieces) - numbered > 2 and _VOLUME_PIECE.match(pieces[-1 - numbered]):
        numbered += 1
    names = pieces[: len(pieces) - numbered] if numbered else pieces
    named = len(names) >= 2 and (numbered or _PUBLICATION_WORD.search(names[-1]))
    if named and 1 <= len(words(names[-1])) <= 8:
        return ", ".join(names[:-1]), clean_name(names[-1])
    return sentence, None


def read_sentence_source(rest: str) -> AcademicReading:
    """After a title that ends its sentence (MLA 'Title.” Newsweek 27 May 2002. 10 June 2002',
    Harvard '"Title". Literary Review.'): the first sentence names the source, the first date
    is the publication's."""
    reading = AcademicReading(None, None, None, None, None, None)
    _read_container(rest.strip(" .,;:"), reading)
    dates = [found for found in find_dates(rest) if found.date is not None]
    if dates:
        reading.date, reading.date_text = dates[0].date, dates[0].text.strip(" ()[],.")
    return reading


# Vancouver's conference papers: "In: Proc. of the 12th Int. Conf. on X; 2018 Mar 3-5; Lagos."
# and "Paper presented at: Annual Meeting of X; 2018 Mar 3; Lagos.": the meeting's name runs to
# the semicolon before its date, abbreviations and all.
_MEETING_BEFORE_DATE = re.compile(
    r"^(?:(?:In|Paper\s+presented\s+at|Presented\s+at|Poster\s+presented\s+at):?\s+)"
    r"(?P<name>[^;]{3,200}?)\s*;\s*(?:1[4-9]|20)\d\d\b",
    re.IGNORECASE,
)


def _read_container(after: str, reading: AcademicReading) -> None:
    if not after:
        return
    meeting = _MEETING_BEFORE_DATE.match(after)
    if meeting is not None and not re.search(r"\b(?:editors?|eds?)\b", meeting.group("name")):
        reading.container = clean_name(meeting.group("name")) or None
        return
    italic = find_italic(after)
    if italic is not None and italic.start <= 3:
        reading.container = clean_name(italic.text.strip(" ,"))
        return
    parts = sentences(after)
    if len(parts) > 1 and _IN_EDITORS_SENTENCE.match(parts[0]):
        parts = parts[1:]  # Vancouver: "In: Brandt P, Lee Q, editors. Book title. Place: ..."
    while len(parts) > 1 and (
        _EDITION_END.search(parts[0].rstrip("."))
        or names_kind_of_work(parts[0])
        or _REVIEW_OF.match(parts[0])
    ):
        # "2nd ed. London: Riverside Press", Harvard's "PhD thesis. University of Lagos.": the
        # edition and the kind of work name no publication.
        parts = parts[1:]
    imprint = _later_imprint(parts)
    if imprint is not None:
        reading.publisher = reading.container = imprint
        return
    first_sentence = abbreviated_journal(parts) or (parts[0] if parts else after)
    first_sentence = _IN_EDITED.sub("", first_sentence)
    for found in reversed(find_dates(first_sentence)):
        first_sentence = first_sentence[: found.start] + first_sentence[found.end :]
    first_sentence = re.sub(r"\(\s*\)", "", first_sentence)
    place = _PLACE_PUBLISHER.match(first_sentence.strip(" .,"))
    followed_by_volume = len(parts) > 1 and _VOLUME_AHEAD.match(" ".join(parts[1:]))
    if (
        place
        and not re.search(r"\d", place.group("publisher"))
        and not _NOT_A_PLACE.search(place.group("place"))
        and not followed_by_volume
    ):
        publisher = clean_name(place.group("publisher"))
        reading.publisher = publisher
        reading.container = publisher
        return
    if _STATE_PLACE.match(first_sentence.strip(" .")) or is_day_and_month(first_sentence):
        return  # "Washington, DC" is a place; "January 24" the day of a dated page
    pieces = split_top_level(first_sentence)
    if len(pieces) > 1 and names_kind_of_work(pieces[0]):
        pieces = pieces[1:]  # Nature's "PhD thesis, Univ. Lagos (2017)": the university
    piece = _journal_before_volume(pieces, volume_follows=bool(followed_by_volume))
    # APA's "Book (Vol. 3, pp. 4–9)", "Book (2nd ed., pp. 4–9)": the parenthesis is not the name.
    piece = re.split(
        r"\s\((?:vol|pp|p|eds?|\d+(?:st|nd|rd|th)\s+ed|rev\.\s+ed)\b", piece, maxsplit=1, flags=re.I
    )[0]
    piece = journal_name_only(_VOLUME_TAIL.sub("", piece).strip(" .,;:")).strip(" .,;:")
    if _PREPRINT.match(piece):
        return  # Nature's "Preprint at https://..." names no journal
    if piece and any(char.isalpha() for char in piece) and not is_day_and_month(piece):
        reading.container = clean_name(piece.replace(ITALIC_OPEN, "").replace(ITALIC_CLOSE, ""))


def _later_imprint(parts: list[str]) -> str | None:
    """APA's and Harvard's "Title. Description. Place: Publisher.": a report or book whose
    publisher closes it after sentences that describe it (a second title sentence, "Document
    administratif", a series); those sentences name no publication. The publisher, else None."""
    if len(parts) < 2 or _IN_BOOK_START.match(parts[0]) or find_italic(parts[0]) is not None:
        return None
    place = _PLACE_PUBLISHER.match(parts[-1].strip(" .,"))
    if place is None:
        return None
    publisher = place.group("publisher")
    if (
        re.search(r"\d", place.group("place") + publisher)
        or not publisher[:1].isupper()
        or len(words(publisher)) > 8
        or _NOT_A_PLACE.search(place.group("place"))
        or any(re.search(r"\d+\s*\(|[:;]\s*\d", earlier) for earlier in parts[:-1])
    ):
        return None
    return clean_name(publisher) or None


_IN_BOOK_START = re.compile(r"^(?:In|En|Dans|Im)\b:?", re.IGNORECASE)


def _journal_before_volume(pieces: list[str], *, volume_follows: bool = False) -> str:
    """The first comma piece, or all the pieces before a volume when they are all names: a
    journal's name may hold commas ('Journal of Systemics, Cybernetics and Informatics, 5(1)')."""
    names: list[str] = []
    for piece in (piece.strip() for piece in pieces):
        if _VOLUME_PIECE.match(piece) or _VOLUME_WORD.match(piece):
            break
        if piece:
            names.append(piece)
    else:
        if not volume_follows:  # "Journal, Biology and Medicine. 2012. 8(3)" has one after
            return pieces[0]
    if len(names) < 2:
        return pieces[0]
    # A name with commas is a list that ends in "and": "Semantics, Knowledge and Grid"; a
    # piece without one is a place or a publisher ("Alpine History, Bern, 4(1)").
    listed = re.search(r"(?:^|\s)(?:and|&|und|et|y)\s", names[-1]) is not None
    if 2 <= len(names) <= 3 and listed and all(_is_name_piece(name) for name in names):
        return ", ".join(names)
    return pieces[0]


def _is_name_piece(piece: str) -> bool:
    return piece[:1].isupper() and not re.search(r"\d", piece) and len(words(piece)) <= 8
