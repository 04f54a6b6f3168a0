"""Second looks at a judged page that did not verify, and a note on one that moved.

After the cited page is judged:
- a verified page reached through permanent redirects is noted as moved (`moved.py`);
- a page that did not match but names its canonical article, or presents a PDF, has that
  fetched and judged instead, and the better verdict stands (`leads.py`);
- a 2xx page that did not match and looks like the site's "not found" answer is
  `failed: soft 404` (`soft404.py`).
An archive copy standing in for a dead URL gets none of these: its redirects and links are the
archive's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from citecheck import USER_AGENT
from citecheck.follow_up.leads import leads_of
from citecheck.follow_up.moved import with_move_noted
from citecheck.follow_up.soft404 import (
    HostNotFoundPages,
    PageSample,
    Probe,
    looks_like_not_found,
    redirect_sign,
    says_not_found,
)
from citecheck.models import (
    STATUS_ORDER,
    CheckName,
    CheckStatus,
    Citation,
    CitationResult,
    FetchResult,
    Status,
)
from citecheck.robots import HostRobots

__all__ = ["PAGE_TEXT_CHARS", "FollowUp", "wants_page_text"]

Fetch = Callable[[str], FetchResult]
JudgePage = Callable[[Citation, FetchResult], CitationResult]
PAGE_TEXT_CHARS = 20_000  # enough that a long article never looks like a short error page
_ACCEPTED_FROM_A_LEAD = (Status.VERIFIED, Status.WARNING)
_COMPARED = (Status.FAILED, Status.WARNING)  # an article page was read and did not match


class FollowUp:
    """Thread-safe; one per run, so that each host's not-found answer is asked for once."""

    def __init__(
        self, fetch: Fetch, probe: Probe | None = None, *, user_agent: str = USER_AGENT
    ) -> None:
        """`fetch` gets pages (the canonical article, a PDF, the cited page again when its
        verdict was kept) and each host's robots.txt; `probe` asks the made-up URLs (`fetch`
        when not given), only those robots.txt allows `user_agent`."""
        self._fetch = fetch
        self.robots = HostRobots(fetch, user_agent)
        self.not_found_pages = HostNotFoundPages(
            probe or fetch, sample_page, allowed=self.robots.allows
        )

    def review(
        self,
        citation: Citation,
        result: CitationResult,
        judge_page: JudgePage,
        fetched: FetchResult | None = None,
    ) -> CitationResult:
        """`result` after its second looks; `fetched` is the judged page, if the caller has it
        (else it is fetched again, from the cache, when a look needs it)."""
        if citation.url is None or result.fetched_url != citation.url:
            return result
        title = result.checks.get(CheckName.TITLE)
        if result.status is Status.VERIFIED or (title and title.status is CheckStatus.PASS):
            return with_move_noted(result)
        if result.status is Status.BLOCKED or not 200 <= (result.http_status or 0) < 300:
            return result  # a challenge or wall, or not reached: nothing to look at again
        chain = redirect_sign(_as_fetched(result))
        if chain is not None:
            return _soft_404(result, chain)
        for lead in leads_of(result.page_links, result.final_url or citation.url):
            found = judge_page(citation, self._fetch(lead.url))
            if found.status in _ACCEPTED_FROM_A_LEAD and _rank(found) < _rank(result):
                note = f"{lead.why}; checked there"
                return dataclasses.replace(found, reasons=[note, *found.reasons])
        # Only an article page whose title does not pass gets here: that is what makes it
        # suspicious. Pages without content of their own (JavaScript shells, empty pages) look
        # alike on every URL of a site: comparing them would call every one of them not found.
        if not wants_page_text(citation, result):
            return result
        page = _sample_of(result) or sample_page(fetched or self._fetch(citation.url))
        if says_not_found(page.title) and not says_not_found(citation.title or ""):
            return _soft_404(result, f'the page\'s title says it was not found ("{page.title}")')
        not_found = self.not_found_pages.answer(page.final_url)
        why = looks_like_not_found(page, not_found) if not_found is not None else None
        return _soft_404(result, why) if why is not None else result


def wants_page_text(citation: Citation, result: CitationResult) -> bool:
    """Whether `review` may compare the judged page's text with the host's not-found page: an
    article page reached at the cited URL, read, and whose title did not match. Whoever judges
    the page can hand its text over with the result (`CitationResult.page_text`), from the
    parse the judging made, so that the page is not read again for it."""
    if citation.url is None or result.fetched_url != citation.url:
        return False
    if result.status not in _COMPARED or not 200 <= (result.http_status or 0) < 300:
        return False
    title = result.checks.get(CheckName.TITLE)
    return not (title and title.status is CheckStatus.PASS)


def sample_page(fetched: FetchResult) -> PageSample:
    from citecheck.extract import page_text  # imported once a page needs a second look

    text = page_text(fetched, PAGE_TEXT_CHARS)
    return PageSample(
        requested_url=fetched.requested_url,
        final_url=fetched.final_url or fetched.requested_url,
        redirected=bool(fetched.redirects),
        title=text.title,
        text=text.text,
    )


def _sample_of(result: CitationResult) -> PageSample | None:
    """The judged page's sample from the text its judge handed over, if it did."""
    if result.page_text is None or result.fetched_url is None:
        return None
    return PageSample(
        requested_url=result.fetched_url,
        final_url=result.final_url or result.fetched_url,
        redirected=bool(result.redirects),
        title=result.page_text.title,
        text=result.page_text.text,
    )


def _as_fetched(result: CitationResult) -> FetchResult:
    """The parts of the fetch a result keeps: the requested URL, the final one, the chain."""
    return FetchResult(
        requested_url=result.fetched_url or result.url or "",
        final_url=result.final_url,
        status=result.http_status,
        redirects=list(result.redirects),
    )


def _soft_404(result: CitationResult, why: str) -> CitationResult:
    reasons = [f"soft 404: {why}", *result.reasons]
    return dataclasses.replace(result, status=Status.FAILED, reasons=reasons)


def _rank(result: CitationResult) -> int:
    return STATUS_ORDER.index(result.status)
