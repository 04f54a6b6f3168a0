"""An article's notes as citations: each note parsed, short forms tied to the notes they repeat.

Field by field, a parsed note becomes a citation so:
- authors, title, date, doi, locator, accessed: as parsed;
- container: the publication the note names (newspaper, site, journal, series); publisher: its
  publisher or institution ("Journal of X", "Example Press"). `verify` compares a page's site
  name with the container when there is one, else with the publisher;
- url: the note's address, else the first link of the note's markup (HTML and Markdown notes
  often link the title instead of printing the address), else its DOI as https://doi.org/...;
  an address of an archive copy (Wayback Machine, archive.today) goes in `archive_url`;
- a short form ("Parvez.", "Ibid., 4.") becomes `same_as` the full note, keeping its own locator.
  One that cannot be tied to an earlier note is kept with what it says, a warning and a comment
  in the file: never dropped and never guessed.
- a note the parser fails on (a bug: `parse_note` promises never to raise) is kept as a note with
  no source found, its text in a comment, with a warning: one faulty note never stops the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from citecheck.doi import doi_url
from citecheck.footnotes.article.notes import ArticleNotes, RawNote
from citecheck.footnotes.backrefs import BackRefResolution, resolve_backrefs
from citecheck.footnotes.note.parser import ParsedNote, parse_note
from citecheck.footnotes.web_addresses import web_address
from citecheck.models import Article, Citation
from citecheck.webarchive.url_forms import is_archive_copy

_LONGEST_QUOTED_NOTE = 200  # characters of a note's text repeated in a comment
_LONGEST_ERROR = 120  # characters of a parser failure's message repeated in a warning
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")

NoteParser = Callable[[str], ParsedNote]
BackRefResolver = Callable[[list[ParsedNote]], list[BackRefResolution]]


@dataclass
class ExtractedCitation:
    citation: Citation
    comment: str | None = None  # written in citations.yaml beside the entry
    comment_key: str = "id"  # the field the comment follows


@dataclass
class Extraction:
    article: Article
    citations: list[ExtractedCitation]
    warnings: list[str] = field(default_factory=list)  # one line each, for stderr


def citations_from_notes(
    found: ArticleNotes,
    parse: NoteParser = parse_note,
    resolve: BackRefResolver = resolve_backrefs,
) -> Extraction:
    """Parse every note of the article with `parse`, match short forms to the notes they
    stand for with `resolve`, and map each note to a citation."""
    notes, warnings = _unique_ids(found.notes)
    parsed, failures = _parse_each(notes, parse)
    try:
        resolved = resolve(parsed)
    except Exception as exc:  # a rule bug must not cost the whole article: keep every note
        resolved = []
        warnings.append(
            f"short forms could not be matched to their notes ({_one_line_error(exc)}); "
            "every note kept as written"
        )
    resolutions = {resolution.index: resolution for resolution in resolved}
    extracted: list[ExtractedCitation] = []
    for index, (note, reading) in enumerate(zip(notes, parsed, strict=True)):
        context = found.context_of(note.id)
        resolution = resolutions.get(index)
        if index in failures:
            warnings.append(
                f"note {note.id}: could not be parsed ({failures[index]}); "
                "kept without fields, its text in a comment"
            )
            extracted.append(_unparsed(note, context))
        elif (
            resolution is not None
            and resolution.refers_to is not None
            and 0 <= resolution.refers_to < index
        ):
            target = _full_note_id(resolution.refers_to, extracted)
            extracted.append(_short_form(note, resolution, target, context))
        elif resolution is not None:
            why = resolution.problem or "no earlier note matches it"
            warnings.append(
                f'note {note.id}: short form "{note.text}" not resolved ({why}); '
                "kept without same_as"
            )
            entry = _full_citation(note, reading, context)
            entry.citation.locator = entry.citation.locator or resolution.locator
            entry.comment = f'unresolved short form "{note.text}": {why}'
            extracted.append(entry)
        else:
            extracted.append(_full_citation(note, reading, context))
    warnings.extend(_marker_warnings(found))
    return Extraction(article=found.article, citations=extracted, warnings=warnings)


def _parse_each(notes: list[RawNote], parse: NoteParser) -> tuple[list[ParsedNote], dict[int, str]]:
    """Each note parsed; one the parser fails on reads as empty, and why is kept by its index."""
    parsed: list[ParsedNote] = []
    failures: dict[int, str] = {}
    for index, note in enumerate(notes):
        try:
            parsed.append(parse(note.text))
        except Exception as exc:  # a parser bug must cost one note, not the whole article
            parsed.append(ParsedNote(text=note.text))
            failures[index] = _one_line_error(exc)
    return parsed, failures


def _one_line_error(exc: Exception) -> str:
    message = " ".join(_CONTROL.sub(" ", str(exc)).split())
    if len(message) > _LONGEST_ERROR:
        message = message[:_LONGEST_ERROR] + "…"
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _unique_ids(notes: list[RawNote]) -> tuple[list[RawNote], list[str]]:
    """Notes with distinct ids: a repeated marker gets a suffix ("3", then "3-2")."""
    seen: set[str] = set()
    unique: list[RawNote] = []
    warnings: list[str] = []
    for note in notes:
        note_id = note.id
        suffix = 2
        while note_id in seen:
            note_id, suffix = f"{note.id}-{suffix}", suffix + 1
        if note_id != note.id:
            warnings.append(
                f"note {note.id} appears twice in the note list; the second is {note_id}"
            )
        seen.add(note_id)
        unique.append(RawNote(note_id, note.text, note.links))
    return unique, warnings


def _full_note_id(index: int, extracted: list[ExtractedCitation]) -> str:
    """The id of the full note at `index`, following a short form of a short form."""
    citation = extracted[index].citation
    return citation.same_as or citation.id


def _short_form(
    note: RawNote, resolution: BackRefResolution, target: str, context: str | None
) -> ExtractedCitation:
    citation = Citation(id=note.id, same_as=target, locator=resolution.locator, context=context)
    return ExtractedCitation(
        citation, comment=f'"{note.text}" (short form of note {target})', comment_key="same_as"
    )


def _full_citation(note: RawNote, reading: ParsedNote, context: str | None) -> ExtractedCitation:
    url, archive_url = _addresses(reading, note.links)
    citation = Citation(
        id=note.id,
        authors=list(reading.authors),
        title=reading.title,
        # A name the parser read as both (an institute's own report) is said once.
        container=reading.container if reading.container != reading.publisher else None,
        publisher=reading.publisher,
        date=reading.date,
        url=url,
        doi=reading.doi,
        archive_url=archive_url,
        locator=reading.locator,
        accessed=reading.accessed,
        context=context,
    )
    comment = None
    if not (
        citation.title
        or citation.authors
        or citation.url
        or citation.container
        or citation.publisher
    ):
        comment = f'no source found in this note: "{_quoted(note.text)}"'
    return ExtractedCitation(citation, comment=comment)


def _unparsed(note: RawNote, context: str | None) -> ExtractedCitation:
    """A note the parser failed on, kept as a note with no source found is: id, context, text."""
    citation = Citation(id=note.id, context=context)
    return ExtractedCitation(citation, comment=f'not parsed: "{_quoted(note.text)}"')


def _quoted(text: str) -> str:
    return text if len(text) <= _LONGEST_QUOTED_NOTE else text[:_LONGEST_QUOTED_NOTE] + "…"


def _addresses(reading: ParsedNote, links: list[str]) -> tuple[str | None, str | None]:
    """The note's address and its archive copy's, from its text, its links, then its DOI."""
    candidates = [reading.url, *links]
    addresses = [a for a in (web_address(c) for c in candidates if c) if a is not None]
    url = next((a for a in addresses if not is_archive_copy(a)), None)
    archive_url = next((a for a in addresses if is_archive_copy(a)), None)
    if url is None and reading.doi:
        url = web_address(doi_url(reading.doi))
    return url, archive_url


def _marker_warnings(found: ArticleNotes) -> list[str]:
    warnings = [f"marker [{m}] in the text has no note" for m in found.markers_without_notes()]
    warnings.extend(f"note {n} is not cited in the text" for n in found.notes_without_markers())
    return warnings
