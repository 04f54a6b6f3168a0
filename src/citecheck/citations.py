"""Load and validate citations.yaml: every problem reported, each with its file, line and field."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from citecheck.doi import normalise_doi
from citecheck.errors import InputError
from citecheck.models import Article, Citation, CitationSet
from citecheck.partial_date import PartialDate
from citecheck.text_input import read_text_file
from citecheck.yaml_lines import (
    Mapping,
    Scalar,
    Sequence,
    YamlSyntaxError,
    collector_paused,
    read_yaml,
)

CITATION_FIELDS = (
    "id",
    "authors",
    "title",
    "publisher",
    "container",
    "date",
    "doi",
    "url",
    "found_by",
    "archive_url",
    "archive_date",
    "locator",
    "accessed",
    "same_as",
    "context",
)
ARTICLE_FIELDS = ("title", "author")
TOP_LEVEL_FIELDS = ("article", "citations")
# A short form stands for its target: it may add where in the source it points, nothing else.
SAME_AS_FIELDS = {"id", "same_as", "locator", "context", "accessed"}
TEXT_FIELDS = ("title", "publisher", "container", "locator", "context")


@dataclass
class _Problems:
    path: str
    found: list[tuple[int, str]] = field(default_factory=list)

    def add(self, line: int | None, message: str, citation_id: str | None = None) -> None:
        where = f"{self.path}:{line}" if line is not None else self.path
        who = f"citation '{citation_id}': " if citation_id is not None else ""
        self.found.append((line or 0, f"{where}: {who}{message}"))

    @property
    def messages(self) -> list[str]:
        return [message for _, message in sorted(self.found, key=lambda item: item[0])]


def load_citations(path: Path | str) -> CitationSet:
    """Read and validate a citations file (UTF-8, or UTF-16 or UTF-8 with a byte-order mark);
    raise InputError listing every problem."""
    path = Path(path)
    return parse_citations(read_text_file(path).text, str(path))


def parse_citations(
    text: str, shown_path: str = "citations.yaml", *, today: dt.date | None = None
) -> CitationSet:
    """Validate the text of a citations file. Doubts that do not stop a citation from being
    checked (a date after `today`, by default the current date, or a source accessed before
    its date) are kept in the set's `warnings`."""
    with collector_paused():
        return _parse_citations(text, shown_path, today or dt.date.today())


def _parse_citations(text: str, shown_path: str, today: dt.date) -> CitationSet:
    problems = _Problems(shown_path)
    try:
        document = read_yaml(text)
    except YamlSyntaxError as exc:
        problems.add(exc.line, f"invalid YAML: {exc.message}")
        raise InputError(problems.messages) from None
    citations: list[Citation] = []
    article = Article()
    if isinstance(document, Sequence):
        citations = _citations(document, problems)
    elif isinstance(document, Mapping):
        _check_keys(document, TOP_LEVEL_FIELDS, problems, None, "")
        article = _article(document, problems)
        listed = document.get("citations")
        if listed is None:
            problems.add(1, "citations: missing (a list of citations)")
        elif not isinstance(listed, Sequence):
            problems.add(listed.line, "citations: must be a list")
        else:
            citations = _citations(listed, problems)
    else:
        problems.add(1, "expected a mapping with a 'citations' list")
    if problems.messages:
        raise InputError(problems.messages)
    warnings = _date_warnings(citations, shown_path, today)
    return CitationSet(path=shown_path, article=article, citations=citations, warnings=warnings)


def _date_warnings(citations: list[Citation], shown_path: str, today: dt.date) -> list[str]:
    warnings: list[str] = []
    for citation in citations:
        where = f"{shown_path}:{citation.line}" if citation.line is not None else shown_path
        for _code, message in date_doubts(citation, today):
            warnings.append(f"{where}: citation '{citation.id}': {message} (still checked)")
    return warnings


def date_doubts(citation: Citation, today: dt.date) -> list[tuple[str, str]]:
    """What is doubtful about a citation's dates, as (code, message): a `date` or `accessed`
    after `today` ("future-date"), or accessed before its date ("accessed-before-date"). Most
    likely a typo (2061 for 2016); the citation is still checked as written."""
    found = []
    for name, value in (("date", citation.date), ("accessed", citation.accessed)):
        if value is not None and value.first_day() > today:
            found.append(("future-date", f"{name}: {value} is in the future"))
    date, accessed = citation.date, citation.accessed
    # Accessed 2016-08 is not before a date of 2016-08-14; accessed 2016-07-31 is.
    if date is not None and accessed is not None and accessed.last_day() < date.first_day():
        found.append(
            (
                "accessed-before-date",
                f"accessed: {accessed} is before the date of the source ({date})",
            )
        )
    return found


def _check_keys(
    mapping: Mapping,
    allowed: tuple[str, ...],
    problems: _Problems,
    citation_id: str | None,
    prefix: str,
) -> None:
    for entry in mapping.duplicates:
        first = mapping.entries[entry.key].key_line
        problems.add(
            entry.key_line, f"{prefix}{entry.key}: given twice (first on line {first})", citation_id
        )
    for key, entry in mapping.entries.items():
        if key in allowed:
            continue
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(allowed)})"
        problems.add(entry.key_line, f"{prefix}{key}: unknown field{hint}", citation_id)


def _article(document: Mapping, problems: _Problems) -> Article:
    value = document.get("article")
    if value is None or (isinstance(value, Scalar) and value.text is None):
        return Article()
    if not isinstance(value, Mapping):
        problems.add(value.line, "article: must be a mapping")
        return Article()
    _check_keys(value, ARTICLE_FIELDS, problems, None, "article.")
    return Article(
        title=_text(value, "title", problems, None),
        author=_text(value, "author", problems, None),
    )


