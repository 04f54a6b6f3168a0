"""The verdict: every status, and every way of reaching it, from plain FetchResult/PageMetadata."""

from __future__ import annotations

import datetime as dt

import pytest

from citecheck.locate import CITED_ARCHIVE_URL, Candidate, cap_by_origin
from citecheck.match.verdict import judge
from citecheck.models import (
    CheckName,
    CheckStatus,
    Citation,
    CitationResult,
    FetchError,
    FetchErrorKind,
    FetchResult,
    Found,
    FoundDate,
    Hop,
    PageKind,
    PageMetadata,
    Status,
)
from citecheck.partial_date import PartialDate
from citecheck.settings import MatchSettings

URL = "https://www.reuters.com/article/us-pakistan-islamicstate-idUSKCN10P0ZZ"
TITLE = "Islamic State faces uphill ‘branding war’ in Afghanistan, Pakistan"
PAGE_TITLE = "Islamic State faces uphill 'branding war' in Afghanistan, Pakistan"
SETTINGS = MatchSettings()


def reuters_citation(**changes: object) -> Citation:
    citation = Citation(
        id="i",
        line=10,
        authors=["Kay Johnson", "Mehreen Zahra-Malik"],
        title=TITLE,
        publisher="Reuters",
        date=PartialDate(2016, 8, 14),
        url=URL,
    )
    for name, value in changes.items():
        setattr(citation, name, value)
    return citation


def reuters_page(**changes: object) -> PageMetadata:
    """Modelled on a wire story's markup: <title> with the site suffix, og and JSON-LD."""
    page = PageMetadata(
        url=URL,
        titles=[
            Found(f"{PAGE_TITLE} | Reuters", "title"),
            Found(PAGE_TITLE, "og:title"),
            Found(PAGE_TITLE, "json-ld:headline"),
        ],
        published=[FoundDate(dt.date(2016, 8, 14), "json-ld:datePublished")],
        modified=[FoundDate(dt.date(2016, 8, 15), "json-ld:dateModified")],
        authors=[
            Found("Kay Johnson", "json-ld:author"),
            Found("Mehreen Zahra-Malik", "json-ld:author"),
        ],
        publishers=[Found("Reuters", "og:site_name")],
    )
    for name, value in changes.items():
        setattr(page, name, value)
    return page


def ok(url: str = URL, **changes: object) -> FetchResult:
    fetched = FetchResult(
        requested_url=url,
        final_url=url,
        status=200,
        headers={"content-type": "text/html; charset=utf-8"},
    )
    for name, value in changes.items():
        setattr(fetched, name, value)
    return fetched


def http(status: int, url: str = URL) -> FetchResult:
    return FetchResult(requested_url=url, final_url=url, status=status)


def failed_fetch(kind: FetchErrorKind, message: str = "") -> FetchResult:
    return FetchResult(requested_url=URL, error=FetchError(kind, message))


def all_skipped(result_checks: dict[str, object]) -> bool:
    return all(
        getattr(check, "status", None) is CheckStatus.SKIP for check in result_checks.values()
    )


# --------------------------------------------------------------------------- verified


def test_matching_page_is_verified_with_evidence() -> None:
    result = judge(reuters_citation(), ok(), reuters_page(), SETTINGS)
    assert result.status is Status.VERIFIED
    assert set(result.checks) == {"title", "date", "authors", "publisher"}
    assert all(check.status is CheckStatus.PASS for check in result.checks.values())
    assert result.reasons[0] == f"title matches (score 100) “{PAGE_TITLE} | Reuters” from title"
    assert "date 2016-08-14 from json-ld:datePublished matches cited 2016-08-14" in result.reasons


def test_result_carries_the_citation_and_fetch_fields() -> None:
    fetched = ok(
        url="http://reuters.com/x",
        final_url=URL,
        redirects=[Hop("http://reuters.com/x", 301), Hop("https://reuters.com/x", 301)],
        from_cache=True,
    )
    result = judge(reuters_citation(), fetched, reuters_page(), SETTINGS)
    assert (result.id, result.line, result.title, result.url) == ("i", 10, TITLE, URL)
    assert (result.final_url, result.http_status, result.fetched_url) == (
        URL,
        200,
        "http://reuters.com/x",
    )
    assert result.redirects == fetched.redirects
    assert result.from_cache is True
    assert result.reasons[-1] == f"redirected 2 times: http://reuters.com/x -> {URL}"


