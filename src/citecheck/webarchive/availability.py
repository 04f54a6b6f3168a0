"""The Wayback Availability API (`/wayback/available`): at most one capture, the nearest.

Only a fallback: it is known to answer `{"archived_snapshots": {}}` for pages that are archived,
and its one `closest` snapshot need not be a 2xx capture (read its `status`). `status` and
`timestamp` are strings, `available` a boolean. See protocols.md §1.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from citecheck.lookup.http_port import HttpPort
from citecheck.webarchive.timestamps import parse_wayback_timestamp, wayback_timestamp
from citecheck.webarchive.wire import ArchiveError, json_answer

SERVICE = "the Wayback availability API"


@dataclass(frozen=True)
class Snapshot:
    url: str  # the capture's view address, as the API gives it (often http://web.archive.org)
    timestamp: str
    status: int | None
    available: bool


class AvailabilityClient:
    """`endpoint` is the API's full address, e.g. `https://archive.org/wayback/available`."""

    def __init__(self, transport: HttpPort, endpoint: str) -> None:
        self._transport = transport
        self.endpoint = endpoint

    def closest(self, url: str, when: dt.datetime | None = None) -> Snapshot | None:
        """The snapshot nearest to `when` (the newest without it); None when it says none."""
        params: dict[str, str] = {"url": url}
        if when is not None:
            params["timestamp"] = wayback_timestamp(when)
        reply = self._transport.get(self.endpoint, params=params)
        return parse_availability(json_answer(reply, SERVICE))


def parse_availability(data: object) -> Snapshot | None:
    if not isinstance(data, dict):
        raise ArchiveError(f"{SERVICE} answered JSON that is not an object")
    snapshots = data.get("archived_snapshots", {})
    if not isinstance(snapshots, dict):
        raise ArchiveError(f"{SERVICE} answered archived_snapshots that is not an object")
    closest = snapshots.get("closest")
    if closest is None:
        return None
    if not isinstance(closest, dict):
        raise ArchiveError(f"{SERVICE} answered a closest snapshot that is not an object")
    url, timestamp = closest.get("url"), closest.get("timestamp")
    if not isinstance(url, str) or not isinstance(timestamp, str):
        raise ArchiveError(f"{SERVICE} answered a snapshot without url and timestamp")
    try:
        parse_wayback_timestamp(timestamp)
    except ValueError as exc:
        raise ArchiveError(f"{SERVICE} answered a bad timestamp: {exc}") from None
    status = closest.get("status")
    return Snapshot(
        url=url,
        timestamp=timestamp,
        status=int(status) if isinstance(status, str) and status.isdigit() else None,
        available=closest.get("available") is True,
    )
