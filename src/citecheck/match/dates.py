"""The date check: the cited date against the page's original publication date.

The comparison is made at the citation's precision: a cited "2016-09" is met by any day of
September 2016. Within `date_tolerance_days` of the cited day (or of the cited month's or year's
first and last days) still passes: pages stamp dates in UTC or the newsroom's zone, citations in
the reader's, so an article from late evening is a day off.

Which page date counts, and why:
- The first published candidate is the page's date (the extractor orders them best first).
- If it disagrees but another published candidate from structured data (JSON-LD, meta tags,
  microdata, <time>) agrees, the check passes with a note: extractors rank heuristically, and a
  page that states the cited date in its own markup does carry that date.
- If the original date disagrees but the page's update date agrees, the citation gives the
  update date, as APA asks for pages that show one: it passes, and the reason names both dates.
- With only an update date, a match passes (said so in the reason) and a mismatch is a warning:
  a page updated after the cited date was very likely published on it.
- A cited day that is the page's main date with day and month swapped (the page's 3 April
  2020 cited as 2020-03-04: "03/04/2020" read in the other convention) warns, naming both:
  the citation copied the date in the other order, which is no evidence against the source.
  Read the other way, the cited day is judged as any cited day, so the swapped reading also
  warns when it is within the tolerance of the page's date (a page stamped in UTC) or is a
  second date of the page; the reason gives both readings and the page's date.
- A candidate heuristically taken from the URL, the byline or the text never makes a
  disagreement pass; but when it gives the cited date, the page's own dates disagree with each
  other and the evidence is mixed: the check warns, and its reason names the cited date, that
  candidate and the page's main date. A correct citation that fails is worse than one that
  warns. Only a date within the tolerance counts: on the labelled corpus, widening it to a few
  days turned date-shifted wrong citations into warnings and rescued no correct one
  (bench/RESULTS.md).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from citecheck.models import Check, CheckName, CheckStatus, FoundDate, PageMetadata
from citecheck.partial_date import PartialDate, Precision

# Sources found by guessing rather than read from the page's markup. A date read from the
# visible byline is a guess too: the line may date a quote, an embedded post or another story.
_HEURISTIC_SOURCES = (
    "url",
    "text",
    "byline",
    "body",
    "content",
    "heuristic",
    "guess",
    "copyright",
)


@dataclass(frozen=True)
class DateDistance:
    """How far a page date lies outside the cited day, month or year (0 = inside)."""

    days: int

    def within(self, tolerance_days: int) -> bool:
        return self.days <= tolerance_days


def distance(cited: PartialDate, found: dt.date) -> DateDistance:
    first, last = _cited_span(cited)
    if found < first:
        return DateDistance((first - found).days)
    if found > last:
        return DateDistance((found - last).days)
    return DateDistance(0)


def check_date(cited: PartialDate | None, page: PageMetadata, tolerance_days: int) -> Check:
    if cited is None:
        return Check(
            name=CheckName.DATE, status=CheckStatus.SKIP, reason="the citation has no date"
        )
    expected = str(cited)
    try:
        _cited_span(cited)
    except ValueError:  # a year outside what dates can hold, e.g. 0
        return Check(
            name=CheckName.DATE,
            status=CheckStatus.SKIP,
            expected=expected,
            reason=f"the cited date {expected} cannot be compared",
        )
    tolerance = max(tolerance_days, 0)
    if page.published:
        return _check_published(cited, page.published, page.modified, tolerance)
    if page.modified:
        return _check_update_only(cited, page.modified[0], tolerance)
    return Check(
        name=CheckName.DATE,
        status=CheckStatus.SKIP,
        expected=expected,
        reason="no date found on the page",
    )


def _check_published(
    cited: PartialDate,
    published: Sequence[FoundDate],
    modified: Sequence[FoundDate],
    tolerance: int,
    *,
    swap: bool = True,
) -> Check:
    primary = published[0]
    gap = distance(cited, primary.value)
    if gap.within(tolerance):
        return _date_check(CheckStatus.PASS, cited, primary, _agreement(cited, primary, gap))
    for other in published[1:]:
        if _is_structured(other) and distance(cited, other.value).within(tolerance):
            note = (
                f"date {other.value} from {other.source} matches cited {cited} "
                f"(the first date found, {primary.value} from {primary.source}, does not)"
            )
            return _date_check(CheckStatus.PASS, cited, other, note)
    for update in modified:
        if distance(cited, update.value).within(tolerance):
            note = (
                f"the cited {cited} is the page's update date ({update.value} from "
                f"{update.source}); first published {primary.value} ({primary.source})"
            )
            return _date_check(CheckStatus.PASS, cited, update, note)
    for other in published[1:]:
        if distance(cited, other.value).within(tolerance):
            note = (
                f"date only partly matches: the cited {cited} is the page's date {other.value} "
                f"from {other.source}, but its main date is {primary.value} from "
                f"{primary.source} ({_days(gap.days)} from cited)"
            )
            return _date_check(CheckStatus.WARN, cited, other, note)
    if swap and (swapped := _swapped_day_and_month(cited)) is not None:
        if swapped.first_day() == primary.value:
            note = (
                f"date only partly matches: the cited {cited} is the page's date {primary.value} "
                f"from {primary.source} with day and month swapped "
                f"({cited.month:02d}/{cited.day:02d} read the other way)"
            )
            return _date_check(CheckStatus.WARN, cited, primary, note)
        # Read the other way, the cited day is judged as any cited day: within the tolerance
        # of the page's date, or given by a second date of the page.
        other_way = _check_published(swapped, published, modified, tolerance, swap=False)
        if other_way.status is not CheckStatus.FAIL and other_way.found is not None:
            note = (
                f"date only partly matches: the cited {cited} read with day and month swapped "
                f"is {swapped}, and {other_way.reason}"
            )
            return Check(
                name=CheckName.DATE,
                status=CheckStatus.WARN,
                expected=str(cited),
                found=other_way.found,
                source=other_way.source,
                reason=note,
            )
    return _date_check(CheckStatus.FAIL, cited, primary, _disagreement(cited, primary, gap))


def _swapped_day_and_month(cited: PartialDate) -> PartialDate | None:
    """The cited day with day and month swapped (2020-03-04 -> 2020-04-03: a page's "03/04/2020"
    read in the other convention), when both are 12 or less and differ; None otherwise."""
    if cited.day is None or cited.month is None or cited.day == cited.month or cited.day > 12:
        return None
    return PartialDate(year=cited.year, month=cited.day, day=cited.month)


def _check_update_only(cited: PartialDate, update: FoundDate, tolerance: int) -> Check:
    gap = distance(cited, update.value)
    if gap.within(tolerance):
        note = f"{_agreement(cited, update, gap)} (only an update date was found)"
        return _date_check(CheckStatus.PASS, cited, update, note)
    note = (
        f"only an update date was found: {_disagreement(cited, update, gap)}; "
        "an update date cannot contradict the original date"
    )
    return _date_check(CheckStatus.WARN, cited, update, note)


def _agreement(cited: PartialDate, found: FoundDate, gap: DateDistance) -> str:
    if gap.days == 0:
        return f"date {found.value} from {found.source} matches cited {cited}"
    return (
        f"date {found.value} from {found.source} is {_days(gap.days)} from cited {cited} "
        "(time zones)"
    )


def _disagreement(cited: PartialDate, found: FoundDate, gap: DateDistance) -> str:
    return f"date {found.value} from {found.source} is {_days(gap.days)} from cited {cited}"


def _date_check(status: CheckStatus, cited: PartialDate, found: FoundDate, reason: str) -> Check:
    return Check(
        name=CheckName.DATE,
        status=status,
        expected=str(cited),
        found=found.value.isoformat(),
        source=found.source,
        reason=reason,
    )


def _cited_span(cited: PartialDate) -> tuple[dt.date, dt.date]:
    if cited.precision is Precision.DAY:
        day = cited.first_day()
        return day, day
    if cited.precision is Precision.MONTH:
        assert cited.month is not None
        last_day = calendar.monthrange(cited.year, cited.month)[1]
        return cited.first_day(), dt.date(cited.year, cited.month, last_day)
    return cited.first_day(), dt.date(cited.year, 12, 31)


def _is_structured(found: FoundDate) -> bool:
    return not found.source.lower().startswith(_HEURISTIC_SOURCES)


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"
