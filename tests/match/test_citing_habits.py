"""Correct citations written the way people cite what they see still verify; wrong ones still fail.

People copy a title from the browser tab with the site's name ("Coastline Courier - Headline"),
cut a long title short with "…" as search results show it, end an author list with "et al.", and
give a date to the month or the year. Each habit is tested both ways: the honest citation
verifies (or warns, naming both values) and a truly wrong value still fails (for authors, which
never fail, still warns). A date only the visible byline gives, against the page's stated
date, is mixed evidence: a warning naming both, never a pass.

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

URL = "https://courier.example/2020/03/03/dockers-vote"
FILLER = "The dockers met in the morning and voted by a show of hands. " * 30
HEADLINE = "Dockers at the harbour vote to accept the new pay offer after a month on strike"

# The CMS gives the headline as the application's name too: a "site name" that is the title.
HEADLINE_AS_SITE_NAME = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{HEADLINE}</title>
<meta name="application-name" content="{HEADLINE}">
<meta property="og:site_name" content="Coastline Courier">
<meta property="article:published_time" content="2020-03-03T09:00:00+00:00">
</head><body><article><h1>{HEADLINE}</h1>
<p class="byline">By Kay Johnson and Mehreen Malik</p>
<p>{FILLER}</p></article></body></html>"""

