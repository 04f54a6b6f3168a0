from __future__ import annotations

import datetime as dt

import pytest

from citecheck.partial_date import PartialDate, Precision


@pytest.mark.parametrize(
    ("text", "precision", "shown"),
    [("2016", Precision.YEAR, "2016"), ("2016-9", Precision.MONTH, "2016-09"),
     ("2016-08-14", Precision.DAY, "2016-08-14"), ("2016-02-29", Precision.DAY, "2016-02-29")],
)  # fmt: skip
def test_parse_keeps_precision(text: str, precision: Precision, shown: str) -> None:
    parsed = PartialDate.parse(text)
    assert parsed.precision is precision
    assert str(parsed) == shown


@pytest.mark.parametrize("text", ["2015-02-29", "2016-00", "2016-04-31", "16", "2016/08/14", ""])
def test_impossible_or_malformed_dates_raise(text: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_first_day_and_from_date() -> None:
    assert PartialDate(2016, 9).first_day() == dt.date(2016, 9, 1)
    assert PartialDate.from_date(dt.date(2016, 8, 14)) == PartialDate(2016, 8, 14)
