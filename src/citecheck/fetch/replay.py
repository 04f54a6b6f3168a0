"""Fetching from a WARC instead of the network (`--replay`). Never makes a request.

The WARC may be a file, the WARCs of a WACZ, or a `citecheck archive` bundle folder (see
`replay_sources`). The archive is read once at construction to index its records by target
URI, keeping only offsets; each fetch re-reads its record from disk, so a WARC of thousands of
pages costs little memory. Recorded redirects (3xx records with a Location) are followed
inside the archive.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from citecheck.errors import InputError
from citecheck.fetch.decode import decode_text
from citecheck.fetch.replay_sources import WarcSource, replay_sources
from citecheck.models import FetchError, FetchErrorKind, FetchResult, Hop, PageStamp
from citecheck.settings import FetchSettings
from citecheck.webarchive.url_forms import archive_key, fallback_keys

MAX_REPLAY_REDIRECTS = 10
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
# Preferred record types when one URL has several records: a full response beats a revisit
# (whose payload lives elsewhere), which beats a bare resource.
_PREFERENCE = {"response": 0, "revisit": 1, "resource": 2}
_READ_FAILURES = (OSError, ArchiveLoadFailed, ValueError, EOFError, zlib.error, StopIteration)


@dataclass(frozen=True)
class _RecordRef:
    uri: str
    offset: int
    record_type: str
    refers_to: str | None = None  # a revisit's original record's target URI
    source: int = 0  # which of the replay's WARCs holds it


@dataclass
class _Recorded:
    uri: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    recorded_at: dt.datetime | None = None


class _UnusableRecord(Exception):
    """A record found in the index but not replayable (oversized, payload missing, corrupt)."""

    def __init__(self, error: FetchError) -> None:
        self.error = error
        super().__init__(error.message)


class WarcReplayFetcher:
    """Thread-safe: the index is read-only and every fetch opens the file on its own."""

    def __init__(self, path: Path, *, max_bytes: int = FetchSettings.max_bytes) -> None:
        self.path = path
        self._max_bytes = max_bytes
        self._sources = replay_sources(path)
        self._index: dict[str, _RecordRef] = {}
        for number, source in enumerate(self._sources):
            _add_to_index(self._index, source, number)
        if not self._index:
            # warcio reads some text files as ARC headers; either way there is nothing to replay.
            message = "not a WARC file, or no recorded responses"
            raise InputError(f"{path}: cannot read WARC ({message})")

    def __len__(self) -> int:
        return len(self._index)

    def fetch(self, url: str) -> FetchResult:
        hops: list[Hop] = []
        seen: set[str] = set()
        current = url
        while True:
            ref = self._find(current)
            if ref is None:
                return _failed(url, hops, current, FetchErrorKind.NOT_IN_ARCHIVE, "not in archive")
            if ref.uri in seen:
                message = f"redirect loop at {ref.uri}"
                return _failed(url, hops, ref.uri, FetchErrorKind.TOO_MANY_REDIRECTS, message)
            seen.add(ref.uri)
            try:
                recorded = self._load(ref)
            except _UnusableRecord as unusable:
                return _failed(url, hops, ref.uri, unusable.error.kind, unusable.error.message)
            location = _redirect_location(recorded)
            if location is None:
                return _result(url, hops, recorded)
            hops.append(Hop(recorded.uri, recorded.status))
            if len(hops) > MAX_REPLAY_REDIRECTS:
                message = f"more than {MAX_REPLAY_REDIRECTS} redirects"
                return _failed(url, hops, location, FetchErrorKind.TOO_MANY_REDIRECTS, message)
            current = location

    def peek(self, url: str) -> PageStamp | None:
        """Always None: a replay reads its record anyway, and keeps no verdicts between runs."""
        return None

    def close(self) -> None:
        """Nothing to release: no file stays open between fetches."""

    def _find(self, url: str) -> _RecordRef | None:
        key = archive_key(url)
        if key is None:
            return None
        ref = self._index.get(key)
        if ref is not None:
            return ref
        return next(
            (self._index[variant] for variant in fallback_keys(key) if variant in self._index),
            None,
        )

    def _load(self, ref: _RecordRef) -> _Recorded:
        try:
            recorded = self._read_record(ref)
        except _READ_FAILURES as exc:
            raise _UnusableRecord(_corrupt(ref.uri, exc)) from exc
        if ref.record_type != "revisit":
            return recorded
        original = self._index.get(archive_key(ref.refers_to or "") or "")
        if original is None or original.record_type == "revisit":
            message = f"not in archive (the payload of the revisit of {ref.uri} is missing)"
            raise _UnusableRecord(FetchError(FetchErrorKind.NOT_IN_ARCHIVE, message))
        payload = self._load(original)
        recorded.body = payload.body
        if not recorded.headers:
            recorded.headers = payload.headers
        return recorded

    def _read_record(self, ref: _RecordRef) -> _Recorded:
        with self._sources[ref.source].open() as stream:
            stream.seek(ref.offset)
            record = next(iter(ArchiveIterator(stream)))
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            recorded = _Recorded(uri=uri, status=200, recorded_at=_warc_date(record))
            if record.http_headers is not None:
                recorded.status = _status_code(record.http_headers.get_statuscode())
                recorded.headers = _lower_case_headers(record.http_headers.headers)
            elif record.rec_type == "resource":
                content_type = record.rec_headers.get_header("Content-Type")
                recorded.headers = {"content-type": content_type} if content_type else {}
            if record.rec_type != "revisit":
                recorded.body = self._read_capped(record, uri)
            return recorded

    def _read_capped(self, record: Any, uri: str) -> bytes:
        # content_stream() removes chunked transfer-coding and gzip/deflate/br content-coding.
        stream = record.content_stream()
        chunks: list[bytes] = []
        total = 0
        while chunk := stream.read(_CHUNK):
            total += len(chunk)
            if total > self._max_bytes:
                message = f"archived body of {uri} larger than the {self._max_bytes:,}-byte limit"
                raise _UnusableRecord(FetchError(FetchErrorKind.BODY_TOO_LARGE, message))
            chunks.append(chunk)
        return b"".join(chunks)


def _add_to_index(index: dict[str, _RecordRef], source: WarcSource, number: int) -> None:
    """Index one WARC's records by URL. Of several records of one URL, a full response beats
    a revisit, which beats a bare resource; among equals the later wins, as the exchange a
    run ended with (the 200 after a 503 that was retried) comes after the ones before it."""
    try:
        with source.open() as stream:
            iterator = ArchiveIterator(stream)
            for record in iterator:
                ref = _reference(record, iterator.get_record_offset(), number)
                key = archive_key(ref.uri) if ref is not None else None
                if ref is None or key is None:
                    continue
                known = index.get(key)
                if known is None or _PREFERENCE[ref.record_type] <= _PREFERENCE[known.record_type]:
                    index[key] = ref
    except _READ_FAILURES as exc:
        raise InputError(f"{source.name}: cannot read WARC ({_load_failure_reason(exc)})") from exc


def _reference(record: Any, offset: int, source: int) -> _RecordRef | None:
    if record.rec_type not in _PREFERENCE:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    if not uri:
        return None
    refers_to = record.rec_headers.get_header("WARC-Refers-To-Target-URI")
    return _RecordRef(
        uri=uri.strip("<> "),
        offset=offset,
        record_type=record.rec_type,
        refers_to=refers_to,
        source=source,
    )


def _load_failure_reason(exc: BaseException) -> str:
    text = str(exc)
    if "Unknown archive format" in text:
        return "not a WARC file"
    if "non-chunked gzip" in text:
        return "compressed as a single gzip stream; fix it with `warcio recompress`"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first_line[:200] or type(exc).__name__


def _status_code(value: object) -> int:
    status = int(str(value))  # ValueError for a missing or garbled status line
    if not 100 <= status <= 999:
        raise ValueError(f"impossible HTTP status {status}")
    return status


def _lower_case_headers(pairs: list[tuple[str, str]]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in pairs:
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return headers


def _warc_date(record: Any) -> dt.datetime | None:
    value = record.rec_headers.get_header("WARC-Date")
    try:
        return dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def _redirect_location(recorded: _Recorded) -> str | None:
    location = recorded.headers.get("location", "").strip()
    if recorded.status not in REDIRECT_STATUSES or not location:
        return None
    return urljoin(recorded.uri, location)


def _corrupt(uri: str, exc: BaseException) -> FetchError:
    reason = " ".join(str(exc).split())[:200] or type(exc).__name__
    return FetchError(
        FetchErrorKind.CONNECTION, f"archived record of {uri} is unreadable ({reason})"
    )


def _failed(url: str, hops: list[Hop], at: str, kind: FetchErrorKind, message: str) -> FetchResult:
    return FetchResult(
        requested_url=url,
        final_url=at if hops else None,
        redirects=hops,
        error=FetchError(kind, message),
    )


def _result(url: str, hops: list[Hop], recorded: _Recorded) -> FetchResult:
    text, encoding = decode_text(recorded.body, recorded.headers.get("content-type"))
    return FetchResult(
        requested_url=url,
        final_url=recorded.uri,
        status=recorded.status,
        headers=recorded.headers,
        body=recorded.body,
        text=text,
        encoding=encoding,
        redirects=hops,
        fetched_at=recorded.recorded_at,
    )