FERRIES_URL = "https://courier.example/island/night-ferries"
# The byline's visible date is not the one the markup states.
INITIALS_AND_A_BYLINE_DATE = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Night ferries return to the island route | Coastline Courier</title>
<meta property="og:site_name" content="Coastline Courier">
<meta property="article:published_time" content="2020-03-03T09:00:00+00:00">
</head><body><article><h1>Night ferries return to the island route</h1>
<p class="byline">By <a rel="author" href="/staff/dt">DT</a> &middot; 10 March 2020</p>
<p>{FILLER}</p></article></body></html>"""

# Dated 11 April 2020, which a reader of "11/04/2020" in the other convention cites as 4 November.
SWAPPABLE = INITIALS_AND_A_BYLINE_DATE.replace("2020-03-03T09", "2020-04-11T09").replace(
    " &middot; 10 March 2020", ""
)

# A German headline: its umlauts are typed "ae", "oe", "ue" by citers without them.
UMLAUTS = f"""<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Inselroute: Hafenarbeiter stimmen für größere Fähren und längere Überfahrten</title>
<meta property="article:published_time" content="2020-04-11T09:00:00+02:00">
</head><body><article>
<h1>Inselroute: Hafenarbeiter stimmen für größere Fähren und längere Überfahrten</h1>
<p>{FILLER}</p></article></body></html>"""

SETTINGS = MatchSettings()


def verdict(
    title: str,
    date: str | None = None,
    authors: list[str] | None = None,
    html: str = HEADLINE_AS_SITE_NAME,
) -> tuple[Status, dict[str, str]]:
    url = URL if html is HEADLINE_AS_SITE_NAME else FERRIES_URL
    """The real extractor reads the page; the real judge compares the citation with it."""
    citation = Citation(
        id="c",
        title=title,
        date=PartialDate.parse(date) if date else None,
        authors=authors or [],
        url=url,
    )
    fetched = FetchResult(
        requested_url=url, final_url=url, status=200, headers={"content-type": "text/html"}
    )
    result = judge(citation, fetched, extract_metadata(html, url), SETTINGS)
    return result.status, {
        name.value: f"{check.status.value}: {check.reason}" for name, check in result.checks.items()
    }


@pytest.mark.parametrize(
    "cited",
    [f"Coastline Courier - {HEADLINE}", f"{HEADLINE} | Coastline Courier"],
)
def test_the_title_as_the_browser_tab_shows_it_verifies(cited: str) -> None:
    status, checks = verdict(cited)
    assert status is Status.VERIFIED
    assert checks["title"].startswith(f"pass: title matches (score 100) “{HEADLINE}”")


def test_another_story_with_the_site_name_still_fails() -> None:
    status, checks = verdict("Coastline Courier - Council approves the harbour budget for 2021")
    assert status is Status.FAILED
    assert checks["title"].startswith("fail: title does not match")


def test_a_title_cut_short_with_an_ellipsis_verifies_saying_so() -> None:
    cited = "Dockers at the harbour vote …"
    status, checks = verdict(cited)
    assert status is Status.VERIFIED
    title = checks["title"]
    assert title.startswith(f"pass: title matches the start of (score 100) “{HEADLINE}”")
    assert f"(the cited “{cited}” is cut short)" in title


@pytest.mark.parametrize(
    "cited",
    [
        "Dockers at the port reject the new pay …",  # another story's start
        "Council approves the harbour budget for next …",  # another story of the site
        "Dockers at …",  # too little left to stand for one title
    ],
)
def test_a_title_cut_short_that_starts_differently_still_fails(cited: str) -> None:
    status, checks = verdict(cited)
    assert status is Status.FAILED
    assert checks["title"].startswith("fail: title does not match")
    assert "cut short" not in checks["title"]


@pytest.mark.parametrize(
    "authors",
    [["Johnson et al."], ["Johnson, K., et al."], ["Kay Johnson", "et al."]],
)
def test_a_first_author_and_et_al_verifies(authors: list[str]) -> None:
    status, checks = verdict(HEADLINE, "2020-03-03", authors)
    assert status is Status.VERIFIED
    assert checks["authors"].startswith("pass: authors match: Kay Johnson; Mehreen Malik")


def test_another_first_author_and_et_al_still_warns_naming_both() -> None:
    status, checks = verdict(HEADLINE, "2020-03-03", ["Maria Gonzalez et al."])
    assert status is Status.WARNING
    authors = checks["authors"]
    assert authors.startswith("warn: none of the cited authors is on the page")
    assert "Kay Johnson; Mehreen Malik" in authors


def test_a_date_only_the_byline_gives_is_a_warning_naming_both() -> None:
    status, checks = verdict(
        "Night ferries return to the island route", "2020-03-10", [], INITIALS_AND_A_BYLINE_DATE
    )
    assert status is Status.WARNING
    date = checks["date"]
    assert date.startswith("warn: date only partly matches: the cited 2020-03-10")
    assert "2020-03-10 from byline" in date
    assert "main date is 2020-03-03 from meta:article:published_time" in date


@pytest.mark.parametrize("cited", ["2020-03-03", "2020-03", "2020"])
def test_the_stated_date_verifies_at_the_cited_precision(cited: str) -> None:
    status, checks = verdict(
        "Night ferries return to the island route", cited, [], INITIALS_AND_A_BYLINE_DATE
    )
    assert status is Status.VERIFIED
    assert checks["date"].startswith(
        f"pass: date 2020-03-03 from meta:article:published_time matches cited {cited}"
    )


@pytest.mark.parametrize("cited", ["2020-03-16", "2020-04", "2021"])
def test_a_date_no_date_of_the_page_gives_fails_at_any_precision(cited: str) -> None:
    status, checks = verdict(
        "Night ferries return to the island route", cited, [], INITIALS_AND_A_BYLINE_DATE
    )
    assert status is Status.FAILED
    assert checks["date"].startswith("fail: date 2020-03-03 from meta:article:published_time")


def test_a_date_with_day_and_month_swapped_is_a_warning_naming_both() -> None:
    status, checks = verdict(
        "Night ferries return to the island route", "2020-04-11", [], SWAPPABLE
    )
    assert status is Status.VERIFIED
    status, checks = verdict(
        "Night ferries return to the island route", "2020-11-04", [], SWAPPABLE
    )
    assert status is Status.WARNING
    date = checks["date"]
    assert date.startswith("warn: date only partly matches: the cited 2020-11-04 is the page's")
    assert "date 2020-04-11 from meta:article:published_time" in date
    assert "day and month swapped" in date


@pytest.mark.parametrize("cited", ["2020-11-05", "2021-11-04", "2020-06-04"])
def test_a_date_swapped_and_moved_still_fails(cited: str) -> None:
    status, checks = verdict("Night ferries return to the island route", cited, [], SWAPPABLE)
    assert status is Status.FAILED
    assert checks["date"].startswith("fail: date 2020-04-11 from meta:article:published_time")


def test_umlauts_typed_as_ae_oe_ue_count_as_the_same_words() -> None:
    cited = "Groessere Faehren und laengere Ueberfahrten fuer die Inselroute"  # reworded
    status, checks = verdict(cited, None, [], UMLAUTS)
    assert status is Status.WARNING
    title = checks["title"]
    assert title.startswith(f"warn: title only partly matches: the cited “{cited}” shares")
    assert "“Inselroute: Hafenarbeiter stimmen für größere Fähren und längere Überfahrten”" in title


@pytest.mark.parametrize(
    "cited",
    [
        "Hafenarbeiter wollen kleinere Busse und kuerzere Wartezeiten",  # another story
        "Kuerzere Wartezeiten fuer die Inselroute",
    ],
)
def test_another_title_typed_without_umlauts_still_fails(cited: str) -> None:
    status, checks = verdict(cited, None, [], UMLAUTS)
    assert status is Status.FAILED
    assert checks["title"].startswith("fail: title does not match")


def test_a_run_over_http_verifies_the_habits_and_fails_the_wrong_citations(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/2020/03/03/dockers-vote").respond_with_data(
        HEADLINE_AS_SITE_NAME, content_type="text/html; charset=utf-8"
    )
    httpserver.expect_request("/island/night-ferries").respond_with_data(
        INITIALS_AND_A_BYLINE_DATE, content_type="text/html; charset=utf-8"
    )
    httpserver.expect_request("/de/inselroute").respond_with_data(
        UMLAUTS, content_type="text/html; charset=utf-8"
    )
    # Any other address (the run asks a made-up one to learn how the site says "not found").
    httpserver.expect_request(re.compile("/.*")).respond_with_data("Not found", status=404)
    dockers = httpserver.url_for("/2020/03/03/dockers-vote")
    ferries = httpserver.url_for("/island/night-ferries")
    insel = httpserver.url_for("/de/inselroute")
    insel_title = "Inselroute: Hafenarbeiter stimmen für größere Fähren und längere Überfahrten"
    ferries_title = "Night ferries return to the island route"
    entries: list[tuple[str, str, str, str, str | None]] = [  # id, title, url, date, authors
        ("tab-title", f"Coastline Courier - {HEADLINE}", dockers, "2020-03-03", "Johnson et al."),
        ("cut-short", "Dockers at the harbour vote …", dockers, "2020-03", "Johnson et al."),
        (
            "other-story",
            "Coastline Courier - Council approves the harbour budget for 2021",
            dockers,
            "2020-03-03",
            "Johnson et al.",
        ),
        ("other-start", "Dockers at the port reject the new pay …", dockers, "2020", "Johnson"),
        ("stated-date", ferries_title, ferries, "2020-03-03", None),
        ("byline-date", ferries_title, ferries, "2020-03-10", None),
        ("wrong-month", ferries_title, ferries, "2020-04", None),
        (
            "typed-plain",
            "Groessere Faehren und laengere Ueberfahrten fuer die Inselroute",
            insel,
            "2020-04-11",
            None,
        ),
        ("other-typed-plain", "Kuerzere Wartezeiten fuer die Inselroute", insel, "2020-04", None),
        ("swapped-date", insel_title, insel, "2020-11-04", None),
    ]
    text = "citations:\n" + "".join(
        f"  - id: {name}\n    title: '{title}'\n    url: {url}\n    date: {date}\n"
        + (f"    authors: ['{authors}']\n" if authors else "")
        for name, title, url, date, authors in entries
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
        "tab-title": Status.VERIFIED,
        "cut-short": Status.VERIFIED,
        "other-story": Status.FAILED,
        "other-start": Status.FAILED,
        "stated-date": Status.VERIFIED,
        "byline-date": Status.WARNING,
        "wrong-month": Status.FAILED,
        "typed-plain": Status.WARNING,
        "other-typed-plain": Status.FAILED,
        "swapped-date": Status.WARNING,
    }
    assert "cut short" in (results["cut-short"].checks[CheckName.TITLE].reason or "")
    date = results["byline-date"].checks[CheckName.DATE]
    assert date.status is CheckStatus.WARN and (date.found, date.source) == ("2020-03-10", "byline")
    assert any("main date is 2020-03-03" in reason for reason in results["byline-date"].reasons)
    assert results["typed-plain"].checks[CheckName.TITLE].status is CheckStatus.WARN
    swapped = results["swapped-date"].checks[CheckName.DATE]
    assert swapped.status is CheckStatus.WARN and swapped.found == "2020-04-11"
    assert "day and month swapped" in (swapped.reason or "")
