"""Read dates from timestamps (ISO 8601, RFC 2822, compact) and from running text.

A timestamp's date is taken as written, in its own time zone: "2016-08-14T23:30:00-04:00" is
14 August, as the publisher's readers saw it, not 15 August in UTC.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from citecheck.vocabulary import MONTH_NAMES

_MONTH = "|".join(sorted(MONTH_NAMES, key=len, reverse=True))
_MONTH_END = r"\.?(?![^\W\d_])"  # a month name is a whole word, perhaps abbreviated with a dot
_YEAR = r"(?P<y>(?:19|20)\d{2})"
_DAY = r"(?P<d>[0-3]?\d)"

_TEXT_PATTERNS = (
    # August 14, 2016 · Aug. 14th 2016
    re.compile(
        rf"(?<![^\W\d_])(?P<m>{_MONTH}){_MONTH_END}\s*{_DAY}(?:st|nd|rd|th)?\b,?\s*{_YEAR}\b",
        re.IGNORECASE,
    ),
    # 14 August 2016 · 14. August 2016 · 1er mars 2016 · 14 de agosto de 2016 · 14-Aug-2016
    re.compile(
        rf"\b{_DAY}(?:st|nd|rd|th|er|º|\.)?(?:\s+de|\s*-)?\s*(?P<m>{_MONTH}){_MONTH_END}"
        rf",?(?:\s+de|\s+del|\s*-)?\s*{_YEAR}\b",
        re.IGNORECASE,
    ),
    # 2016-08-14 · 2016/08/14 · 2016.08.14
    re.compile(rf"(?<![\d.]){_YEAR}(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep){_DAY}(?!\d|\.\d)"),
    # 14.08.2016 (day first wherever dots are used)
    re.compile(rf"(?<![\d.])\b{_DAY}\.(?P<m>[01]?\d)\.{_YEAR}\b(?!\.\d)"),
    # 14.08.16 (a two-digit year, as German pages print it)
    re.compile(r"(?<![\d.])\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<yy>\d{2})(?![\d]|\.\d)"),
    # 2016年8月14日
    re.compile(rf"{_YEAR}\s*年\s*(?P<m>[01]?\d)\s*月\s*{_DAY}\s*日"),
)
# Trying the patterns at every position of a long page's text is what costs, so each is only
# tried around what it cannot do without: a four-digit year, or for this one 14.08.16.
_TWO_DIGIT_YEAR_PATTERN = 4
# How far before and after its year a date can reach ("14 de septiembre de 2016", "2016-08-14").
_REACH_BEFORE_YEAR = 60
_REACH_AFTER_YEAR = 12
# 08/14/2016 or 14/08/2016: which one depends on the page.
_SLASHED = re.compile(rf"(?<![\d/])\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/{_YEAR}\b(?!/)")
# 5/5/20 or 12/03/19: a two-digit year, month or day first as the page's locale writes it.
_SHORT_SLASHED = re.compile(
    r"(?<![\d/.])\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<yy>\d{2})\b(?![/\d]|\.\d)"
)
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}")
_SHORT_DOTTED = re.compile(r"\d\.[01]?\d\.\d\d")

_TWO_DIGITS = re.compile(r"\d\d")
_ISO_START = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_]|[^\d])")
_COMPACT = re.compile(r"^\s*((?:19|20)\d{2})(\d{2})(\d{2})(?:$|[T\s]\d|\D)")
_EPOCH = re.compile(r"^\s*(\d{10})(\d{3})?\s*$")
_UTC_TIME = re.compile(
    r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?\s*(?:Z|[+-]00:?00|UTC|GMT|\+0000)\s*$", re.IGNORECASE
)

# Placeholders of empty date fields, not real dates.
_NULL_DATES = frozenset({dt.date(1970, 1, 1), dt.date(1969, 12, 31), dt.date(1900, 1, 1)})


@dataclass(frozen=True)
class DateInText:
    value: dt.date
    start: int
    end: int


def parse_timestamp(text: str, day_first: bool = False) -> dt.date | None:
    """The date of a metadata value: '2016-08-14T10:00:00+05:00', 'Sun, 14 Aug 2016 ...',
    '20160814', 'August 14, 2016', a Unix time."""
    if not text or len(text) > 200:
        return None
    for pattern in (_ISO_START, _COMPACT):
        match = pattern.match(text)
        if match:
            return _make_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    epoch = _EPOCH.match(text)
    if epoch:
        seconds = int(epoch.group(1))
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
    found = find_dates(text, day_first=day_first)
    return found[0].value if found else None


def is_utc_timestamp(text: str) -> bool:
    """Whether `text` gives a time of day in UTC (or a Unix time, which is UTC)."""
    return bool(_UTC_TIME.search(text) or _EPOCH.match(text))


def find_dates(text: str, day_first: bool = False) -> list[DateInText]:
    """Every date written out in `text`, in order of appearance."""
    if not _TWO_DIGITS.search(text):
        return []  # every date form has a day or year of two digits; most text has none
    windows = _windows(text, _ANY_YEAR, _REACH_BEFORE_YEAR, _REACH_AFTER_YEAR)
    found: list[DateInText] = []
    taken: list[tuple[int, int]] = []
    for index, pattern in enumerate(_TEXT_PATTERNS):
        if index == _TWO_DIGIT_YEAR_PATTERN:
            around = _windows(text, _SHORT_DOTTED, 2, 3)
        else:
            around = windows
        matches = [m for start, end in around for m in pattern.finditer(text, start, end)]
        for match in matches:
            if _overlaps(match.span(), taken):
                continue
            value = _make_date(_year(match), _month_number(match["m"]), int(match["d"]))
            if value is not None:
                found.append(DateInText(value, match.start(), match.end()))
                taken.append(match.span())
    for match in (m for start, end in windows for m in _SLASHED.finditer(text, start, end)):
        if _overlaps(match.span(), taken):
            continue
        value = _slashed_date(int(match["a"]), int(match["b"]), int(match["y"]), day_first)
        if value is not None:
            found.append(DateInText(value, match.start(), match.end()))
            taken.append(match.span())
    if "/" in text:
        for match in _SHORT_SLASHED.finditer(text):
            if _overlaps(match.span(), taken):
                continue
            value = _slashed_date(int(match["a"]), int(match["b"]), _year(match), day_first)
            if value is not None:
                found.append(DateInText(value, match.start(), match.end()))
    found.sort(key=lambda item: item.start)
    return found


def _windows(text: str, anchor: re.Pattern[str], before: int, after: int) -> list[tuple[int, int]]:
    """Stretches of `text` around each match of `anchor`, wide enough to hold any date written
    with it and the characters the patterns look at on either side; overlaps merged."""
    windows: list[tuple[int, int]] = []
    for match in anchor.finditer(text):
        start = max(0, match.start() - before)
        end = min(len(text), match.end() + after)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def is_plausible(value: dt.date, earliest_year: int, today: dt.date | None = None) -> bool:
    """Not a placeholder, not before `earliest_year`, not after today (a day of slack for
    time zones ahead of ours)."""
    latest = (today or dt.date.today()) + dt.timedelta(days=1)
    return value not in _NULL_DATES and earliest_year <= value.year and value <= latest


def _year(match: re.Match[str]) -> int:
    groups = match.groupdict()
    if groups.get("y"):
        return int(groups["y"])
    short = int(groups["yy"])
    # 14.08.16 is 2016; 14.08.98 is 1998.
    return 2000 + short if short <= dt.date.today().year % 100 else 1900 + short


def _month_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    return MONTH_NAMES.get(text.lower().rstrip("."), 0)


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _slashed_date(first: int, second: int, year: int, day_first: bool) -> dt.date | None:
    if first > 12 or (day_first and second <= 12):
        return _make_date(year, second, first)
    return _make_date(year, first, second)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)
