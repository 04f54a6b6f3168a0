"""Lookup inside `verify`: citations left without a source are looked up after the run, and
their results replaced by what the best candidate that passes gives (at best a warning)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
) -> bool:
    """Replace, in `report`, the result of each citation that has no url (and, with
    `dead_too`, of each whose url was found dead) by its result after lookup. `finder` is
    asked for the finder when the first citation needs it. Once `stopped` says so, no further
    lookup starts and the one it cut short changes nothing (what it found is not all there
    was): returns True when lookups were left undone that way. `progress`, if given, is told
    of each lookup as it ends."""
    by_id = {c.id: c for c in citations}
    replaced: dict[str, CitationResult] = {}
    network_down: LookupResult | None = None
    cut_short = False
    wanted = [
        (index, citation, result)
        for index, result in enumerate(report.results)
        if (citation := by_id.get(result.id)) is not None
        and citation.same_as is None
        and _wants_lookup(citation, result, dead_too)
    ]
    if wanted and progress is not None:
        progress.lookups_started(len(wanted))
    for index, citation, result in wanted:
        if stopped():
            cut_short = True
            break
        if network_down is not None:  # asked once; every other lookup would say the same
            found = LookupResult(citation, troubles=network_down.troubles, network_down=True)
        else:
            found = finder().find(citation)
            if stopped():
                cut_short = True
                break
            if found.network_down:
                network_down = found
        new = looked_up_result(citation, found, result)
        report.results[index] = replaced[result.id] = new
        if progress is not None:
            progress.looked_up(new)
    if replaced:
        _stand_in_for_short_forms(report, by_id, replaced)
    return cut_short


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
