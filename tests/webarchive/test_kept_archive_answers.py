"""Memento TimeGate and TimeMap answers are kept in the fetch cache like the CDX server's: a run
again within `max_age` asks the Memento archive nothing, reaching the same verdict; `--refresh`
asks again; an archive's failure is not kept. Whole runs over loopback HTTP, the Memento
archive being a second `fake_archive.py`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_archive import FakeArchive
from pytest_httpserver import HTTPServer

from citecheck import Session
from citecheck.citations import load_citations
from citecheck.models import CitationResult
from citecheck.settings import ArchiveSettings, FetchSettings, Settings

CITED = "Floods displace thousands in Sindh"
BODY = "<p>" + "The monsoon floods displaced thousands of families in Sindh. " * 12 + "</p>"


def page(title: str) -> str:
    return (
        f"<html><head><title>{title}</title>"
        '<meta property="article:published_time" content="2016-08-14T08:00:00Z">'
        f"</head><body><article><h1>{title}</h1>{BODY}</article></body></html>"
    )


@pytest.fixture
def memento() -> Iterator[FakeArchive]:
    other = FakeArchive()
    other.start()
    try:
        yield other
    finally:
        other.stop()


def settings_for(tmp_path: Path, archive: FakeArchive, memento: FakeArchive) -> Settings:
    settings = Settings()
    settings.fetch = FetchSettings(
        retries=0,
        backoff=0.01,
        host_interval=0.0,
        allow_private=True,
        connectivity_probes=(),
        cache_dir=tmp_path / "cache",
    )
    settings.archive = ArchiveSettings(
        wayback=archive.base,
        availability="",
        cdx_interval=0,
        timegates=(memento.base + "/web/",),
    )
    return settings


def verify(tmp_path: Path, settings: Settings, url: str) -> CitationResult:
    citations = tmp_path / "citations.yaml"
    citations.write_text(
        f"citations:\n  - id: n1\n    title: {CITED}\n    date: 2016-08-14\n"
        f"    accessed: 2016-08-16\n    url: {url}\n",
        encoding="utf-8",
    )
    with Session(settings) as session:
        (result,) = session.verify(load_citations(citations)).results
    return result


def timegate_requests(memento: FakeArchive) -> int:
    return len([r for r in memento.log if r.path.startswith("/web/http")])


def test_a_second_run_asks_no_timegate_or_timemap(
    tmp_path: Path, archive: FakeArchive, memento: FakeArchive, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    url = httpserver.url_for("/gone")
    # The TimeGate's pick is an archived error page: the TimeMap is read for the next nearest.
    memento.add(url, "20160816120000", page("Page not found"))
    memento.add(url, "20160813000000", page(CITED))
    settings = settings_for(tmp_path, archive, memento)

    first = verify(tmp_path, settings, url)
    assert first.reasons[0] == "dead (HTTP 404 Not Found); capture of 2016-08-13 verified"
    assert timegate_requests(memento) == 1
    assert len(memento.requests_to("/web/timemap/")) == 1
    asked = len(memento.log)

    second = verify(tmp_path, settings, url)
    assert (second.status, second.reasons, second.archive_url) == (
        first.status,
        first.reasons,
        first.archive_url,
    )
    assert len(memento.log) == asked  # no TimeGate, TimeMap or memento asked again

    settings.fetch.refresh = True  # --refresh: the archive is asked afresh
    verify(tmp_path, settings, url)
    assert timegate_requests(memento) == 2


def test_a_timegate_without_mementos_is_kept_too_but_not_its_failures(
    tmp_path: Path, archive: FakeArchive, memento: FakeArchive, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    httpserver.expect_request("/also-gone").respond_with_data("gone", status=404)
    settings = settings_for(tmp_path, archive, memento)

    # No memento of the page (404 from the TimeGate): an answer, kept.
    verify(tmp_path, settings, httpserver.url_for("/gone"))
    verify(tmp_path, settings, httpserver.url_for("/gone"))
    assert timegate_requests(memento) == 1

    # The TimeGate failing (503): asked again on the next run.
    memento.fail_next["/web/"] = [(503, None)]
    failed = verify(tmp_path, settings, httpserver.url_for("/also-gone"))
    assert any("HTTP 503" in reason for reason in failed.reasons)
    verify(tmp_path, settings, httpserver.url_for("/also-gone"))
    assert timegate_requests(memento) == 3
