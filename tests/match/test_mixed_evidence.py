"""Mixed evidence is a warning, not a failure: a cited title or date that only a second candidate
of the page supports (partly, for a title; to the day, for a date) warns and names both values;
a citation nothing on the page supports still fails.

The pages are written here and read by the real extractor; the last test serves them over HTTP
on 127.0.0.1 and runs the whole verification.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from citecheck.citations import parse_citations
from citecheck.extract import extract_metadata
from citecheck.fetch.http import HttpFetcher
from citecheck.match.verdict import judge
from citecheck.models import CheckName, CheckStatus, Citation, FetchResult, Status
from citecheck.partial_date import PartialDate
from citecheck.pipeline import verify_citations
from citecheck.settings import MatchSettings, Settings

URL = "https://courier.example/2020/04/07/harbour-strike"
FILLER = "The dockers met in the morning and voted by a show of hands. " * 30

# The page's head still carries the first headline; the story and its <h1> were rewritten.
REWRITTEN_HEADLINE = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Talks resume at the port as strike drags on | Coastline Courier</title>
<meta property="og:title" content="Talks resume at the port as strike drags on">
<meta property="og:site_name" content="Coastline Courier">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Talks resume at the port as strike drags on",
"datePublished": "2020-03-03T09:00:00+00:00"}}</script>
</head><body><article>
<h1>Harbour strike ends as dockers accept revised pay offer</h1>
<p>{FILLER}</p></article></body></html>"""

# Structured data gives one day; the address, under which the story was filed, another.
TWO_DATES = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Dockers at the harbour vote on the new pay offer | Coastline Courier</title>
<meta property="og:site_name" content="Coastline Courier">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Dockers at the harbour vote on the new pay offer",
"datePublished": "2020-03-03T09:00:00+00:00"}}</script>
</head><body><article><h1>Dockers at the harbour vote on the new pay offer</h1>
<p>{FILLER}</p></article></body></html>"""

SETTINGS = MatchSettings()


def verdict(html: str, title: str, date: str | None = None) -> tuple[Status, dict[str, str]]:
    """The real extractor reads `html`; the real judge compares the citation with it."""
    citation = Citation(
        id="c",
        title=title,
        date=PartialDate.parse(date) if date else None,
        url=URL,
    )
    fetched = FetchResult(
        requested_url=URL, final_url=URL, status=200, headers={"content-type": "text/html"}
    )
    result = judge(citation, fetched, extract_metadata(html, URL), SETTINGS)
    return result.status, {
        name.value: f"{check.status.value}: {check.reason}" for name, check in result.checks.items()
    }


def test_a_title_only_a_second_candidate_partly_supports_is_a_warning_naming_both() -> None:
    cited = "Dockers accept revised offer and end the harbour strike"
    status, checks = verdict(REWRITTEN_HEADLINE, cited)
    assert status is Status.WARNING
    title = checks["title"]
    assert title.startswith("warn: title only partly matches")
    assert f"“{cited}”" in title  # what the citation says
    assert "“Harbour strike ends as dockers accept revised pay offer” from h1" in title
    assert "main title is" in title and "“Talks resume at the port as strike drags on”" in title


@pytest.mark.parametrize(
    "cited",
    [
        "Council approves the harbour budget for next year",  # another story of the site
        "Harbour strike ends after talks",  # shares a topic's words, not most of its words
        "Dockers",  # one word is not enough to go on
    ],
)
def test_a_title_the_page_does_not_support_still_fails(cited: str) -> None:
    status, checks = verdict(REWRITTEN_HEADLINE, cited)
    assert status is Status.FAILED
    assert checks["title"].startswith("fail: title does not match")


def test_a_date_only_a_second_date_of_the_page_gives_is_a_warning_naming_both() -> None:
    status, checks = verdict(
        TWO_DATES, "Dockers at the harbour vote on the new pay offer", "2020-04-07"
    )
    assert status is Status.WARNING
    date = checks["date"]
    assert date.startswith("warn: date only partly matches")
    assert "cited 2020-04-07" in date
    assert "2020-04-07 from url" in date
    assert "main date is 2020-03-03 from json-ld:datePublished" in date


@pytest.mark.parametrize(
    "cited",
    [
        "2021-04-07",  # a year after the address's date
        "2020-04-13",  # six days after it: near a date of the page is not on it
        "2020-03-20",  # between the page's two dates
    ],
)
def test_a_date_no_date_of_the_page_gives_still_fails(cited: str) -> None:
    status, checks = verdict(TWO_DATES, "Dockers at the harbour vote on the new pay offer", cited)
    assert status is Status.FAILED
    assert checks["date"].startswith("fail: date 2020-03-03 from json-ld:datePublished")


def test_the_page_s_main_date_still_verifies() -> None:
    status, checks = verdict(
        TWO_DATES, "Dockers at the harbour vote on the new pay offer", "2020-03-03"
    )
    assert status is Status.VERIFIED
    assert checks["date"].startswith("pass: date 2020-03-03 from json-ld:datePublished matches")


def test_a_run_over_http_warns_on_mixed_evidence_and_fails_the_wrong_citations(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/rewritten").respond_with_data(
        REWRITTEN_HEADLINE, content_type="text/html; charset=utf-8"
    )
    httpserver.expect_request("/2020/04/07/dockers-vote").respond_with_data(
        TWO_DATES, content_type="text/html; charset=utf-8"
    )
    # Any other address (the run asks a made-up one to learn how the site says "not found").
    httpserver.expect_request(re.compile("/.*")).respond_with_data("Not found", status=404)
    rewritten, two_dates = (
        httpserver.url_for("/rewritten"),
        httpserver.url_for("/2020/04/07/dockers-vote"),
    )
    cited = parse_citations(
        "citations:\n"
        "  - id: old-headline\n"
        "    title: Dockers accept revised offer and end the harbour strike\n"
        f"    url: {rewritten}\n"
        "  - id: other-story\n"
        "    title: Council approves the harbour budget for next year\n"
        f"    url: {rewritten}\n"
        "  - id: print-date\n"
        "    title: Dockers at the harbour vote on the new pay offer\n"
        "    date: 2020-04-07\n"
        f"    url: {two_dates}\n"
        "  - id: wrong-date\n"
        "    title: Dockers at the harbour vote on the new pay offer\n"
        "    date: 2020-04-13\n"
        f"    url: {two_dates}\n"
    )
    settings = Settings()
    settings.fetch.allow_private = True
    settings.fetch.host_interval = 0.0
    settings.fetch.cache_dir = tmp_path / "cache"
    fetcher = HttpFetcher(settings.fetch)
    try:
        report = verify_citations(cited, fetcher, settings)
    finally:
        fetcher.close()
    results = {result.id: result for result in report.results}
    assert {name: result.status for name, result in results.items()} == {
        "old-headline": Status.WARNING,
        "other-story": Status.FAILED,
        "print-date": Status.WARNING,
        "wrong-date": Status.FAILED,
    }
    title = results["old-headline"].checks[CheckName.TITLE]
    assert title.status is CheckStatus.WARN and title.source == "h1"
    assert any("main title is" in reason for reason in results["old-headline"].reasons)
    date = results["print-date"].checks[CheckName.DATE]
    assert date.status is CheckStatus.WARN and (date.found, date.source) == ("2020-04-07", "url")
    assert any("main date is 2020-03-03" in reason for reason in results["print-date"].reasons)
