"""Load and validate citations.yaml: every problem reported, each with its file, line and field."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from citecheck.errors import InputError
from citecheck.models import Article, Citation, CitationSet
from citecheck.partial_date import PartialDate

CITATION_FIELDS = (
    "id",
    "authors",
    "title",
    "publisher",
    "date",
    "url",
    "archive_url",
    "locator",
    "accessed",
    "same_as",
    "context",
)
ARTICLE_FIELDS = ("title", "author")
TOP_LEVEL_FIELDS = ("article", "citations")
# A short form stands for its target: it may add where in the source it points, nothing else.
SAME_AS_FIELDS = {"id", "same_as", "locator", "context", "accessed"}
TEXT_FIELDS = ("title", "publisher", "locator", "context")


class _DatesAsText(RoundTripConstructor):
    """Keep YAML timestamps as text, so that 2016-02-30 is our error with a line, not a crash."""


_DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", _DatesAsText.construct_yaml_str)


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


def load_citations(path: Path) -> CitationSet:
    """Read and validate a citations file; raise InputError listing every problem."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{shown}: cannot read: {exc}") from None
    return parse_citations(text, shown)


def parse_citations(text: str, shown_path: str = "citations.yaml") -> CitationSet:
    problems = _Problems(shown_path)
    document = _parse_yaml(text, problems)
    citations: list[Citation] = []
    article = Article()
    if isinstance(document, CommentedSeq):
        citations = _citations(document, problems)
    elif isinstance(document, CommentedMap):
        _check_keys(document, TOP_LEVEL_FIELDS, problems, None, "")
        article = _article(document.get("article"), document, problems)
        if "citations" not in document:
            problems.add(1, "citations: missing (a list of citations)")
        elif not isinstance(document["citations"], CommentedSeq):
            problems.add(_value_line(document, "citations"), "citations: must be a list")
        else:
            citations = _citations(document["citations"], problems)
    elif document is not None or not problems.messages:
        problems.add(1, "expected a mapping with a 'citations' list")
    if problems.messages:
        raise InputError(problems.messages)
    return CitationSet(path=shown_path, article=article, citations=citations)


def _parse_yaml(text: str, problems: _Problems) -> Any:
    yaml = YAML(typ="rt")
    yaml.Constructor = _DatesAsText
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problems.add(line, f"invalid YAML: {exc.problem or exc.context}")
    except YAMLError as exc:
        problems.add(None, f"invalid YAML: {exc}")
    return None


def _key_line(mapping: CommentedMap, key: str) -> int:
    return int(mapping.lc.key(key)[0]) + 1


def _value_line(mapping: CommentedMap, key: str) -> int:
    return int(mapping.lc.value(key)[0]) + 1


def _check_keys(
    mapping: CommentedMap,
    allowed: tuple[str, ...],
    problems: _Problems,
    citation_id: str | None,
    prefix: str,
) -> None:
    for key in mapping:
        if str(key) in allowed:
            continue
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(allowed)})"
        problems.add(_key_line(mapping, key), f"{prefix}{key}: unknown field{hint}", citation_id)


def _article(value: Any, parent: CommentedMap, problems: _Problems) -> Article:
    if value is None:
        return Article()
    if not isinstance(value, CommentedMap):
        problems.add(_value_line(parent, "article"), "article: must be a mapping")
        return Article()
    _check_keys(value, ARTICLE_FIELDS, problems, None, "article.")
    return Article(
        title=_text(value, "title", problems, None),
        author=_text(value, "author", problems, None),
    )


def _citations(entries: CommentedSeq, problems: _Problems) -> list[Citation]:
    citations: list[Citation] = []
    seen: dict[str, int] = {}
    all_ids = {str(e.get("id")) for e in entries if isinstance(e, CommentedMap) and "id" in e}
    for index, entry in enumerate(entries):
        line = int(entries.lc.item(index)[0]) + 1
        if not isinstance(entry, CommentedMap):
            problems.add(line, f"entry {index + 1}: must be a mapping with at least an 'id'")
            continue
        citation = _citation(entry, line, problems)
        if citation is None:
            continue
        if citation.id in seen:
            problems.add(
                _value_line(entry, "id"),
                f"id: duplicate id (first used on line {seen[citation.id]})",
                citation.id,
            )
            continue
        _check_same_as(citation, entry, seen, all_ids, problems)
        seen[citation.id] = line
        citations.append(citation)
    return citations


