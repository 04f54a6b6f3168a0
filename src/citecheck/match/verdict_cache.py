"""Verdicts kept on disk, so that a warm re-run need not read, extract or match cached pages.

A citation's result depends only on the citation, the copy of the page it was judged on, the
match settings and citecheck's own code. Entries are keyed by all four: the page by its
`PageStamp` (the fetcher can tell a cached copy's stamp without reading its body), the code by a
digest of the package's source, so that a new version of citecheck never serves an old verdict.
Values are pickled `CitationResult`s: the key changes with the code that defines them, so no
other version ever reads them. They are written in batches, each in one transaction (a
transaction per verdict was most of what keeping one cost); what is not yet written is read from
memory, and `close` writes the rest.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import sqlite3
import threading
from functools import cache
from pathlib import Path

import diskcache

from citecheck.models import Citation, CitationResult, PageStamp
from citecheck.settings import MatchSettings

_STORE_FAILURES = (OSError, sqlite3.Error, diskcache.Timeout)
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent
_BATCH = 64  # verdicts written in one transaction


_FINGERPRINT_LOCK = threading.Lock()


def code_fingerprint() -> str:
    """A digest of every source and data file of the citecheck package, made once a process:
    the pipeline's threads all ask for it as a run begins, and each would otherwise read the
    whole package again."""
    with _FINGERPRINT_LOCK:
        return _code_fingerprint()


@cache
def _code_fingerprint() -> str:
    digest = hashlib.sha1()
    for path in sorted(_PACKAGE_ROOT.rglob("*")):
        if path.suffix in (".py", ".yaml", ".json", ".toml") and path.is_file():
            digest.update(str(path.relative_to(_PACKAGE_ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def verdict_key(
    citation: Citation, page: PageStamp, settings: MatchSettings, *, settings_repr: str = ""
) -> str:
    """The key of the verdict on `citation` against `page` under `settings` (`settings_repr`,
    when given, is `repr(settings)`, made once by a caller that asks for many keys)."""
    # The id, line and citing sentence do not change a verdict; they are stamped back on reuse.
    judged = dataclasses.replace(citation, id="", line=None, context=None)
    described = repr((judged, page, settings_repr or repr(settings)))
    digest = hashlib.sha1(described.encode("utf-8", "surrogatepass"))
    return f"verdict:{code_fingerprint()}:{digest.hexdigest()}"


class VerdictCache:
    """Thread-safe. Unreadable or unwritable entries only cost time."""

    def __init__(self, directory: Path, settings: MatchSettings) -> None:
        self._store = diskcache.Cache(str(directory))
        self._settings = settings
        self._settings_repr = repr(settings)
        self._lock = threading.Lock()
        self._pending: dict[str, CitationResult] = {}

    def _key(self, citation: Citation, page: PageStamp) -> str:
        return verdict_key(citation, page, self._settings, settings_repr=self._settings_repr)

    def get(self, citation: Citation, page: PageStamp) -> CitationResult | None:
        """The verdict on `citation` against this copy of its page, if one was kept."""
        key = self._key(citation, page)
        with self._lock:
            stored: object = self._pending.get(key)
        if stored is None:
            try:
                stored = self._store.get(key)
            except Exception:  # a damaged store or pickle may raise anything: count it a miss
                return None
        if not isinstance(stored, CitationResult):
            return None
        return dataclasses.replace(stored, id=citation.id, line=citation.line)

    def put(self, citation: Citation, page: PageStamp, result: CitationResult) -> None:
        with self._lock:
            self._pending[self._key(citation, page)] = result
            if len(self._pending) < _BATCH:
                return
            batch, self._pending = self._pending, {}
        self._write(batch)

    def flush(self) -> None:
        """Write the verdicts kept in memory."""
        with self._lock:
            batch, self._pending = self._pending, {}
        self._write(batch)

    def _write(self, batch: dict[str, CitationResult]) -> None:
        if not batch:
            return
        with contextlib.suppress(*_STORE_FAILURES), self._store.transact():
            for key, result in batch.items():
                self._store.set(key, result)

    def close(self) -> None:
        self.flush()
        self._store.close()
