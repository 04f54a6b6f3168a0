"""manifest.json: one entry per citation, for tools (index.html says the same to people)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from citecheck.bundle.entries import BundleEntry
from citecheck.models import Check, Report

MANIFEST_VERSION = 1


def manifest_json(
    report: Report, entries: Sequence[BundleEntry], *, software: str, created: dt.datetime
) -> bytes:
    document = {
        "manifest_version": MANIFEST_VERSION,
        "software": software,
        "created": _utc(created),
        "citations_file": report.citations_path,
        "article": {"title": report.article.title, "author": report.article.author},
        "interrupted": report.interrupted,
        "summary": report.summary(),
        "warc": "sources.warc.gz",
        "wacz": "sources.wacz",
        "citations": [_entry(entry) for entry in entries],
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _entry(entry: BundleEntry) -> dict[str, Any]:
    result, body, archive = entry.result, entry.body, entry.archive
    return {
        "id": result.id,
        "line": result.line,
        "url": entry.citation.url,
        "fetched_url": result.fetched_url,
        "final_url": result.final_url,
        "http_status": result.http_status,
        "redirects": [{"url": hop.url, "status": hop.status} for hop in result.redirects],
        "fetched_at": _utc(body.recorded_at) if body is not None else None,
        "content_type": body.content_type if body is not None else None,
        "size": body.size if body is not None else None,
        "sha256": body.sha256 if body is not None else None,
        "snapshot": entry.snapshot,
        "archive_url": archive.url if archive is not None else None,
        "archive_date": archive.captured if archive is not None else None,
        "same_as": result.same_as,
        "verdict": {
            "status": result.status.value,
            "reasons": list(result.reasons),
            "checks": {name: _check(check) for name, check in result.checks.items()},
        },
    }


def _check(check: Check) -> dict[str, Any]:
    return {
        "status": check.status.value,
        "score": check.score,
        "expected": check.expected,
        "found": check.found,
        "source": check.source,
        "reason": check.reason,
    }


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
