"""Lookup inside `verify`: citations left without a source are looked up after the run, and
their results replaced by what the best candidate that passes gives (at best a warning)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Protocol

from citecheck.lookup.finder import Finder, LookupResult
from citecheck.lookup.outcome import looked_up_result
from citecheck.models import CheckName, CheckStatus, Citation, CitationResult, Report, Status


class LookupProgress(Protocol):
    """Told how many citations are to be looked up, then of each result as it is known."""

    def lookups_started(self, total: int) -> None: ...

    def looked_up(self, result: CitationResult) -> None: ...


def look_up_in_report(
    report: Report,
    citations: Sequence[Citation],
    finder: Callable[[], Finder],
    *,
    dead_too: bool,
    stopped: Callable[[], bool] = lambda: False,
    progress: LookupProgress | None = None,
    parallel: int = 1,
) -> bool:
    """Replace, in `report`, the result of each citation that has no url (and, with
    `dead_too`, of each whose url was found dead) by its result after lookup. `finder` is
    asked for the finder when the first citation needs it. Up to `parallel` citations are
    looked up at a time: their requests share the run's transport, so each host and service
    is still asked at its own pace. Once `stopped` says so, no further lookup starts and those
    it cut short change nothing (what they found is not all there was): returns True when
    lookups were left undone that way. `progress`, if given, is told of each lookup as it
    ends, from this thread."""
    by_id = {c.id: c for c in citations}
    wanted: list[tuple[int, Citation, CitationResult]] = []
    for index, result in enumerate(report.results):
        citation = by_id.get(result.id)
        if citation is None or citation.same_as is not None:
            continue
        if _wants_lookup(citation, result, dead_too):
            wanted.append((index, citation, result))
    if not wanted:
        return False
    if progress is not None:
        progress.lookups_started(len(wanted))
    lookups = _Lookups(finder, stopped)
    replaced: dict[str, CitationResult] = {}
    cut_short = False
    workers = max(1, min(parallel, len(wanted)))
    with ThreadPoolExecutor(workers, thread_name_prefix="citecheck-lookup") as pool:
        asked = {pool.submit(lookups.find, entry[1]): entry for entry in wanted}
        for done in as_completed(asked):
            index, citation, result = asked[done]
            found = done.result()
            if found is None:
                cut_short = True
                continue
            new = looked_up_result(citation, found, result)
            report.results[index] = replaced[result.id] = new
            if progress is not None:
                progress.looked_up(new)
    if replaced:
        _stand_in_for_short_forms(report, by_id, replaced)
    return cut_short


class _Lookups:
    """Each citation's lookup, from the lookup threads: none starts once the run is stopped,
    and once one finds the network down the rest say so without asking."""

    def __init__(self, finder: Callable[[], Finder], stopped: Callable[[], bool]) -> None:
        self._finder = finder
        self._stopped = stopped
        self._network_down: LookupResult | None = None

    def find(self, citation: Citation) -> LookupResult | None:
        """The lookup's result; None when it was not made, or cut short, by a stop."""
        if self._stopped():
            return None
        down = self._network_down
        if down is not None:  # asked once; every other lookup would say the same
            return LookupResult(citation, troubles=down.troubles, network_down=True)
        found = self._finder().find(citation)
        if self._stopped():
            return None
        if found.network_down:
            self._network_down = found
        return found


def _stand_in_for_short_forms(
    report: Report, by_id: dict[str, Citation], replaced: dict[str, CitationResult]
) -> None:
    from citecheck.pipeline import short_form_result

    for index, result in enumerate(report.results):
        citation = by_id.get(result.id)
        if citation is not None and citation.same_as in replaced:
            report.results[index] = short_form_result(citation, replaced[citation.same_as])


def _wants_lookup(citation: Citation, result: CitationResult, dead_too: bool) -> bool:
    if not citation.url and not citation.archive_url:
        # Nothing to check, or only a DOI that leads nowhere.
        return result.status is Status.UNVERIFIABLE or _dead_link(result)
    return bool(dead_too and citation.url) and _dead_link(result)


def _dead_link(result: CitationResult) -> bool:
    if result.status is not Status.FAILED:
        return False
    title = result.checks.get(CheckName.TITLE)
    # Failed without the page's title being compared: the link itself is dead.
    return title is None or title.status is CheckStatus.SKIP
