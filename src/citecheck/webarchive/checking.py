"""Archived copies in a verification run: a capture for a dead source, the cited version of a
page that changed, and the check of a citation's own `archive_url`.

- Dead source (the fault policy says an archive copy is worth trying): the citation's own
  `archive_url` first, then captures in the order of `captures.py`; the first that counts
  (`stand_in.py`) is judged like a live page, and the result says so plainly:
  "dead (HTTP 404 Not Found); capture of 2016-08-15 verified". Such a result is at best a
  warning (`locate.cap_by_origin`), since the source itself is gone. A soft 404 counts as dead.
- A citation with only an `archive_url`: that capture, raw, else the nearest that counts.
- `--archived`: the capture is checked instead of the live page.
- Changed since cited: a live page whose title no longer passes, or whose date contradicts
  the citation, is compared with captures near the cited moment; when one matches, the result
  is a warning that says so ("title changed since cited; the capture of 2016-08-14 matches")
  instead of a bare failure.
A page reached through a DOI resolver address (`https://doi.org/10...` as the url) is looked up
in the archives by the page the DOI resolved to, never by the resolver's address: its captures
are only redirects, and a DOI that resolved nowhere else has no page an archive could hold.
The result carries the capture used (`archive_url`, `archive_date`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

from citecheck.doi import DOI_RESOLVER, is_resolver_address
from citecheck.faults import policy_for
from citecheck.fetch.base import Fetcher
from citecheck.fetch.cache import FetchCache
from citecheck.locate import CITED_ARCHIVE_URL, WAYBACK_CAPTURE, Candidate, cap_by_origin
from citecheck.lookup.http_port import FetcherPort
from citecheck.models import (
    CheckName,
    CheckStatus,
    Citation,
    CitationResult,
    FetchResult,
    PageStamp,
    Status,
)
from citecheck.settings import ArchiveSettings
from citecheck.transport import Transport
from citecheck.webarchive.captures import (
    Archives,
    Capture,
    CaptureSearch,
    capture_of_address,
    reference_moment,
)
from citecheck.webarchive.kept_answers import KeptAnswers
from citecheck.webarchive.stand_in import (
    StandIn,
    Tried,
    counts_when_it_matches,
    counts_when_not_failed,
    find_stand_in,
)

SOFT_404 = "soft 404"  # how the follow-up's verdict on a not-found page starts
# judge(citation, fetched) -> result: the run's judging of one page.
JudgePage = Callable[[Citation, FetchResult], CitationResult]


class ArchiveCheck:
    """Thread-safe (the clients are): one per run, called from the pipeline's workers."""

    def __init__(
        self,
        transport: Transport | None,
        settings: ArchiveSettings,
        fetcher: Fetcher | None = None,
        *,
        doi_resolver: str = DOI_RESOLVER,
    ) -> None:
        """With `fetcher`, archive index answers are kept in its cache (see `Archives`); without
        `transport` (a replay), the fetcher alone answers, and Memento archives are not asked.
        `doi_resolver` (`[lookup] doi_resolver`) is recognised as a resolver, as doi.org is."""
        self.settings = settings
        self._doi_resolver = doi_resolver
        index = FetcherPort(fetcher) if fetcher is not None else None
        self.archives = Archives(transport, settings, index, kept_answers_of(fetcher))

    def archived_address(self, url: str | None, page: FetchResult | None) -> str | None:
        """The address whose captures stand for the page at `url`: `url` itself, or for a DOI
        resolver address the page it resolved to (`page`'s final URL); None when it resolved
        nowhere else (an unregistered DOI) or was not fetched."""
        if url is None or not is_resolver_address(url, self._doi_resolver):
            return url
        final = page.final_url if page is not None else None
        if not final or is_resolver_address(final, self._doi_resolver):
            return None
        return final

    def _candidates(
        self, citation: Citation, url: str | None, search: CaptureSearch
    ) -> Iterator[Capture]:
        if citation.archive_url:
            yield capture_of_address(citation.archive_url)
        if url:
            yield from self.archives.candidates(url, reference_moment(citation), search)

    def dead(
        self,
        citation: Citation,
        dead: FetchResult,
        fetcher: Fetcher,
        judge: JudgePage,
        *,
        why: str | None = None,
    ) -> CitationResult | str:
        """The result on the first capture that counts for a citation whose source is dead
        (`dead`), capped by its origin; else why no capture would do. `why` says how it is
        dead when the fault policy cannot (a soft 404)."""
        search = CaptureSearch()
        address = self.archived_address(citation.url, dead)
        stand_in = find_stand_in(
            self._candidates(citation, address, search),
            fetcher.fetch,
            lambda page: judge(citation, page),
            tries=self.settings.captures_tried,
            wanted=counts_when_not_failed,
            search=search,
        )
        if stand_in.chosen is None or stand_in.chosen.result is None:
            return stand_in.why_none()
        chosen, result = stand_in.chosen, stand_in.chosen.result
        verdict = "verified" if result.status is Status.VERIFIED else "matches, with warnings"
        fault = why or policy_for(dead).reason or "dead"
        said = f"dead ({fault}); capture of {chosen.capture.day} {verdict}"
        cited_copy = citation.archive_url == chosen.capture.url
        origin = CITED_ARCHIVE_URL if cited_copy else WAYBACK_CAPTURE
        capped = cap_by_origin(result, Candidate(chosen.capture.url, origin), dead, chosen.fetched)
        # The cap puts its own account of the dead link first: ours, plainer, replaces it.
        reasons = [said, *_skipped(stand_in), *capped.reasons[1:]]
        return _with_capture(capped, chosen, reasons)

    def cited_copy(self, citation: Citation, fetcher: Fetcher, judge: JudgePage) -> CitationResult:
        """A citation with an `archive_url` and no `url`: that capture, fetched raw and judged
        like a live page; when it does not count (an archived error, a redirect to the home
        page...), the archives' captures of the same page nearest the cited moment."""
        assert citation.archive_url is not None
        cited = capture_of_address(citation.archive_url)
        search = CaptureSearch()

        def candidates() -> Iterator[Capture]:
            yield cited
            if cited.original != citation.archive_url:
                reference = reference_moment(citation)
                yield from self.archives.candidates(cited.original, reference, search)

        stand_in = find_stand_in(
            candidates(),
            fetcher.fetch,
            lambda page: judge(citation, page),
            tries=self.settings.captures_tried,
            wanted=counts_when_not_failed,
            search=search,
        )
        if stand_in.chosen is None or stand_in.chosen.result is None:
            first = stand_in.tried[0].fetched if stand_in.tried else fetcher.fetch(cited.raw_url)
            result = judge(citation, first)
            return dataclasses.replace(result, reasons=[*result.reasons, stand_in.why_none()])
        chosen, result = stand_in.chosen, stand_in.chosen.result
        verdict = "verified" if result.status is Status.VERIFIED else "matches, with warnings"
        which = "the cited capture" if chosen.capture is cited else "capture"
        said = f"{which} of {chosen.capture.day} {verdict}"
        return _with_capture(result, chosen, [said, *_skipped(stand_in), *result.reasons])

    def archived(
        self, citation: Citation, fetcher: Fetcher, judge: JudgePage
    ) -> CitationResult | None:
        """`--archived`: the result on the nearest capture that counts, None when there is
        none (the live page is checked then)."""
        search = CaptureSearch()
        address = citation.url
        if address is not None and is_resolver_address(address, self._doi_resolver):
            # Resolved first (the live check that may follow reads it from the cache).
            address = self.archived_address(address, fetcher.fetch(address))
        stand_in = find_stand_in(
            self._candidates(citation, address, search),
            fetcher.fetch,
            lambda page: judge(citation, page),
            tries=self.settings.captures_tried,
            wanted=counts_when_not_failed,
            search=search,
        )
        if stand_in.chosen is None or stand_in.chosen.result is None:
            return None
        chosen, result = stand_in.chosen, stand_in.chosen.result
        said = f"checked the capture of {chosen.capture.day} (--archived)"
        return _with_capture(result, chosen, [said, *_skipped(stand_in), *result.reasons])

    def reviewed(
        self,
        citation: Citation,
        result: CitationResult,
        page: FetchResult,
        fetcher: Fetcher,
        judge: JudgePage,
    ) -> CitationResult:
        """A live page's verdict after its second looks, with archives asked where they can
        tell more: a soft 404 is a dead source; a page no longer matching may have changed.
        A citation giving only a DOI is reviewed on the page its DOI resolved to."""
        if result.archive_url is not None:
            return result  # already judged on a capture
        if result.fetched_url != citation.url:
            only_doi = citation.url is None and citation.doi is not None
            resolved = result.fetched_url is not None and is_resolver_address(
                result.fetched_url, self._doi_resolver
            )
            if not (only_doi and resolved):
                return result  # judged on a page the cited one led to
            return self.changed(citation, result, fetcher, judge, page)
        if result.reasons and result.reasons[0].startswith(SOFT_404):
            stood_in = self.dead(citation, page, fetcher, judge, why="soft 404")
            if isinstance(stood_in, CitationResult):
                return stood_in
            return dataclasses.replace(result, reasons=[*result.reasons, stood_in])
        return self.changed(citation, result, fetcher, judge, page)

    def changed(
        self,
        citation: Citation,
        live: CitationResult,
        fetcher: Fetcher,
        judge: JudgePage,
        page: FetchResult | None = None,
    ) -> CitationResult:
        """`live` when the page still matches or no capture near the cited moment does;
        otherwise a warning naming what changed and the capture that matches. `page` is the
        live page judged (its final URL is what a DOI resolver address stands for)."""
        what = changed_fields(live)
        asked = page.requested_url if page is not None else citation.url
        address = self.archived_address(asked, page)
        if not what or address is None:
            return live
        search = CaptureSearch()
        stand_in = find_stand_in(
            self.archives.candidates(address, reference_moment(citation), search),
            fetcher.fetch,
            lambda page: judge(citation, page),
            tries=self.settings.captures_tried,
            wanted=counts_when_it_matches,
            search=search,
        )
        if stand_in.chosen is None:
            return live
        capture = stand_in.chosen.capture
        said = f"{' and '.join(what)} changed since cited; the capture of {capture.day} matches"
        result = dataclasses.replace(
            live,
            status=Status.WARNING if live.status is Status.FAILED else live.status,
            reasons=[said, *live.reasons],
        )
        return _with_capture(result, stand_in.chosen, result.reasons, keep_page=True)


