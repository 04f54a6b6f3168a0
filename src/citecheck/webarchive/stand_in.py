"""Looking at captures one by one until one can stand in for the cited page.

A capture does not count when it is itself an error (an archived 404, an archive's own error
page), when it redirects to the site's home page or to another page, or when its title is
another article's (an archived error or landing page served with 200 reads that way too). The
next nearest is tried then, up to a bound. Each capture is fetched in its raw form through the
run's fetcher (and so its cache), and judged like a live page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from citecheck.match.fetch_outcome import fetch_outcome
from citecheck.models import CheckName, CheckStatus, CitationResult, FetchResult, Status
from citecheck.webarchive.captures import Capture, CaptureSearch, wayback_parts
from citecheck.webarchive.memento import memento_datetime
from citecheck.webarchive.timestamps import parse_wayback_timestamp
from citecheck.webarchive.url_forms import archive_key, fallback_keys

Fetch = Callable[[str], FetchResult]
Judge = Callable[[FetchResult], CitationResult]
Wanted = Callable[[CitationResult], bool]


@dataclass
class Tried:
    capture: Capture
    fetched: FetchResult
    result: CitationResult | None = None
    why_not: str | None = None  # None: this capture stands in

    def said(self) -> str:
        return f"capture of {self.capture.day} {self.why_not}"


@dataclass
class StandIn:
    chosen: Tried | None
    tried: list[Tried] = field(default_factory=list)
    search: CaptureSearch = field(default_factory=CaptureSearch)

    def why_none(self) -> str:
        """Why no capture stands in, in one line."""
        if self.tried:
            return "no archived copy matches: " + "; ".join(t.said() for t in self.tried)
        where = " or ".join(self.search.asked) or "any archive"
        found = f"no capture found in {where}"
        return f"{found} ({'; '.join(self.search.problems)})" if self.search.problems else found


def counts_when_not_failed(result: CitationResult) -> bool:
    """A capture standing in for a dead page: anything but a failed, blocked or
    unverifiable verdict."""
    return result.status in (Status.VERIFIED, Status.WARNING)


def counts_when_it_matches(result: CitationResult) -> bool:
    """A capture showing what was cited: its title passes and nothing contradicts it."""
    title = result.checks.get(CheckName.TITLE)
    return (
        result.status in (Status.VERIFIED, Status.WARNING)
        and title is not None
        and title.status is CheckStatus.PASS
    )


def find_stand_in(
    candidates: Iterable[Capture],
    fetch: Fetch,
    judge: Judge,
    *,
    tries: int,
    wanted: Wanted = counts_when_not_failed,
    search: CaptureSearch | None = None,
) -> StandIn:
    """The first of `candidates` (at most `tries` of them) whose page counts and whose
    verdict is `wanted`."""
    stand_in = StandIn(None, search=search or CaptureSearch())
    for capture in candidates:
        if len(stand_in.tried) >= max(1, tries):
            break
        fetched = fetch(capture.raw_url)
        if capture.captured_at is None:
            moment = memento_datetime(fetched.headers)
            if moment is None and fetched.final_url:
                parts = wayback_parts(fetched.final_url)
                if parts is not None:
                    moment = parse_wayback_timestamp(parts[1])
            capture = replace(capture, captured_at=moment)
        tried = Tried(capture, fetched)
        stand_in.tried.append(tried)
        tried.why_not = capture_problem(capture, fetched)
        if tried.why_not is not None:
            continue
        # Judged as the page it is a copy of: its site is the original's, not the archive's.
        parts = wayback_parts(fetched.final_url or fetched.requested_url)
        original = parts[2] if parts is not None else capture.original
        tried.result = judge(replace(fetched, final_url=original, redirects=[]))
        tried.why_not = verdict_problem(tried.result, wanted)
        if tried.why_not is None:
            stand_in.chosen = tried
            return stand_in
    return stand_in


def capture_problem(capture: Capture, fetched: FetchResult) -> str | None:
    """Why the fetched capture is no copy of the page, before reading it; None when it is."""
    if fetched.error is not None or fetched.status is None or not 200 <= fetched.status < 300:
        return f"is itself an error ({fetch_outcome(fetched).reason})"
    final = fetched.final_url or fetched.requested_url
    parts = wayback_parts(final)
    landed = parts[2] if parts is not None else None
    if landed is None or capture.archive != "the Wayback Machine":
        return None
    if _same_page(landed, capture.original):
        return None
    if urlsplit(landed).path in ("", "/") and urlsplit(capture.original).path not in ("", "/"):
        return "redirects to the home page"
    return f"redirects to another page ({landed})"


def verdict_problem(result: CitationResult, wanted: Wanted) -> str | None:
    if wanted(result):
        return None
    title = result.checks.get(CheckName.TITLE)
    if title is not None and title.status is CheckStatus.FAIL and title.found:
        return f"is another page (its title: {title.found!r})"
    if title is not None and title.status is not CheckStatus.PASS and title.found:
        return f"does not match either (its title: {title.found!r})"
    reason = result.reasons[0] if result.reasons else result.status.value
    return f"could not be checked ({reason})"


def _same_page(one: str, other: str) -> bool:
    first, second = archive_key(one), archive_key(other)
    if first is None or second is None:
        return one == other
    return first == second or first in fallback_keys(second)
