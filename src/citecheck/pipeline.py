"""The verification run: locate, fetch, judge (extract and match) every citation, on a thread
pool.

Stages are called through their public functions only; the order of results follows the
citations file whatever order the fetches finish in. The verdict cache has its one owner here,
`Verifier`: looked up (before fetching, from the fetcher's kept copy, and after), judged on a
miss, stored.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from citecheck.fetch.base import Fetcher
from citecheck.follow_up import FollowUp
from citecheck.follow_up.soft404 import transport_probe
from citecheck.locate import (
    CITED_ARCHIVE_URL,
    CITED_URL,
    NO_URL,
    CandidateSource,
    as_first_candidate,
    candidate_sources,
    cap_by_origin,
    is_dead,
    locate,
    skip_reason,
)
from citecheck.match.verdict_cache import VerdictCache
from citecheck.models import Citation, CitationResult, CitationSet, FetchResult, Report, Status
from citecheck.settings import Settings
from citecheck.transport import Transport
from citecheck.webarchive.checking import ArchiveCheck, capture_stamp, needs_archives
from citecheck.worker_pool import InProcessJudge, PageJudge, PoolSetup

ResultCallback = Callable[[CitationResult], None]
# How often the run looks whether it was asked to stop while it waits for checks.
_STOP_POLL_SECONDS = 0.2
# How long a stopped run waits for its checks under way: their fetches are cut at once, but a
# connection still being made (or a page being judged) is left to end by itself after this.
STOP_GRACE_SECONDS = 2.0


class Stopped(Exception):
    """The run was stopped before this check finished: it has no result."""


class RunControl:
    """Stops a run from outside it (a signal handler, another thread): no new check starts,
    the checks under way end as soon as their fetches are cut (`on_stop`), and the run returns
    what it finished, marked interrupted."""

    def __init__(self, on_stop: Callable[[], None] | None = None) -> None:
        self._stopped = threading.Event()
        self._on_stop = on_stop
        self._lock = threading.Lock()
        self._in_flight = 0

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()

    @property
    def in_flight(self) -> int:
        """Checks under way right now."""
        with self._lock:
            return self._in_flight

    def stop(self) -> int:
        """Stop the run; returns how many checks were under way. Safe in a signal handler."""
        in_flight = self.in_flight
        if not self._stopped.is_set():
            self._stopped.set()
            if self._on_stop is not None:
                self._on_stop()
        return in_flight

    def raise_if_stopped(self) -> None:
        if self._stopped.is_set():
            raise Stopped

    @contextlib.contextmanager
    def checking(self) -> Iterator[None]:
        with self._lock:
            self._in_flight += 1
        try:
            yield
        finally:
            with self._lock:
                self._in_flight -= 1


@dataclass(frozen=True)
class KeptBeforeFetching:
    """What kept verdicts tell of a citation before anything is fetched: its `result` when a
    kept verdict answers it as it is; `kept` when there is a verdict on the cited copy at all
    (one that archived captures may still change), so that checking it most likely judges
    nothing again."""

    result: CitationResult | None
    kept: bool


_NOTHING_KEPT = KeptBeforeFetching(None, kept=False)


class Verifier:
    """One citation at a time, from any thread: its candidates fetched in turn until one is
    alive, the page judged (or its kept verdict read) and given its second looks
    (`follow_up`), the verdict capped by the page's origin."""

    def __init__(
        self,
        fetcher: Fetcher,
        settings: Settings,
        judge: PageJudge | None = None,
        verdicts: VerdictCache | None = None,
        sources: Sequence[CandidateSource] | None = None,
        follow_up: FollowUp | None = None,
        archives: ArchiveCheck | None = None,
        control: RunControl | None = None,
    ) -> None:
        """With `archives`, a dead cited page is judged on an archived capture before any
        further candidate, and a live page that no longer matches is compared with one.
        `control` stops the checks (see RunControl). `sources`: the locate stage's, DOIs
        resolved at `[lookup] doi_resolver`, unless given."""
        self._control = control or RunControl()
        self._archives = archives
        self._fetcher = fetcher
        self._settings = settings
        self._judge = judge or InProcessJudge(PoolSetup(settings.match))
        self._verdicts = verdicts
        if sources is None:
            sources = candidate_sources(settings.lookup.doi_resolver)
        self._sources = tuple(sources)
        self._follow_up = follow_up

    def known_before_fetching(self, citation: Citation) -> KeptBeforeFetching:
        """The kept verdict on the copy of the cited page the fetcher would serve from its
        cache, if there is one and it is alive (a dead one is looked at with what stands in
        for it), and whether it answers the citation as it is."""
        if self._verdicts is None:
            return _NOTHING_KEPT
        if self._archives is not None and self._archives.settings.archived:
            return _NOTHING_KEPT
        first = next(locate(citation, self._sources), None)
        if first is None:
            return _NOTHING_KEPT
        stamp = self._fetcher.peek(first.url)
        if stamp is None or is_dead(stamp):
            return _NOTHING_KEPT
        known = self._verdicts.get(citation, stamp)
        if known is None:
            return _NOTHING_KEPT
        if self._archives is not None and needs_archives(known):
            # A capture may tell more: checked again, its verdict put together from the kept
            # verdicts on the page and on its captures where they are kept.
            return KeptBeforeFetching(None, kept=True)
        result = as_first_candidate(dataclasses.replace(known, from_cache=True), first)
        return KeptBeforeFetching(result, kept=True)

    def check(self, citation: Citation) -> CitationResult:
        """Fetch the citation's page (or what stands in for a dead one) and judge it. Raises
        Stopped when the run was stopped meanwhile: a cut fetch proves nothing."""
        with self._control.checking():
            self._control.raise_if_stopped()
            result = self._check(citation)
            self._control.raise_if_stopped()
            return _without_page_text(result)

    def _check(self, citation: Citation) -> CitationResult:
        archives = self._archives
        if archives is not None and archives.settings.archived:
            on_capture = archives.archived(citation, self._fetcher, self._judge_capture)
            if on_capture is not None:
                return on_capture
        candidates = locate(citation, self._sources)
        judged = next(candidates, None)
        if judged is None:
            return self._nothing_to_fetch(citation)
        if archives is not None and judged.origin is CITED_ARCHIVE_URL:
            return archives.cited_copy(citation, self._fetcher, self._judge_capture)
        fetched = self._fetch(judged.url)
        no_capture = None
        if archives is not None and is_dead(fetched) and judged.origin is CITED_URL:
            # The citation's own archive_url, then the archives' captures, each judged only
            # when it is a copy of the page; the candidates after them if none is.
            stood_in = archives.dead(citation, fetched, self._fetcher, self._judge_capture)
            if isinstance(stood_in, CitationResult):
                return stood_in
            no_capture = stood_in
            candidates = (c for c in candidates if c.origin is not CITED_ARCHIVE_URL)
        dead: FetchResult | None = None
        while is_dead(fetched):
            following = next(candidates, None)
            if following is None:
                break
            dead = dead or fetched  # the cited page, whose outcome the cap falls back on
            judged, fetched = following, self._fetch(following.url)
        result = self._verdict(citation, fetched, self._follow_up)
        if dead is not None:
            result = cap_by_origin(result, judged, dead, fetched)
        else:
            result = as_first_candidate(result, judged)
            if archives is not None and not is_dead(fetched):
                result = archives.reviewed(
                    citation, result, fetched, self._fetcher, self._judge_capture
                )
        if no_capture is not None:
            result = dataclasses.replace(result, reasons=[*result.reasons, no_capture])
        return result

    def check_url(self, citation: Citation, url: str) -> CitationResult:
        """The verdict on `citation` against the page at `url` alone (a lookup's candidate)."""
        return self._verdict(citation, self._fetch(url), None)

    def _fetch(self, url: str) -> FetchResult:
        self._control.raise_if_stopped()
        fetched = self._fetcher.fetch(url)
        self._control.raise_if_stopped()
        return fetched

    def _verdict(
        self, citation: Citation, fetched: FetchResult, follow_up: FollowUp | None
    ) -> CitationResult:
        """The kept verdict on this copy, else the page judged, given its second looks and
        kept (a kept verdict had its second looks before it was kept)."""
        # Only copies the fetcher keeps (it knows their digest) can be peeked at next time.
        stamp = None
        if self._verdicts is not None and fetched.body_sha1 is not None:
            stamp = fetched.stamp()
            known = self._verdicts.get(citation, stamp)
            if known is not None:  # downloaded again but unchanged: the verdict still holds
                return dataclasses.replace(known, from_cache=fetched.from_cache)
        try:
            result = self._judge(citation, fetched)
        except Exception as exc:  # a fault on one page is reported on it; the run goes on
            return judging_fault(citation, fetched, exc)
        if follow_up is not None:
            result = follow_up.review(citation, result, self._judge_page, fetched)
        result = _without_page_text(result)
        self._control.raise_if_stopped()  # its second looks may have been cut: keep nothing
        if stamp is not None and self._verdicts is not None:
            self._verdicts.put(citation, stamp, result)
        return result

    def _judge_page(self, citation: Citation, fetched: FetchResult) -> CitationResult:
        """A second look's page judged; as for the cited page, a fault is reported on it."""
        try:
            return self._judge(citation, fetched)
        except Exception as exc:
            return judging_fault(citation, fetched, exc)

    def _judge_capture(self, citation: Citation, fetched: FetchResult) -> CitationResult:
        """An archived capture's page judged, its verdict kept by the capture's own stamp like
        a cited page's (`capture_stamp`): a warm run composes a verdict that stood on a
        capture (dead, changed since cited) from kept parts, judging nothing again."""
        stamp = None
        if self._verdicts is not None and fetched.body_sha1 is not None:
            stamp = capture_stamp(fetched)
            known = self._verdicts.get(citation, stamp)
            if known is not None:
                return dataclasses.replace(known, from_cache=fetched.from_cache)
        try:
            result = self._judge(citation, fetched)
        except Exception as exc:  # not kept: the next run tries again
            return judging_fault(citation, fetched, exc)
        result = _without_page_text(result)
        if stamp is not None and self._verdicts is not None:
            self._verdicts.put(citation, stamp, result)
        return result

    def _nothing_to_fetch(self, citation: Citation) -> CitationResult:
        from citecheck.match.verdict import no_target_result  # imported once needed

        return no_target_result(citation, NO_URL)  # the locate stage says why


