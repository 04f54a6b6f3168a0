"""Locate stage: a citation in, the pages that may stand for its source out, best first.

Each candidate carries its origin. The cited URL comes first; when it is dead (the fault policy
says whether a failure is the source's own), the next candidate is tried, and so on. A page
judged in place of a dead one is capped by its origin (`cap_by_origin`): an archive copy
standing in for a dead URL is at best a `warning`.

Adding an origin is one `Origin(...)` line below and one source in `CANDIDATE_SOURCES` (or a
source a caller passes to `locate`).
"""

from __future__ import annotations

import dataclasses
import fnmatch
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from citecheck.doi import DOI_RESOLVER, doi_url
from citecheck.faults import policy_for
from citecheck.models import Citation, CitationResult, FetchResult, PageStamp, Status

NO_URL = "no URL to check (add a url, archive_url or doi)"


@dataclass(frozen=True)
class Origin:
    """Where a candidate came from, and how much a page from there may prove in place of a
    dead cited URL."""

    name: str
    described: str  # "checked against {described} at URL"
    best_stand_in_status: Status = Status.WARNING
    # Said of a page judged as the citation's first candidate (it has no url), e.g. the page
    # its DOI resolves to; None for the cited URL itself.
    first_said: str | None = None


CITED_URL = Origin("cited url", "the cited URL")
CITED_ARCHIVE_URL = Origin("cited archive_url", "the archive copy")
WAYBACK_CAPTURE = Origin("wayback capture", "a Wayback Machine capture")
LOOKUP = Origin("lookup", "the page found by lookup")
# The page the citation's own DOI resolves to: the work's publisher says it is the work, so it
# may verify a citation that gives no url; standing in for a dead url, at best a warning (the
# url wants mending).
CITED_DOI = Origin(
    "cited doi",
    "the page its DOI resolves to",
    first_said="checked at the page its DOI resolves to",
)


@dataclass(frozen=True)
class Candidate:
    url: str
    origin: Origin


CandidateSource = Callable[[Citation], Iterable[Candidate]]


def cited_candidates(citation: Citation) -> Iterator[Candidate]:
    """The citation's own addresses: its url, then its archive_url."""
    if citation.url:
        yield Candidate(citation.url, CITED_URL)
    if citation.archive_url:
        yield Candidate(citation.archive_url, CITED_ARCHIVE_URL)


def doi_candidates(resolver: str = DOI_RESOLVER) -> CandidateSource:
    """The source of a citation's DOI candidate, resolved at `resolver`."""

    def from_doi(citation: Citation) -> Iterator[Candidate]:
        if citation.doi:
            yield Candidate(doi_url(citation.doi, resolver), CITED_DOI)

    return from_doi


# Asked in this order; a source is only asked once every candidate before it was dead.
CANDIDATE_SOURCES: tuple[CandidateSource, ...] = (cited_candidates, doi_candidates())


def candidate_sources(doi_resolver: str = DOI_RESOLVER) -> tuple[CandidateSource, ...]:
    """CANDIDATE_SOURCES with DOIs resolved at `doi_resolver` (`[lookup] doi_resolver`)."""
    return (cited_candidates, doi_candidates(doi_resolver))


def locate(
    citation: Citation, sources: Iterable[CandidateSource] = CANDIDATE_SOURCES
) -> Iterator[Candidate]:
    """The candidates for `citation`, best first, each URL once. Lazy: a source (a network
    lookup, say) is only asked when the caller wants more than the sources before it gave."""
    seen: set[str] = set()
    for source in sources:
        for candidate in source(citation):
            if candidate.url not in seen:
                seen.add(candidate.url)
                yield candidate


def skip_reason(citation: Citation, patterns: Iterable[str]) -> str | None:
    """Why `citation` is not to be checked: its url matches one of `patterns` (shell patterns,
    verify.skip_urls), named in the reason; None when it is to be checked."""
    if not citation.url:
        return None
    for pattern in patterns:
        if fnmatch.fnmatchcase(citation.url, pattern):
            return f"its url matches verify.skip_urls pattern {pattern!r}"
    return None


def is_dead(result: FetchResult | PageStamp) -> bool:
    """True when the link itself is broken, so that the next candidate is worth fetching (the
    fault policy's word)."""
    return policy_for(result).try_archive


def cap_by_origin(
    result: CitationResult, judged: Candidate, dead: FetchResult, copy: FetchResult
) -> CitationResult:
    """THE rule for a page judged in place of the dead cited one (`dead`): at best its
    origin's status, `failed` if it contradicts the citation, and when it could not be looked
    at either, the cited URL's own outcome (404: `failed`, timeout: `unverifiable`)."""
    from citecheck.match.fetch_outcome import fetch_outcome

    cited = fetch_outcome(dead)
    status = result.status
    if status in (Status.VERIFIED, Status.WARNING):
        status = _worse(status, judged.origin.best_stand_in_status)
    elif status is not Status.FAILED:
        status = cited.status or Status.FAILED
    what = "dead" if cited.status in (Status.FAILED, None) else "unreachable"
    copy_url = copy.final_url or copy.requested_url
    why = f"the cited URL is {what} ({cited.reason}); checked against "
    why += f"{judged.origin.described} at {copy_url}"
    return dataclasses.replace(result, status=status, reasons=[why, *result.reasons])


def as_first_candidate(result: CitationResult, judged: Candidate) -> CitationResult:
    """A page judged as the citation's first candidate, when that is not its url (a citation
    giving only a DOI): the verdict stands, saying where the page came from."""
    if judged.origin.first_said is None:
        return result
    why = f"{judged.origin.first_said} ({judged.url})"
    return dataclasses.replace(result, reasons=[why, *result.reasons])


_BEST_FIRST = (Status.VERIFIED, Status.WARNING, Status.FAILED)


def _worse(status: Status, cap: Status) -> Status:
    return max(status, cap, key=_BEST_FIRST.index)
