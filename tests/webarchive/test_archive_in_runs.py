"""Archived copies in whole verification runs: a Session verifies citations whose sources live
on a loopback server, with the fake archive of `fake_archive.py` as the Wayback Machine."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_archive import FakeArchive
from pytest_httpserver import HTTPServer

from citecheck import Session
from citecheck.citations import load_citations
from citecheck.models import CitationResult, Status
from citecheck.settings import ArchiveSettings, FetchSettings, Settings

BODY = (
    "<p>"
    + "The floods that followed the monsoon rains displaced thousands of families. " * 12
    + "</p>"
)


def page(title: str, date: str = "2016-08-14") -> str:
    return (
        f"<html><head><title>{title} | Daily Chronicle</title>"
        f'<meta property="og:title" content="{title}">'
        '<meta property="og:site_name" content="Daily Chronicle">'
        f'<meta property="article:published_time" content="{date}T08:00:00Z">'
        f"</head><body><article><h1>{title}</h1>{BODY}{BODY}</article></body></html>"
    )


CITED = "Floods displace thousands in Sindh"


def settings_for(archive: FakeArchive, **archive_options: object) -> Settings:
    settings = Settings()
    settings.fetch = FetchSettings(
        retries=0,
        backoff=0.01,
        host_interval=0.0,
        allow_private=True,
        connectivity_probes=(),
        workers=2,
    )
    settings.archive = ArchiveSettings(
        wayback=archive.base,
        availability=archive.base + "/wayback/available",
        cdx_interval=0,
        **archive_options,  # type: ignore[arg-type]
    )
    return settings


def verify(tmp_path: Path, settings: Settings, entries: str) -> list[CitationResult]:
    citations = tmp_path / "citations.yaml"
    citations.write_text("citations:\n" + entries, encoding="utf-8")
    with Session(settings) as session:
        return session.verify(load_citations(citations)).results


def entry(url: str, title: str = CITED, extra: str = "") -> str:
    return (
        f"  - id: n1\n    title: {title}\n    publisher: Daily Chronicle\n"
        f"    date: 2016-08-14\n    accessed: 2016-08-16\n    url: {url}\n{extra}"
    )


@pytest.fixture
def live(httpserver: HTTPServer) -> HTTPServer:
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    httpserver.expect_request("/story").respond_with_data(
        page("Minister resigns as protests grow"), content_type="text/html"
    )
    httpserver.expect_request("/").respond_with_data(
        page("Daily Chronicle: home"), content_type="text/html"
    )
    return httpserver


def test_a_dead_source_is_verified_on_its_nearest_capture_that_counts(
    tmp_path: Path, archive: FakeArchive, live: HTTPServer
) -> None:
    url = live.url_for("/gone")
    archive.add(url, "20160815101500", page(CITED))
    # Nearer the access date, but an archived error page served with 200: it does not count.
    archive.add(url, "20160816093000", page("Page not found"))
    archive.add(url, "20160901000000", page(CITED))  # after the access date: tried last
    (result,) = verify(tmp_path, settings_for(archive), entry(url))
    assert result.status is Status.WARNING
    assert result.reasons[0] == "dead (HTTP 404 Not Found); capture of 2016-08-15 verified"
    assert (
        result.reasons[1]
        == "skipped the capture of 2016-08-16 is another page (its title: 'Page not found')"
    )
    assert result.archive_url == f"{archive.base}/web/20160815101500/{url}"
    assert result.archive_date == "2016-08-15"
    assert result.fetched_url == f"{archive.base}/web/20160815101500id_/{url}"
    (cdx,) = archive.requests_to("/cdx/")
    assert ("filter", "statuscode:2..") in cdx.query and ("closest", "20160816235959") in cdx.query
    assert archive.requests_to("/wayback/") == []  # CDX answered: no fallback asked


def test_a_citations_archive_url_that_redirects_to_the_home_page_does_not_count(
    tmp_path: Path, archive: FakeArchive, live: HTTPServer
) -> None:
    url, home = live.url_for("/gone"), live.url_for("/")
    archive.add(url, "20160816000000", "", status=301, location=home)
    archive.add(home, "20160816000100", page("Daily Chronicle: home"))
    archive.add(url, "20160810000000", page(CITED))
    cited_copy = f"{archive.base}/web/20160816000000/{url}"
    (result,) = verify(
        tmp_path, settings_for(archive), entry(url, extra=f"    archive_url: {cited_copy}\n")
    )
    assert (
        result.reasons[0] == "dead (HTTP 404 Not Found); capture of 2016-08-16 verified"
        or result.reasons[0] == "dead (HTTP 404 Not Found); capture of 2016-08-10 verified"
    )
    assert result.archive_date == "2016-08-10"
    assert "redirects to the home page" in result.reasons[1]
    # The cited capture was fetched raw, then the nearest of the CDX.
    replays = [r.path for r in archive.requests_to("/web/")]
    assert replays[0] == f"/web/20160816000000id_/{url}"


def test_a_dead_source_without_captures_fails_and_says_where_it_looked(
    tmp_path: Path, archive: FakeArchive, live: HTTPServer
) -> None:
    archive.availability_empty = True
    (result,) = verify(tmp_path, settings_for(archive), entry(live.url_for("/gone")))
    assert result.status is Status.FAILED
    assert result.reasons[-1] == "no capture found in the Wayback Machine"
    assert result.archive_url is None


def test_the_availability_api_stands_in_when_cdx_refuses(
    tmp_path: Path, archive: FakeArchive, live: HTTPServer
) -> None:
    url = live.url_for("/gone")
    archive.add(url, "20160815101500", page(CITED))
    archive.fail_next["/cdx/"] = [(429, "300")]
    (result,) = verify(tmp_path, settings_for(archive), entry(url))
    assert result.reasons[0] == "dead (HTTP 404 Not Found); capture of 2016-08-15 verified"
    assert len(archive.requests_to("/wayback/available")) == 1


def test_a_changed_headline_whose_capture_matches_is_a_warning_saying_so(
    tmp_path: Path, archive: FakeArchive, live: HTTPServer
) -> None:
    url = live.url_for("/story")
    archive.add(url, "20160814120000", page("Minister under fire as protests grow"))
    cited = "Minister under fire as protests grow"
    (result,) = verify(tmp_path, settings_for(archive), entry(url, title=cited))
    assert result.status is Status.WARNING
    assert result.reasons[0] == "title changed since cited; the capture of 2016-08-14 matches"
    assert result.archive_url == f"{archive.base}/web/20160814120000/{url}"
    assert result.fetched_url == url  # the live page is still what was checked


def test_a_changed_headline_without_a_matching_capture_keeps_its_verdict(
    tmp_path: Path, archive: FakeArchive, live: HTTPServer
) -> None:
    url = live.url_for("/story")
    archive.add(url, "20160814120000", page("Minister resigns as protests grow"))
    (result,) = verify(
        tmp_path, settings_for(archive), entry(url, title="Cabinet reshuffle announced in Karachi")
    )
    assert result.status is Status.FAILED
    assert result.archive_url is None
    assert not any("changed since cited" in reason for reason in result.reasons)


def test_a_matching_live_page_asks_no_archive(
    tmp_path: Path, archive: FakeArchive, live: HTTPServer
) -> None:
    url = live.url_for("/story")
    (result,) = verify(
        tmp_path, settings_for(archive), entry(url, title="Minister resigns as protests grow")
    )
    assert result.status is Status.VERIFIED
    assert archive.log == []


def test_archived_checks_the_capture_instead_of_the_live_page(
    tmp_path: Path, archive: FakeArchive, live: HTTPServer
) -> None:
    url = live.url_for("/story")
    archive.add(url, "20160814120000", page("Minister under fire as protests grow"))
    (result,) = verify(
        tmp_path,
        settings_for(archive, archived=True),
        entry(url, title="Minister under fire as protests grow"),
    )
    assert result.status is Status.VERIFIED
    assert result.reasons[0] == "checked the capture of 2016-08-14 (--archived)"
    assert result.archive_date == "2016-08-14"


def test_a_memento_archive_is_asked_when_the_wayback_machine_has_nothing(
    tmp_path: Path, archive: FakeArchive, live: HTTPServer
) -> None:
    other = FakeArchive()
    other.start()
    try:
        url = live.url_for("/gone")
        other.add(url, "20160815101500", page(CITED))
        settings = settings_for(archive, timegates=(other.base + "/web/",))
        (result,) = verify(tmp_path, settings, entry(url))
    finally:
        other.stop()
    assert result.reasons[0] == "dead (HTTP 404 Not Found); capture of 2016-08-15 verified"
    assert result.archive_url == f"{other.base}/web/20160815101500/{url}"
    (asked,) = other.requests_to("/web/http")
    assert asked.headers["accept-datetime"] == "Tue, 16 Aug 2016 23:59:59 GMT"


def test_a_public_archive_is_not_asked_about_a_local_source(
    tmp_path: Path, archive: FakeArchive, live: HTTPServer
) -> None:
    settings = settings_for(archive)
    # A public archive (the real one's address, unreachable here) is never asked about a
    # page on this machine: no request leaves for it, and the verdict says where it looked.
    settings.archive = ArchiveSettings(wayback="https://web.archive.org", availability="")
    (result,) = verify(tmp_path, settings, entry(live.url_for("/gone")))
    assert result.status is Status.FAILED
    assert result.reasons[-1] == "no capture found in any archive"


def test_a_citation_with_only_an_archive_url_is_checked_on_that_capture_raw(
    tmp_path: Path, archive: FakeArchive, live: HTTPServer
) -> None:
    url = live.url_for("/gone")
    archive.add(url, "20160815101500", page(CITED))
    cited_copy = f"{archive.base}/web/20160815101500/{url}"
    entries = (
        f"  - id: n1\n    title: {CITED}\n    publisher: Daily Chronicle\n"
        f"    date: 2016-08-14\n    archive_url: {cited_copy}\n"
    )
    (result,) = verify(tmp_path, settings_for(archive), entries)
    assert result.status is Status.VERIFIED
    assert result.reasons[0] == "the cited capture of 2016-08-15 verified"
    assert result.fetched_url == f"{archive.base}/web/20160815101500id_/{url}"
    assert archive.requests_to("/cdx/") == []  # the cited capture counted: nothing else asked


def test_an_archive_url_that_is_an_archived_error_falls_back_to_the_nearest_capture(
    tmp_path: Path, archive: FakeArchive, live: HTTPServer
) -> None:
    url = live.url_for("/gone")
    archive.add(url, "20160816000000", "gone", status=404)
    archive.add(url, "20160812000000", page(CITED))
    cited_copy = f"{archive.base}/web/20160816000000/{url}"
    entries = (
        f"  - id: n1\n    title: {CITED}\n    publisher: Daily Chronicle\n"
        f"    date: 2016-08-14\n    archive_url: {cited_copy}\n"
    )
    (result,) = verify(tmp_path, settings_for(archive), entries)
    assert result.reasons[0] == "capture of 2016-08-12 verified"
    assert result.reasons[1].startswith(
        "skipped the capture of 2016-08-16 is itself an error (HTTP 404"
    )
    assert result.archive_date == "2016-08-12"


def test_a_memento_archive_s_timemap_gives_the_next_nearest_when_the_first_does_not_count(
    tmp_path: Path, archive: FakeArchive, live: HTTPServer
) -> None:
    other = FakeArchive()
    other.start()
    try:
        url = live.url_for("/gone")
        other.add(url, "20160816120000", page("Page not found"))
        other.add(url, "20160801000000", page("Daily Chronicle: home"))
        other.add(url, "20160813000000", page(CITED))
        settings = settings_for(archive, timegates=(other.base + "/web/",))
        (result,) = verify(tmp_path, settings, entry(url))
    finally:
        other.stop()
    assert result.reasons[0] == "dead (HTTP 404 Not Found); capture of 2016-08-13 verified"
    assert (
        result.reasons[1]
        == "skipped the capture of 2016-08-16 is another page (its title: 'Page not found')"
    )
    assert len(other.requests_to("/web/timemap/")) == 1


def test_a_second_run_reads_the_archive_s_answers_from_the_cache(
    tmp_path: Path, archive: FakeArchive, live: HTTPServer
) -> None:
    url = live.url_for("/gone")
    archive.add(url, "20160815101500", page(CITED))
    settings = settings_for(archive)
    settings.fetch.cache_dir = tmp_path / "cache"
    first = verify(tmp_path, settings, entry(url))
    asked = len(archive.log)
    second = verify(tmp_path, settings, entry(url))
    assert [r.reasons[0] for r in second] == [r.reasons[0] for r in first]
    assert first[0].reasons[0] == "dead (HTTP 404 Not Found); capture of 2016-08-15 verified"
    assert len(archive.log) == asked  # neither the CDX server nor the capture asked again


def test_a_bundle_replays_a_verdict_that_stood_on_a_capture(
    tmp_path: Path, archive: FakeArchive, live: HTTPServer
) -> None:
    """The bundle holds the archive's answers and the capture the run judged: replayed
    offline, the dead source is verified on the same capture again."""
    url = live.url_for("/gone")
    archive.add(url, "20160815101500", page(CITED))
    citations = tmp_path / "citations.yaml"
    citations.write_text("citations:\n" + entry(url), encoding="utf-8")
    with Session(settings_for(archive)) as session:
        bundle = session.archive(load_citations(citations), tmp_path / "archive")
    (recorded,) = bundle.report.results
    assert recorded.status is Status.WARNING and recorded.archive_date == "2016-08-15"
    asked = len(archive.log)

    replay = settings_for(archive)
    assert bundle.folder is not None
    replay.fetch.replay = bundle.folder
    with Session(replay) as session:
        (replayed,) = session.verify(load_citations(citations)).results
    assert len(archive.log) == asked  # nothing asked of the archive: all came from the WARC
    assert replayed.status is recorded.status
    assert replayed.reasons[0] == recorded.reasons[0]
    assert replayed.archive_url == recorded.archive_url
