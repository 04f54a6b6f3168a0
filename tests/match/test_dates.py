from __future__ import annotations

import datetime as dt

import pytest

from citecheck.match.dates import check_date
from citecheck.models import CheckStatus, FoundDate, PageMetadata
from citecheck.partial_date import PartialDate

PUBLISHED = "meta:article:published_time"


def page_published(*days: str, source: str = PUBLISHED) -> PageMetadata:
    return PageMetadata(published=[FoundDate(dt.date.fromisoformat(day), source) for day in days])


def date_status(cited: str, published: str, tolerance: int = 1) -> CheckStatus:
    return check_date(PartialDate.parse(cited), page_published(published), tolerance).status


@pytest.mark.parametrize(
    ("cited", "published", "expected"),
    [
        ("2016-08-14", "2016-08-14", CheckStatus.PASS),
        ("2016-08-14", "2016-08-13", CheckStatus.PASS),  # a time zone away
        ("2016-08-14", "2016-08-15", CheckStatus.PASS),
        ("2016-08-14", "2016-08-12", CheckStatus.FAIL),
        ("2016-08-14", "2016-08-20", CheckStatus.FAIL),  # 6 days
        ("2016-08-14", "2015-08-14", CheckStatus.FAIL),  # a year
        ("2016-12-31", "2017-01-01", CheckStatus.PASS),  # across a year boundary
    ],
)
def test_day_precision(cited: str, published: str, expected: CheckStatus) -> None:
    assert date_status(cited, published) is expected


@pytest.mark.parametrize(
    ("cited", "published", "expected"),
    [
        ("2016-09", "2016-09-01", CheckStatus.PASS),
        ("2016-09", "2016-09-30", CheckStatus.PASS),
        ("2016-09", "2016-08-31", CheckStatus.PASS),  # last day before: a time zone away
        ("2016-09", "2016-10-01", CheckStatus.PASS),
        ("2016-09", "2016-08-30", CheckStatus.FAIL),
        ("2016-09", "2016-10-02", CheckStatus.FAIL),
        ("2016-02", "2016-02-29", CheckStatus.PASS),  # leap year
        ("2016-02", "2016-03-02", CheckStatus.FAIL),
    ],
)
def test_month_precision(cited: str, published: str, expected: CheckStatus) -> None:
    assert date_status(cited, published) is expected


@pytest.mark.parametrize(
    ("cited", "published", "expected"),
    [
        ("2016", "2016-06-15", CheckStatus.PASS),
        ("2016", "2015-12-31", CheckStatus.PASS),
        ("2016", "2017-01-01", CheckStatus.PASS),
        ("2016", "2015-12-30", CheckStatus.FAIL),
        ("2016", "2018-03-01", CheckStatus.FAIL),
    ],
)
def test_year_precision(cited: str, published: str, expected: CheckStatus) -> None:
    assert date_status(cited, published) is expected


def test_tolerance_comes_from_settings() -> None:
    assert date_status("2016-08-14", "2016-08-12", tolerance=2) is CheckStatus.PASS
    assert date_status("2016-08-14", "2016-08-13", tolerance=0) is CheckStatus.FAIL


def test_reasons_give_the_evidence() -> None:
    check = check_date(PartialDate(2016, 8, 14), page_published("2016-08-13"), 1)
    assert check.reason == (
        "date 2016-08-13 from meta:article:published_time is 1 day from cited 2016-08-14 "
        "(time zones)"
    )
    assert (check.expected, check.found, check.source) == ("2016-08-14", "2016-08-13", PUBLISHED)
    check = check_date(PartialDate(2016, 8, 14), page_published("2016-08-20"), 1)
    assert check.reason == (
        "date 2016-08-20 from meta:article:published_time is 6 days from cited 2016-08-14"
    )


def test_another_structured_candidate_agreeing_passes_with_a_note() -> None:
    page = PageMetadata(
        published=[
            FoundDate(dt.date(2016, 8, 1), "time"),
            FoundDate(dt.date(2016, 8, 14), "json-ld:datePublished"),
        ]
    )
    check = check_date(PartialDate(2016, 8, 14), page, 1)
    assert check.status is CheckStatus.PASS
    assert check.source == "json-ld:datePublished"
    assert check.reason is not None and "2016-08-01 from time" in check.reason