def test_one_day_off_is_still_verified() -> None:
    page = reuters_page(published=[FoundDate(dt.date(2016, 8, 13), "meta:article:published_time")])
    result = judge(reuters_citation(), ok(), page, SETTINGS)
    assert result.status is Status.VERIFIED
    assert (
        "date 2016-08-13 from meta:article:published_time is 1 day from cited 2016-08-14 "
        "(time zones)"
    ) in result.reasons


def test_missing_date_and_authors_on_the_page_do_not_lower_a_match() -> None:
    page = reuters_page(published=[], modified=[], authors=[])
    result = judge(reuters_citation(), ok(), page, SETTINGS)
    assert result.status is Status.VERIFIED
    assert result.checks["date"].status is CheckStatus.SKIP
    assert "no date found on the page" in result.reasons
    assert result.checks["authors"].status is CheckStatus.SKIP


def test_citation_fields_it_lacks_are_skipped_silently() -> None:
    citation = reuters_citation(authors=[], date=None, publisher=None)
    result = judge(citation, ok(), reuters_page(), SETTINGS)
    assert result.status is Status.VERIFIED
    assert len(result.reasons) == 1
    assert result.checks["date"].reason == "the citation has no date"


# --------------------------------------------------------------------------- warning


def test_title_between_thresholds_is_a_warning() -> None:
    page = reuters_page(
        titles=[Found("Islamic State faces uphill battle in Afghanistan, Pakistan", "og:title")]
    )
    result = judge(reuters_citation(), ok(), page, SETTINGS)
    assert result.checks["title"].status is CheckStatus.WARN
    assert result.status is Status.WARNING


@pytest.mark.parametrize(
    ("change", "check_name"),
    [
        ({"authors": [Found("Salman Masood", "meta:author")]}, "authors"),
        ({"authors": [Found("Kay Johnson", "json-ld:author")]}, "authors"),
        ({"publishers": [Found("Yahoo News", "og:site_name")]}, "publisher"),
    ],
)
def test_author_or_publisher_mismatch_is_a_warning(
    change: dict[str, object], check_name: str
) -> None:
    fetched = ok(url="https://news.yahoo.com/islamic-state-faces-uphill-branding-war.html")
    result = judge(reuters_citation(), fetched, reuters_page(**change), SETTINGS)
    assert result.checks[check_name].status is CheckStatus.WARN
    assert result.status is Status.WARNING


def test_citing_the_update_date_verifies_with_both_dates_in_the_reasons() -> None:
    result = judge(
        reuters_citation(date=PartialDate(2016, 8, 20)),
        ok(),
        reuters_page(modified=[FoundDate(dt.date(2016, 8, 20), "json-ld:dateModified")]),
        SETTINGS,
    )
    assert result.status is Status.VERIFIED
    assert result.checks["date"].found == "2016-08-20"
    assert "first published" in (result.checks["date"].reason or "")


def test_citation_without_title_is_a_warning() -> None:
    result = judge(reuters_citation(title=None), ok(), reuters_page(), SETTINGS)
    assert result.status is Status.WARNING
    assert result.reasons[0] == "nothing to compare: the citation has no title"


def test_page_without_title_is_a_warning() -> None:
    result = judge(reuters_citation(), ok(), reuters_page(titles=[]), SETTINGS)
    assert result.status is Status.WARNING
    assert "no title found on the page" in result.reasons


# --------------------------------------------------------------------------- failed


def test_another_sites_title_fails() -> None:
    page = reuters_page(
        titles=[Found("Suicide Bomber Kills Dozens at Pakistani Hospital in Quetta", "og:title")]
    )
    result = judge(reuters_citation(), ok(), page, SETTINGS)
    assert result.status is Status.FAILED
    assert result.checks["title"].status is CheckStatus.FAIL


def test_another_page_of_the_same_site_fails() -> None:
    other = "Pakistan arrests suspected Islamic State militants in Karachi"
    page = reuters_page(titles=[Found(f"{other} | Reuters", "title"), Found(other, "og:title")])
    result = judge(reuters_citation(), ok(), page, SETTINGS)
    assert result.status is Status.FAILED


