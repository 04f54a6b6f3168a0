"""What `archive --save` sends and keeps: live sources only, the daily cap met by today's
capture, refusals for now asked again once; `--write`'s fields."""

from __future__ import annotations

import datetime as dt

from fake_archive import FakeArchive
from pytest_httpserver import HTTPServer

from citecheck.models import Citation, CitationResult, Status
from citecheck.partial_date import PartialDate
from citecheck.settings import ArchiveSettings
from citecheck.transport import Transport
from citecheck.webarchive.save_page_now import SaveState
from citecheck.webarchive.saving import archive_fields, live_sources, save_sources

KEYS = {"IA_ACCESS_KEY": "test-access", "IA_SECRET_KEY": "test-secret"}


def _settings(archive: FakeArchive) -> ArchiveSettings:
    return ArchiveSettings(
        wayback=archive.base, save_interval=0, save_poll=0.01, save_retry_after=0, cdx_interval=0
    )


def test_only_sources_reached_alive_are_sent() -> None:
    citations = [
        Citation("a", url="https://e.org/a"),
        Citation("b", url="https://e.org/b"),
        Citation("c", url="https://e.org/c"),
        Citation("d", same_as="a"),
    ]
    results = [
        CitationResult("a", Status.VERIFIED, http_status=200),
        CitationResult("b", Status.FAILED, http_status=404),
        CitationResult(
            "c",
            Status.WARNING,
            http_status=200,
            archive_url="https://web.archive.org/web/2016/https://e.org/c",
        ),
        CitationResult("d", Status.VERIFIED, http_status=200, same_as="a"),
    ]
    assert [c.id for c in live_sources(citations, results)] == ["a"]


def test_the_daily_cap_is_met_by_todays_capture(
    archive: FakeArchive, transport: Transport, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/a").respond_with_data("<title>A</title>", content_type="text/html")
    url = httpserver.url_for("/a")
    today = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)).strftime("%Y%m%d%H%M%S")
    archive.add(url, today, "<title>A</title>")
    archive.daily_limit = 0
    # Reusing a recent capture would hide the cap: ask for a fresh one.
    settings = ArchiveSettings(**{**_settings(archive).__dict__, "save_within": "1h"})
    (saved,) = save_sources(transport, settings, [Citation("a", url=url)], environ=KEYS)
    assert saved.result.state is SaveState.SAVED and saved.result.timestamp == today
    assert "captured enough today already" in saved.result.message


def test_a_refusal_for_now_is_asked_again_once(
    archive: FakeArchive, transport: Transport, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/a").respond_with_data("<title>A</title>", content_type="text/html")
    url = httpserver.url_for("/a")
    archive.fail_next["/save"] = [(502, None)]
    (saved,) = save_sources(transport, _settings(archive), [Citation("a", url=url)], environ=KEYS)
    assert saved.result.state is SaveState.SAVED
    assert len([r for r in archive.requests_to("/save") if r.method == "POST"]) == 2


def test_write_records_new_captures_over_the_ones_verdicts_stood_on() -> None:
    results = [
        CitationResult(
            "a",
            Status.WARNING,
            archive_url="https://web.archive.org/web/20160815000000/https://e.org/a",
            archive_date="2016-08-15",
        ),
        CitationResult("b", Status.VERIFIED),
    ]
    assert archive_fields([], results) == {
        "a": {
            "archive_url": "https://web.archive.org/web/20160815000000/https://e.org/a",
            "archive_date": PartialDate(2016, 8, 15),
        }
    }
