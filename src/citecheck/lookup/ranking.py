"""How well a candidate URL fits a citation before its page is fetched: the cited title against
the URL's slug (or a title the source knows), and the cited date against the candidate's.

Titles and slugs are compared as sets of content words, folded the way CMSs fold titles into
slugs (accents dropped, or German umlauts spelled out: "Brückensperrung" -> "brueckensperrung"),
with words of one or two letters left out (slugs drop them). Words match when equal, or when
the longer (5 letters or more) starts with the shorter or nearly equals it (a slug cut short,
a typo). The score is the F1 of the two word sets, 0-100: missing and extra words cost alike.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from rapidfuzz import fuzz

from citecheck.partial_date import PartialDate, Precision

_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "o"})
_WORD = re.compile(r"[a-z0-9]+")
_FILE_SUFFIX = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm)$", re.IGNORECASE)
_MIN_WORD = 3
_NEAR_WORD = 85.0  # rapidfuzz ratio for two words to count as the same word
_MIN_FUZZY_WORD = 5
# Words too common in titles and slugs to count as evidence either way.
_STOP_WORDS_TEXT = """
the and for with from that this into are was were has have its not but you your our
der die das des dem den und mit von ein eine einer auf fur fuer les une dans pour
del los las con por una
"""
_STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
_MAX_TEXT = 400


def words(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The content words of `text`, folded two ways (umlauts spelled out, and accents dropped)."""
    return _fold(text[:_MAX_TEXT], spelled_out=True), _fold(text[:_MAX_TEXT], spelled_out=False)


@lru_cache(maxsize=4096)
def _fold(text: str, spelled_out: bool) -> frozenset[str]:
    text = unquote(text).casefold()
    if spelled_out:
        text = text.translate(_SPELLED_OUT)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return frozenset(
        word
        for word in _WORD.findall(text)
        if len(word) >= _MIN_WORD and word not in _STOP_WORDS and not word.isdigit()
    )


def slug_text(url: str) -> str:
    """The words of the URL's slug: the path segment with the most words (the last one wins a
    tie), without a file suffix. `/news/2016/08/islamic-state-faces.html` -> the last segment."""
    path = urlsplit(url).path
    best, best_count = "", 0
    for segment in path.split("/"):
        segment = _FILE_SUFFIX.sub("", unquote(segment))
        count = len(_WORD.findall(segment.casefold()))
        if count and count >= best_count and not segment.replace("-", "").isdigit():
            best, best_count = segment, count
    return best.replace("-", " ").replace("_", " ").replace("+", " ")


def similarity(title: str, other: str) -> float:
    """0-100: how far `other` (a slug or a title) says the same as the cited `title`."""
    best = 0.0
    for cited, found in zip(words(title), words(other), strict=True):
        best = max(best, _f1(cited, found))
    return best


def _f1(cited: frozenset[str], found: frozenset[str]) -> float:
    if not cited or not found:
        return 0.0
    matched_cited = sum(1 for word in cited if _has_match(word, found))
    matched_found = sum(1 for word in found if _has_match(word, cited))
    recall = matched_cited / len(cited)
    precision = matched_found / len(found)
    if recall + precision == 0:
        return 0.0
    return 100.0 * 2 * recall * precision / (recall + precision)


def _has_match(word: str, others: frozenset[str]) -> bool:
    if word in others:
        return True
    if len(word) < _MIN_FUZZY_WORD:
        return False
    for other in others:
        if len(other) < _MIN_FUZZY_WORD:
            continue
        if other.startswith(word) or word.startswith(other):
            return True
        if fuzz.ratio(word, other) >= _NEAR_WORD:
            return True
    return False


def date_fit(cited: PartialDate | None, found: dt.date | None) -> float | None:
    """1.0 when `found` falls in the cited date (a day either side), falling to 0.0 a year
    away; None when either date is unknown."""
    if cited is None or found is None:
        return None
    start, end = date_window(cited, 1)
    if start <= found <= end:
        return 1.0
    gap = (start - found).days if found < start else (found - end).days
    return max(0.0, 1.0 - gap / 365.0) * 0.8


def _last_day_of_month(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def combined(title_score: float, date_score: float | None) -> float:
    """The candidate's score, 0-100: the title's fit, moved up or down by the date's."""
    if date_score is None:
        return round(title_score * 0.9, 1)
    return round(title_score * 0.8 + 20.0 * date_score, 1)


def date_window(cited: PartialDate, days: int) -> tuple[dt.date, dt.date]:
    """The days around a cited date in which its source was likely published or listed."""
    start = cited.first_day()
    if cited.precision is Precision.DAY:
        end = start
    elif cited.precision is Precision.MONTH:
        end = _last_day_of_month(start)
    else:
        end = dt.date(cited.year, 12, 31)
    return start - dt.timedelta(days=days), end + dt.timedelta(days=days)


def record_score(
    citation_title: str, citation_date: PartialDate | None, title: str | None, date: dt.date | None
) -> float:
    """A catalogue or search record's fit: its title against the cited one, and its date."""
    if not title:
        return 0.0
    return combined(similarity(citation_title, title), date_fit(citation_date, date))