@pytest.mark.parametrize("published", [dt.date(2015, 8, 14), dt.date(2016, 8, 20)])
def test_date_clearly_contradicted_fails_even_with_matching_title(published: dt.date) -> None:
    page = reuters_page(published=[FoundDate(published, "json-ld:datePublished")], modified=[])
    result = judge(reuters_citation(), ok(), page, SETTINGS)
    assert result.checks["title"].status is CheckStatus.PASS
    assert result.checks["date"].status is CheckStatus.FAIL
    assert result.status is Status.FAILED


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (404, f"HTTP 404 Not Found at {URL}"),
        (410, f"HTTP 410 Gone at {URL}"),
        (400, f"HTTP 400 Bad Request at {URL}"),
        (500, f"HTTP 500 Internal Server Error at {URL} (after retries)"),
        (503, f"HTTP 503 Service Unavailable at {URL} (after retries)"),
        (300, f"HTTP 300 Multiple Choices at {URL} with no usable redirect"),
        (418, f"HTTP 418 I'm a Teapot at {URL}"),
        (599, f"HTTP 599 at {URL} (after retries)"),
    ],
)
def test_dead_status_fails(status: int, reason: str) -> None:
    result = judge(reuters_citation(), http(status), None, SETTINGS)
    assert result.status is Status.FAILED
    assert result.reasons == [reason]
    assert result.http_status == status
    assert all_skipped(dict(result.checks))


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (FetchErrorKind.INVALID_URL, Status.FAILED),
        (FetchErrorKind.DNS, Status.FAILED),
        (FetchErrorKind.REFUSED, Status.FAILED),
        (FetchErrorKind.CONNECTION, Status.FAILED),
        (FetchErrorKind.TOO_MANY_REDIRECTS, Status.FAILED),
        (FetchErrorKind.TIMEOUT, Status.UNVERIFIABLE),
        (FetchErrorKind.PRIVATE_ADDRESS, Status.UNVERIFIABLE),
        (FetchErrorKind.BODY_TOO_LARGE, Status.UNVERIFIABLE),
        (FetchErrorKind.NETWORK_DOWN, Status.UNVERIFIABLE),
        (FetchErrorKind.NOT_IN_CACHE, Status.UNVERIFIABLE),
        (FetchErrorKind.NOT_IN_ARCHIVE, Status.UNVERIFIABLE),
        (FetchErrorKind.ROBOTS, Status.UNVERIFIABLE),
    ],
)
def test_every_fetch_error_kind_has_a_status(kind: FetchErrorKind, expected: Status) -> None:
    result = judge(reuters_citation(), failed_fetch(kind), reuters_page(), SETTINGS)
    assert result.status is expected
    assert len(result.reasons) == 1 and result.reasons[0].endswith(f" at {URL}")
    assert all_skipped(dict(result.checks))


@pytest.mark.parametrize(
    ("kind", "message", "reason"),
    [
        (
            FetchErrorKind.DNS,
            "Name or service not known",
            "unknown host (Name or service not known)",
        ),
        (FetchErrorKind.NETWORK_DOWN, "", "network unavailable"),
        (FetchErrorKind.PRIVATE_ADDRESS, "", "refused: private address"),
        (FetchErrorKind.NOT_IN_ARCHIVE, "not in archive", "not in archive"),
        (
            FetchErrorKind.TIMEOUT,
            "read timed out after 20 s\ntrace",
            "timed out (read timed out after 20 s)",
        ),
    ],
)
def test_fetch_error_reasons_are_one_plain_line(
    kind: FetchErrorKind, message: str, reason: str
) -> None:
    result = judge(reuters_citation(), failed_fetch(kind, message), None, SETTINGS)
    assert result.reasons == [f"{reason} at {URL}"]


# --------------------------------------------------------------------------- blocked


@pytest.mark.parametrize("status", [401, 403, 429, 451, 999])
def test_refusing_status_is_blocked(status: int) -> None:
    result = judge(reuters_citation(), http(status), None, SETTINGS)
    assert result.status is Status.BLOCKED
    assert result.reasons[0].startswith(f"HTTP {status}")
    assert result.reasons[0].endswith("the server refused us")


def test_bot_challenge_is_blocked_and_not_compared() -> None:
    page = PageMetadata(
        url=URL, kind=PageKind.BOT_CHALLENGE, titles=[Found("Just a moment...", "title")]
    )
    result = judge(reuters_citation(), ok(), page, SETTINGS)
    assert result.status is Status.BLOCKED
    assert result.reasons == ["a bot challenge page was served instead of the page"]
    assert all_skipped(dict(result.checks))


def test_paywall_is_blocked_but_its_metadata_is_still_reported() -> None:
    page = reuters_page(kind=PageKind.PAYWALL)
    result = judge(reuters_citation(), ok(), page, SETTINGS)
    assert result.status is Status.BLOCKED
    assert result.reasons[0] == "a paywall or login page was served"
    assert result.checks["title"].status is CheckStatus.PASS


# --------------------------------------------------------------------------- unverifiable


def test_no_url_is_unverifiable() -> None:
    result = judge(reuters_citation(url=None), None, None, SETTINGS)
    assert result.status is Status.UNVERIFIABLE
    assert result.reasons == ["no URL to check"]
    assert all_skipped(dict(result.checks))
    assert result.fetched_url is None and result.http_status is None


