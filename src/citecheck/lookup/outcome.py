"""A citation's result when its URL was found by lookup, and the report's `lookup` record.

A found URL is not the cited one: until a person accepts it (writes it into citations.yaml),
the citation is at best a `warning`, saying where the URL came from.
"""

from __future__ import annotations

import dataclasses

from citecheck.lookup.finder import LookupResult
from citecheck.models import (
    CheckName,
    Citation,
    CitationResult,
    LookupCandidate,
    LookupSummary,
    Status,
)

SHOWN = 3  # candidates a person is shown; the JSON report keeps them all


def summary(found: LookupResult) -> LookupSummary:
    best = found.best
    candidates = [
        LookupCandidate(
            url=c.candidate.url,
            source=c.candidate.source,
            score=c.candidate.score,
            status=c.result.status,
            title_score=c.title_score if c.result.checks.get(CheckName.TITLE) else None,
        )
        for c in found.checked
    ]
    candidates += [
        LookupCandidate(url=c.url, source=c.source, score=c.score) for c in found.unchecked
    ]
    return LookupSummary(
        url=best.candidate.url if best else None,
        source=best.candidate.source if best else None,
        score=best.candidate.score if best else None,
        candidates=candidates,
    )


def looked_up_result(
    citation: Citation, found: LookupResult, without: CitationResult
) -> CitationResult:
    """The citation's result after lookup: the best passing candidate's verdict, capped at
    `warning`; else `without` (the result it had before lookup) with what lookup tried."""
    record = summary(found)
    best = found.best
    if best is None:
        if found.network_down:
            why = "lookup: " + found.troubles[0]
        elif found.checked or found.unchecked:
            count = len(found.checked) + len(found.unchecked)
            why = f"lookup: none of {count} candidate URL(s) matches the citation"
        else:
            why = "lookup: no candidate URL found"
            if found.troubles:
                why += " (" + "; ".join(found.troubles) + ")"
        return dataclasses.replace(without, lookup=record, reasons=[*without.reasons, why])
    checked = best.result
    status = Status.WARNING if checked.status is Status.VERIFIED else checked.status
    before = without.reasons[:1] if citation.url else []
    found_at = (
        f"found by lookup ({best.candidate.source}): {best.candidate.url}; "
        "not yet accepted: add it to citations.yaml (citecheck lookup --write) to accept it"
    )
    result = dataclasses.replace(
        checked,
        status=status,
        url=citation.url,
        lookup=record,
        reasons=[*before, found_at, *checked.reasons],
    )
    if citation.url:  # a dead address whose article the site still has elsewhere: it moved
        from citecheck.follow_up.moved import found_at_new_address

        result = found_at_new_address(
            result, best.candidate.url, f"lookup, {best.candidate.source}"
        )
    return result
