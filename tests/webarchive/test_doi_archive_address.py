"""Archive lookups for a page reached through a DOI resolver address: the archives are asked
about the page the DOI resolved to (its final URL), never about the resolver's address, whose
captures are only redirects. A loopback server stands in for doi.org (`[lookup] doi_resolver`),
another for the publisher; `fake_archive.py` is the Wayback Machine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_archive import FakeArchive
from pytest_httpserver import HTTPServer

from citecheck import Session
from citecheck.citations import load_citations
from citecheck.models import CitationResult, Status
from citecheck.settings import ArchiveSettings, FetchSettings, Settings

DOI = "10.5555/floods.2016.08"
CITED = "Floods displace thousands in Sindh"
BODY = "<p>" + "The monsoon floods displaced thousands of families in Sindh. " * 12 + "</p>"


def page(title: str) -> str:
    return (
        f"<html><head><title>{title}</title>"
        '<meta property="article:published_time" content="2016-08-14T08:00:00Z">'
        f"</head><body><article><h1>{title}</h1>{BODY}</article></body></html>"
    )


@pytest.fixture
def resolver() -> Iterator[HTTPServer]:
    """doi.org's part, on a host of its own: each DOI answers 302 to its landing page."""
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        if server.is_running():
            server.stop()


def run(
    tmp_path: Path, archive: FakeArchive, resolver: HTTPServer, cited_as: str
) -> CitationResult:
    settings = Settings()
    settings.fetch = FetchSettings(
        retries=0, backoff=0.01, host_interval=0.0, allow_private=True, connectivity_probes=()
    )
    settings.archive = ArchiveSettings(
        wayback=archive.base, availability=archive.base + "/wayback/available", cdx_interval=0
    )
    settings.lookup.doi_resolver = resolver.url_for("/").rstrip("/")
    citations = tmp_path / "citations.yaml"
    citations.write_text(
        f"citations:\n  - id: d1\n    title: {CITED}\n    date: 2016-08-14\n"
        f"    accessed: 2016-08-16\n{cited_as}",
        encoding="utf-8",
    )
    with Session(settings) as session:
        (result,) = session.verify(load_citations(citations)).results
    return result


def cdx_urls(archive: FakeArchive) -> list[str]:
    return [dict(r.query)["url"] for r in archive.requests_to("/cdx/")]


def test_a_changed_page_reached_through_a_doi_url_is_compared_with_its_landing_pages_captures(
    tmp_path: Path, archive: FakeArchive, resolver: HTTPServer, httpserver: HTTPServer
) -> None:
    landing = httpserver.url_for("/journal/article/42")
    resolver.expect_request(f"/{DOI}").respond_with_data("", 302, {"Location": landing})
    httpserver.expect_request("/journal/article/42").respond_with_data(
        page("Relief camps close as waters recede"), content_type="text/html"
    )
    archive.add(landing, "20160814120000", page(CITED))
    archive.add(resolver.url_for(f"/{DOI}"), "20160814120000", "", 302, location=landing)

    result = run(tmp_path, archive, resolver, f"    url: {resolver.url_for(f'/{DOI}')}\n")

    assert result.status is Status.WARNING
    assert result.reasons[0] == "title changed since cited; the capture of 2016-08-14 matches"
    assert result.archive_url == f"{archive.base}/web/20160814120000/{landing}"
    assert cdx_urls(archive) == [landing]  # never the resolver's address


def test_a_dead_landing_page_behind_a_doi_url_is_judged_on_its_own_capture(
    tmp_path: Path, archive: FakeArchive, resolver: HTTPServer, httpserver: HTTPServer
) -> None:
    landing = httpserver.url_for("/journal/article/42")
    resolver.expect_request(f"/{DOI}").respond_with_data("", 302, {"Location": landing})
    httpserver.expect_request("/journal/article/42").respond_with_data("gone", status=404)
    archive.add(landing, "20160815000000", page(CITED))

    result = run(tmp_path, archive, resolver, f"    url: {resolver.url_for(f'/{DOI}')}\n")

    assert result.reasons[0] == "dead (HTTP 404 Not Found); capture of 2016-08-15 verified"
    assert result.archive_url == f"{archive.base}/web/20160815000000/{landing}"
    assert cdx_urls(archive) == [landing]


def test_a_doi_that_resolves_nowhere_asks_no_archive(
    tmp_path: Path, archive: FakeArchive, resolver: HTTPServer
) -> None:
    """The resolver itself answers 404 (an unregistered DOI): there is no page whose captures
    would tell anything, so the archives are not asked."""
    resolver.expect_request(f"/{DOI}").respond_with_data("DOI not found", status=404)

    result = run(tmp_path, archive, resolver, f"    url: {resolver.url_for(f'/{DOI}')}\n")

    assert result.status is Status.FAILED
    assert result.archive_url is None
    assert archive.log == []


def test_a_citation_giving_only_a_doi_is_compared_with_its_landing_pages_captures(
    tmp_path: Path, archive: FakeArchive, resolver: HTTPServer, httpserver: HTTPServer
) -> None:
    """Its DOI is its first candidate: the page it resolves to no longer matches, and the
    landing page's capture near the cited moment does, as for a url that is a DOI address."""
    landing = httpserver.url_for("/journal/article/42")
    resolver.expect_request(f"/{DOI}").respond_with_data("", 302, {"Location": landing})
    httpserver.expect_request("/journal/article/42").respond_with_data(
        page("Relief camps close as waters recede"), content_type="text/html"
    )
    archive.add(landing, "20160814120000", page(CITED))

    result = run(tmp_path, archive, resolver, f"    doi: {DOI}\n")

    assert result.status is Status.WARNING
    assert result.reasons[0] == "title changed since cited; the capture of 2016-08-14 matches"
    assert result.reasons[1] == (
        f"checked at the page its DOI resolves to ({resolver.url_for(f'/{DOI}')})"
    )
    assert result.archive_url == f"{archive.base}/web/20160814120000/{landing}"
    assert cdx_urls(archive) == [landing]