def test_a_date_guessed_from_the_url_does_not_make_a_contradiction_pass() -> None:
    """The page's dates disagree with each other: mixed evidence, a warning naming both."""
    page = PageMetadata(
        published=[
            FoundDate(dt.date(2016, 8, 1), "json-ld:datePublished"),
            FoundDate(dt.date(2016, 8, 14), "url"),
        ]
    )
    check = check_date(PartialDate(2016, 8, 14), page, 1)
    assert check.status is CheckStatus.WARN
    assert (check.found, check.source) == ("2016-08-14", "url")
    assert check.reason == (
        "date only partly matches: the cited 2016-08-14 is the page's date 2016-08-14 from url, "
        "but its main date is 2016-08-01 from json-ld:datePublished (13 days from cited)"
    )


@pytest.mark.parametrize("cited", ["2016-08-17", "2017-08-14", "2016-08-08"])
def test_a_cited_date_that_no_date_of_the_page_gives_still_fails(cited: str) -> None:
    """Near a second date (3 days), a year after it, or between the page's dates: not on one."""
    page = PageMetadata(
        published=[
            FoundDate(dt.date(2016, 8, 1), "json-ld:datePublished"),
            FoundDate(dt.date(2016, 8, 14), "url"),
        ]
    )
    check = check_date(PartialDate.parse(cited), page, 1)
    assert check.status is CheckStatus.FAIL
    assert (check.found, check.source) == ("2016-08-01", "json-ld:datePublished")


def test_original_date_is_used_rather_than_the_update_date() -> None:
    page = PageMetadata(
        published=[FoundDate(dt.date(2016, 8, 14), PUBLISHED)],
        modified=[FoundDate(dt.date(2019, 1, 2), "meta:article:modified_time")],
    )
    assert check_date(PartialDate(2016, 8, 14), page, 1).status is CheckStatus.PASS


def test_citing_the_update_date_passes_and_names_both_dates() -> None:
    page = PageMetadata(
        published=[FoundDate(dt.date(2016, 8, 14), PUBLISHED)],
        modified=[FoundDate(dt.date(2017, 3, 5), "meta:article:modified_time")],
    )
    check = check_date(PartialDate(2017, 3, 5), page, 1)
    assert check.status is CheckStatus.PASS
    assert check.found == "2017-03-05"
    assert check.reason is not None
    assert "update date" in check.reason and "first published 2016-08-14" in check.reason


def test_a_date_that_is_neither_the_original_nor_the_update_fails() -> None:
    page = PageMetadata(
        published=[FoundDate(dt.date(2016, 8, 14), PUBLISHED)],
        modified=[FoundDate(dt.date(2017, 3, 5), "meta:article:modified_time")],
    )
    assert check_date(PartialDate(2017, 3, 12), page, 1).status is CheckStatus.FAIL


def test_only_an_update_date_is_said_so() -> None:
    page = PageMetadata(modified=[FoundDate(dt.date(2016, 8, 14), "json-ld:dateModified")])
    check = check_date(PartialDate(2016, 8, 14), page, 1)
    assert check.status is CheckStatus.PASS
    assert check.reason is not None and "only an update date was found" in check.reason


def test_only_an_update_date_that_differs_is_a_warning() -> None:
    page = PageMetadata(modified=[FoundDate(dt.date(2020, 5, 1), "json-ld:dateModified")])
    check = check_date(PartialDate(2016, 8, 14), page, 1)
    assert check.status is CheckStatus.WARN
    assert check.reason is not None and "only an update date was found" in check.reason


def test_no_date_on_the_page_is_skipped() -> None:
    check = check_date(PartialDate(2016, 8, 14), PageMetadata(), 1)
    assert (check.status, check.reason) == (CheckStatus.SKIP, "no date found on the page")
    assert check.expected == "2016-08-14"


def test_no_cited_date_is_skipped() -> None:
    check = check_date(None, page_published("2016-08-14"), 1)
    assert (check.status, check.reason) == (CheckStatus.SKIP, "the citation has no date")


def test_a_cited_year_that_dates_cannot_hold_is_skipped() -> None:
    check = check_date(PartialDate(0), page_published("2016-08-14"), 1)
    assert check.status is CheckStatus.SKIP


def test_negative_tolerance_is_treated_as_none() -> None:
    assert date_status("2016-08-14", "2016-08-14", tolerance=-5) is CheckStatus.PASS
