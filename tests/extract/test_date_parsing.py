"""Reading dates: timestamps in their own zone, written dates in several languages."""

from __future__ import annotations

import datetime as dt

import pytest

from citecheck.extract.date_parsing import (
    find_dates,
    is_plausible,
    is_utc_timestamp,
    parse_timestamp,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Late evening in New York is already the next day in UTC: the written date counts.
        ("2016-08-14T23:30:00-04:00", dt.date(2016, 8, 14)),
        ("2016-08-14T02:25:54Z", dt.date(2016, 8, 14)),
        ("2016-08-14", dt.date(2016, 8, 14)),
        ("2016-8-4", dt.date(2016, 8, 4)),
        ("20160814", dt.date(2016, 8, 14)),
        ("2016/08/14", dt.date(2016, 8, 14)),
        ("Sun, 14 Aug 2016 10:00:00 GMT", dt.date(2016, 8, 14)),
        ("August 14, 2016", dt.date(2016, 8, 14)),
        ("Aug. 14th 2016, 3pm", dt.date(2016, 8, 14)),
        ("14. August 2016", dt.date(2016, 8, 14)),
        ("14 août 2016", dt.date(2016, 8, 14)),
        ("1er mars 2016", dt.date(2016, 3, 1)),
        ("14 de agosto de 2016", dt.date(2016, 8, 14)),
        ("3. März 2020", dt.date(2020, 3, 3)),
        ("14.08.2016", dt.date(2016, 8, 14)),
        ("14.08.16", dt.date(2016, 8, 14)),
        ("1471176000", dt.date(2016, 8, 14)),
    ],
)
def test_parse_timestamp(text: str, expected: dt.date) -> None:
    assert parse_timestamp(text) == expected


@pytest.mark.parametrize(
    "text", ["", "hello", "Mayor 14, 2016", "2016-02-30", "2016-13-01", "x" * 300, "2016"]
)
def test_parse_timestamp_rejects_non_dates(text: str) -> None:
    assert parse_timestamp(text) is None


def test_slashed_dates_follow_the_page_convention() -> None:
    assert parse_timestamp("04/08/2016", day_first=False) == dt.date(2016, 4, 8)
    assert parse_timestamp("04/08/2016", day_first=True) == dt.date(2016, 8, 4)
    # A first number above 12 can only be a day.
    assert parse_timestamp("14/08/2016", day_first=False) == dt.date(2016, 8, 14)


def test_find_dates_in_running_text_in_order() -> None:
    text = "Publié le 14 août 2016 | Mis à jour le 15 août 2016 à 10h"
    found = find_dates(text)
    assert [item.value for item in found] == [dt.date(2016, 8, 14), dt.date(2016, 8, 15)]
    assert text[found[0].start : found[0].end] == "14 août 2016"


def test_utc_timestamps_are_recognised() -> None:
    assert is_utc_timestamp("2016-08-14T02:25:54Z")
    assert is_utc_timestamp("2016-08-14T02:25:54+00:00")
    assert is_utc_timestamp("Sun, 14 Aug 2016 02:25:54 GMT")
    assert not is_utc_timestamp("2016-08-14T02:25:54-04:00")
    assert not is_utc_timestamp("2016-08-14")


def test_plausibility() -> None:
    today = dt.date(2024, 5, 1)
    assert is_plausible(dt.date(2016, 8, 14), 1995, today)
    assert not is_plausible(dt.date(1990, 1, 2), 1995, today)
    assert is_plausible(dt.date(1990, 1, 2), 1900, today)
    assert not is_plausible(dt.date(1970, 1, 1), 1900, today)
    assert is_plausible(dt.date(2024, 5, 2), 1995, today)  # a time zone ahead of ours
    assert not is_plausible(dt.date(2024, 5, 10), 1995, today)


def test_find_dates_deep_in_a_long_text() -> None:
    # Dates are looked for only around years; each form must still be found anywhere.
    filler = "lorem ipsum dolor sit amet " * 400
    text = (
        f"{filler}Posted on 14 de septiembre de 2016. {filler}Updated August 14th, 2017 "
        f"{filler}3/4/2018 and 2019-05-06 and 07.08.20 {filler}2020年8月14日"
    )
    found = find_dates(text)
    assert [item.value for item in found] == [
        dt.date(2016, 9, 14),
        dt.date(2017, 8, 14),
        dt.date(2018, 3, 4),
        dt.date(2019, 5, 6),
        dt.date(2020, 8, 7),
        dt.date(2020, 8, 14),
    ]
    assert text[found[0].start : found[0].end] == "14 de septiembre de 2016"


def test_find_dates_with_only_a_two_digit_year() -> None:
    assert [item.value for item in find_dates("Stand: 07.08.20, 10 Uhr")] == [dt.date(2020, 8, 7)]
    assert find_dates("Version 10.2.3 from build 12") == []


def test_years_too_close_to_the_text_edges() -> None:
    assert [item.value for item in find_dates("2016-08-14")] == [dt.date(2016, 8, 14)]
    assert [item.value for item in find_dates("Aug 14 2016")] == [dt.date(2016, 8, 14)]
    assert find_dates("12016-08-14x") == []
