"""Extraction results kept on disk, so that a warm re-run does not parse every page again.

Entries are keyed by what extraction depends on: the extractor's own code, the page's final URL,
its content type and its body. Any change to a module of `citecheck.extract` changes the key, so
an improved extractor never serves stale metadata. Entries are plain dicts (no pickled classes).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import sqlite3
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import diskcache

from citecheck.extract.page import metadata_from_fetch
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


@cache
def extractor_fingerprint() -> str:
    """A digest of the extract package's source: it changes whenever extraction may."""
    digest = hashlib.sha1()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class CachedExtraction:
    """An extractor (`metadata_from_fetch` by default), remembered on disk across runs."""

    def __init__(
        self,
        directory: Path,
        *,
        refresh: bool = False,
        extract: Callable[[FetchResult], PageMetadata] = metadata_from_fetch,
    ) -> None:
        self._cache = diskcache.Cache(str(directory))
        self._refresh = refresh
        self._extract = extract

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
