"""Wayback timestamps and Memento HTTP-dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.partial_date import PartialDate
from citecheck.webarchive.timestamps import (
    end_of,
    http_date,
    parse_http_date,
    parse_wayback_timestamp,
    wayback_timestamp,
)

UTC = dt.UTC


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2016", dt.datetime(2016, 1, 1, tzinfo=UTC)),
        ("201608", dt.datetime(2016, 8, 1, tzinfo=UTC)),
        ("20160815", dt.datetime(2016, 8, 15, tzinfo=UTC)),
        ("20160815101112", dt.datetime(2016, 8, 15, 10, 11, 12, tzinfo=UTC)),
    ],
)
def test_short_timestamps_are_padded_low(text: str, moment: dt.datetime) -> None:
    assert parse_wayback_timestamp(text) == moment


@pytest.mark.parametrize("bad", ["", "201", "2016-08-15", "20161340000000", "201608151011121"])
def test_bad_timestamps_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_wayback_timestamp(bad)


def test_rfc_example_http_date() -> None:
    moment = dt.datetime(2007, 5, 31, 20, 35, tzinfo=UTC)
    assert http_date(moment) == "Thu, 31 May 2007 20:35:00 GMT"
    assert parse_http_date("Thu, 31 May 2007 20:35:00 GMT") == moment


@pytest.mark.parametrize(
    "bad", ["thu, 31 May 2007 20:35:00 GMT", "2007-05-31", "Thu, 31 May 2007 20:35:00 +0000"]
)
def test_other_date_forms_are_not_http_dates(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_http_date(bad)


@settings(deadline=None)
@given(st.datetimes(min_value=dt.datetime(1991, 1, 1), max_value=dt.datetime(2099, 12, 31)))
def test_both_forms_round_trip_to_the_second(moment: dt.datetime) -> None:
    whole = moment.replace(microsecond=0, tzinfo=UTC)
    assert parse_wayback_timestamp(wayback_timestamp(whole)) == whole
    assert parse_http_date(http_date(whole)) == whole


def test_a_moment_in_another_zone_is_written_in_utc() -> None:
    moment = dt.datetime(2016, 8, 15, 1, 0, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    assert wayback_timestamp(moment) == "20160814200000"


@pytest.mark.parametrize(
    ("date", "last"),
    [
        ("2016-08-15", "2016-08-15"),
        ("2016-02", "2016-02-29"),
        ("2016-12", "2016-12-31"),
        ("2015", "2015-12-31"),
    ],
)
def test_end_of_a_partial_date(date: str, last: str) -> None:
    assert end_of(PartialDate.parse(date)) == dt.datetime.fromisoformat(last + "T23:59:59+00:00")
