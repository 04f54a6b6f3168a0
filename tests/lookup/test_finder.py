"""Lookup end to end on the fake site: candidates fetched and verified as `verify` would, the
best that passes chosen, its verdict capped at `warning` until a person accepts the URL."""

from __future__ import annotations

import dataclasses

from pytest_httpserver import HTTPServer

from citecheck.fetch.http import HttpFetcher
from citecheck.lookup.finder import NETWORK_DOWN
from citecheck.lookup.outcome import looked_up_result
from citecheck.lookup.runner import make_finder
from citecheck.models import Citation, CitationResult, Status
from citecheck.partial_date import PartialDate
from citecheck.settings import Settings

from .conftest import NEAR_MISS, RIGHT, news_site

UNCHECKED = CitationResult(id="i", status=Status.UNVERIFIABLE, reasons=["no URL to check"])


def citation(url: str | None, title: str = RIGHT.title) -> Citation:
    return Citation(
        id="i",
        title=title,
        authors=["Kay Johnson"],
        publisher="Example News",
        date=PartialDate.parse("2016-08-14"),
        url=url,
    )


def test_the_best_candidate_is_verified_and_capped_at_warning(
    httpserver: HTTPServer, fetcher: HttpFetcher, settings: Settings
) -> None:
    site = news_site(httpserver)
    site.serve()
    cited = citation(site.base + "/2016/old-link.html")
    found = make_finder(settings, fetcher).find(cited)
    assert found.best is not None
    assert found.best.candidate.url == site.base + RIGHT.path
    assert found.best.result.status is Status.VERIFIED
    near = [c for c in found.checked if c.candidate.url == site.base + NEAR_MISS.path]
    assert near and not near[0].passes  # fetched, and its title does not pass
    result = looked_up_result(cited, found, UNCHECKED)
    assert result.status is Status.WARNING
    assert result.url == cited.url  # the cited URL stays as cited
    assert result.fetched_url == site.base + RIGHT.path
    assert result.lookup is not None
    assert result.lookup.url == site.base + RIGHT.path
    assert result.lookup.source == "publisher-site"
    assert result.lookup.candidates[0].status is Status.VERIFIED
    assert any("found by lookup (publisher-site)" in reason for reason in result.reasons)


def test_a_title_no_page_has_gives_no_passing_candidate(
    httpserver: HTTPServer, fetcher: HttpFetcher, settings: Settings
) -> None:
    site = news_site(httpserver)
    site.serve()
    cited = citation(site.base + "/gone", title="Islamic State faces uphill struggle in Libya")
    found = make_finder(settings, fetcher).find(cited)
    assert found.best is None
    result = looked_up_result(cited, found, UNCHECKED)
    assert result.status is Status.UNVERIFIABLE
    assert result.reasons[-1].startswith("lookup: none of")
    assert result.lookup is not None and result.lookup.url is None


def test_with_the_network_down_one_line_and_nothing_guessed(
    settings: Settings, tmp_path: object
) -> None:
    settings.fetch.connectivity_probes = ("http://nonexistent.invalid/",)
    settings.lookup.crossref = True
    with HttpFetcher(settings.fetch) as fetcher:
        cited = citation("http://gone-site.invalid/story")
        found = make_finder(settings, fetcher).find(cited)
    assert found.network_down
    assert found.checked == [] and found.unchecked == []
    assert found.troubles == [NETWORK_DOWN]
    result = looked_up_result(cited, found, UNCHECKED)
    assert result.reasons == ["no URL to check", "lookup: " + NETWORK_DOWN]


def test_offline_runs_look_nothing_up_on_the_network(
    httpserver: HTTPServer, settings: Settings
) -> None:
    site = news_site(httpserver)
    site.serve()
    offline = dataclasses.replace(settings.fetch, offline=True)
    with HttpFetcher(offline) as fetcher:
        found = make_finder(dataclasses.replace(settings, fetch=offline), fetcher).find(
            citation(site.base + "/gone")
        )
    assert found.best is None and found.candidates == []
    assert httpserver.log == []
    assert found.troubles == ["publisher-site: " + site.base + "/robots.txt: not in cache"]
