"""Verdicts that stood on an archived capture (a page changed since cited, a dead source) are
composed on a warm run from kept parts: the live page's kept verdict, the archive's answers and
the capture from the fetch cache, and the capture's own verdict kept by its stamp. No request
is sent (to the site or the archive), no page is extracted again, and the status and reasons
are the same. A capture that changed is judged again. Real HTTP on 127.0.0.1: the site on
pytest-httpserver, the Wayback Machine on `fake_archive.py`."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from fake_archive import FakeArchive
from pytest_httpserver import HTTPServer

from citecheck.citations import parse_citations
from citecheck.extract import metadata_from_fetch
from citecheck.fetch.http import HttpFetcher
from citecheck.match.verdict_cache import VerdictCache
from citecheck.models import CitationResult, FetchResult, PageMetadata, Status
from citecheck.pipeline import verify_citations
from citecheck.settings import ArchiveSettings, FetchSettings, Settings
from citecheck.webarchive.checking import ArchiveCheck
from citecheck.worker_pool import InProcessJudge, PoolSetup

BODY = "<p>" + "The monsoon floods displaced thousands of families in Sindh. " * 12 + "</p>"
CITED = "Floods displace thousands in Sindh"


def page(title: str) -> str:
    return (
        f"<html><head><title>{title}</title>"
        '<meta property="article:published_time" content="2016-08-14T08:00:00Z">'
        f"</head><body><article><h1>{title}</h1>{BODY}</article></body></html>"
    )


class CountingExtractor:
    """The real extractor, counting the pages it is given."""

    def __init__(self) -> None:
        self.pages: list[str] = []

    def __call__(self, result: FetchResult) -> PageMetadata:
        self.pages.append(result.requested_url)
        return metadata_from_fetch(result)


def run(
    tmp_path: Path,
    archive: FakeArchive,
    url: str,
    *,
    refresh: bool = False,
    readied: list[str] | None = None,
) -> tuple[CitationResult, list[str]]:
    """The citation's result and the pages extracted; `readied` notes each time the run
    readied judging (on a long run, the worker processes started)."""
    settings = Settings()
    settings.fetch = FetchSettings(
        retries=0,
        backoff=0.01,
        host_interval=0.0,
        allow_private=True,
        connectivity_probes=(),
        cache_dir=tmp_path / "cache",
        refresh=refresh,
    )
    settings.archive = ArchiveSettings(wayback=archive.base, availability="", cdx_interval=0)
    cited = parse_citations(
        f"citations:\n  - id: n1\n    title: {CITED}\n    date: 2016-08-14\n"
        f"    accessed: 2016-08-16\n    url: {url}\n"
    )
    extractor = CountingExtractor()
    verdicts = VerdictCache(tmp_path / "cache" / "verdicts", settings.match)
    with HttpFetcher(settings.fetch) as fetcher:
        archives = ArchiveCheck(fetcher.transport, settings.archive, fetcher)
        judge = InProcessJudge(PoolSetup(settings.match), extract=extractor)
        report = verify_citations(
            cited,
            fetcher,
            settings,
            judge=judge,
            verdicts=verdicts,
            archives=archives,
            before_checks=(lambda: readied.append("readied")) if readied is not None else None,
        )
    verdicts.close()
    (result,) = report.results
    return result, extractor.pages


def same(result: CitationResult) -> CitationResult:
    return dataclasses.replace(result, from_cache=False)


def test_a_page_changed_since_cited_is_not_judged_again_on_a_warm_run(
    tmp_path: Path, archive: FakeArchive, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/story").respond_with_data(
        page("Relief camps close as waters recede"), content_type="text/html"
    )
    url = httpserver.url_for("/story")
    archive.add(url, "20160814120000", page(CITED))

    cold_readied: list[str] = []
    cold, cold_pages = run(tmp_path, archive, url, readied=cold_readied)
    assert cold.status is Status.WARNING
    assert cold.reasons[0] == "title changed since cited; the capture of 2016-08-14 matches"
    assert len(cold_pages) == 2  # the live page and the capture
    assert cold_readied == ["readied"]
    asked_site, asked_archive = len(httpserver.log), len(archive.log)

    warm_readied: list[str] = []
    warm, warm_pages = run(tmp_path, archive, url, readied=warm_readied)
    assert same(warm) == same(cold)
    assert warm_pages == []  # nothing extracted (so nothing judged) again
    assert warm_readied == []  # nor any worker started for it
    assert (len(httpserver.log), len(archive.log)) == (asked_site, asked_archive)


def test_a_dead_source_verified_on_a_capture_is_not_judged_again_on_a_warm_run(
    tmp_path: Path, archive: FakeArchive, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    url = httpserver.url_for("/gone")
    archive.add(url, "20160815101500", page(CITED))

    cold, cold_pages = run(tmp_path, archive, url)
    assert cold.reasons[0] == "dead (HTTP 404 Not Found); capture of 2016-08-15 verified"
    assert len(cold_pages) == 1
    asked = (len(httpserver.log), len(archive.log))

    warm, warm_pages = run(tmp_path, archive, url)
    assert same(warm) == same(cold)
    assert warm_pages == []
    assert (len(httpserver.log), len(archive.log)) == asked


def test_a_capture_whose_copy_changed_is_judged_again(
    tmp_path: Path, archive: FakeArchive, httpserver: HTTPServer
) -> None:
    """The capture's verdict is keyed by the copy fetched: when the archive serves other bytes
    for it (fetched afresh here with --refresh), the capture is judged again."""
    httpserver.expect_request("/story").respond_with_data(
        page("Relief camps close as waters recede"), content_type="text/html"
    )
    url = httpserver.url_for("/story")
    capture = archive.add(url, "20160814120000", page(CITED))
    cold, _ = run(tmp_path, archive, url)
    assert cold.status is Status.WARNING

    capture.body = page("Sports results of the week").encode()
    again, pages = run(tmp_path, archive, url, refresh=True)

    raw = f"{archive.base}/web/20160814120000id_/{url}"
    assert raw in pages  # the capture's new copy was judged
    assert again.status is Status.FAILED
    assert not any("changed since cited" in reason for reason in again.reasons)
