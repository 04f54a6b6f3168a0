"""The locate stage: candidates in order, each with its origin; the next one is fetched only
when the one before is dead; a page standing in for a dead one is capped by its origin; its
verdict is kept like any other."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pytest_httpserver import HTTPServer

from citecheck.extract import metadata_from_fetch
from citecheck.fetch.http import HttpFetcher
from citecheck.locate import (
    CANDIDATE_SOURCES,
    CITED_ARCHIVE_URL,
    CITED_URL,
    LOOKUP,
    Candidate,
    CandidateSource,
    locate,
)
from citecheck.match.verdict_cache import VerdictCache
from citecheck.models import Article, Citation, CitationSet, FetchResult, PageMetadata, Status
from citecheck.pipeline import verify_citations
from citecheck.settings import Settings
from citecheck.worker_pool import InProcessJudge, PoolSetup

TITLE = "Harbour dredging resumes after the storm"
PAGE = f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1></body></html>"


def test_the_cited_url_comes_first_then_the_archive_copy() -> None:
    both = Citation(id="1", url="https://a.example/p", archive_url="https://archive.example/p")
    assert list(locate(both)) == [
        Candidate("https://a.example/p", CITED_URL),
        Candidate("https://archive.example/p", CITED_ARCHIVE_URL),
    ]
    archive_only = Citation(id="2", archive_url="https://archive.example/p")
    assert list(locate(archive_only)) == [Candidate("https://archive.example/p", CITED_ARCHIVE_URL)]
    assert list(locate(Citation(id="3"))) == []
    same = Citation(id="4", url="https://a.example/p", archive_url="https://a.example/p")
    assert list(locate(same)) == [Candidate("https://a.example/p", CITED_URL)]


def test_a_later_source_is_asked_only_when_the_candidates_before_it_are_used_up() -> None:
    asked: list[str] = []

    def lookup(citation: Citation) -> Iterator[Candidate]:
        asked.append(citation.id)
        yield Candidate("https://found.example/p", LOOKUP)

    candidates = locate(Citation(id="1", url="https://a.example/p"), (*CANDIDATE_SOURCES, lookup))
    assert next(candidates).origin is CITED_URL
    assert asked == []
    assert next(candidates).origin is LOOKUP
    assert asked == ["1"]


class CountingExtractor:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, fetched: FetchResult) -> PageMetadata:
        self.calls += 1
        return metadata_from_fetch(fetched)


def run(
    citation: Citation,
    settings: Settings,
    extractor: CountingExtractor,
    sources: tuple[CandidateSource, ...] = CANDIDATE_SOURCES,
) -> tuple[Status, list[str]]:
    cited = CitationSet(path="citations.yaml", article=Article(), citations=[citation])
    assert settings.fetch.cache_dir is not None
    verdicts = VerdictCache(settings.fetch.cache_dir / "verdicts", settings.match)
    judge = InProcessJudge(PoolSetup(settings.match), extract=extractor)
    with HttpFetcher(settings.fetch) as fetcher:
        report = verify_citations(
            cited, fetcher, settings, judge=judge, verdicts=verdicts, sources=sources
        )
    verdicts.close()
    result = report.results[0]
    return result.status, result.reasons


def settings_for(tmp_path: Path) -> Settings:
    settings = Settings()
    settings.fetch.allow_private = True
    settings.fetch.host_interval = 0.0
    settings.fetch.retries = 0
    settings.fetch.cache_dir = tmp_path / "cache"
    return settings


def test_an_archive_copy_stands_in_for_a_dead_url_at_best_as_a_warning_and_is_kept(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    httpserver.expect_request("/archived").respond_with_data(PAGE, content_type="text/html")
    citation = Citation(
        id="1",
        title=TITLE,
        url=httpserver.url_for("/gone"),
        archive_url=httpserver.url_for("/archived"),
    )
    settings = settings_for(tmp_path)
    extractor = CountingExtractor()
    status, reasons = run(citation, settings, extractor)
    assert status is Status.WARNING
    assert reasons[0] == (
        f"the cited URL is dead (HTTP 404 Not Found at {citation.url}); "
        f"checked against the archive copy at {citation.archive_url}"
    )
    assert [entry[0].path for entry in httpserver.log] == ["/gone", "/archived"]
    extracted = extractor.calls

    # Warm: the archive copy's verdict is read back and capped again; nothing is extracted.
    again = run(citation, settings, extractor)
    assert again == (status, reasons)
    assert extractor.calls == extracted


def test_a_live_cited_url_never_fetches_the_archive_copy(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/live").respond_with_data(PAGE, content_type="text/html")
    citation = Citation(
        id="1",
        title=TITLE,
        url=httpserver.url_for("/live"),
        archive_url=httpserver.url_for("/archived"),
    )
    status, _ = run(citation, settings_for(tmp_path), CountingExtractor())
    assert status is Status.VERIFIED
    assert [entry[0].path for entry in httpserver.log] == ["/live"]


def test_a_new_origin_is_one_source_and_is_capped_like_the_archive_copy(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/gone").respond_with_data("gone", status=410)
    httpserver.expect_request("/found").respond_with_data(PAGE, content_type="text/html")

    def lookup(citation: Citation) -> Iterator[Candidate]:
        yield Candidate(httpserver.url_for("/found"), LOOKUP)

    citation = Citation(id="1", title=TITLE, url=httpserver.url_for("/gone"))
    status, reasons = run(
        citation, settings_for(tmp_path), CountingExtractor(), (*CANDIDATE_SOURCES, lookup)
    )
    assert status is Status.WARNING
    assert reasons[0].endswith(
        f"checked against the page found by lookup at {httpserver.url_for('/found')}"
    )
