"""The Wayback Machine's CDX server (`/cdx/search/cdx`), asked for JSON.

JSON answers are an array of arrays of strings whose first row is the header naming the fields
(the default ones, or those asked for with `fl`); `[]` or a header alone means no captures, and
with `showResumeKey=true` the rows end with an empty row and a one-string row holding the key.
Revisit rows carry `-` as their status. See protocols.md §2.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from citecheck.lookup.http_port import HttpPort
from citecheck.transport.host_limiter import HostLimiter
from citecheck.webarchive.timestamps import parse_wayback_timestamp, wayback_timestamp
from citecheck.webarchive.wire import ArchiveError, json_answer

SERVICE = "the Wayback CDX server"
DEFAULT_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
ONLY_2XX = "statuscode:2.."


@dataclass(frozen=True)
class CdxRecord:
    """One capture as the CDX index lists it. `status` is None for revisit (dedup) rows."""

    timestamp: str
    original: str
    status: int | None = None
    mimetype: str | None = None
    digest: str | None = None
    urlkey: str | None = None
    length: int | None = None

    @property
    def captured_at(self) -> dt.datetime:
        return parse_wayback_timestamp(self.timestamp)


@dataclass(frozen=True)
class CdxPage:
    records: list[CdxRecord]
    resume_key: str | None = None  # pass back as `resume_key` for the rows that follow


class CdxClient:
    """`base` is the Wayback Machine's root, e.g. `https://web.archive.org`. Requests start
    at least `interval` seconds apart, whatever thread sends them: the Internet Archive blocks
    clients that ask its CDX server more than about 24 times a minute."""

    def __init__(self, transport: HttpPort, base: str, interval: float = 0.0) -> None:
        self._transport = transport
        self.endpoint = base.rstrip("/") + "/cdx/search/cdx"
        self._pace = HostLimiter(1, interval)

    def search(
        self,
        url: str,
        *,
        closest: dt.datetime | None = None,
        since: dt.datetime | str | None = None,
        until: dt.datetime | str | None = None,
        filters: Sequence[str] = (ONLY_2XX,),
        collapse: str | None = None,
        limit: int | None = None,
        fast_latest: bool = False,
        match_type: str | None = None,
        resume_key: str | None = None,
        show_resume_key: bool = False,
    ) -> CdxPage:
        """Captures of `url`, 2xx only unless `filters` say otherwise; with `closest`, nearest
        first (either side of it). A negative `limit` asks for the last captures."""
        params: dict[str, str | list[str]] = {"url": url, "output": "json"}
        if closest is not None:
            params["closest"] = wayback_timestamp(closest)
            params["sort"] = "closest"
        for name, bound in (("from", since), ("to", until)):
            if bound is not None:
                params[name] = bound if isinstance(bound, str) else wayback_timestamp(bound)
        if filters:
            params["filter"] = list(filters)
        if collapse:
            params["collapse"] = collapse
        if limit is not None:
            params["limit"] = str(limit)
        if fast_latest:
            params["fastLatest"] = "true"
        if match_type:
            params["matchType"] = match_type
        if show_resume_key:
            params["showResumeKey"] = "true"
        if resume_key:
            params["resumeKey"] = resume_key
        # Encoded here: `filter` may repeat, which a mapping of parameters cannot say.
        query = f"{self.endpoint}?{urlencode(params, doseq=True)}"
        # An answer the page cache holds reaches no server: it waits for no pause.
        from_cache = getattr(self._transport, "answers_from_cache", None)
        if callable(from_cache) and from_cache(query):
            reply = self._transport.get(query)
        else:
            with self._pace.slot("cdx"):
                reply = self._transport.get(query)
        return parse_cdx_json(json_answer(reply, SERVICE))

    def newest(self, url: str, count: int) -> list[CdxRecord]:
        """The last `count` 2xx captures of `url`, newest first."""
        page = self.search(url, limit=-count, fast_latest=True)
        records = sorted(page.records, key=lambda r: r.timestamp, reverse=True)
        return records[:count]


def parse_cdx_json(data: object) -> CdxPage:
    """Rows of a JSON CDX answer, named by its header row; ArchiveError for another shape."""
    if not isinstance(data, list) or not all(isinstance(row, list) for row in data):
        raise ArchiveError(f"{SERVICE} answered JSON that is not a list of rows")
    rows: list[list[object]] = list(data)
    resume_key = None
    if len(rows) >= 2 and rows[-2] == [] and len(rows[-1]) == 1:
        resume_key = str(rows[-1][0])
        rows = rows[:-2]
    if not rows:
        return CdxPage([], resume_key)
    header = [str(name) for name in rows[0]]
    if "timestamp" not in header or "original" not in header:
        raise ArchiveError(f"{SERVICE} answered rows without timestamp and original: {header}")
    records: list[CdxRecord] = []
    for row in rows[1:]:
        if len(row) != len(header) or not all(isinstance(cell, str) for cell in row):
            raise ArchiveError(f"{SERVICE} answered a row that does not fit its header: {row}")
        records.append(_record(dict(zip(header, (str(cell) for cell in row), strict=True))))
    return CdxPage(records, resume_key)


def _record(fields: dict[str, str]) -> CdxRecord:
    timestamp = fields["timestamp"]
    try:
        parse_wayback_timestamp(timestamp)
    except ValueError as exc:
        raise ArchiveError(f"{SERVICE} answered a bad timestamp: {exc}") from None
    return CdxRecord(
        timestamp=timestamp,
        original=fields["original"],
        status=_number(fields.get("statuscode")),
        mimetype=fields.get("mimetype"),
        digest=fields.get("digest"),
        urlkey=fields.get("urlkey"),
        length=_number(fields.get("length")),
    )


def _number(text: str | None) -> int | None:
    return int(text) if text is not None and text.isdigit() else None
