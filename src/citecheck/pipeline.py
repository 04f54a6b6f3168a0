"""The verification run: resolve, fetch, extract and match every citation, on a thread pool.

Stages are called through their public functions only; the order of results follows the
citations file whatever order the fetches finish in.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed

from citecheck.faults import policy_for
from citecheck.fetch.base import Fetcher
from citecheck.follow_up import FollowUp
from citecheck.follow_up.soft404 import transport_probe
from citecheck.judging import Judging, JudgingSetup, LocalJudging
from citecheck.match.verdict_cache import VerdictCache
from citecheck.models import (
    Citation,
    CitationResult,
    CitationSet,
    FetchResult,
    PageStamp,
    Report,
    Status,
    Target,
)
from citecheck.resolve import resolve
from citecheck.settings import Settings
from citecheck.transport import Transport

ResultCallback = Callable[[CitationResult], None]


def is_dead(result: FetchResult | PageStamp) -> bool:
    """True when the link itself is broken, so that an archive copy is worth fetching."""
    return policy_for(result).try_archive


def check_target(
    target: Target,
    fetcher: Fetcher,
    settings: Settings,
    judging: Judging | None = None,
    verdicts: VerdictCache | None = None,
    follow_up: FollowUp | None = None,
) -> CitationResult:
    """Fetch one citation's page and judge it (with `judging`, else right here, keeping the
    verdict in `verdicts`), then give it the second looks of `follow_up`; runs on a worker
    thread."""
    judging = judging or LocalJudging(JudgingSetup(settings.match), verdicts=verdicts)
    judged = _judged_target(target, fetcher, settings, judging, verdicts)
    if follow_up is None or judged.kept:
        return judged.result  # a kept verdict had its second looks before it was kept
    result = follow_up.review(target.citation, judged.result, _judge_page(judging), judged.page)
    if result is not judged.result and verdicts is not None and judged.stamp is not None:
        verdicts.put(target.citation, judged.stamp, result)  # in place of the first verdict
    return result


@dataclasses.dataclass
class _Judged:
    result: CitationResult
    page: FetchResult | None = None  # the page judged
    stamp: PageStamp | None = None  # what the verdict is kept under
    kept: bool = False  # the verdict was a kept one


def _judge_page(judging: Judging) -> Callable[[Citation, FetchResult], CitationResult]:
    def judge_page(citation: Citation, fetched: FetchResult) -> CitationResult:
        try:
            return judging(citation, fetched)
        except Exception as exc:  # as for the cited page: a fault is reported, the run goes on
            return judging_fault(citation, fetched, exc)

    return judge_page


def _judged_target(
    target: Target,
    fetcher: Fetcher,
    settings: Settings,
    judging: Judging,
    verdicts: VerdictCache | None,
) -> _Judged:
    if target.url is None:
        from citecheck.match.verdict import NO_URL, no_target_result

        # The resolver knows why there is nothing to fetch; its words replace the generic ones.
        return _Judged(no_target_result(target.citation, target.unverifiable_reason or NO_URL))
    fetched = fetcher.fetch(target.url)
    dead_original = None
    if target.fallback_url and is_dead(fetched):
        dead_original, fetched = fetched, fetcher.fetch(target.fallback_url)
    # Only copies the fetcher keeps (it knows their digest) can be peeked at next time.
    stamp = None
    if verdicts is not None and dead_original is None and fetched.body_sha1 is not None:
        stamp = fetched.stamp()
        known = verdicts.get(target.citation, stamp)
        if known is not None:  # downloaded again but unchanged: the verdict on it still holds
            known = dataclasses.replace(known, from_cache=fetched.from_cache)
            return _Judged(known, fetched, stamp, kept=True)
    try:
        judged = judging(target.citation, fetched, dead_original=dead_original, keep_as=stamp)
    except Exception as exc:  # a fault on one page is reported on it; the run goes on
        judged = judging_fault(target.citation, fetched, exc)
    return _Judged(judged, fetched, stamp)


def live_transport(fetcher: Fetcher, settings: Settings) -> Transport | None:
    """The transport a live fetcher speaks over; None for a replay or an offline run."""
    transport = getattr(fetcher, "transport", None)
    if settings.fetch.offline or not isinstance(transport, Transport):
        return None
    return transport


def judging_fault(citation: Citation, fetched: FetchResult, exc: Exception) -> CitationResult:
    """The result for a citation whose page citecheck failed to judge: unverifiable, saying why.
    Not kept as a verdict, so that the next run (or version) tries again."""
    return CitationResult(
        id=citation.id,
        status=Status.UNVERIFIABLE,
        line=citation.line,
        title=citation.title,
        url=citation.url,
        final_url=fetched.final_url,
        http_status=fetched.status,
        redirects=list(fetched.redirects),
        from_cache=fetched.from_cache,
        fetched_url=fetched.requested_url,
        reasons=[f"citecheck failed while judging this page ({type(exc).__name__}: {exc})"],
    )


def _known_verdict(
    target: Target, fetcher: Fetcher, verdicts: VerdictCache
) -> CitationResult | None:
    """The kept verdict on the copy the fetcher would serve from its cache, if there is one.
    A dead link with an archive copy to fall back on is judged afresh."""
    if target.url is None:
        return None
    stamp = fetcher.peek(target.url)
    if stamp is None or (target.fallback_url and is_dead(stamp)):
        return None
    known = verdicts.get(target.citation, stamp)
    return dataclasses.replace(known, from_cache=True) if known is not None else None


def short_form_result(citation: Citation, target: CitationResult) -> CitationResult:
    """A `same_as` note reports its target's result under its own id."""
    result = dataclasses.replace(
        target,
        id=citation.id,
        line=citation.line,
        same_as=citation.same_as,
        reasons=[f"same source as note {citation.same_as}", *target.reasons],
    )
    return result


