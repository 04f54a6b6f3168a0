"""Where each citation stands in its file, for the formats that point at it (SARIF, GitHub).

A report names the citations file and each result's first line; code-scanning tools want more:
the file relative to the repository root and the whole extent of the entry (first line, column
and last line). Both are read here, from the file itself, when a report is written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from citecheck.yaml_lines import Mapping, Scalar, Sequence, YamlSyntaxError, read_yaml


@dataclass(frozen=True)
class Span:
    """1-based first line, first column and last line of one citation entry."""

    line: int
    column: int
    end_line: int


@dataclass
class CitationLocations:
    uri: str  # the citations file, relative to the repository root (or the working folder)
    spans: dict[str, Span] = field(default_factory=dict)  # by citation id

    def span(self, citation_id: str, line: int | None) -> Span | None:
        """The entry's span; its first line alone when the file no longer says more."""
        known = self.spans.get(citation_id)
        if known is not None and (line is None or known.line == line):
            return known
        return Span(line, 1, line) if line is not None else None


def locate_citations(citations_path: str) -> CitationLocations:
    """The repository-relative name of the citations file and the span of each entry in it.
    An unreadable or broken file gives no spans: results then point at their first line."""
    path = Path(citations_path)
    locations = CitationLocations(uri=repository_relative(path))
    try:
        document = read_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YamlSyntaxError):
        return locations
    listed = document.get("citations") if isinstance(document, Mapping) else document
    if not isinstance(listed, Sequence):
        return locations
    for entry in listed.items:
        if not isinstance(entry, Mapping):
            continue
        value = entry.get("id")
        if isinstance(value, Scalar) and value.text and value.text.strip():
            span = Span(entry.line, entry.column, entry.end_line)
            locations.spans.setdefault(value.text.strip(), span)
    return locations


def repository_relative(path: Path) -> str:
    """`path` relative to the root of the git work tree holding it, with forward slashes;
    outside a work tree, relative to the working folder when under it, else as given."""
    absolute = Path(os.path.abspath(path))
    for folder in absolute.parents:
        if (folder / ".git").exists():
            return absolute.relative_to(folder).as_posix()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()