def kept_answers_of(fetcher: Fetcher | None) -> KeptAnswers | None:
    """The fetcher's cache as the keeper of TimeGate answers; None when it has none (a replay,
    a run without a cache)."""
    cache = getattr(fetcher, "cache", None)
    if not isinstance(cache, FetchCache):
        return None
    settings = getattr(fetcher, "settings", None)
    return KeptAnswers(cache, refresh=bool(getattr(settings, "refresh", False)))


def changed_fields(result: CitationResult) -> list[str]:
    """What of a reached page no longer matches its citation: its title (below the pass
    mark) and its date (contradicted)."""
    if result.status not in (Status.FAILED, Status.WARNING):
        return []
    title, date = result.checks.get(CheckName.TITLE), result.checks.get(CheckName.DATE)
    what: list[str] = []
    title_read = title is not None and title.expected is not None and title.found is not None
    if title_read and title is not None and title.status in (CheckStatus.FAIL, CheckStatus.WARN):
        what.append("title")
    if date is not None and date.status is CheckStatus.FAIL and date.found is not None:
        what.append("date")
    return what


def capture_stamp(fetched: FetchResult) -> PageStamp:
    """The stamp a capture's verdict is kept under: the fetched copy's own (so the verdict
    holds exactly as long as that copy is what the archive serves), marked as a capture's, so
    that it never answers for a cited page at the same address (whose verdict had second
    looks a capture does not get)."""
    stamp = fetched.stamp()
    return dataclasses.replace(stamp, requested_url=f"capture {stamp.requested_url}")


def needs_archives(result: CitationResult) -> bool:
    """True when a kept verdict on a live page could read otherwise with a capture."""
    return bool(changed_fields(result))


def _skipped(stand_in: StandIn) -> list[str]:
    return [f"skipped the {t.said()}" for t in stand_in.tried if t is not stand_in.chosen]


def _with_capture(
    result: CitationResult, tried: Tried, reasons: list[str], *, keep_page: bool = False
) -> CitationResult:
    capture = tried.capture
    changes: dict[str, object] = {
        "reasons": reasons,
        "archive_url": capture.url,
        "archive_date": capture.captured_at.date().isoformat() if capture.captured_at else None,
    }
    if not keep_page:  # the page checked was the capture, fetched where it is
        changes["fetched_url"] = capture.raw_url
        changes["final_url"] = tried.fetched.final_url
        changes["redirects"] = list(tried.fetched.redirects)
    return dataclasses.replace(result, **changes)  # type: ignore[arg-type]
