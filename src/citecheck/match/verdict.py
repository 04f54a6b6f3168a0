"""One status per citation, from the fetch outcome, the page's kind and the four checks.

- A reachable page is `verified` only by its title: the title passes and nothing is weaker.
  Date, authors and publisher can only lower that (authors and publisher to `warning`; a date
  clearly contradicted, like a title below the warn threshold, to `failed`).
- Mixed evidence is a `warning`, not `failed`: a check that fails on the page's main value but
  that a second value of the page supports (a title sharing most of its words, a guessed date
  giving the cited day, the page's date with day and month swapped) warns, naming both
  (`match.title`, `match.dates`).
- A citation without a title is at best a `warning` ("nothing to compare"), since a date and a
  publisher alone fit every article that site published that day.
- Paywalls and bot challenges are `blocked`. JavaScript shells, empty pages and non-HTML
  documents without a title of their own are `unverifiable` unless their metadata still
  carries a passing title: missing content proves nothing against a source, but a matching
  title is real evidence. A document with a title (a PDF's) is judged like an HTML page: its
  title can confirm the citation, or contradict it (`failed`).

A page judged in place of a dead cited URL (an archive copy, say) is judged here as any page;
the locate stage caps the result by where the page came from (`citecheck.locate.cap_by_origin`).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from citecheck.match.aliases import alias_table
from citecheck.match.authors import check_authors
from citecheck.match.dates import check_date
from citecheck.match.fetch_outcome import fetch_outcome
from citecheck.match.publisher import check_publisher, known_site_names, page_host
from citecheck.match.title import check_title
from citecheck.models import (
    Check,
    CheckName,
    CheckStatus,
    Citation,
    CitationResult,
    FetchResult,
    PageKind,
    PageMetadata,
    Status,
)
from citecheck.settings import MatchSettings

NO_URL = "no URL to check"

_CONTENTLESS_KINDS = {
    PageKind.JS_SHELL: "the page is an empty shell that only JavaScript fills",
    PageKind.EMPTY: "the page is empty",
    PageKind.NOT_HTML: "the page is not HTML",
}


def judge(
    citation: Citation,
    fetched: FetchResult | None,
    page: PageMetadata | None,
    settings: MatchSettings,
) -> CitationResult:
    if fetched is None:
        return no_target_result(citation, NO_URL)
    status, reasons, checks = _assess(citation, fetched, page, settings)
    if fetched.redirects:
        reasons.append(_redirect_reason(fetched))
    return CitationResult(
        id=citation.id,
        status=status,
        line=citation.line,
        title=citation.title,
        url=citation.url,
        final_url=fetched.final_url,
        http_status=fetched.status,
        checks=checks,
        reasons=reasons,
        redirects=list(fetched.redirects),
        same_as=citation.same_as,
        from_cache=fetched.from_cache,
        fetched_url=fetched.requested_url,
        page_links=page.links if page is not None else None,
    )


def no_target_result(citation: Citation, reason: str) -> CitationResult:
    """The result for a citation with nothing to fetch: unverifiable, saying why (`reason`)."""
    return CitationResult(
        id=citation.id,
        status=Status.UNVERIFIABLE,
        line=citation.line,
        title=citation.title,
        url=citation.url,
        checks=unchecked(NO_URL),
        reasons=[reason],
        same_as=citation.same_as,
    )


def skipped_result(citation: Citation, reason: str) -> CitationResult:
    """The result for a citation the settings say not to check: skipped, saying why."""
    return CitationResult(
        id=citation.id,
        status=Status.SKIPPED,
        line=citation.line,
        title=citation.title,
        url=citation.url,
        checks=unchecked(reason),
        reasons=[f"not checked: {reason}"],
        same_as=citation.same_as,
    )


def run_checks(
    citation: Citation, fetched: FetchResult, page: PageMetadata, settings: MatchSettings
) -> dict[CheckName, Check]:
    aliases = alias_table(settings.publisher_aliases)
    host = page_host(fetched.final_url or fetched.requested_url or page.url)
    # A page names the publication it appears in (journal, newspaper, site) as its site name
    # more often than its publisher: the container is compared when the citation gives one.
    site = citation.container or citation.publisher
    site_names = known_site_names(site, page.publishers, host, aliases)
    return {
        CheckName.TITLE: check_title(citation.title, page.titles, site_names, settings),
        CheckName.DATE: check_date(citation.date, page, settings.date_tolerance_days),
        CheckName.AUTHORS: check_authors(citation.authors, page.authors, site_names),
        CheckName.PUBLISHER: check_publisher(site, page.publishers, host, aliases),
    }


def combine(checks: dict[CheckName, Check]) -> Status:
    """The status of a reachable article page from its checks (see the module docstring)."""
    if any(checks[name].status is CheckStatus.FAIL for name in CheckName):
        return Status.FAILED
    title_passes = checks[CheckName.TITLE].status is CheckStatus.PASS
    any_warning = any(checks[name].status is CheckStatus.WARN for name in CheckName)
    return Status.VERIFIED if title_passes and not any_warning else Status.WARNING


def unchecked(why: str) -> dict[CheckName, Check]:
    return {
        name: Check(name=name, status=CheckStatus.SKIP, reason=f"not checked: {why}")
        for name in CheckName
    }


def check_reasons(checks: dict[CheckName, Check]) -> list[str]:
    """Each check's reason, leaving out checks the citation gave nothing for (no date cited...)."""
    reasons: list[str] = []
    for name in CheckName:
        check = checks[name]
        if check.reason and (check.status is not CheckStatus.SKIP or check.expected is not None):
            reasons.append(check.reason)
    return reasons


