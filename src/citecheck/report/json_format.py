"""The JSON report: the machine-readable record of a run, documented in docs/report-format.md.

Keys come out in a fixed order and every key is always present (null when unknown), so that
reports diff cleanly between runs and consumers never need to test for a missing key.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from citecheck import __version__
from citecheck.models import Check, CitationResult, Hop, LookupSummary, Report

if TYPE_CHECKING:
    from citecheck.lookup.finder import LookupResult
from citecheck.report.display import ordered_checks, status_counts, without_surrogates

JsonObject = dict[str, Any]


def render_json(report: Report) -> str:
    """The report indented by 2 spaces down to its results, each result on one line: a
    citation's changes show as one changed line in a diff, and the one-line results go through
    json's C encoder (it is not used with `indent`), ten times faster on long reports."""
    document = _report_object(report)
    results = document.pop("results")
    head = _dumps(document, indent=2).removesuffix("\n}")
    lines = ",\n".join(f"    {_dumps(result)}" for result in results)
    body = f"[\n{lines}\n  ]" if results else "[]"
    return f'{head},\n  "results": {body}\n}}\n'


def _dumps(value: object, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)


def _report_object(report: Report) -> JsonObject:
    return {
        "tool": "citecheck",
        "version": __version__,
        "generated_at": _timestamp(report.finished_at),
        "started_at": _timestamp(report.started_at),
        "citations_file": _text(report.citations_path),
        "article": {"title": _text(report.article.title), "author": _text(report.article.author)},
        "interrupted": report.interrupted,
        "summary": _summary_object(report),
        "removed": (
            [
                {"id": _text(gone.id), "file": _text(gone.file), "line": gone.line}
                for gone in report.removed
            ]
            if report.removed is not None
            else None
        ),
        "results": [_result_object(result) for result in report.results],
    }


def _summary_object(report: Report) -> JsonObject:
    summary: JsonObject = dict(status_counts(report))
    summary["total"] = len(report.results)
    return summary


def _result_object(result: CitationResult) -> JsonObject:
    return {
        "id": _text(result.id),
        "line": result.line,
        "status": result.status.value,
        "title": _text(result.title),
        "url": _text(result.url),
        "final_url": _text(result.final_url),
        "fetched_url": _text(result.fetched_url),
        "moved_to": _text(result.moved_to),
        "archive_url": _text(result.archive_url),
        "archive_date": _text(result.archive_date),
        "http_status": result.http_status,
        "same_as": _text(result.same_as),
        "from_cache": result.from_cache,
        "redirects": [_hop_object(hop) for hop in result.redirects],
        "checks": {check.name: _check_object(check) for check in ordered_checks(result)},
        "reasons": [_text(reason) for reason in result.reasons],
        "lookup": _lookup_object(result.lookup) if result.lookup is not None else None,
    }


def _lookup_object(lookup: LookupSummary) -> JsonObject:
    return {
        "url": _text(lookup.url),
        "source": _text(lookup.source),
        "score": _score(lookup.score),
        "candidates": [
            {
                "url": _text(c.url),
                "source": _text(c.source),
                "score": _score(c.score),
                "status": c.status.value if c.status is not None else None,
                "title_score": _score(c.title_score),
            }
            for c in lookup.candidates
        ],
    }


def _hop_object(hop: Hop) -> JsonObject:
    return {"url": _text(hop.url), "status": hop.status}


def _check_object(check: Check) -> JsonObject:
    return {
        "status": check.status.value,
        "score": _score(check.score),
        "expected": _text(check.expected),
        "found": _text(check.found),
        "source": _text(check.source),
        "reason": _text(check.reason),
    }


def _score(score: float | None) -> float | None:
    # NaN and infinity are not JSON; a score that is not a number is no score.
    if score is None or not math.isfinite(score):
        return None
    return round(float(score), 1)


def _text(value: str | None) -> str | None:
    # A lone surrogate (from a badly decoded page) would make the UTF-8 file unwritable.
    return None if value is None else without_surrogates(value)


def _timestamp(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def render_lookup_json(
    citations_path: str,
    found: Sequence[LookupResult],
    fields: Mapping[str, Mapping[str, object]],
    written: Sequence[str],
    *,
    interrupted: bool = False,
    finished_at: dt.datetime | None = None,
) -> str:
    """`citecheck lookup`'s JSON (docs/report-format.md): per citation looked up, the URL
    chosen (the best candidate that passes), its source and score, every candidate, and
    what `--write` records (`fields`) and whether it was written."""
    from citecheck.lookup.outcome import summary

    done = set(written)
    results = []
    for one in found:
        citation = one.citation
        record = _lookup_object(summary(one))
        accepted = fields.get(citation.id)
        results.append(
            {
                "id": _text(citation.id),
                "line": citation.line,
                "title": _text(citation.title),
                "cited_url": _text(citation.url),
                **record,
                "troubles": [_text(trouble) for trouble in one.troubles],
                "network_down": one.network_down,
                "fields": (
                    {name: _text(str(value)) for name, value in accepted.items()}
                    if accepted is not None
                    else None
                ),
                "written": citation.id in done,
            }
        )
    document = {
        "tool": "citecheck",
        "version": __version__,
        "generated_at": _timestamp(finished_at or dt.datetime.now(dt.UTC)),
        "citations_file": _text(citations_path),
        "interrupted": interrupted,
        "summary": {
            "looked_up": len(results),
            "found": sum(1 for r in results if r["url"] is not None),
            "written": len(done),
        },
        "results": results,
    }
    return _dumps(document, indent=2) + "\n"
