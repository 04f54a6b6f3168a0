"""A cited day with day and month swapped ("04/05/2022" read in the other convention) is judged,
read the other way, as any cited day: within the tolerance of the page's date, or given by a
second date of the page, it warns naming both readings; further off it fails.

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

FILLER = "The council met in the evening and voted on the budget for the new year. " * 30
TITLE = "Council approves the valley railway budget after a long night"

# Stamped late in the evening of 3 May, local time: 4 May in UTC, which the page states.
LATE_EVENING = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{TITLE} | Valley Gazette</title>
<meta property="og:site_name" content="Valley Gazette">
<meta property="article:published_time" content="2022-05-04T02:30:00+00:00">
</head><body><article><h1>{TITLE}</h1><p>{FILLER}</p></article></body></html>"""

ISSUE_TITLE = "Rail budgets in small valley towns, 1990 to 2020"
ISSUE_PATH = "/2020/04/07/rail-budgets"
# A journal page: its metadata gives the online-first date, its address the issue's date.
ONLINE_FIRST = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{ISSUE_TITLE}</title>
<script type="application/ld+json">{{"@context": "https://schema.org",
"@type": "ScholarlyArticle", "headline": "{ISSUE_TITLE}",
"datePublished": "2020-03-03"}}</script>
</head><body><article><h1>{ISSUE_TITLE}</h1><p>{FILLER}</p></article></body></html>"""

SETTINGS = MatchSettings()


def date_check(html: str, url: str, title: str, cited: str) -> tuple[Status, CheckStatus, str]:
    """The real extractor reads `html`; the real judge compares the citation with it."""
    citation = Citation(id="c", title=title, date=PartialDate.parse(cited), url=url)
    fetched = FetchResult(
        requested_url=url, final_url=url, status=200, headers={"content-type": "text/html"}
    )
    result = judge(citation, fetched, extract_metadata(html, url), SETTINGS)
    check = result.checks[CheckName.DATE]
    return result.status, check.status, check.reason or ""


def test_a_swapped_day_one_day_from_the_page_s_date_warns_naming_both_readings() -> None:
    status, check, reason = date_check(
        LATE_EVENING, "https://gazette.example/council", TITLE, "2022-03-05"
    )
    assert (status, check) == (Status.WARNING, CheckStatus.WARN)
    assert reason.startswith("date only partly matches: the cited 2022-03-05")
    assert "swapped is 2022-05-03" in reason
    assert "2022-05-04 from meta:article:published_time" in reason


def test_a_swapped_day_that_is_a_second_date_of_the_page_warns_naming_the_main_date() -> None:
    url = f"https://journal.example{ISSUE_PATH}"
    status, check, reason = date_check(ONLINE_FIRST, url, ISSUE_TITLE, "2020-07-04")
    assert (status, check) == (Status.WARNING, CheckStatus.WARN)
    assert "the cited 2020-07-04 read with day and month swapped is 2020-04-07" in reason
    assert "main date is 2020-03-03" in reason


@pytest.mark.parametrize(
    "cited",
    [
        "2022-02-05",  # read the other way 2 May: two days off
        "2022-06-05",  # read the other way 6 May: two days off the other side
        "2023-03-05",  # another year
    ],
)
def test_a_swapped_day_further_off_still_fails(cited: str) -> None:
    status, check, reason = date_check(
        LATE_EVENING, "https://gazette.example/council", TITLE, cited
    )
    assert (status, check) == (Status.FAILED, CheckStatus.FAIL)
    assert reason.startswith("date 2022-05-04 from meta:article:published_time is")


def test_a_run_over_http_warns_on_swapped_days_and_fails_the_others(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/council").respond_with_data(
        LATE_EVENING, content_type="text/html; charset=utf-8"
    )
    httpserver.expect_request(ISSUE_PATH).respond_with_data(
        ONLINE_FIRST, content_type="text/html; charset=utf-8"
    )
    httpserver.expect_request(re.compile("/.*")).respond_with_data("Not found", status=404)
    council, issue = httpserver.url_for("/council"), httpserver.url_for(ISSUE_PATH)
    entries = [
        ("straight", TITLE, council, "2022-05-03"),
        ("swapped", TITLE, council, "2022-03-05"),
        ("swapped-off", TITLE, council, "2022-02-05"),
        ("issue-swapped", ISSUE_TITLE, issue, "2020-07-04"),
        ("issue-other", ISSUE_TITLE, issue, "2020-09-04"),
    ]
    text = "citations:\n" + "".join(
        f"  - id: {name}\n    title: '{title}'\n    url: {url}\n    date: {date}\n"
        for name, title, url, date in entries
    )
    settings = Settings()
    settings.fetch.allow_private = True
    settings.fetch.host_interval = 0.0
    settings.fetch.cache_dir = tmp_path / "cache"
    fetcher = HttpFetcher(settings.fetch)
    try:
        report = verify_citations(parse_citations(text), fetcher, settings)
    finally:
        fetcher.close()
    results = {result.id: result for result in report.results}
    assert {name: result.status for name, result in results.items()} == {
        "straight": Status.VERIFIED,
        "swapped": Status.WARNING,
        "swapped-off": Status.FAILED,
        "issue-swapped": Status.WARNING,
        "issue-other": Status.FAILED,
    }
    swapped = results["swapped"].checks[CheckName.DATE]
    assert (swapped.found, swapped.source) == ("2022-05-04", "meta:article:published_time")
    issue_swapped = results["issue-swapped"].checks[CheckName.DATE]
    assert (issue_swapped.found, issue_swapped.source) == ("2020-04-07", "url")
