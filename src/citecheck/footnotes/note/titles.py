"""Where a note sets off its title: in quotation marks (articles, pages) or italics (books)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.footnotes.note.markup import ITALIC_CLOSE, ITALIC_OPEN

_CLOSING_FOR = {"“": "”", "«": "»", "„": "“”", '"': '"', "”": "”"}
_SEGMENT_START = (",", ".", ":", ";", "(", ")", "[", "–", "—")


@dataclass(frozen=True)
class TitleSpan:
    start: int  # where the opening mark is
    end: int  # just after the closing mark
    text: str  # the title, without the punctuation the note style puts inside the marks
    italic: bool = False


def find_quoted_title(text: str) -> TitleSpan | None:
    """The first title in double quotation marks, else one in British single marks."""
    span = _double_quoted(text)
    if span is None and not any(mark in text for mark in '“"«„'):
        span = _single_quoted(text)
    if span is None and not any(mark in text for mark in '“"«„‘'):
        span = _typewriter_single_quoted(text)
    return span


def find_italic(text: str, start: int = 0) -> TitleSpan | None:
    opening = text.find(ITALIC_OPEN, start)
    if opening < 0:
        return None
    closing = text.find(ITALIC_CLOSE, opening + 1)
    if closing < 0:
        return None
    inner = clean_title(text[opening + 1 : closing])
    if not inner:
        return find_italic(text, closing + 1)
    return TitleSpan(opening, closing + 1, inner, italic=True)


def clean_title(inner: str) -> str:
    """'Title,' -> 'Title'; 'Title.' -> 'Title'; 'Exhibit A.,' -> 'Exhibit A.'; '?' and '!' stay;
    "‘Quoted,’" -> "‘Quoted’"."""
    inner = inner.replace(ITALIC_OPEN, "").replace(ITALIC_CLOSE, "").strip()
    if inner.endswith((",’", ".’")) and "‘" in inner:
        inner = inner[:-2] + "’"  # “‘I Found My Dad,’” : the note's comma sits inside both marks
    if inner.endswith(","):
        return inner[:-1].rstrip()
    if inner.endswith(".") and not inner.endswith(".."):
        return inner[:-1].rstrip()
    return inner.strip(" ;:")


def _double_quoted(text: str) -> TitleSpan | None:
    for opening, char in enumerate(text):
        if char not in _CLOSING_FOR or char == "”" or not _starts_segment(text, opening):
            continue
        closing = _closing_index(text, opening)
        if closing is None:
            return None
        inner = clean_title(text[opening + 1 : closing])
        if inner:
            return TitleSpan(opening, closing + 1, inner)
    return None


def _starts_segment(text: str, index: int) -> bool:
    """A title opens a note or follows a separator; 'Marc “MAHK” LeBlanc' quotes a nickname."""
    before = text[:index].rstrip()
    return not before or before.endswith(_SEGMENT_START) or before[-1].isdigit()


def _closing_index(text: str, opening: int) -> int | None:
    """The closing mark; Chicago closes a title after its comma or period ('Title,”'), which
    tells the real end from an inner quotation in the same marks ('Kriminolog: ”Våldet”,”')."""
    mark = text[opening]
    closers = _CLOSING_FOR[mark]
    depth = 0
    candidates: list[int] = []
    for index in range(opening + 1, len(text)):
        char = text[index]
        if mark == "“" and char == "“" and (text[index - 1].isspace() or text[index - 1] in "(["):
            depth += 1  # a quotation inside the title, in the same marks
        elif char in closers:
            if depth:
                depth -= 1
            else:
                candidates.append(index)
    # A straight mark between two letters stands for an apostrophe ('We Can"t', 'Book"s').
    candidates = [
        index
        for index in candidates
        if not (text[index - 1].isalpha() and text[index + 1 : index + 2].isalpha())
    ] or candidates
    for index in candidates:
        following = text[index + 1 : index + 2]
        if text[index - 1] in ",.?!" and (not following or following in " ,.;:)]"):
            return index
    return candidates[0] if candidates else None


def _single_quoted(text: str) -> TitleSpan | None:
    opening = text.find("‘")
    while opening >= 0:
        before = text[:opening].rstrip()
        if not before or before.endswith(_SEGMENT_START):
            closing = _single_closing(text, opening)
            if closing is not None:
                inner = clean_title(text[opening + 1 : closing])
                if inner:
                    return TitleSpan(opening, closing + 1, inner)
        opening = text.find("‘", opening + 1)
    return None


# Harvard sets an article's title in single quotes, which plain text writes as "'":
# "(2018) 'Rainfall and school attendance', Education and Climate". The opening mark follows
# a separator, the closing one precedes a separator; an apostrophe ("Teachers' pay",
# "O'Brien") has a letter on one side and so is neither.
_TYPEWRITER_QUOTED = re.compile(
    r"(?:^|(?<=[,.:;)\]]\s)|(?<=^\s))'(?=[^\s'])(?P<inner>(?:[^']|'(?![,.;:]|\s*$))*?[^\s'])'(?=[,.;:]|\s*$|(?<=[.?!]')\s)"
)


def _typewriter_single_quoted(text: str) -> TitleSpan | None:
    match = _TYPEWRITER_QUOTED.search(text)
    if match is None:
        return None
    inner = clean_title(match.group("inner"))
    return TitleSpan(match.start(), match.end(), inner) if inner else None


def _single_closing(text: str, opening: int) -> int | None:
    depth = 0
    for index in range(opening + 1, len(text)):
        char = text[index]
        if char == "‘":
            depth += 1
        elif char == "’":
            following = text[index + 1 : index + 2]
            if following.isalpha():
                continue  # an apostrophe: Keller’s
            if depth:
                depth -= 1
                continue
            return index
    return None