def _assess(
    citation: Citation, fetched: FetchResult, page: PageMetadata | None, settings: MatchSettings
) -> tuple[Status, list[str], dict[CheckName, Check]]:
    outcome = fetch_outcome(fetched)
    if outcome.status is not None:
        reason = outcome.reason
        if fetched.status in (401, 403) and _on_paywall_host(fetched, settings.paywall_hosts):
            reason = f"a paywall (match.paywall_hosts): {reason}"
        return outcome.status, [reason], unchecked(reason)
    if page is None:
        kind = fetched.content_type or "unknown content type"
        why = f"nothing to compare: no metadata could be read from the page ({kind})"
        return Status.UNVERIFIABLE, [why], unchecked(why)
    if page.kind is PageKind.UNREADABLE:
        why = page.unreadable or "unreadable document"
        return Status.UNVERIFIABLE, [why], unchecked(why)
    if page.kind is PageKind.BOT_CHALLENGE:
        why = "a bot challenge page was served instead of the page"
        return Status.BLOCKED, [why], unchecked(why)

    checks = run_checks(citation, fetched, page, settings)
    reasons = check_reasons(checks)
    if page.kind is PageKind.PAYWALL:
        return Status.BLOCKED, ["a paywall or login page was served", *reasons], checks
    contentless = _CONTENTLESS_KINDS.get(page.kind)
    if page.kind is PageKind.NOT_HTML and page.titles:
        # A document's own title (a PDF's Info or XMP title, its first page's heading) is
        # evidence like an HTML page's: compared, it can confirm the citation or contradict it.
        contentless = None
    if contentless and checks[CheckName.TITLE].status is not CheckStatus.PASS:
        if page.kind is PageKind.NOT_HTML and fetched.content_type:
            contentless = f"the page is not HTML ({fetched.content_type})"
        why = f"nothing to compare: {contentless} and no matching title was found in it"
        return Status.UNVERIFIABLE, [why, *reasons], checks
    if checks[CheckName.TITLE].expected is None:
        reasons.insert(0, "nothing to compare: the citation has no title")
    return combine(checks), reasons, checks


def _redirect_reason(fetched: FetchResult) -> str:
    count = len(fetched.redirects)
    times = "once" if count == 1 else f"{count} times"
    return f"redirected {times}: {fetched.requested_url} -> {fetched.final_url}"


def _on_paywall_host(fetched: FetchResult, hosts: tuple[str, ...]) -> bool:
    """Whether the page answered from one of `hosts` or a subdomain of one."""
    host = (urlsplit(fetched.final_url or fetched.requested_url).hostname or "").lower()
    return any(host == known or host.endswith(f".{known}") for known in _bare_hosts(hosts))


def _bare_hosts(hosts: tuple[str, ...]) -> list[str]:
    return [h.strip().lower().removeprefix("www.").rstrip(".") for h in hosts if h.strip()]
