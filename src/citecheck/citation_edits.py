"""Edit fields of citations in a citations.yaml in place, keeping everything else as it was.

A ruamel round trip: comments, quoting, key order, indentation and blank lines stay as the user
wrote them; a field that is added goes where the schema puts it (after the fields that come
before it), and the file is replaced atomically. `archive --write`, `lookup --write` and
`verify --fix-moved --write` record what they found through `edit_citations`.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from citecheck.atomic_file import write_bytes_atomically
from citecheck.citations import CITATION_FIELDS
from citecheck.errors import InputError
from citecheck.partial_date import PartialDate, Precision
from citecheck.text_input import read_text_file

_LINE_WIDTH = 4096  # never fold a long title or sentence over two lines

# Where an added field goes: after the last of the fields the loader's schema puts before it.
FIELD_ORDER = CITATION_FIELDS

Value = str | int | dt.date | PartialDate | None
"""A field's new value; None removes the field."""


@dataclass
class EditResult:
    text: str  # the file's new text
    changed: list[str] = field(default_factory=list)  # ids whose entry changed
    unknown: list[str] = field(default_factory=list)  # ids asked for that the file lacks


def edit_citations(path: Path, changes: Mapping[str, Mapping[str, Value]]) -> EditResult:
    """Set (or, with None, remove) fields of the citations named in `changes` ({id: {field:
    value}}) in the file at `path`, and write it back atomically when anything changed. Raises
    InputError when the file cannot be read or is not a citations file."""
    # Read as `verify` reads it (UTF-8, or UTF-16/32 by its byte-order mark) and written back
    # in the same encoding, mark included.
    decoded = read_text_file(path)
    result = edit_citations_text(decoded.text, changes, str(path))
    if result.changed:
        write_bytes_atomically(path, decoded.bom + result.text.encode(decoded.encoding))
    return result


def edit_citations_text(
    text: str, changes: Mapping[str, Mapping[str, Value]], shown_path: str = "citations.yaml"
) -> EditResult:
    """`edit_citations` on a file's text; returns the new text without writing anything."""
    yaml = roundtrip_yaml(text)
    document = load_roundtrip(yaml, text, shown_path)
    entries = citation_entries(document, shown_path)
    by_id = {
        str(entry["id"]): entry
        for entry in entries
        if isinstance(entry, CommentedMap) and entry.get("id") is not None
    }
    result = EditResult(text=text)
    for citation_id, fields in changes.items():
        entry = by_id.get(citation_id)
        if entry is None:
            result.unknown.append(citation_id)
            continue
        # Every field is set: a generator inside any() would stop at the first change.
        changed = [_set_field(entry, key, value) for key, value in fields.items()]
        if any(changed):
            result.changed.append(citation_id)
    if result.changed:
        result.text = dump_roundtrip(document, yaml)
    return result


def _set_field(entry: CommentedMap, key: str, value: Value) -> bool:
    """Set one field; True when the entry changed."""
    if value is None:
        if key not in entry:
            return False
        del entry[key]
        return True
    new = yaml_value(value)
    if key in entry:
        if _same(entry[key], new):
            return False
        entry[key] = new
        return True
    entry.insert(_position(entry, key), key, new)
    return True


def _same(old: Any, new: Any) -> bool:
    return (type(old) is type(new) and old == new) or str(old) == str(new)


def _position(entry: CommentedMap, key: str) -> int:
    """Where `key` goes: after the entry's last field that the schema puts before it."""
    if key not in FIELD_ORDER:
        return len(entry)
    before = set(FIELD_ORDER[: FIELD_ORDER.index(key)])
    position = 0
    for index, existing in enumerate(entry):
        if existing in before:
            position = index + 1
    return position


def yaml_value(value: str | int | dt.date | PartialDate) -> str | int | dt.date:
    """A value as it is written in citations.yaml: dates plain at their precision."""
    if isinstance(value, PartialDate):
        if value.precision is Precision.DAY:
            return value.first_day()
        if value.precision is Precision.YEAR:
            return value.year
        return str(value)
    return value


# --------------------------------------------------------------------------- round trip


def roundtrip_yaml(text: str = "") -> YAML:
    """A round-trip YAML that writes with `text`'s own indentation and quoting."""
    mapping, sequence, offset = _indentation(text)
    yaml = YAML(typ="rt")
    yaml.width = _LINE_WIDTH
    yaml.allow_unicode = True
    yaml.preserve_quotes = True
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def load_roundtrip(yaml: YAML, text: str, shown_path: str, action: str = "cannot edit") -> Any:
    """The loaded document; InputError naming the file, line and `action` when it is not YAML."""
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{shown_path}:{mark.line + 1}" if mark is not None else shown_path
        raise InputError(f"{where}: {action}: invalid YAML: {exc.problem or exc.context}") from None
    except (YAMLError, ValueError, TypeError, RecursionError) as exc:
        # ruamel raises ValueError for impossible dates such as 2016-02-30.
        raise InputError(f"{shown_path}: {action}: {' '.join(str(exc).split())}") from None


def dump_roundtrip(document: Any, yaml: YAML) -> str:
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    return buffer.getvalue()


def citation_entries(
    document: Any, shown_path: str, *, create: bool = False, action: str = "cannot edit"
) -> CommentedSeq:
    """The list of citation entries of a loaded file (a mapping with `citations`, or a bare
    list); with `create`, an empty list is added to a mapping that has none."""
    if isinstance(document, CommentedSeq):
        return document
    if isinstance(document, CommentedMap):
        entries = document.get("citations")
        if entries is None and create:
            document["citations"] = entries = CommentedSeq()
        if isinstance(entries, CommentedSeq):
            return entries
    raise InputError(f"{shown_path}: {action}: expected a mapping with a 'citations' list")


def _indentation(text: str) -> tuple[int, int, int]:
    """The file's own indentation (mapping, sequence, dash offset), so an edit keeps it."""
    lines = text.splitlines()
    mapping = next(
        (
            _indent(line)
            for above, line in itertools.pairwise(lines)
            if above[:1].isalnum()
            and above.rstrip().endswith(":")
            and line.startswith(" ")
            and not line.lstrip().startswith(("-", "#"))
        ),
        2,
    )
    dash_lines = [line for line in lines if line.lstrip(" ").startswith("- ")]
    if not dash_lines:
        return max(mapping, 1), 4, 2
    dash = _indent(dash_lines[0])
    after_dash = dash_lines[0][dash + 1 :]
    content = dash + 1 + _indent(after_dash)
    return max(mapping, 1), content, dash


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
