"""What `lookup --write` records of the best candidate that passes: the citation's `url`, or,
for a Wayback Machine capture, its `archive_url` and `archive_date` (the capture's day), the
`url` left as cited; with `found_by: lookup`, for review."""

from __future__ import annotations

from citecheck.citation_edits import Value
from citecheck.lookup.finder import LookupResult
from citecheck.partial_date import PartialDate
from citecheck.webarchive.timestamps import parse_wayback_timestamp
from citecheck.webarchive.url_forms import parse_capture_url

FOUND_BY = "lookup"


def accepted_fields(found: LookupResult, wayback_root: str) -> dict[str, Value] | None:
    """The fields to write for `found` ({field: value}); None when no candidate passes.
    `wayback_root` is the Wayback Machine lookup asked (`[archive] wayback`)."""
    best = found.best
    if best is None:
        return None
    url = best.candidate.url
    capture = parse_capture_url(url, wayback_root)
    if capture is None:
        return {"url": url, "found_by": FOUND_BY}
    fields: dict[str, Value] = {"archive_url": url}
    try:
        day = parse_wayback_timestamp(capture.timestamp).date()
    except ValueError:  # fewer than 4 digits: no date to tell
        pass
    else:
        fields["archive_date"] = PartialDate.from_date(day)
    fields["found_by"] = FOUND_BY
    return fields
