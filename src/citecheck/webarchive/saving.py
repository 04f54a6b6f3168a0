"""`citecheck archive --save`: ask Save Page Now to capture each live source, and what
`--write` puts in citations.yaml.

Only sources that were reached alive are sent (a dead page would be captured as an error). A
refusal worth another try (`RETRY_LATER`) is sent once more after the others, after a pause;
`too-many-daily-captures` means the page was captured today already, so the newest capture the
CDX server knows is taken instead when it is from the last two days.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from citecheck.faults import fault_of
from citecheck.models import Citation, CitationResult
from citecheck.partial_date import PartialDate
from citecheck.settings import ArchiveSettings
from citecheck.transport import Transport
from citecheck.webarchive.cdx import CdxClient
from citecheck.webarchive.save_page_now import (
    SaveOptions,
    SavePageNow,
    SaveResult,
    SaveState,
    credentials_from_env,
)
from citecheck.webarchive.timestamps import parse_wayback_timestamp
from citecheck.webarchive.url_forms import capture_url
from citecheck.webarchive.wire import ArchiveError

DAILY_CAP = "error:too-many-daily-captures"
_RECENT = dt.timedelta(days=2)


@dataclass(frozen=True)
class SavedSource:
    citation_id: str
    result: SaveResult


def live_sources(
    citations: Iterable[Citation], results: Iterable[CitationResult]
) -> list[Citation]:
    """The citations whose cited URL was reached alive in `results` (not a capture of it)."""
    reached = {
        r.id
        for r in results
        if r.same_as is None
        and r.archive_url is None
        and r.http_status is not None
        and fault_of(r.http_status, None).status is None
    }
    return [c for c in citations if c.id in reached and c.url and c.same_as is None]


def save_sources(
    transport: Transport,
    settings: ArchiveSettings,
    citations: list[Citation],
    *,
    environ: Mapping[str, str] | None = None,
    on_result: Callable[[SavedSource], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[SavedSource]:
    """Capture each citation's URL with Save Page Now (credentials from IA_ACCESS_KEY and
    IA_SECRET_KEY, else anonymous); results in the order of `citations`."""
    options = SaveOptions(
        if_not_archived_within=settings.save_within,
        capture_all=settings.capture_all,
        force_get=settings.force_get,
        poll_interval=settings.save_poll,
        give_up_after=settings.save_timeout,
        submit_interval=settings.save_interval,
    )
    saver = SavePageNow(
        transport, settings.wayback, credentials_from_env(environ), options, sleep=sleep
    )
    cdx = CdxClient(transport, settings.wayback, settings.cdx_interval)
    urls = [c.url for c in citations if c.url]
    outcome = {r.url: r for r in saver.save_all(urls)}
    later = [url for url, r in outcome.items() if r.state is SaveState.RETRY_LATER]
    for url in later:
        if outcome[url].status_ext == DAILY_CAP:
            outcome[url] = _captured_today(cdx, settings.wayback, outcome[url])
    again = [url for url in later if outcome[url].state is SaveState.RETRY_LATER]
    if again:
        sleep(settings.save_retry_after)
        outcome.update({r.url: r for r in saver.save_all(again)})
    saved: list[SavedSource] = []
    for citation in citations:
        if citation.url in outcome:
            one = SavedSource(citation.id, outcome[citation.url])
            saved.append(one)
            if on_result is not None:
                on_result(one)
    return saved


def _captured_today(cdx: CdxClient, wayback: str, refused: SaveResult) -> SaveResult:
    """The newest capture when the page was captured too often today already."""
    try:
        newest = cdx.newest(refused.url, 1)
    except ArchiveError:
        return refused
    if not newest or dt.datetime.now(dt.UTC) - newest[0].captured_at > _RECENT:
        return refused
    record = newest[0]
    return SaveResult(
        refused.url,
        SaveState.SAVED,
        f"captured enough today already; the capture of {record.captured_at.date()} stands",
        timestamp=record.timestamp,
        capture_url=capture_url(record.timestamp, record.original, root=wayback),
    )


def archive_fields(
    saved: Iterable[SavedSource], results: Iterable[CitationResult]
) -> dict[str, dict[str, str | PartialDate]]:
    """What `--write` records per citation id: the new capture of each saved source, else
    the capture a verdict stood on."""
    changes: dict[str, dict[str, str | PartialDate]] = {}
    for result in results:
        if result.same_as is None and result.archive_url and result.archive_date:
            changes[result.id] = {
                "archive_url": result.archive_url,
                "archive_date": PartialDate.parse(result.archive_date),
            }
    for one in saved:
        save = one.result
        if save.state is SaveState.SAVED and save.capture_url and save.timestamp:
            day = parse_wayback_timestamp(save.timestamp).date()
            changes[one.citation_id] = {
                "archive_url": save.capture_url,
                "archive_date": PartialDate.from_date(day),
            }
    return changes
