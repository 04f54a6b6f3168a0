"""Dates as notes write them ("August 14, 2016", "14 Aug. 2016", "Sept. 2016", "(2016, August 14)",
"2016-08-14", "2016"), read at the precision written, and "accessed ..." dates told apart."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from citecheck.partial_date import PartialDate
from citecheck.vocabulary import MONTH_NAMES

_SEASONS = ("spring", "summer", "autumn", "fall", "winter")
MONTHS = MONTH_NAMES

_MONTH = r"(?P<{}>(?:" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")\.?)"
_YEAR = r"(?P<{}>1[4-9]\d\d|20\d\d)"
_DAY = r"(?P<{}>\d{{1,2}})"
_NO_WORD_BEFORE = r"(?<![\w.])"
_NO_WORD_AFTER = r"(?![\w])"


def _pattern(template: str) -> re.Pattern[str]:
    names = {"month": _MONTH.format("month"), "year": _YEAR.format("year")}
    names["day"] = _DAY.format("day")
    return re.compile(_NO_WORD_BEFORE + template.format(**names) + _NO_WORD_AFTER, re.IGNORECASE)


# Most specific first: a longer match of an earlier pattern wins over a later one.
_FULL_DATES = [
    _pattern(r"{year}-(?P<mm>0[1-9]|1[0-2])-(?P<dd>[0-3]\d)"),
    _pattern(r"{day}(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?{month},?\s+(?:de\s+)?{year}"),
    _pattern(r"{month}\s+{day}(?:st|nd|rd|th)?(?:\s*[-–/]\s*[0-3]?\d)?,?\s+{year}"),
    _pattern(r"{year},?\s+{month}\s+{day}(?!\d)"),
    _pattern(r"(?P<dd>[0-3]?\d)\.(?P<mm>[01]?\d)\.{year}"),
]
# A double issue's span of months: "July–August 2012", "Janvier-Juin 2012", "Jan./Feb. 2010".
_MONTH_SPAN = (
    r"(?P<span>(?:"
    + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
    + r")\.?\s*[-–/]\s*)"
)
_MONTH_DATES = [
    _pattern(_MONTH_SPAN + r"{month},?\s+{year}"),
    _pattern(r"{year}-(?P<mm>0[1-9]|1[0-2])"),
    _pattern(r"{month},?\s+{year}"),
    _pattern(r"{year},\s+{month}"),
    _pattern(r"{year}\s+{month}(?=\s*[;:]\s*\d)"),  # Vancouver: "2015 Apr;50(2):103-8"
    _pattern(r"(?P<season>" + "|".join(_SEASONS) + r"),?\s+{year}"),
]
_YEAR_RANGE = re.compile(
    r"(?<![\w.–-])(?P<year>1[4-9]\d\d|20\d\d)\s*[-–—]\s*(?:1[4-9]|20)?\d\d(?!\w)"
)
_YEAR_ONLY = re.compile(r"(?<![\w.–/-])(?P<year>1[4-9]\d\d|20\d\d)[a-z]?(?![\w–/-]|\.\d)")
_NO_DATE = re.compile(r"(?<!\w)(?:n\.\s?d\.?|s\.\s?[df]\.?|o\.\s?J\.?|no date|undated)(?!\w)", re.I)
# A bare year is a date only where it stands alone, between separators, not inside a phrase.
_NUMBER_LABEL = re.compile(r"\b(?:no|nos|nr|vol|vols|p|pp|art|iss|ch|chap|sec|ed)\.$", re.I)
# Vancouver's "Year;Volume(Issue):Pages" marks its year as the date wherever it stands.
# BMC writes a comma there: "Rural Rev 2020, 3:4–9".
_VOLUME_AFTER_YEAR = re.compile(r"[;,]\s*\d+\s*(?:\([^()]{1,12}\))?\s*:\s*\w")
_OPENING = (",", "(", ".", ";", ":", "[")
_CLOSING = (",", ")", ".", ";", ":", "]")


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str
    date: PartialDate | None  # None for "n.d." and the like


def find_dates(text: str, *, bare_years: bool = True) -> list[DateMatch]:
    """Every date in `text`, left to right, without overlaps; the most specific reading wins."""
    candidates: list[tuple[int, int, int, PartialDate | None]] = []  # start, end, rank, date
    for rank, patterns in enumerate((_FULL_DATES, _MONTH_DATES)):
        for pattern in patterns:
            for match in pattern.finditer(text):
                date = _date_of(match)
                if date is not None:
                    candidates.append((match.start(), match.end(), rank, date))
    for match in _YEAR_RANGE.finditer(text):
        if not _NUMBER_LABEL.search(
            text[max(0, match.start() - 40) : match.start()].rstrip()
        ):  # "pp. 1911–15" are pages
            candidates.append((match.start(), match.end(), 2, PartialDate(int(match["year"]))))
    if bare_years:
        for match in _YEAR_ONLY.finditer(text):
            if _stands_alone(text, match.start(), match.end()):
                candidates.append((match.start(), match.end(), 3, PartialDate(int(match["year"]))))
    for match in _NO_DATE.finditer(text):
        candidates.append((match.start(), match.end(), 0, None))

    chosen: list[tuple[int, int, int, PartialDate | None]] = []  # kept sorted by start
    for candidate in sorted(candidates, key=lambda c: (c[2], -(c[1] - c[0]), c[0])):
        # Chosen spans never overlap, so only the neighbours of its place can overlap it.
        place = bisect.bisect_left(chosen, candidate[0], key=lambda c: c[0])
        before_free = place == 0 or chosen[place - 1][1] <= candidate[0]
        after_free = place == len(chosen) or chosen[place][0] >= candidate[1]
        if before_free and after_free:
            chosen.insert(place, candidate)
    return [DateMatch(start, end, text[start:end], date) for start, end, _, date in chosen]


def parse_date(text: str) -> PartialDate | None:
    """The date that `text` consists of, or None."""
    stripped = text.strip().strip("()[].,;: ")
    found = find_dates(stripped)
    if len(found) == 1 and found[0].start == 0 and found[0].end >= len(stripped) - 1:
        return found[0].date
    return None


def _date_of(match: re.Match[str]) -> PartialDate | None:
    groups = match.groupdict()
    year = int(groups["year"])
    month: int | None = None
    day: int | None = None
    if groups.get("season") or groups.get("span"):
        return PartialDate(year)  # a season or a span of months: the year is what is sure
    if groups.get("mm"):
        month = int(groups["mm"])
    elif groups.get("month"):
        month = MONTHS.get(groups["month"].rstrip(".").lower())
    if groups.get("dd"):
        day = int(groups["dd"])
    elif groups.get("day"):
        day = int(groups["day"])
    if month is None or not 1 <= month <= 12:
        return None
    if day is not None and _is_day_range(match):
        day = None  # "May 6-9, 2019": a span of days is only as precise as its month
    try:
        return PartialDate(year, month, day)
    except ValueError:
        # "October 0, 2011" as written: the month and year are still worth having.
        return PartialDate(year, month)


def _is_day_range(match: re.Match[str]) -> bool:
    return bool(re.search(r"\d\s*[-–/]\s*\d{1,2},?\s+\d{4}$", match.group(0)))


def _stands_alone(text: str, start: int, end: int) -> bool:
    # Only the neighbourhood matters; slicing the whole note made long notes quadratic.
    before = text[max(0, start - 40) : start].rstrip()
    if not before and start > 40:
        before = text[:start].rstrip()
    after = text[end : end + 40].lstrip()
    if not after and end + 40 < len(text):
        after = text[end:].lstrip()
    if _NUMBER_LABEL.search(before):
        return False
    if _VOLUME_AFTER_YEAR.match(after):
        return True  # Vancouver: "N Engl J Med 2018;378:45-61", "BMJ 2018 ;360:k45"
    opened = not before or before.endswith(_OPENING)
    closed = not after or after.startswith(_CLOSING)
    return opened and closed


# --------------------------------------------------------------------------- access dates

_ACCESSED = re.compile(
    r"(?:\b(?:last\s+)?(?:accessed|retrieved|viewed|consulted|visited|downloaded|checked|"
    r"repéré|repere)(?:\s+le)?"
    r"(?:\s+(?:on|from))?|\bconsult[ée]\s+le|\bacesso\s+em|\bacessado\s+em|\baccedido\s+el|"
    r"\bconsultado\s+(?:el|em)|\brecuperado\s+el|\babgerufen\s+am|\bzugegriffen\s+am|"
    r"\babruf\s+am|\bzuletzt\s+abgerufen\s+am|\bWeb\.)\s*:?\s*",
    re.IGNORECASE,
)


_GLUED_A = re.compile(r"(?<=\d)à(?=\s|$)")
_FRENCH_AT = re.compile(r"\s*à\s*:?\s*$")
_FROM_SOURCE = re.compile(r",?\s*(?:from|sur|de|em|von)\s+[^:()\[\]]{1,80}?:?\s*$", re.I)


@dataclass(frozen=True)
class Accessed:
    text: str  # the note without its access phrase
    date: PartialDate | None
    date_text: str | None


def take_accessed(text: str) -> Accessed:
    """Cut out "accessed 3 May 2020" and its kin, keeping the date as the access date."""
    text = _GLUED_A.sub(" à", text)  # "Repéré le 2015-10-06à http://..." lost its space
    for lead in _ACCESSED.finditer(text):
        # The date follows the phrase at once; reading only its reach keeps a note that says
        # "Retrieved" many times linear.
        following = text[lead.end() : lead.end() + 80]
        dates = find_dates(following)
        if dates and dates[0].start == 0 and dates[0].date is not None:
            end = lead.end() + dates[0].end
            source = _FROM_SOURCE.match(text, end)
            if source:
                end = source.end()  # "Retrieved May 1, 2020, from Site name:" names the site
            elif french_at := _FRENCH_AT.match(text, end):
                end = french_at.end()  # "Repéré le 11 février 2016 à <URL>"
            return Accessed(
                _remove_span(text, lead.start(), end), dates[0].date, dates[0].text.strip()
            )
        loose = _accessed_numeric(following)
        if loose is not None:
            end = lead.end() + loose[0]
            return Accessed(_remove_span(text, lead.start(), end), loose[1], following[: loose[0]])
    return Accessed(text, None, None)


_NUMERIC_DATE = re.compile(r"[0-3]?\d[./][01]?\d[./](?:\d{4}|\d{2})(?!\d)")
_DAY_AND_MONTH = re.compile(r"[0-3]?\d\.?\s+(\w+)\.?")


def _accessed_numeric(following: str) -> tuple[int, PartialDate | None] | None:
    """How much of `following` is an access date we cannot place: 30/04/16, "8 décembre"."""
    numeric = _NUMERIC_DATE.match(following)
    if numeric:
        return numeric.end(), None
    day_month = _DAY_AND_MONTH.match(following)
    if day_month and day_month.group(1).lower() in MONTHS:
        return day_month.end(), None
    return None


def _remove_span(text: str, start: int, end: int) -> str:
    before, after = text[:start], text[end:].lstrip()
    before_stripped = before.rstrip()
    # "(accessed May 1, 2020)" leaves "()" behind; "[accessed ...]" likewise.
    if before_stripped.endswith(("(", "[")) and after.startswith((")", "]")):
        return before_stripped[:-1].rstrip() + after[1:]
    joiner = ", " if after[:1].isalnum() else ""
    return before.rstrip(" ,") + joiner + after
