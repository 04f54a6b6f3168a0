"""Which archived captures of a page to look at, nearest the moment it was cited first.

The order: 2xx captures taken at or before the reference moment (the citation's `accessed`,
else its `date`), nearest first, then those after it, nearest first; without a reference, the
newest first. The Wayback Machine is asked through its CDX server (the availability API only
when CDX has nothing or cannot be asked: it answers `{}` for pages that are archived), then each
configured Memento archive through its TimeGate. Candidates are produced lazily, so an archive
is asked only when the captures before it did not do.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from citecheck.lookup.http_port import HttpPort
from citecheck.models import Citation
from citecheck.settings import ArchiveSettings
from citecheck.transport import Transport
from citecheck.transport.address_guard import forbidden_reason
from citecheck.webarchive.availability import AvailabilityClient
from citecheck.webarchive.cdx import CdxClient, CdxRecord
from citecheck.webarchive.kept_answers import KeptAnswers
from citecheck.webarchive.memento import MementoArchive, MementoClient
from citecheck.webarchive.timestamps import end_of, parse_wayback_timestamp
from citecheck.webarchive.url_forms import capture_url
from citecheck.webarchive.wire import ArchiveError

WAYBACK = "the Wayback Machine"
# How many CDX rows to ask for per capture looked at: near captures are often identical.
_ROWS_PER_TRY = 4
_WAYBACK_PATH = re.compile(r"^/web/(\d{4,14})([a-z]{2}_)?/(.+)$", re.S)


@dataclass(frozen=True)
class Capture:
    archive: str  # "the Wayback Machine", or a Memento archive's name
    original: str  # the URL as the archive recorded it
    captured_at: dt.datetime | None  # None until the memento itself says (Memento-Datetime)
    url: str  # the capture's address, to show and to record (archive_url)
    raw_url: str  # what to fetch: Wayback's `id_` form (the bytes as captured), else `url`
    digest: str | None = None  # of the payload, when the archive's index says

    @property
    def day(self) -> str:
        return self.captured_at.date().isoformat() if self.captured_at else "unknown date"


def wayback_capture(base: str, timestamp: str, original: str, digest: str | None = None) -> Capture:
    return Capture(
        archive=WAYBACK,
        original=original,
        captured_at=parse_wayback_timestamp(timestamp),
        url=capture_url(timestamp, original, root=base),
        raw_url=capture_url(timestamp, original, "id_", root=base),
        digest=digest,
    )


def wayback_parts(url: str) -> tuple[str, str, str] | None:
    """(root, timestamp, original) of a capture address of the Wayback form
    (`<root>/web/<timestamp>[modifier]/<original>`) on any host: the configured Wayback root
    need not be archive.org's (`url_forms.parse_capture_url` reads archive.org's own)."""
    parts = urlsplit(url)
    match = _WAYBACK_PATH.match(parts.path)
    if not match or not parts.netloc:
        return None
    original = match.group(3) + (f"?{parts.query}" if parts.query else "")
    if not re.match(r"^https?:/", original):
        original = "http://" + original
    original = re.sub(r"^(https?):/(?!/)", r"\1://", original)  # "http:/x" as some links have it
    return f"{parts.scheme}://{parts.netloc}", match.group(1), original


def capture_of_address(url: str) -> Capture:
    """The capture a citation's `archive_url` names: a Wayback address is fetched in its raw
    form; any other archive's address as it is."""
    parts = wayback_parts(url)
    if parts is not None:
        root, timestamp, original = parts
        try:
            capture = wayback_capture(root, timestamp, original)
        except ValueError:
            pass
        else:
            if len(timestamp) == 14:
                return capture
            # A short timestamp names no capture: the archive redirects to the nearest.
            return Capture(WAYBACK, original, None, url, capture.raw_url)
    return Capture(urlsplit(url).netloc or "archive", url, None, url, url)