def selected(citation_set: CitationSet, only: Iterable[str] | None) -> list[Citation]:
    """The citations to check: all, or those named in `only` plus the notes they stand for."""
    if not only:
        return list(citation_set.citations)
    wanted = set(only)
    by_id = {c.id: c for c in citation_set.citations}
    for name in list(wanted):
        citation = by_id.get(name)
        while citation is not None and citation.same_as is not None:
            wanted.add(citation.same_as)
            citation = by_id.get(citation.same_as)
    return [c for c in citation_set.citations if c.id in wanted]


def _keep_finished(
    futures: dict[Future[CitationResult], Citation], results: dict[str, CitationResult]
) -> None:
    for future, citation in futures.items():
        if citation.id in results or not future.done() or future.cancelled():
            continue
        if future.exception() is None:
            results[citation.id] = future.result()


def verify_citations(
    citation_set: CitationSet,
    fetcher: Fetcher,
    settings: Settings,
    *,
    only: Iterable[str] | None = None,
    on_result: ResultCallback | None = None,
    judging: Judging | None = None,
    verdicts: VerdictCache | None = None,
) -> Report:
    started = dt.datetime.now(dt.UTC)
    citations = selected(citation_set, only)
    results: dict[str, CitationResult] = {}
    interrupted = False
    judging = judging or LocalJudging(JudgingSetup(settings.match), verdicts=verdicts)
    follow_up = FollowUp(fetcher.fetch, transport_probe(live_transport(fetcher, settings)))
    executor = ThreadPoolExecutor(max_workers=max(1, settings.fetch.workers))
    futures: dict[Future[CitationResult], Citation] = {}
    try:
        for citation in citations:
            if citation.same_as is not None:
                continue
            target = resolve(citation)
            # Kept verdicts are read here, in order: a lookup costs less than a hand-off.
            known = _known_verdict(target, fetcher, verdicts) if verdicts is not None else None
            if known is not None:
                results[citation.id] = known
                if on_result is not None:
                    on_result(known)
                continue
            future = executor.submit(
                check_target, target, fetcher, settings, judging, verdicts, follow_up
            )
            futures[future] = citation
        for future in as_completed(futures):
            result = future.result()
            results[futures[future].id] = result
            if on_result is not None:
                on_result(result)
    except KeyboardInterrupt:
        # Checks already under way finish (their pages land in the cache) and are kept; the
        # rest are dropped. Each is bounded by the request deadline.
        interrupted = True
        executor.shutdown(wait=True, cancel_futures=True)
        _keep_finished(futures, results)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    ordered: list[CitationResult] = []
    for citation in citations:
        if citation.same_as is not None and citation.same_as in results:
            results[citation.id] = short_form_result(citation, results[citation.same_as])
            if on_result is not None:
                on_result(results[citation.id])
        if citation.id in results:
            ordered.append(results[citation.id])
    return Report(
        citations_path=citation_set.path,
        results=ordered,
        started_at=started,
        finished_at=dt.datetime.now(dt.UTC),
        article=citation_set.article,
        interrupted=interrupted,
    )
