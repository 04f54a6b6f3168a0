"""Verdicts kept on disk, so that a warm re-run need not read, extract or match cached pages.

A citation's result depends only on the citation, the copy of the page it was judged on, the
match settings and citecheck's own code. Entries are keyed by all four: the page by its
`PageStamp` (the fetcher can tell a cached copy's stamp without reading its body), the code by a
digest of the package's source, so that a new version of citecheck never serves an old verdict.
Values are pickled `CitationResult`s: the key changes with the code that defines them, so no
other version ever reads them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import sqlite3
from functools import cache
from pathlib import Path

import diskcache

from citecheck.models import Citation, CitationResult, PageStamp
from citecheck.settings import MatchSettings

_STORE_FAILURES = (OSError, sqlite3.Error, diskcache.Timeout)
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent


@cache
def code_fingerprint() -> str:
    """A digest of every source and data file of the citecheck package."""
    digest = hashlib.sha1()
    for path in sorted(_PACKAGE_ROOT.rglob("*")):
        if path.suffix in (".py", ".yaml", ".json", ".toml") and path.is_file():
            digest.update(str(path.relative_to(_PACKAGE_ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def verdict_key(citation: Citation, page: PageStamp, settings: MatchSettings) -> str:
    # The id, line and citing sentence do not change a verdict; they are stamped back on reuse.
    judged = dataclasses.replace(citation, id="", line=None, context=None)
    digest = hashlib.sha1(repr((judged, page, settings)).encode("utf-8", "surrogatepass"))
    return f"verdict:{code_fingerprint()}:{digest.hexdigest()}"


class VerdictCache:
    """Thread-safe (diskcache is). Unreadable or unwritable entries only cost time."""

    def __init__(self, directory: Path, settings: MatchSettings) -> None:
        self._store = diskcache.Cache(str(directory))
        self._settings = settings

    def get(self, citation: Citation, page: PageStamp) -> CitationResult | None:
        """The verdict on `citation` against this copy of its page, if one was kept."""
        try:
            stored = self._store.get(verdict_key(citation, page, self._settings))
        except Exception:  # a damaged store or pickle may raise anything: count it a miss
            return None
        if not isinstance(stored, CitationResult):
            return None
        return dataclasses.replace(stored, id=citation.id, line=citation.line)

    def put(self, citation: Citation, page: PageStamp, result: CitationResult) -> None:
        with contextlib.suppress(*_STORE_FAILURES):
            self._store.set(verdict_key(citation, page, self._settings), result)

    def close(self) -> None:
        self._store.close()
