"""Plain-text articles: `[i]`/`[4]`/`¹` markers in the body and a note list at the end.

The note list is a run of lines that each start with a marker in ascending order (`[i] ...`,
`[ii] ...` or `1. ...`, `2. ...`); a note may run on over several lines. The run chosen is the
one under a "Notes" heading, else the one the body cites most, else the last one; what follows
it (comment forms, "Leave a Reply", share buttons) is not part of any note.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from citecheck.footnotes.article.byline import author_from_byline
from citecheck.footnotes.article.citing_sentences import (
    MarkerRef,
    Segment,
    citing_sentences,
    clean_text,
)
from citecheck.footnotes.article.markers import (
    SUPERSCRIPT_DIGITS,
    MarkerStyle,
    MarkerValue,
    follows,
    from_superscript,
    has_style,
    is_exponent,
    is_marker_token,
    marker_group,
    marker_values,
)
from citecheck.footnotes.article.notes import ArticleNotes, Citing, RawNote
from citecheck.footnotes.article.sections import is_notes_heading
from citecheck.models import Article

# Horizontal white space, the no-break space included: pasted notes are full of them.
_HSPACE = r"[^\S\r\n]"
_NOTE_LINE = re.compile(
    rf"^{_HSPACE}{{0,3}}(?:"
    rf"\[(?P<bracket>[A-Za-z]{{1,7}}|\d{{1,4}})\]{_HSPACE}*"
    rf"|(?P<sup>[{SUPERSCRIPT_DIGITS}]{{1,4}}){_HSPACE}*"
    rf"|\^(?P<caret>\d{{1,4}}){_HSPACE}*"
    rf"|(?P<number>\d{{1,4}})[.)]{_HSPACE}+"
    r")(?P<text>\S.*)$"
)
_BODY_MARKER = re.compile(
    r"(?<!\])\[(?P<bracket>[^\[\]\n]{1,24})\](?![A-Za-z(\[:])"
    rf"|(?P<sup>[{SUPERSCRIPT_DIGITS}]+)"
    r"|\^\[?(?P<caret>\d{1,4})\]?"
)
# Lines that end a note list even without a blank line before them: a blog's page furniture.
_PAGE_FURNITURE = re.compile(
    r"^\s*(?:leave a (?:reply|comment)|share this|like this|related(?: posts| articles)?"
    r"|comments?|this site uses akismet|about the author|filed under|posted in|tags?)\b",
    re.IGNORECASE,
)
_LONGEST_TITLE = 200


@dataclass
class _Entry:
    line: int  # 0-based index of the line the note starts on
    token: str
    form: str  # which marker form opened it: bracket, sup, caret, number
    parts: list[str]
    after_break: bool  # prose (not a note, not a blank line) came between it and the last entry
    line_numbers: list[int] = field(default_factory=list)  # every line the note is written on


@dataclass
class _Run:
    entries: list[_Entry] = field(default_factory=list)
    readings: list[MarkerValue] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.entries[0].line

    @property
    def ids(self) -> list[str]:
        return [entry.token for entry in self.entries]

    @property
    def style(self) -> MarkerStyle:
        return self.readings[0].style


def find_text_notes(text: str, links_by_line: Sequence[Sequence[str]] = ()) -> ArticleNotes | None:
    """The notes of a plain-text article, or None when it has no note list.

    `links_by_line` gives the addresses linked from each line, for text rendered from a page.
    """
    lines = text.splitlines()
    entries = _entries(lines)
    # The text as prose: a list entry's own marker ("[1] ...", "1. ...") cites nothing.
    prose = list(lines)
    for entry in entries:
        prose[entry.line] = entry.parts[0]
    markers_by_style: dict[MarkerStyle, list[tuple[int, list[str]]]] = {}
    best: tuple[tuple[bool, int, int], _Run, int] | None = None
    for run in _runs(entries):
        heading = _heading_before(lines, run.start)
        body_end = heading if heading is not None else run.start
        if run.style not in markers_by_style:
            markers_by_style[run.style] = _markers_by_line(prose, run.style)
        markers = markers_by_style[run.style]
        cited_ids = {note_id for line, ids in markers if line < body_end for note_id in ids}
        cited = len(cited_ids & set(run.ids))
        if heading is None and not _could_be_notes(run, cited):
            continue
        # Notes come straight after the text; later lists are sidebars ("Most read: 1. ...").
        rank = (heading is not None, cited, -run.start)
        if best is None or rank > best[0]:
            best = (rank, run, body_end)
    if best is None:
        return None
    _, run, body_end = best
    notes = [_raw_note(entry, links_by_line) for entry in run.entries]
    citings = body_citings(prose[:body_end], run.style)
    return ArticleNotes(article=_article(lines[: run.start]), notes=notes, citings=citings)


def _could_be_notes(run: _Run, cited: int) -> bool:
    """Without a heading: a list that starts at 1 and is cited, or a `[1]`-style list of two."""
    if run.readings and min(v.number for v in marker_values(run.entries[0].token)) != 1:
        return False
    return cited > 0 or (run.entries[0].form != "number" and len(run.ids) >= 2)


def _markers_by_line(lines: list[str], style: MarkerStyle) -> list[tuple[int, list[str]]]:
    """The note ids each line cites, for lines that cite any."""
    found = []
    for index, line in enumerate(lines):
        ids = [s.note_id for s in marked_segments(line, style) if isinstance(s, MarkerRef)]
        if ids:
            found.append((index, ids))
    return found


def _entries(lines: list[str]) -> list[_Entry]:
    entries: list[_Entry] = []
    current: _Entry | None = None
    blank_before = False
    prose_since_entry = False
    for index, line in enumerate(lines):
        if not line.strip():
            blank_before = True
            continue
        match = _NOTE_LINE.match(line)
        opened = _opening_marker(match) if match else None
        if match is not None and opened is not None:
            form, token = opened
            current = _Entry(index, token, form, [match.group("text")], prose_since_entry, [index])
            entries.append(current)
            prose_since_entry = False
        elif current is not None and not blank_before and not _PAGE_FURNITURE.match(line):
            current.parts.append(line.strip())
            current.line_numbers.append(index)
        else:
            current = None
            prose_since_entry = True
        blank_before = False
    return entries


def _raw_note(entry: _Entry, links_by_line: Sequence[Sequence[str]]) -> RawNote:
    links = [
        link
        for index in entry.line_numbers
        if index < len(links_by_line)
        for link in links_by_line[index]
    ]
    return RawNote(
        entry.token, clean_text(" ".join(entry.parts)).strip(), list(dict.fromkeys(links))
    )


def _opening_marker(match: re.Match[str]) -> tuple[str, str] | None:
    """The form (bracket, sup, caret, number) and token of the marker a note line opens with."""
    for form in ("bracket", "sup", "caret", "number"):
        value = match.group(form)
        if value is not None:
            token = from_superscript(value) if form == "sup" else value
            return (form, token) if is_marker_token(token) else None
    return None


def _runs(entries: list[_Entry]) -> Iterator[_Run]:
    run = _Run()
    for entry in entries:
        readings = marker_values(entry.token)
        if run.entries:
            continued = follows(run.readings, readings)
            same_form = entry.form == run.entries[-1].form
            if continued and same_form and not entry.after_break:
                run.entries.append(entry)
                run.readings = continued
                continue
            yield run
        run = _Run([entry], readings)
    if run.entries:
        yield run


def _heading_before(lines: list[str], start: int) -> int | None:
    """The index of a notes heading just above line `start`, if there is one."""
    for index in range(start - 1, -1, -1):
        if lines[index].strip():
            return index if is_notes_heading(lines[index]) else None
    return None


def body_citings(lines: list[str], style: MarkerStyle) -> list[Citing]:
    """Every marker of `style` in the body and its sentence, paragraph by paragraph."""
    citings: list[Citing] = []
    for paragraph in _paragraphs(lines):
        segments = list(marked_segments(paragraph, style))
        citings.extend(
            Citing(note_id, sentence) for note_id, sentence in citing_sentences(segments)
        )
    return citings


def _paragraphs(lines: list[str]) -> Iterator[str]:
    paragraph: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            paragraph.append(line.strip())
        elif paragraph:
            yield " ".join(paragraph)
            paragraph = []


def marked_segments(text: str, style: MarkerStyle) -> Iterator[Segment]:
    """`text` cut at each marker of `style`: `[iv]`, `[4, 5]`, `¹²`, `^4`."""
    position = 0
    for match in _BODY_MARKER.finditer(text):
        ids = marker_group(next(group for group in match.groups() if group is not None))
        if not ids or not all(has_style(note_id, style) for note_id in ids):
            continue
        if match.group("sup") and is_exponent(text[: match.start()]):
            continue
        yield text[position : match.start()]
        yield from (MarkerRef(note_id) for note_id in ids)
        position = match.end()
    yield text[position:]


def _article(head: list[str]) -> Article:
    lines = [line.strip() for line in head if line.strip()]
    author = next((a for a in map(author_from_byline, lines[:12]) if a), None)
    first = lines[0] if lines else ""
    looks_like_title = 0 < len(first) <= _LONGEST_TITLE and not first.endswith((".", ",", ";", ":"))
    title = first if looks_like_title and author_from_byline(first) is None else None
    return Article(title=title, author=author)