def test_no_response_is_unverifiable() -> None:
    result = judge(reuters_citation(), FetchResult(requested_url=URL), None, SETTINGS)
    assert result.status is Status.UNVERIFIABLE
    assert result.reasons == [f"no response from {URL}"]


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        (PageKind.JS_SHELL, "the page is an empty shell that only JavaScript fills"),
        (PageKind.EMPTY, "the page is empty"),
    ],
)
def test_contentless_page_is_unverifiable(kind: PageKind, reason: str) -> None:
    page = PageMetadata(url=URL, kind=kind, titles=[Found("Reuters", "title")])
    result = judge(reuters_citation(), ok(), page, SETTINGS)
    assert result.status is Status.UNVERIFIABLE
    assert (
        result.reasons[0] == f"nothing to compare: {reason} and no matching title was found in it"
    )


def test_contentless_page_with_a_matching_title_is_judged_normally() -> None:
    page = reuters_page(kind=PageKind.JS_SHELL)
    assert judge(reuters_citation(), ok(), page, SETTINGS).status is Status.VERIFIED


def test_not_html_without_metadata_is_unverifiable() -> None:
    fetched = ok(headers={"content-type": "application/pdf"})
    page = PageMetadata(url=URL, kind=PageKind.NOT_HTML)
    result = judge(reuters_citation(), fetched, page, SETTINGS)
    assert result.status is Status.UNVERIFIABLE
    assert result.reasons[0].startswith(
        "nothing to compare: the page is not HTML (application/pdf)"
    )


def test_not_html_with_a_matching_document_title_is_verified() -> None:
    fetched = ok(headers={"content-type": "application/pdf"})
    page = PageMetadata(url=URL, kind=PageKind.NOT_HTML, titles=[Found(PAGE_TITLE, "pdf:title")])
    result = judge(reuters_citation(authors=[], date=None), fetched, page, SETTINGS)
    assert result.status is Status.VERIFIED


def test_reachable_page_without_metadata_is_unverifiable() -> None:
    fetched = ok(headers={"content-type": "image/png"})
    result = judge(reuters_citation(), fetched, None, SETTINGS)
    assert result.status is Status.UNVERIFIABLE
    assert result.reasons == [
        "nothing to compare: no metadata could be read from the page (image/png)"
    ]


# ------------------------------------------- archive copies, capped by their origin (locate)

ARCHIVE = f"https://web.archive.org/web/20160814120000id_/{URL}"


def judge_in_place_of(
    dead: FetchResult, citation: Citation, copy: FetchResult, page: PageMetadata | None
) -> CitationResult:
    """The archive copy judged as any page, then capped by the locate stage's one rule."""
    result = judge(citation, copy, page, SETTINGS)
    return cap_by_origin(result, Candidate(ARCHIVE, CITED_ARCHIVE_URL), dead, copy)


def test_archive_copy_of_a_dead_url_is_at_best_a_warning() -> None:
    result = judge_in_place_of(
        http(404), reuters_citation(archive_url=ARCHIVE), ok(url=ARCHIVE), reuters_page(url=URL)
    )
    assert result.status is Status.WARNING
    assert result.reasons[0] == (
        f"the cited URL is dead (HTTP 404 Not Found at {URL}); "
        f"checked against the archive copy at {ARCHIVE}"
    )
    assert result.checks["title"].status is CheckStatus.PASS
    assert result.checks["publisher"].status is CheckStatus.PASS  # the archived site's domain
    assert result.fetched_url == ARCHIVE and result.url == URL


def test_dead_url_without_a_usable_archive_copy_fails() -> None:
    result = judge_in_place_of(
        failed_fetch(FetchErrorKind.DNS, "Name or service not known"),
        reuters_citation(archive_url=ARCHIVE),
        FetchResult(
            requested_url=ARCHIVE,
            error=FetchError(FetchErrorKind.NOT_IN_ARCHIVE, "not in archive"),
        ),
        None,
    )
    assert result.status is Status.FAILED
    assert result.reasons[0].startswith("the cited URL is dead (unknown host")
    assert result.reasons[1] == f"not in archive at {ARCHIVE}"


def test_timed_out_url_without_a_usable_archive_copy_stays_unverifiable() -> None:
    result = judge_in_place_of(
        failed_fetch(FetchErrorKind.TIMEOUT),
        reuters_citation(archive_url=ARCHIVE),
        FetchResult(requested_url=ARCHIVE, status=429),
        None,
    )
    assert result.status is Status.UNVERIFIABLE
    assert result.reasons[0].startswith(f"the cited URL is unreachable (timed out at {URL})")