def _citations(entries: Sequence, problems: _Problems) -> list[Citation]:
    citations: list[Citation] = []
    seen: dict[str, int] = {}
    all_ids = {_id_text(e) for e in entries.items if isinstance(e, Mapping)} - {None}
    for index, entry in enumerate(entries.items):
        if not isinstance(entry, Mapping):
            problems.add(entry.line, f"entry {index + 1}: must be a mapping with at least an 'id'")
            continue
        citation = _citation(entry, problems)
        if citation is None:
            continue
        if citation.id in seen:
            problems.add(
                entry.line_of("id"),
                f"id: duplicate id (first used on line {seen[citation.id]})",
                citation.id,
            )
            continue
        _check_same_as(citation, entry, seen, all_ids, problems)
        seen[citation.id] = entry.line
        citations.append(citation)
    return citations


def _id_text(entry: Mapping) -> str | None:
    value = entry.get("id")
    if isinstance(value, Scalar) and value.text and value.text.strip():
        return value.text.strip()
    return None


def _citation(entry: Mapping, problems: _Problems) -> Citation | None:
    citation_id = _id_text(entry)
    if citation_id is None:
        problems.add(entry.line, "id: missing (every citation needs a unique id)")
        return None
    _check_keys(entry, CITATION_FIELDS, problems, citation_id, "")
    citation = Citation(
        id=citation_id,
        line=entry.line,
        authors=_authors(entry, problems, citation_id),
        title=_text(entry, "title", problems, citation_id),
        container=_text(entry, "container", problems, citation_id),
        publisher=_text(entry, "publisher", problems, citation_id),
        date=_date(entry, "date", problems, citation_id),
        url=_url(entry, "url", problems, citation_id),
        found_by=_text(entry, "found_by", problems, citation_id),
        doi=_doi(entry, problems, citation_id),
        archive_url=_url(entry, "archive_url", problems, citation_id),
        archive_date=_date(entry, "archive_date", problems, citation_id),
        locator=_text(entry, "locator", problems, citation_id),
        accessed=_date(entry, "accessed", problems, citation_id),
        same_as=_text(entry, "same_as", problems, citation_id),
        context=_text(entry, "context", problems, citation_id),
    )
    if citation.same_as is not None:
        for key, field_entry in entry.entries.items():
            if key in CITATION_FIELDS and key not in SAME_AS_FIELDS:
                problems.add(
                    field_entry.key_line,
                    f"{key}: not allowed with same_as (the note stands for '{citation.same_as}')",
                    citation_id,
                )
    return citation


def _check_same_as(
    citation: Citation,
    entry: Mapping,
    seen: dict[str, int],
    all_ids: set[str | None],
    problems: _Problems,
) -> None:
    target = citation.same_as
    if target is None or target in seen:
        return
    if target == citation.id:
        why = "points at itself"
    elif target in all_ids:
        why = f"'{target}' comes later (a short form points back at an earlier note)"
    else:
        why = f"'{target}' is not a citation id"
    problems.add(entry.line_of("same_as"), f"same_as: {why}", citation.id)


def _text(mapping: Mapping, key: str, problems: _Problems, cid: str | None) -> str | None:
    value = mapping.get(key)
    if value is None:
        return None
    if not isinstance(value, Scalar):
        problems.add(value.line, f"{key}: must be text", cid)
        return None
    text = (value.text or "").strip()
    return text or None


def _authors(mapping: Mapping, problems: _Problems, cid: str) -> list[str]:
    value = mapping.get("authors")
    if value is None:
        return []
    if isinstance(value, Sequence):
        names = []
        for index, item in enumerate(value.items):
            if not isinstance(item, Scalar) or item.text is None:
                problems.add(item.line, f"authors: item {index + 1} must be a name", cid)
            elif item.text.strip():
                names.append(item.text.strip())
        return names
    if isinstance(value, Mapping):
        problems.add(value.line, "authors: must be a list or one name", cid)
        return []
    text = (value.text or "").strip()
    return [text] if text else []


def _date(mapping: Mapping, key: str, problems: _Problems, cid: str) -> PartialDate | None:
    value = mapping.get(key)
    if value is None or (isinstance(value, Scalar) and value.text is None):
        return None
    try:
        if not isinstance(value, Scalar) or value.is_bool or value.text is None:
            raise ValueError("must be a date: YYYY, YYYY-MM or YYYY-MM-DD")
        return PartialDate.parse(value.text)
    except ValueError as exc:
        problems.add(value.line, f"{key}: {exc}", cid)
        return None


def _doi(mapping: Mapping, problems: _Problems, cid: str) -> str | None:
    text = _text(mapping, "doi", problems, cid)
    if text is None:
        return None
    doi = normalise_doi(text)
    if doi is None:
        problems.add(
            mapping.line_of("doi"),
            f"doi: '{text}' is not a DOI (10.NNNN/... or https://doi.org/10.NNNN/...)",
            cid,
        )
    return doi


def _url(mapping: Mapping, key: str, problems: _Problems, cid: str) -> str | None:
    text = _text(mapping, key, problems, cid)
    if text is None:
        return None
    line = mapping.line_of(key)
    parts = urlsplit(text)
    if parts.scheme.lower() not in {"http", "https"}:
        problems.add(line, f"{key}: '{text}' is not an http(s) URL", cid)
        return None
    if not parts.hostname:
        problems.add(line, f"{key}: '{text}' has no host", cid)
        return None
    return text
