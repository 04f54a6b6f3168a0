"""The run itself: selection, short forms, order, interruption, archive fallback decisions."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from citecheck.citations import parse_citations
from citecheck.extract import metadata_from_fetch
from citecheck.fetch.http import HttpFetcher
from citecheck.locate import is_dead
from citecheck.models import (
    Article,
    Citation,
    CitationResult,
    CitationSet,
    FetchError,
    FetchErrorKind,
    FetchResult,
    PageMetadata,
    Status,
)
from citecheck.pipeline import selected, verify_citations
from citecheck.settings import Settings
from citecheck.worker_pool import InProcessJudge, PoolSetup

PAGE = "<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{body}</p></body></html>"


def settings_for(tmp_path: Path) -> Settings:
    settings = Settings()
    settings.fetch.allow_private = True
    settings.fetch.host_interval = 0.0
    settings.fetch.cache_dir = tmp_path / "cache"
    return settings


def serve(httpserver: HTTPServer, count: int) -> None:
    for n in range(count):
        httpserver.expect_request(f"/p{n}").respond_with_data(
            PAGE.format(title=f"Report number {n} on the harbour", body="Text. " * 50),
            content_type="text/html",
        )


def citations(httpserver: HTTPServer, count: int) -> CitationSet:
    lines = ["citations:"]
    for n in range(count):
        lines += [f"  - id: c{n}", f"    title: Report number {n} on the harbour"]
        lines += [f"    url: {httpserver.url_for(f'/p{n}')}"]
    lines += ["  - id: short", "    same_as: c1", "  - id: shorter", "    same_as: short"]
    return parse_citations("\n".join(lines) + "\n")


def test_results_follow_the_file_order_and_short_forms_follow_their_target(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    serve(httpserver, 6)
    cited = citations(httpserver, 6)
    fetcher = HttpFetcher(settings_for(tmp_path).fetch)
    report = verify_citations(cited, fetcher, settings_for(tmp_path))
    fetcher.close()
    assert [r.id for r in report.results] == [c.id for c in cited.citations]
    assert all(r.status is Status.VERIFIED for r in report.results)
    short = {r.id: r for r in report.results}
    assert short["shorter"].same_as == "short"
    assert short["shorter"].final_url == short["c1"].final_url
    assert len(httpserver.log) == 6  # short forms fetch nothing


def test_only_keeps_the_notes_a_short_form_stands_for(httpserver: HTTPServer) -> None:
    cited = citations(httpserver, 3)
    assert [c.id for c in selected(cited, ["shorter"])] == ["c1", "short", "shorter"]
    assert [c.id for c in selected(cited, None)] == [c.id for c in cited.citations]


def test_an_interrupted_run_keeps_what_it_verified_and_its_cache(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    serve(httpserver, 8)
    cited = citations(httpserver, 8)
    settings = settings_for(tmp_path)
    settings.fetch.workers = 1
    seen: list[CitationResult] = []

    def stop_after_two(result: CitationResult) -> None:
        seen.append(result)
        if len(seen) == 2:
            raise KeyboardInterrupt

    fetcher = HttpFetcher(settings.fetch)
    report = verify_citations(cited, fetcher, settings, on_result=stop_after_two)
    fetcher.close()
    assert report.interrupted
    assert 2 <= len(report.results) < len(cited.citations)
    assert all(r.status is Status.VERIFIED for r in report.results)
    checked_pages = {r.final_url for r in report.results}
    requests_before = len(httpserver.log)
    # The checks under way at the stop (twice `workers`: one may be fetching while another's
    # page is judged) may have fetched their pages: cut or unfinished, they are not reported.
    under_way = 2 * settings.fetch.workers
    assert len(checked_pages) <= requests_before <= len(checked_pages) + under_way

    fetcher = HttpFetcher(settings.fetch)  # the next run starts from the cache
    again = verify_citations(cited, fetcher, settings)
    fetcher.close()
    assert not again.interrupted and len(again.results) == len(cited.citations)
    # What the first run verified comes from the cache; every other page is fetched once.
    fetched_again = len(httpserver.log) - requests_before
    assert 8 - requests_before <= fetched_again <= 8 - len(checked_pages)


@pytest.mark.parametrize(
    ("result", "dead"),
    [
        (FetchResult("u", status=404), True),
        (FetchResult("u", status=410), True),
        (FetchResult("u", status=503), True),
        (FetchResult("u", status=200), False),
        (FetchResult("u", status=403), False),
        (FetchResult("u", status=429), False),
        (FetchResult("u", error=FetchError(FetchErrorKind.DNS, "unknown host")), True),
        (
            FetchResult("u", error=FetchError(FetchErrorKind.NETWORK_DOWN, "network unavailable")),
            False,
        ),
        (
            FetchResult("u", error=FetchError(FetchErrorKind.NOT_IN_ARCHIVE, "not in archive")),
            False,
        ),
    ],
)
def test_which_outcomes_send_us_to_the_archive_copy(result: FetchResult, dead: bool) -> None:
    assert is_dead(result) is dead


def test_citation_without_url_is_unverifiable_without_fetching(tmp_path: Path) -> None:
    cited = CitationSet("c.yaml", Article(), [Citation(id="a", title="T")])
    settings = settings_for(tmp_path)
    fetcher = HttpFetcher(settings.fetch)
    report = verify_citations(cited, fetcher, settings)
    fetcher.close()
    assert report.results[0].status is Status.UNVERIFIABLE
    assert report.results[0].reasons == ["no URL to check (add a url, archive_url or doi)"]
    assert fetcher.stats.network_requests == 0


def test_a_fault_while_judging_one_page_is_reported_on_it_and_the_run_goes_on(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    serve(httpserver, 4)
    cited = citations(httpserver, 4)
    faulty_page = httpserver.url_for("/p2")

    def extract_failing_on_one_page(result: FetchResult) -> PageMetadata:
        if result.requested_url == faulty_page:
            raise ValueError("no such element")
        return metadata_from_fetch(result)

    settings = settings_for(tmp_path)
    judge = InProcessJudge(PoolSetup(settings.match), extract=extract_failing_on_one_page)
    with HttpFetcher(settings.fetch) as fetcher:
        report = verify_citations(cited, fetcher, settings, judge=judge)

    by_id = {r.id: r for r in report.results}
    assert [r.id for r in report.results] == ["c0", "c1", "c2", "c3", "short", "shorter"]
    assert by_id["c2"].status is Status.UNVERIFIABLE
    assert by_id["c2"].reasons == [
        "citecheck failed while judging this page (ValueError: no such element)"
    ]
    assert (by_id["c2"].http_status, by_id["c2"].final_url) == (200, faulty_page)
    assert {by_id[n].status for n in ("c0", "c1", "c3")} == {Status.VERIFIED}