def _citation(entry: CommentedMap, line: int, problems: _Problems) -> Citation | None:
    raw_id = entry.get("id")
    if raw_id is None or isinstance(raw_id, (CommentedMap, CommentedSeq)) or str(raw_id) == "":
        problems.add(line, "id: missing (every citation needs a unique id)")
        return None
    citation_id = str(raw_id)
    _check_keys(entry, CITATION_FIELDS, problems, citation_id, "")
    citation = Citation(
        id=citation_id,
        line=line,
        authors=_authors(entry, problems, citation_id),
        title=_text(entry, "title", problems, citation_id),
        publisher=_text(entry, "publisher", problems, citation_id),
        date=_date(entry, "date", problems, citation_id),
        url=_url(entry, "url", problems, citation_id),
        archive_url=_url(entry, "archive_url", problems, citation_id),
        locator=_text(entry, "locator", problems, citation_id),
        accessed=_date(entry, "accessed", problems, citation_id),
        same_as=_text(entry, "same_as", problems, citation_id),
        context=_text(entry, "context", problems, citation_id),
    )
    if citation.same_as is not None:
        for key in entry:
            if str(key) in CITATION_FIELDS and str(key) not in SAME_AS_FIELDS:
                problems.add(
                    _key_line(entry, key),
                    f"{key}: not allowed with same_as (the note stands for '{citation.same_as}')",
                    citation_id,
                )
    return citation


def _check_same_as(
    citation: Citation,
    entry: CommentedMap,
    seen: dict[str, int],
    all_ids: set[str],
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
    problems.add(_value_line(entry, "same_as"), f"same_as: {why}", citation.id)


def _text(mapping: CommentedMap, key: str, problems: _Problems, cid: str | None) -> str | None:
    if key not in mapping or mapping[key] is None:
        return None
    value = mapping[key]
    if isinstance(value, (CommentedMap, CommentedSeq)):
        problems.add(_value_line(mapping, key), f"{key}: must be text", cid)
        return None
    text = str(value).strip()
    return text or None


def _authors(mapping: CommentedMap, problems: _Problems, cid: str) -> list[str]:
    value = mapping.get("authors")
    if value is None:
        return []
    if isinstance(value, CommentedSeq):
        names = []
        for index, item in enumerate(value):
            if item is None or isinstance(item, (CommentedMap, CommentedSeq)):
                line = int(value.lc.item(index)[0]) + 1
                problems.add(line, f"authors: item {index + 1} must be a name", cid)
            elif str(item).strip():
                names.append(str(item).strip())
        return names
    if isinstance(value, CommentedMap):
        problems.add(_value_line(mapping, "authors"), "authors: must be a list or one name", cid)
        return []
    return [str(value).strip()] if str(value).strip() else []


def _date(mapping: CommentedMap, key: str, problems: _Problems, cid: str) -> PartialDate | None:
    if key not in mapping or mapping[key] is None:
        return None
    value = mapping[key]
    try:
        if isinstance(value, (bool, CommentedMap, CommentedSeq)):
            raise ValueError("must be a date: YYYY, YYYY-MM or YYYY-MM-DD")
        return PartialDate.parse(str(value))
    except ValueError as exc:
        problems.add(_value_line(mapping, key), f"{key}: {exc}", cid)
        return None


def _url(mapping: CommentedMap, key: str, problems: _Problems, cid: str) -> str | None:
    text = _text(mapping, key, problems, cid)
    if text is None:
        return None
    parts = urlsplit(text)
    if parts.scheme.lower() not in {"http", "https"}:
        problems.add(_value_line(mapping, key), f"{key}: '{text}' is not an http(s) URL", cid)
        return None
    if not parts.hostname:
        problems.add(_value_line(mapping, key), f"{key}: '{text}' has no host", cid)
        return None
    return text
