"""What the bundle knows of each citation: its result, the body kept of its final response, and
where its copies are (local snapshot, Internet Archive)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from citecheck.models import Citation, CitationResult
from citecheck.webarchive.url_forms import parse_capture_url


@dataclass(frozen=True)
class KeptBody:
    """The decoded body of one recorded response, kept in a file until the bundle is written."""

    url: str
    recorded_at: dt.datetime
    status: int
    content_type: str  # the whole header, parameters included
    sha256: str
    size: int
    path: Path


@dataclass(frozen=True)
class ArchiveCopy:
    url: str
    captured: str | None  # ISO 8601 date or date-time, as precise as the archive says


@dataclass
class BundleEntry:
    citation: Citation
    result: CitationResult
    body: KeptBody | None = None
    snapshot: str | None = None  # path relative to the bundle folder
    archive: ArchiveCopy | None = None


def archive_copy(citation: Citation, result: CitationResult) -> ArchiveCopy | None:
    """The archived copy of a source: the capture the verdict used, else the citation's own
    archive_url."""
    if result.archive_url:
        captured = result.archive_date or capture_date(result.archive_url)
        return ArchiveCopy(url=result.archive_url, captured=captured)
    if citation.archive_url:
        return ArchiveCopy(url=citation.archive_url, captured=capture_date(citation.archive_url))
    return None


def capture_date(archive_url: str) -> str | None:
    """The capture time a Wayback URL states (`/web/20160815120000/...`), in ISO 8601."""
    capture = parse_capture_url(archive_url)
    if capture is None:
        return None
    digits = capture.timestamp
    try:
        if len(digits) >= 14:
            moment = dt.datetime.strptime(digits[:14], "%Y%m%d%H%M%S")
            return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        if len(digits) >= 8:
            return dt.datetime.strptime(digits[:8], "%Y%m%d").date().isoformat()
    except ValueError:
        return None
    return digits[:4] if len(digits) < 6 else f"{digits[:4]}-{digits[4:6]}"
