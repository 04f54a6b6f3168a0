"""citations.yaml from extracted citations: written fresh, or merged into the user's file.

A fresh file follows the schema `verify` reads (key order id, authors, title, publisher,
container, date, doi, url, archive_url, locator, accessed, same_as, context; empty fields left
out; dates at the precision the note gives). A merge is a ruamel round trip: the user's entries,
comments, quoting and order stay as they are; notes new to the file are appended; a note that now
reads differently from its entry is reported, and the entry is left alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from citecheck.citation_edits import (
    citation_entries,
    dump_roundtrip,
    load_roundtrip,
    roundtrip_yaml,
)
from citecheck.citations import CITATION_FIELDS
from citecheck.footnotes.citation_mapping import ExtractedCitation, Extraction
from citecheck.models import Article, Citation
from citecheck.partial_date import PartialDate, Precision

# The loader's schema order is the order fields are written in.
FIELD_ORDER = CITATION_FIELDS
# Fields compared on --merge: what the note says. `context` is the article's sentence, not the note.
_NOTE_FIELDS = FIELD_ORDER[1:-1]
_QUOTED_FIELDS = {"title", "context"}  # double-quoted, as people write them by hand
# What YAML cannot hold (control characters, non-characters, lone surrogates), and line breaks
# that would end a comment.
_NOT_PRINTABLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]+")
_MERGE = "cannot merge"


@dataclass
class MergeResult:
    text: str
    added: list[str] = field(default_factory=list)  # ids appended to the file
    changed: list[str] = field(default_factory=list)  # one line per note that differs
    missing: list[str] = field(default_factory=list)  # ids in the file the article lacks


def render_citations(extraction: Extraction, source: str) -> str:
    """A new citations.yaml for the article read from `source`."""
    document = CommentedMap()
    document.yaml_set_start_comment(
        f"Citations extracted by `citecheck extract` from {_one_line(source)}.\n"
        "Check each entry against its note; add a url where the note gives none."
    )
    article = _article_map(extraction.article)
    if article:
        document["article"] = article
    entries = CommentedSeq()
    for extracted in extraction.citations:
        _append(entries, extracted)
    document["citations"] = entries
    if article:
        document.yaml_set_comment_before_after_key("citations", before="\n")
    return dump_roundtrip(document, roundtrip_yaml())


def merge_citations(existing: str, extraction: Extraction, shown_path: str) -> MergeResult:
    """`existing` (a citations.yaml) with the article's new notes added; raise InputError when
    it is not a YAML mapping with a citations list (or a bare list of citations)."""
    yaml = roundtrip_yaml(existing)
    document = load_roundtrip(yaml, existing, shown_path, action=_MERGE)
    entries = citation_entries(document, shown_path, create=True, action=_MERGE)
    by_id = {
        str(entry["id"]): entry
        for entry in entries
        if isinstance(entry, CommentedMap) and entry.get("id") is not None
    }
    result = MergeResult(text="")
    # A file that ends in a blank line already parts its last entry from what comes next.
    gap = not existing.rstrip(" \t").endswith("\n\n")
    for extracted in extraction.citations:
        citation = extracted.citation
        entry = by_id.get(citation.id)
        if entry is None:
            _append(entries, extracted, gap=gap)
            gap = True
            result.added.append(citation.id)
            continue
        differences = _differences(entry, citation)
        if differences:
            result.changed.append(
                f"{shown_path}: note {citation.id} reads differently in the article "
                f"({'; '.join(differences)}); kept the file's entry"
            )
    extracted_ids = {extracted.citation.id for extracted in extraction.citations}
    result.missing = [entry_id for entry_id in by_id if entry_id not in extracted_ids]
    result.text = dump_roundtrip(document, yaml)
    return result


# --------------------------------------------------------------------------- building entries


def _append(entries: CommentedSeq, extracted: ExtractedCitation, gap: bool = True) -> None:
    """Add an entry, a blank line before it (unless `gap` is false) as in the bundled file."""
    if entries.fa.flow_style():
        entries.fa.set_block_style()
    entries.append(_entry(extracted))
    if gap and len(entries) > 1:
        entries.yaml_set_comment_before_after_key(len(entries) - 1, before="\n")


def _entry(extracted: ExtractedCitation) -> CommentedMap:
    entry = CommentedMap()
    for key, value in _fields(extracted.citation):
        entry[key] = value
    if extracted.comment:
        key = extracted.comment_key if extracted.comment_key in entry else "id"
        entry.yaml_add_eol_comment(_one_line(extracted.comment), key)
    return entry


def _fields(citation: Citation) -> Iterable[tuple[str, Any]]:
    """The citation's non-empty fields in schema order, as YAML values."""
    for key in FIELD_ORDER:
        value = _yaml_value(key, getattr(citation, key))
        if value is not None:
            yield key, value


# A name that YAML reads back as the same plain text in a flow list: anything else is quoted.
_PLAIN_NAME = re.compile(r"^\w[\w .'’-]*$")


def _yaml_value(key: str, value: object) -> Any:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        names = CommentedSeq([_flow_item(_NOT_PRINTABLE.sub(" ", str(name))) for name in value])
        names.fa.set_flow_style()
        return names
    if isinstance(value, PartialDate):
        return _date_value(value)
    text = _NOT_PRINTABLE.sub(" ", str(value))
    return DoubleQuotedScalarString(text) if key in _QUOTED_FIELDS else text


def _flow_item(text: str) -> str:
    # In a flow sequence ([a, b]) ruamel leaves "A:<" plain, which no YAML parser reads back.
    return text if _PLAIN_NAME.match(text) else DoubleQuotedScalarString(text)


def _date_value(date: PartialDate) -> dt.date | int | str:
    """A date written plain at its precision: 2016-08-14, 2016-09, 2016."""
    if date.precision is Precision.DAY:
        return date.first_day()
    if date.precision is Precision.YEAR:
        return date.year
    return str(date)


def _article_map(article: Article) -> CommentedMap:
    fields = CommentedMap()
    for key, value in (("title", article.title), ("author", article.author)):
        if value:
            fields[key] = _yaml_value(key, value)
    return fields


def _one_line(text: str) -> str:
    """Text safe to put in a YAML comment: no line breaks or control characters."""
    return " ".join(_CONTROL.sub(" ", text).split())


# --------------------------------------------------------------------------- merging


def _differences(entry: CommentedMap, citation: Citation) -> list[str]:
    """What the article's note says that the entry says otherwise, field by field."""
    found: list[str] = []
    for key in _NOTE_FIELDS:
        new = _comparable(_yaml_value(key, getattr(citation, key)))
        if not new:
            continue  # the note says nothing here: whatever the file says is the user's own
        old = _comparable(entry.get(key))
        if old != new:
            shown_old = f'"{old}"' if old else "nothing"
            found.append(f'{key}: "{new}" in the article, {shown_old} in the file')
    return found


def _comparable(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(" ".join(str(item).split()) for item in value)
    return " ".join(str(value).split())
