"""A warm re-run answers from kept verdicts: no request, no extraction, the same results; a
changed citation or a changed page is judged afresh."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pytest_httpserver import HTTPServer

from citecheck.citations import parse_citations
from citecheck.extract import metadata_from_fetch
from citecheck.fetch.http import HttpFetcher
from citecheck.match.verdict_cache import VerdictCache
from citecheck.models import CitationResult, CitationSet, FetchResult, PageMetadata, Report, Status
from citecheck.pipeline import verify_citations
from citecheck.settings import Settings
from citecheck.worker_pool import InProcessJudge, PoolSetup

PAGE = "<html><head><title>{title}</title></head><body><h1>{title}</h1><p>Text.</p></body></html>"
TITLES = ["Harbour dredging approved", "Budget vote delayed again", "New bridge opens to traffic"]


class CountingExtractor:
    """The real extractor, counting the pages it is given."""

    def __init__(self) -> None:
        self.pages: list[str] = []

    def __call__(self, result: FetchResult) -> PageMetadata:
        self.pages.append(result.requested_url)
        return metadata_from_fetch(result)


def _settings(tmp_path: Path, max_age: float = 3600.0) -> Settings:
    settings = Settings()
    settings.fetch.allow_private = True
    settings.fetch.host_interval = 0.0
    settings.fetch.cache_dir = tmp_path / "cache"
    settings.fetch.max_age = max_age
    return settings


def _serve(httpserver: HTTPServer, titles: list[str]) -> None:
    httpserver.clear()
    for n, title in enumerate(titles):
        httpserver.expect_request(f"/p{n}").respond_with_data(
            PAGE.format(title=title), content_type="text/html"
        )


def _citations(httpserver: HTTPServer, titles: list[str]) -> CitationSet:
    lines = ["citations:"]
    for n, title in enumerate(titles):
        lines += [
            f"  - id: c{n}",
            f"    title: {title}",
            f"    url: {httpserver.url_for(f'/p{n}')}",
        ]
    return parse_citations("\n".join(lines) + "\n")


def _run(cited: CitationSet, settings: Settings, extractor: CountingExtractor) -> Report:
    assert settings.fetch.cache_dir is not None
    verdicts = VerdictCache(settings.fetch.cache_dir / "verdicts", settings.match)
    with HttpFetcher(settings.fetch) as fetcher:
        judge = InProcessJudge(PoolSetup(settings.match), extract=extractor)
        report = verify_citations(cited, fetcher, settings, judge=judge, verdicts=verdicts)
    verdicts.close()
    return report


def _without_cache_flag(results: list[CitationResult]) -> list[CitationResult]:
    return [dataclasses.replace(r, from_cache=False) for r in results]


def test_a_warm_run_reads_kept_verdicts_without_requests_or_extraction(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    _serve(httpserver, TITLES)
    cited = _citations(httpserver, TITLES)
    cold_extractor, warm_extractor = CountingExtractor(), CountingExtractor()

    cold = _run(cited, _settings(tmp_path), cold_extractor)
    requests_cold = len(httpserver.log)
    warm = _run(cited, _settings(tmp_path), warm_extractor)

    assert [r.status for r in cold.results] == [Status.VERIFIED] * 3
    assert len(cold_extractor.pages) == requests_cold == 3
    assert len(httpserver.log) == requests_cold
    assert warm_extractor.pages == []
    assert _without_cache_flag(warm.results) == _without_cache_flag(cold.results)
    assert all(r.from_cache for r in warm.results)


def test_an_edited_citation_is_judged_again_and_only_it(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    _serve(httpserver, TITLES)
    _run(_citations(httpserver, TITLES), _settings(tmp_path), CountingExtractor())
    edited = [TITLES[0], "A title the page never had", TITLES[2]]
    extractor = CountingExtractor()

    report = _run(_citations(httpserver, edited), _settings(tmp_path), extractor)

    assert extractor.pages == [httpserver.url_for("/p1")]
    assert [r.status for r in report.results] == [Status.VERIFIED, Status.FAILED, Status.VERIFIED]


def test_a_page_that_changed_since_is_judged_on_its_new_copy(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    _serve(httpserver, TITLES)
    cited = _citations(httpserver, TITLES)
    _run(cited, _settings(tmp_path), CountingExtractor())
    _serve(httpserver, [TITLES[0], "Bridge closed after storm damage", TITLES[2]])
    extractor = CountingExtractor()

    # max_age 0: every cached copy is stale, so each page is downloaded again.
    report = _run(cited, _settings(tmp_path, max_age=0.0), extractor)

    assert [r.status for r in report.results] == [Status.VERIFIED, Status.FAILED, Status.VERIFIED]
    assert sorted(extractor.pages) == [httpserver.url_for("/p1")]


def test_judging_is_readied_once_before_the_first_fetch_and_never_for_a_warm_run(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    _serve(httpserver, TITLES)
    cited = _citations(httpserver, TITLES)
    settings = _settings(tmp_path)
    assert settings.fetch.cache_dir is not None
    readied: list[int] = []  # how many requests the server had seen when judging was readied

    def run() -> Report:
        verdicts = VerdictCache(settings.fetch.cache_dir / "verdicts", settings.match)
        with HttpFetcher(settings.fetch) as fetcher:
            report = verify_citations(
                cited,
                fetcher,
                settings,
                judge=InProcessJudge(PoolSetup(settings.match)),
                verdicts=verdicts,
                before_checks=lambda: readied.append(len(httpserver.log)),
            )
        verdicts.close()
        return report

    cold = run()
    warm = run()

    assert readied == [0]  # once, before any page was asked for; not at all when warm
    assert [r.status for r in cold.results] == [Status.VERIFIED] * 3
    assert all(r.from_cache for r in warm.results)
