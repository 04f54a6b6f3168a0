"""Extraction results kept on disk, so that a warm re-run does not parse every page again.

Entries are keyed by what extraction depends on: the extractor's own code, the page's final URL,
its content type and its body. The code is every module extraction may import (`citecheck.extract`
and its sub-packages, and what they import: `citecheck.fetch.decode`, the models...), found by
following their import statements, so that a change to any of them changes the key and an
improved extractor never serves stale metadata. Entries are plain dicts (no pickled classes).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import re
import sqlite3
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import diskcache

from citecheck.models import (
    AuthorKind,
    FetchResult,
    Found,
    FoundAuthor,
    FoundDate,
    PageKind,
    PageLinks,
    PageMetadata,
)

_STORE_FAILURES = (OSError, sqlite3.Error, diskcache.Timeout)


_PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # src/citecheck
_EXTRACTION = "citecheck.extract"


_FINGERPRINT_LOCK = threading.Lock()


@cache
def extractor_fingerprint() -> str:
    """A digest of every module extraction may run, and of citecheck's data files."""
    with _FINGERPRINT_LOCK:
        return _fingerprint()


def _fingerprint() -> str:
    digest = hashlib.sha1()
    data = sorted(path for path in (_PACKAGE_ROOT / "data").rglob("*") if path.is_file())
    for path in sorted(extraction_modules()) + data:
        digest.update(str(path.relative_to(_PACKAGE_ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def extraction_modules() -> set[Path]:
    """The source files of `citecheck.extract` (sub-packages included) and of every citecheck
    module they import, directly or not, at the top or inside a function, with the packages'
    `__init__.py` files that importing them runs."""
    found: set[Path] = {_PACKAGE_ROOT / "__init__.py"}  # its names are imported lazily
    pending = list((_PACKAGE_ROOT / "extract").rglob("*.py"))
    while pending:
        path = pending.pop()
        if path in found:
            continue
        found.add(path)
        pending.extend(_imported_files(path))
        if (path.parent / "__init__.py").is_file():
            pending.append(path.parent / "__init__.py")
    return found


# `from citecheck.x import a, b` (parenthesised lists included) and `import citecheck.x`,
# wherever they stand. Read with a pattern, not `ast`: parsing every module costs 0.2 s a start.
_FROM_IMPORT = re.compile(
    r"^[ \t]*from[ \t]+(citecheck[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)", re.M
)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+(citecheck[\w.]*)", re.M)
_NAME = re.compile(r"\b(\w+)(?:[ \t]+as[ \t]+\w+)?")


def _imported_files(path: Path) -> list[Path]:
    """The citecheck module files `path`'s import statements name."""
    source = path.read_text(encoding="utf-8")
    names = [match.group(1) for match in _IMPORT.finditer(source)]
    for match in _FROM_IMPORT.finditer(source):
        module, imported = match.group(1), match.group(2).split("#")[0]
        names.append(module)
        names.extend(f"{module}.{name}" for name in _NAME.findall(imported.strip("()")))
    files = []
    for name in names:
        if name.startswith("citecheck."):
            relative = Path(*name.split(".")[1:])
            for candidate in (
                _PACKAGE_ROOT / relative.with_suffix(".py"),
                _PACKAGE_ROOT / relative / "__init__.py",
            ):
                if candidate.is_file():
                    files.append(candidate)
    return files


class CachedExtraction:
    """An extractor (`metadata_from_fetch` by default), remembered on disk across runs."""

    def __init__(
        self,
        directory: Path,
        *,
        refresh: bool = False,
        extract: Callable[[FetchResult], PageMetadata] | None = None,
    ) -> None:
        self._cache = diskcache.Cache(str(directory))
        self._refresh = refresh
        # Without an extractor given, the extraction code is imported by the first page that
        # needs it: a process that only reads kept metadata (the one handing pages to the
        # worker processes) never imports it.
        self._extract = extract or _metadata_from_fetch
        extractor_fingerprint()  # worked out once here, not by the first pages at once

    def __call__(self, result: FetchResult) -> PageMetadata:
        key = _key(result)
        stored = None if self._refresh else self._load(key)
        return stored if stored is not None else self._extract_and_keep(result, key)

    def extract_and_keep(self, result: FetchResult) -> PageMetadata:
        """Extract and keep the result, without looking for kept metadata first: for a caller
        that already found none (`stored`)."""
        return self._extract_and_keep(result, _key(result))

    def _extract_and_keep(self, result: FetchResult, key: str) -> PageMetadata:
        metadata = self._extract(result)
        with contextlib.suppress(*_STORE_FAILURES):  # an unwritable cache only costs time
            self._cache.set(key, metadata_to_dict(metadata))
        return metadata

    def stored(self, result: FetchResult) -> PageMetadata | None:
        """What a call would answer without extracting: the kept metadata (None on a refresh)."""
        return None if self._refresh else self._load(_key(result))

    def close(self) -> None:
        self._cache.close()

    def _load(self, key: str) -> PageMetadata | None:
        try:
            stored = self._cache.get(key)
        except _STORE_FAILURES:
            return None
        try:
            return metadata_from_dict(stored) if isinstance(stored, dict) else None
        except (KeyError, TypeError, ValueError):
            return None  # written by another version: extract again


def _metadata_from_fetch(result: FetchResult) -> PageMetadata:
    from citecheck.extract.page import metadata_from_fetch

    return metadata_from_fetch(result)


def _key(result: FetchResult) -> str:
    # The fetcher usually knows the body's digest already; hashing 15 MB twice is waste.
    digest = hashlib.sha1((result.body_sha1 or hashlib.sha1(result.body).hexdigest()).encode())
    digest.update(b"\0" + (result.final_url or result.requested_url).encode("utf-8", "replace"))
    digest.update(b"\0" + result.content_type.encode("utf-8", "replace"))
    return f"metadata:{extractor_fingerprint()}:{digest.hexdigest()}"


def metadata_to_dict(metadata: PageMetadata) -> dict[str, Any]:
    return {
        "url": metadata.url,
        "kind": metadata.kind.value,
        "titles": [[f.value, f.source] for f in metadata.titles],
        "published": [[d.value.isoformat(), d.source] for d in metadata.published],
        "modified": [[d.value.isoformat(), d.source] for d in metadata.modified],
        "authors": [[f.value, f.source, f.kind.value] for f in metadata.authors],
        "publishers": [[f.value, f.source] for f in metadata.publishers],
        "language": metadata.language,
        "unreadable": metadata.unreadable,
        "links": dataclasses.asdict(metadata.links),
    }


def metadata_from_dict(stored: dict[str, Any]) -> PageMetadata:
    return PageMetadata(
        url=stored["url"],
        kind=PageKind(stored["kind"]),
        titles=[Found(value, source) for value, source in stored["titles"]],
        published=[FoundDate(dt.date.fromisoformat(v), s) for v, s in stored["published"]],
        modified=[FoundDate(dt.date.fromisoformat(v), s) for v, s in stored["modified"]],
        authors=[FoundAuthor(v, s, AuthorKind(kind)) for v, s, kind in stored["authors"]],
        publishers=[Found(value, source) for value, source in stored["publishers"]],
        language=stored["language"],
        unreadable=stored.get("unreadable"),
        links=PageLinks(**stored.get("links", {})),
    )
