"""The order captures are tried in, and the addresses of Wayback captures."""

from __future__ import annotations

import datetime as dt

import pytest

from citecheck.models import Citation
from citecheck.partial_date import PartialDate
from citecheck.webarchive.captures import (
    capture_of_address,
    is_local,
    nearest_first,
    reference_moment,
    wayback_parts,
)

UTC = dt.UTC


def _day(day: int) -> dt.datetime:
    return dt.datetime(2016, 8, day, tzinfo=UTC)


def test_captures_before_the_reference_come_first_nearest_first() -> None:
    moments = [_day(1), _day(20), _day(14), _day(17), _day(16)]
    order = nearest_first(moments, dt.datetime(2016, 8, 16, 23, 59, 59, tzinfo=UTC))
    assert [moments[i].day for i in order] == [16, 14, 1, 17, 20]


def test_without_a_reference_the_newest_comes_first() -> None:
    moments = [_day(1), _day(20), _day(14)]
    assert [moments[i].day for i in nearest_first(moments, None)] == [20, 14, 1]


@pytest.mark.parametrize(
    ("accessed", "date", "moment"),
    [
        ("2016-08-16", "2016-08-14", "2016-08-16T23:59:59+00:00"),
        (None, "2016-08", "2016-08-31T23:59:59+00:00"),
        (None, None, None),
    ],
)
def test_the_reference_is_the_end_of_accessed_else_of_date(
    accessed: str | None, date: str | None, moment: str | None
) -> None:
    citation = Citation(
        id="n",
        accessed=PartialDate.parse(accessed) if accessed else None,
        date=PartialDate.parse(date) if date else None,
    )
    expected = dt.datetime.fromisoformat(moment) if moment else None
    assert reference_moment(citation) == expected


@pytest.mark.parametrize(
    ("url", "parts"),
    [
        (
            "https://web.archive.org/web/20160815101500/https://e.org/a?x=1",
            ("https://web.archive.org", "20160815101500", "https://e.org/a?x=1"),
        ),
        (
            "http://web.archive.org/web/2016id_/http://e.org:80/",
            ("http://web.archive.org", "2016", "http://e.org:80/"),
        ),
        (
            "https://web.archive.org/web/20160815101500/e.org/a",
            ("https://web.archive.org", "20160815101500", "http://e.org/a"),
        ),
        (
            "https://web.archive.org/web/20160815101500/https:/e.org/a",
            ("https://web.archive.org", "20160815101500", "https://e.org/a"),
        ),
        ("https://archive.ph/AbCdE", None),
        ("https://web.archive.org/web/*/e.org/a", None),
    ],
)
def test_wayback_addresses_are_read(url: str, parts: tuple[str, str, str] | None) -> None:
    assert wayback_parts(url) == parts


def test_a_cited_wayback_address_is_fetched_raw_and_another_archive_as_it_is() -> None:
    wayback = capture_of_address("https://web.archive.org/web/20160815101500/https://e.org/a")
    assert wayback.raw_url == "https://web.archive.org/web/20160815101500id_/https://e.org/a"
    assert wayback.captured_at == dt.datetime(2016, 8, 15, 10, 15, tzinfo=UTC)
    short = capture_of_address("https://web.archive.org/web/2016/https://e.org/a")
    assert short.captured_at is None and short.raw_url.endswith("/web/2016id_/https://e.org/a")
    other = capture_of_address("https://archive.ph/AbCdE")
    assert other.raw_url == other.url == "https://archive.ph/AbCdE"


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://localhost:8000/a", True),
        ("http://127.0.0.1/a", True),
        ("http://10.1.2.3/a", True),
        ("http://[::1]/a", True),
        ("https://example.org/a", False),
        ("https://93.184.216.34/a", False),
    ],
)
def test_local_sources(url: str, local: bool) -> None:
    assert is_local(url) is local