def test_blocked_url_with_a_matching_archive_copy_is_a_warning() -> None:
    result = judge_in_place_of(
        http(451), reuters_citation(archive_url=ARCHIVE), ok(url=ARCHIVE), reuters_page()
    )
    assert result.status is Status.WARNING


def test_archive_copy_with_a_wrong_title_fails() -> None:
    page = reuters_page(titles=[Found("Welcome to the Wayback Machine", "title")])
    result = judge_in_place_of(http(410), reuters_citation(), ok(url=ARCHIVE), page)
    assert result.status is Status.FAILED


# --------------------------------------------------------------------------- settings


def test_user_publisher_aliases_reach_the_check() -> None:
    citation = reuters_citation(publisher="Frontier Gazette")
    page = reuters_page(publishers=[])
    assert judge(citation, ok(), page, SETTINGS).status is Status.WARNING
    settings = MatchSettings(publisher_aliases={"Frontier Gazette": ["reuters.com"]})
    assert judge(citation, ok(), page, settings).status is Status.VERIFIED


def test_title_thresholds_reach_the_check() -> None:
    page = reuters_page(
        titles=[Found("Islamic State faces uphill battle in Afghanistan, Pakistan", "og:title")]
    )
    lenient = MatchSettings(title_pass=70.0, title_warn=50.0)
    assert judge(reuters_citation(), ok(), page, lenient).status is Status.VERIFIED
    strict = MatchSettings(title_pass=99.0, title_warn=95.0)
    # Below title_warn, but most words are shared: partial support, a warning (not verified).
    result = judge(reuters_citation(), ok(), page, strict)
    assert result.status is Status.WARNING
    assert result.checks["title"].reason is not None
    assert result.checks["title"].reason.startswith("title only partly matches: the cited")


# --------------------------------------------------------------------------- hostile input


def test_every_error_kind_yields_one_reason_line() -> None:
    for kind in FetchErrorKind:
        result = judge(reuters_citation(), failed_fetch(kind, "x\n" * 1000), None, SETTINGS)
        assert len(result.reasons) == 1 and "\n" not in result.reasons[0]


def test_hostile_citation_and_page_values_do_not_raise() -> None:
    citation = reuters_citation(
        title="‘’“”—" * 5000,
        authors=["", ",", "Jr.", "x" * 100_000, "van der"],
        publisher=", ; ,",
        date=PartialDate(9999, 12, 31),
    )
    page = reuters_page(
        titles=[Found("\u0000\u200b" * 10_000, "title"), Found(" | " * 3000, "og:title")],
        authors=[Found("\ufeff", "meta:author"), Found("a" * 50_000, "json-ld:author")],
        publishers=[Found("", "og:site_name")],
        published=[FoundDate(dt.date(1, 1, 1), "json-ld:datePublished")],
    )
    result = judge(citation, ok(url="http://[::1"), page, SETTINGS)
    # Nothing comparable survives in the titles, authors or publisher; the dates are far apart.
    assert result.checks["title"].status is CheckStatus.SKIP
    assert result.checks["date"].status is CheckStatus.FAIL
    assert result.status is Status.FAILED
    assert all(len(reason) < 1000 for reason in result.reasons)


def test_the_publisher_check_compares_the_site_with_the_container_first() -> None:
    # The page calls itself after the publication, not after the company that publishes it.
    page = reuters_page(publishers=[Found("Reuters", "og:site_name")])
    citation = reuters_citation(container="Reuters", publisher="Thomson Reuters Holdings")
    result = judge(citation, ok(url="https://news.example/a"), page, SETTINGS)
    publisher = result.checks[CheckName.PUBLISHER]
    assert (publisher.status, publisher.expected) == (CheckStatus.PASS, "Reuters")
    assert result.status is Status.VERIFIED
    # Without a container the publisher is compared, as before.
    alone = judge(
        reuters_citation(publisher="Thomson Reuters Holdings"),
        ok(url="https://news.example/a"),
        page,
        SETTINGS,
    )
    assert alone.checks[CheckName.PUBLISHER].status is CheckStatus.WARN


def test_check_names_are_an_enum_that_reads_as_the_plain_name() -> None:
    result = judge(reuters_citation(), ok(), reuters_page(), SETTINGS)
    assert list(result.checks) == list(CheckName)
    assert [str(name) for name in result.checks] == ["title", "date", "authors", "publisher"]
    assert result.checks["title"] is result.checks[CheckName.TITLE]