def is_local(url: str) -> bool:
    """True for a URL on this machine or a private network (`localhost`, a loopback or
    private address): a public archive cannot hold it, so it is not asked."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return forbidden_reason(host) is not None


def reference_moment(citation: Citation) -> dt.datetime | None:
    """The moment the cited version existed: the end of the `accessed` day (or month, or
    year), else of the cited `date`; None when the citation gives neither."""
    moment = citation.accessed or citation.date
    return end_of(moment) if moment is not None else None


def nearest_first(moments: list[dt.datetime], reference: dt.datetime | None) -> list[int]:
    """Indexes of `moments` in the order captures are tried (see the module docstring)."""
    indexes = list(range(len(moments)))
    if reference is None:
        return sorted(indexes, key=lambda i: moments[i], reverse=True)
    before = [i for i in indexes if moments[i] <= reference]
    after = [i for i in indexes if moments[i] > reference]
    before.sort(key=lambda i: reference - moments[i])
    after.sort(key=lambda i: moments[i] - reference)
    return before + after


@dataclass
class CaptureSearch:
    """The candidates for one URL, and what went wrong asking for them (said plainly)."""

    problems: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)  # the archives asked, in order


class Archives:
    """The archives of `settings`, reached through `transport`."""

    def __init__(
        self,
        transport: Transport | None,
        settings: ArchiveSettings,
        index: HttpPort | None = None,
        kept: KeptAnswers | None = None,
    ) -> None:
        """`index` (the page fetcher, with its cache, in a run) answers the CDX and
        availability requests and gets the TimeMaps, so that a run again within the cache's
        max_age asks none of them; the transport otherwise. TimeGates go through the transport
        (they answer redirects), their answers kept in `kept` (the same cache)."""
        self.settings = settings
        if index is None:
            if transport is None:
                raise ValueError("archives need a transport or an index to ask")
            index = transport
        self.wayback = settings.wayback.rstrip("/")
        self._cdx = CdxClient(index, self.wayback, settings.cdx_interval) if self.wayback else None
        self._availability = (
            AvailabilityClient(index, settings.availability) if settings.availability else None
        )
        # TimeGates answer with redirects, which only the live transport follows.
        self._mementos = (
            [
                MementoClient(
                    transport,
                    MementoArchive(urlsplit(gate).netloc or gate, gate),
                    kept=kept,
                    pages=index,
                )
                for gate in settings.timegates
            ]
            if transport is not None
            else []
        )

    def candidates(
        self, url: str, reference: dt.datetime | None, search: CaptureSearch
    ) -> Iterator[Capture]:
        """Captures of `url` in the order to try them; archives are asked as the iteration
        reaches them, and their failures noted in `search`."""
        seen: set[str] = set()
        wayback_found = False
        local = is_local(url)
        if self._cdx is not None and not (local and not is_local(self.wayback)):
            search.asked.append(WAYBACK)
            for capture in self._from_cdx(url, reference, search):
                wayback_found = True
                if capture.digest is None or capture.digest not in seen:
                    seen.add(capture.digest or capture.url)
                    yield capture
        if (
            self._availability is not None
            and not wayback_found
            and not (local and not is_local(self.settings.availability))
        ):
            fallback = self._from_availability(url, reference, search)
            if fallback is not None:
                yield fallback
        for client in self._mementos:
            if local and not is_local(client.archive.timegate):
                continue
            search.asked.append(client.archive.name)
            yield from self._from_memento(client, url, reference, search)

    def _from_memento(
        self,
        client: MementoClient,
        url: str,
        reference: dt.datetime | None,
        search: CaptureSearch,
    ) -> Iterator[Capture]:
        """The memento the TimeGate picks, then (only when more are wanted) the others its
        TimeMap lists, in the order of `nearest_first`."""
        name = client.archive.name
        try:
            memento, links = client.nearest(url, reference)
        except ArchiveError as exc:
            search.problems.append(str(exc))
            return
        if memento is None:
            return
        yield Capture(name, url, memento.datetime, memento.uri, memento.uri)
        timemap = next((link.uri for link in links if "timemap" in link.rels), None)
        if timemap is None and client.archive.timemap is None:
            return
        try:
            listed = client.timemap(url, first_page=timemap)
        except ArchiveError as exc:
            search.problems.append(str(exc))
            return
        listed = [m for m in listed if m.uri != memento.uri and m.datetime is not None]
        moments = [m.datetime for m in listed if m.datetime is not None]
        for i in nearest_first(moments, reference)[: self.settings.captures_tried]:
            yield Capture(name, url, listed[i].datetime, listed[i].uri, listed[i].uri)

    def _from_cdx(
        self, url: str, reference: dt.datetime | None, search: CaptureSearch
    ) -> list[Capture]:
        assert self._cdx is not None
        rows = max(1, self.settings.captures_tried) * _ROWS_PER_TRY
        try:
            if reference is None:
                records: list[CdxRecord] = self._cdx.newest(url, rows)
            else:
                records = self._cdx.search(url, closest=reference, limit=rows).records
        except ArchiveError as exc:
            search.problems.append(str(exc))
            return []
        records = [r for r in records if r.status is not None and 200 <= r.status < 300]
        order = nearest_first([r.captured_at for r in records], reference)
        return [
            wayback_capture(
                self.wayback, records[i].timestamp, records[i].original, records[i].digest
            )
            for i in order
        ]

    def _from_availability(
        self, url: str, reference: dt.datetime | None, search: CaptureSearch
    ) -> Capture | None:
        assert self._availability is not None
        try:
            snapshot = self._availability.closest(url, reference)
        except ArchiveError as exc:
            search.problems.append(str(exc))
            return None
        if snapshot is None or not snapshot.available:
            return None
        if snapshot.status is not None and not 200 <= snapshot.status < 300:
            return None
        parts = wayback_parts(snapshot.url)
        original = parts[2] if parts is not None else url
        return wayback_capture(self.wayback, snapshot.timestamp, original)
