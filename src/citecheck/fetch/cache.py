"""The on-disk cache of fetch results (diskcache), with freshness and revalidation data.

Entries are stored as plain dicts of str/int/bytes, not pickled classes, so a cache written by
one version of citecheck stays readable by the next. Each URL's record (status, headers,
redirects, the body's SHA-1) is kept apart from its body, which is stored once per distinct
content under its digest: a warm run can learn what a cached page is without reading it, and
identical pages share one copy. A body that came gzip-encoded is kept as it came (about a fifth
of its size) and inflated, under the size cap, when it is read. A result is stored only once
it is complete, its body and the record that points at it in one transaction, so a run killed
mid-download leaves either the old entry or none.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import diskcache
from urllib3.exceptions import DecodeError

from citecheck.errors import InputError
from citecheck.faults import Keep, fault_of, policy_for
from citecheck.fetch.url_locks import UrlLocks
from citecheck.models import FetchError, FetchErrorKind, FetchResult, Hop, PageStamp
from citecheck.transport.body_reader import BodyTooLarge, gunzip_capped

_KEY_PREFIX = "fetch:v2:"
_BODY_PREFIX = "body:v1:"
_FORMAT = 2
# Headers a 304 may bring up to date (RFC 9111 §4.3.4); the body-describing ones stay.
_REFRESHABLE_HEADERS = frozenset({"date", "etag", "last-modified", "expires", "cache-control"})
_STORE_FAILURES = (OSError, sqlite3.Error, diskcache.Timeout)


@dataclass
class CachedFetch:
    requested_url: str
    stored_at: float  # wall-clock seconds (time.time()) of the download or last revalidation
    final_url: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    redirects: list[Hop] = field(default_factory=list)
    error: FetchError | None = None
    body_sha1: str = ""  # of `body`; kept when only the record is read (body left empty)
    gzip_body: bytes | None = None  # `body` as it came, when gzip-encoded: what is stored

    def __post_init__(self) -> None:
        if not self.body_sha1:
            self.body_sha1 = hashlib.sha1(self.body).hexdigest()

    @property
    def keep(self) -> Keep:
        """How long the fault policy lets this outcome be kept."""
        return fault_of(self.status, self.error.kind if self.error else None).keep

    @property
    def is_failure(self) -> bool:
        """A failure of the source: kept only for `error_max_age`, never revalidated."""
        return self.keep is not Keep.PAGE

    def age(self, now: float) -> float:
        return now - self.stored_at

    def validators(self) -> dict[str, str]:
        """Conditional-request headers for revalidating this copy (empty if it has none)."""
        if self.is_failure:
            return {}
        conditional: dict[str, str] = {}
        if etag := self.headers.get("etag"):
            conditional["If-None-Match"] = etag
        if last_modified := self.headers.get("last-modified"):
            conditional["If-Modified-Since"] = last_modified
        return conditional

    def refreshed(self, not_modified_headers: dict[str, str], now: float) -> CachedFetch:
        headers = dict(self.headers)
        headers.update(
            (name, value)
            for name, value in not_modified_headers.items()
            if name in _REFRESHABLE_HEADERS
        )
        return CachedFetch(
            requested_url=self.requested_url,
            stored_at=now,
            final_url=self.final_url,
            status=self.status,
            headers=headers,
            body=self.body,
            redirects=list(self.redirects),
            body_sha1=self.body_sha1,
        )

    def stamp(self) -> PageStamp:
        return self.to_result().stamp()

    def to_result(self, *, revalidated: bool = False) -> FetchResult:
        """The cached copy as a FetchResult (without `text`: the fetcher decodes it)."""
        return FetchResult(
            requested_url=self.requested_url,
            final_url=self.final_url,
            status=self.status,
            headers=dict(self.headers),
            body=self.body,
            redirects=list(self.redirects),
            error=self.error,
            from_cache=True,
            revalidated=revalidated,
            fetched_at=dt.datetime.fromtimestamp(self.stored_at, dt.UTC),
            body_sha1=self.body_sha1,
        )

    @classmethod
    def from_result(cls, result: FetchResult, now: float) -> CachedFetch:
        return cls(
            requested_url=result.requested_url,
            stored_at=now,
            final_url=result.final_url,
            status=result.status,
            headers=dict(result.headers),
            body=result.body,
            redirects=list(result.redirects),
            error=result.error,
            body_sha1=result.body_sha1 or "",
        )


def is_cacheable(result: FetchResult) -> bool:
    """Whether the fault policy lets `result` be kept at all."""
    return policy_for(result).keep is not Keep.NEVER


class FetchCache:
    """Thread-safe (diskcache is). Read and write failures degrade to "not cached"."""

    def __init__(
        self,
        directory: Path,
        max_age: float,
        error_max_age: float,
        max_body_bytes: int = 15_000_000,
    ) -> None:
        self.max_age = max_age
        self._locks = UrlLocks(Path(directory))
        self.error_max_age = error_max_age
        self._max_body_bytes = max_body_bytes
        try:
            # Bodies stay inside SQLite: as files (diskcache's default from 32 KB) each write
            # made a file and folders, most of a cache write's CPU. Culling waits for close().
            self._store = diskcache.Cache(str(directory), disk_min_file_size=2**26, cull_limit=0)
        except _STORE_FAILURES as exc:
            raise InputError(f"{directory}: cannot open the cache directory ({exc})") from exc

    def get(self, url: str) -> CachedFetch | None:
        """The cached copy of `url` with its body; None if either is missing."""
        entry = self.record(url)
        if entry is None:
            return None
        try:
            stored = self._store.get(_BODY_PREFIX + entry.body_sha1)
        except _STORE_FAILURES:
            return None
        body = _body_of(stored, self._max_body_bytes)
        if body is None or hashlib.sha1(body).hexdigest() != entry.body_sha1:
            return None  # evicted or damaged: fetch again
        entry.body = body
        return entry

    def record(self, url: str) -> CachedFetch | None:
        """The cached copy of `url` without reading its body (`body` left empty)."""
        try:
            stored = self._store.get(_KEY_PREFIX + url)
        except _STORE_FAILURES:
            return None
        return _decode_entry(stored)

    def is_fresh(self, entry: CachedFetch, now: float) -> bool:
        lifetime = self.error_max_age if entry.is_failure else self.max_age
        return entry.age(now) < lifetime

    def put(self, entry: CachedFetch) -> None:
        if entry.keep is Keep.NEVER:
            return
        if entry.is_failure:
            if self.error_max_age <= 0:
                return
            # Expired failures are of no use even offline; let diskcache drop them.
            expire: float | None = self.error_max_age
        else:
            expire = None
        try:
            body_key = _BODY_PREFIX + entry.body_sha1
            # The body never has an expiry: other records may share it. An identical body is
            # not written again. Body and record go in one transaction (one commit a page,
            # not one each).
            with self._store.transact():
                if body_key not in self._store:
                    self._store.set(body_key, _stored_body(entry))
                self._store.set(
                    _KEY_PREFIX + entry.requested_url, _encode_entry(entry), expire=expire
                )
        except _STORE_FAILURES:
            return

    def fetching(self, url: str, wait_limit: float) -> contextlib.AbstractContextManager[bool]:
        """Hold `url`'s lock while fetching it, so that runs sharing this cache (other threads,
        other processes) never fetch one URL at the same time: the later one waits, then finds
        the copy the first one stored. Yields whether it had to wait (see `UrlLocks`)."""
        return self._locks.holding(url, wait_limit)

    def close(self) -> None:
        with contextlib.suppress(*_STORE_FAILURES):
            self._store.cull()  # keep within diskcache's size limit (1 GB), oldest first
        self._store.close()


def _stored_body(entry: CachedFetch) -> bytes | dict[str, bytes]:
    # Plain bytes are a body stored as it is (and what earlier versions stored).
    return {"gzip": entry.gzip_body} if entry.gzip_body is not None else entry.body


def _body_of(stored: object, max_bytes: int) -> bytes | None:
    """The body a stored value holds; None for anything that does not give one."""
    if isinstance(stored, bytes):
        return stored
    if isinstance(stored, dict) and isinstance(stored.get("gzip"), bytes):
        try:
            return gunzip_capped(stored["gzip"], max_bytes)
        except (DecodeError, BodyTooLarge):
            return None
    return None


def _encode_entry(entry: CachedFetch) -> dict[str, Any]:
    return {
        "format": _FORMAT,
        "requested_url": entry.requested_url,
        "stored_at": entry.stored_at,
        "final_url": entry.final_url,
        "status": entry.status,
        "headers": dict(entry.headers),
        "body_sha1": entry.body_sha1,
        "redirects": [[hop.url, hop.status] for hop in entry.redirects],
        "error": [entry.error.kind.value, entry.error.message] if entry.error else None,
    }


def _decode_entry(stored: object) -> CachedFetch | None:
    """A stored dict back to a CachedFetch; None for anything unexpected (treated as a miss)."""
    if not isinstance(stored, dict) or stored.get("format") != _FORMAT:
        return None
    try:
        error = stored["error"]
        return CachedFetch(
            requested_url=str(stored["requested_url"]),
            stored_at=float(stored["stored_at"]),
            final_url=stored["final_url"],
            status=stored["status"],
            headers={str(k): str(v) for k, v in stored["headers"].items()},
            body_sha1=str(stored["body_sha1"]),
            redirects=[Hop(str(url), int(status)) for url, status in stored["redirects"]],
            error=FetchError(FetchErrorKind(error[0]), str(error[1])) if error else None,
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
