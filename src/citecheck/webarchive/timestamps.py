"""The two ways archives write a moment: Wayback timestamps and Memento's HTTP-dates.

A Wayback timestamp is 14 digits `YYYYMMDDhhmmss` in UTC; the Internet Archive's endpoints take a
1-14 digit prefix and pad it. Memento headers use the RFC 1123 form of HTTP-date, in GMT.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

from citecheck.partial_date import PartialDate

_DIGITS = re.compile(r"^\d{4,14}$")
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_HTTP_DATE = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$"
)


def wayback_timestamp(moment: dt.datetime) -> str:
    """`moment` as 14 digits in UTC (a naive datetime is taken to be UTC)."""
    return as_utc(moment).strftime("%Y%m%d%H%M%S")


def parse_wayback_timestamp(text: str) -> dt.datetime:
    """The UTC moment of a 4-14 digit Wayback timestamp, a short one padded low
    (`2016` is 2016-01-01 00:00:00); ValueError if it is not one."""
    if not _DIGITS.match(text):
        raise ValueError(f"{text!r} is not a Wayback timestamp (4 to 14 digits)")
    padded = text + "0101000000"[len(text) - 4 :] if len(text) < 14 else text
    try:
        return dt.datetime.strptime(padded, "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)
    except ValueError:
        raise ValueError(f"{text!r} is not a Wayback timestamp (no such date)") from None


def http_date(moment: dt.datetime) -> str:
    """`moment` as an RFC 1123 HTTP-date (`Thu, 31 May 2007 20:35:00 GMT`)."""
    utc = as_utc(moment)
    return (
        f"{_DAY_NAMES[utc.weekday()]}, {utc.day:02d} {_MONTH_NAMES[utc.month - 1]} "
        f"{utc.year:04d} {utc.hour:02d}:{utc.minute:02d}:{utc.second:02d} GMT"
    )


def parse_http_date(text: str) -> dt.datetime:
    """The UTC moment of an RFC 1123 HTTP-date; ValueError for anything else (Memento asks
    for exactly this form, case-sensitive names included)."""
    if not _HTTP_DATE.match(text.strip()):
        raise ValueError(f"{text!r} is not an HTTP-date such as 'Thu, 31 May 2007 20:35:00 GMT'")
    try:
        return as_utc(email.utils.parsedate_to_datetime(text.strip()))
    except (TypeError, ValueError):
        raise ValueError(f"{text!r} is not an HTTP-date (no such date)") from None


def as_utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def end_of(date: PartialDate) -> dt.datetime:
    """The last second of the period a partial date names (a day, a month or a year), UTC:
    a page "accessed 2016-08" may have been read on any day of that month."""
    if date.day is not None:
        last = date.first_day()
    elif date.month is not None:
        next_month = dt.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        last = next_month - dt.timedelta(days=1)
    else:
        last = dt.date(date.year, 12, 31)
    return dt.datetime(last.year, last.month, last.day, 23, 59, 59, tzinfo=dt.UTC)