def live_transport(fetcher: Fetcher, settings: Settings) -> Transport | None:
    """The transport a live fetcher speaks over; None for a replay or an offline run."""
    transport = getattr(fetcher, "transport", None)
    if settings.fetch.offline or not isinstance(transport, Transport):
        return None
    return transport


def _without_page_text(result: CitationResult) -> CitationResult:
    """`result` without the page text handed over for its second looks, once they are done."""
    return result if result.page_text is None else dataclasses.replace(result, page_text=None)


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


def short_form_result(citation: Citation, target: CitationResult) -> CitationResult:
    """A `same_as` note reports its target's result under its own id."""
    return dataclasses.replace(
        target,
        id=citation.id,
        line=citation.line,
        same_as=citation.same_as,
        reasons=[f"same source as note {citation.same_as}", *target.reasons],
    )


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


def pages_to_fetch(citations: Iterable[Citation], skip_urls: Iterable[str] = ()) -> int:
    """How many pages a run of `citations` fetches at least (short forms and skipped
    citations fetch nothing)."""
    patterns = tuple(skip_urls)
    return sum(
        1
        for c in citations
        if c.same_as is None
        and (c.url or c.archive_url or c.doi)
        and skip_reason(c, patterns) is None
    )


def verify_citations(
    citation_set: CitationSet,
    fetcher: Fetcher,
    settings: Settings,
    *,
    only: Iterable[str] | None = None,
    on_result: ResultCallback | None = None,
    judge: PageJudge | None = None,
    verdicts: VerdictCache | None = None,
    sources: Sequence[CandidateSource] | None = None,
    archives: ArchiveCheck | None = None,
    control: RunControl | None = None,
    before_checks: Callable[[], None] | None = None,
) -> Report:
    """Check `citation_set` (or the citations in `only`). A run stopped by `control` returns
    what it finished, marked interrupted; so does one interrupted by Ctrl-C (KeyboardInterrupt),
    without waiting for the checks under way. `before_checks` is called once, before the first
    citation without a kept verdict is checked (a run with a kept verdict for every citation
    never calls it, even when some are checked again with archived captures, whose verdicts
    are kept too): the judge's workers can start while the first pages are fetched."""
    started = dt.datetime.now(dt.UTC)
    citations = selected(citation_set, only)
    results: dict[str, CitationResult] = {}
    control = control or RunControl()
    follow_up = FollowUp(
        fetcher.fetch,
        transport_probe(live_transport(fetcher, settings)),
        user_agent=settings.fetch.user_agent,
    )
    verifier = Verifier(fetcher, settings, judge, verdicts, sources, follow_up, archives, control)
    # Twice as many checks under way as fetches at once (the transport holds those to
    # `workers`): a check whose page is being judged, or waits for a judging process, leaves
    # its fetch slot to another.
    executor = ThreadPoolExecutor(max_workers=2 * max(1, settings.fetch.workers))
    futures: dict[Future[CitationResult], Citation] = {}
    readied = False  # before_checks was called

    def keep(citation: Citation, result: CitationResult) -> None:
        results[citation.id] = result
        if on_result is not None:
            on_result(result)

    try:
        for citation in citations:
            if control.stopped:
                break
            if citation.same_as is not None:
                continue
            skipped = skip_reason(citation, settings.verify.skip_urls)
            if skipped is not None:
                from citecheck.match.verdict import skipped_result

                keep(citation, skipped_result(citation, skipped))
                continue
            # Kept verdicts are read here, in order: a lookup costs less than a hand-off.
            known = verifier.known_before_fetching(citation)
            if known.result is not None:
                keep(citation, known.result)
                continue
            if not known.kept and not readied and before_checks is not None:
                before_checks()  # the first page is about to be judged: get judging ready
                readied = True
            futures[executor.submit(verifier.check, citation)] = citation
        # Each check reports itself done into a queue: waiting on the set of pending futures
        # instead costs a pass over all of them per finished check, quadratic in a long run.
        completed: queue.SimpleQueue[Future[CitationResult]] = queue.SimpleQueue()
        for future in futures:
            future.add_done_callback(completed.put)
        remaining = len(futures)
        stopped_at: float | None = None
        while remaining:
            try:
                done: Future[CitationResult] | None = completed.get(timeout=_STOP_POLL_SECONDS)
            except queue.Empty:
                done = None
            if done is not None:
                remaining -= 1
                if not (done.cancelled() or isinstance(done.exception(), Stopped)):
                    keep(futures[done], done.result())
            if control.stopped:
                if stopped_at is None:
                    stopped_at = time.monotonic()
                    for future in futures:
                        future.cancel()  # those not started yet; the rest end at their next fetch
                if time.monotonic() - stopped_at > STOP_GRACE_SECONDS:
                    break  # what is still under way is not waited for (see STOP_GRACE_SECONDS)
        executor.shutdown(wait=not control.stopped, cancel_futures=True)
    except KeyboardInterrupt:
        # Quit now: the checks under way are cut and not waited for; what finished is kept.
        control.stop()
        executor.shutdown(wait=False, cancel_futures=True)
        for future, citation in futures.items():
            finished = future.done() and not future.cancelled() and future.exception() is None
            if finished and citation.id not in results:
                results[citation.id] = future.result()
    interrupted = control.stopped
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
