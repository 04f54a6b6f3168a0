"""What `archive --save` sends and keeps: live sources only, the daily cap met by today's
capture, refusals for now asked again once; `--write`'s fields."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fake_archive import BROWSER_USER_AGENT, FakeArchive
from pytest_httpserver import HTTPServer

from citecheck.models import Citation, CitationResult, Status
from citecheck.partial_date import PartialDate
from citecheck.settings import ArchiveSettings, Settings
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


def test_capture_all_and_force_get_from_the_settings_file_reach_save_page_now(
    archive: FakeArchive, transport: Transport, httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    url = httpserver.url_for("/gone")
    config = tmp_path / "citecheck.toml"
    config.write_text("[archive]\ncapture_all = true\nforce_get = true\n", encoding="utf-8")
    from_file = Settings.load(config).archive
    settings = ArchiveSettings(
        **{**_settings(archive).__dict__, "capture_all": True, "force_get": True}
    )
    assert (from_file.capture_all, from_file.force_get) == (True, True)

    (saved,) = save_sources(transport, settings, [Citation("a", url=url)], environ=KEYS)

    (submitted,) = [r for r in archive.log if r.path == "/save"]
    assert submitted.form == {
        "url": url,
        "if_not_archived_within": "30d",
        "capture_all": "1",
        "force_get": "1",
    }
    (job,) = archive.jobs_started
    assert (job.capture_all, job.force_get) == (True, True)
    # capture_all keeps the 404 as a capture; force_get fetched it with a plain GET.
    assert saved.result.state is SaveState.SAVED
    assert [c.status for c in archive.captures if c.original == url] == [404]
    (fetched,) = httpserver.log
    assert fetched[0].headers["User-Agent"] != BROWSER_USER_AGENT
