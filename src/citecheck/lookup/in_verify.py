"""Lookup inside `verify`: citations left without a source are looked up after the run, and
their results replaced by what the best candidate that passes gives (at best a warning)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from citecheck.lookup.finder import Finder, LookupResult
from citecheck.lookup.outcome import looked_up_result
from citecheck.lookup.parallel import run_lookups
from citecheck.models import CheckName, CheckStatus, Citation, CitationResult, Report, Status

if TYPE_CHECKING:
    from citecheck.pipeline import RunControl


class LookupProgress(Protocol):
    """Told how many citations are to be looked up, then of each result as it is known."""

    def lookups_started(self, total: int) -> None: ...

    def looked_up(self, result: CitationResult) -> None: ...


def look_up_in_report(
    report: Report,
    citations: Sequence[Citation],
    finder: Callable[[], Finder],
    control: RunControl,
    *,
    dead_too: bool,
    progress: LookupProgress | None = None,
    parallel: int = 1,
) -> bool:
    """Replace, in `report`, the result of each citation that has no url (and, with
    `dead_too`, of each whose url was found dead) by its result after lookup. `finder` is
    asked for the finder when the first citation needs it. Up to `parallel` citations are
    looked up at a time (`citecheck.lookup.parallel`). Once `control` is stopped, no further
    lookup starts and those it cut short change nothing (what they found is not all there
    was): returns True when lookups were left undone that way. `progress`, if given, is told
    of each lookup as it ends, from this thread."""
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
    replaced: dict[str, CitationResult] = {}

    def found(position: int, looked_up: LookupResult) -> None:
        index, citation, result = wanted[position]
        new = looked_up_result(citation, looked_up, result)
        report.results[index] = replaced[result.id] = new
        if progress is not None:
            progress.looked_up(new)

    cut_short = run_lookups(
        [entry[1] for entry in wanted], finder, control, workers=parallel, on_found=found
    )
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
