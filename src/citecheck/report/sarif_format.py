"""The SARIF 2.1.0 report, for code scanning (github/codeql-action/upload-sarif and the like).

One run of one tool; a rule per kind of problem (see problems.py) with its descriptions and
help; one result per citation that is not verified, at the exact extent of its entry in the
citations file, named relative to the repository root. Verified citations are not findings and
are left out; so are skipped ones (verify.skip_urls), named in a note of the invocation. An
interrupted run says so in its invocation (executionSuccessful false).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from citecheck import HOMEPAGE, __version__
from citecheck.models import CitationResult, Report, Status
from citecheck.report.display import INTERRUPTED_NOTE, key_reasons, one_line, shown_url
from citecheck.report.locations import CitationLocations, locate_citations
from citecheck.report.problems import KINDS, ProblemKind, problem_kind

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_RULE_INDEX = {kind.id: index for index, kind in enumerate(KINDS)}

JsonObject = dict[str, Any]


def render_sarif(report: Report) -> str:
    locations = locate_citations(report.citations_path)
    results = []
    for result in report.results:
        kind = problem_kind(result)
        if kind is not None:
            results.append(_result(result, kind, locations))
    invocation: JsonObject = {
        "executionSuccessful": not report.interrupted,
        "startTimeUtc": _utc(report.started_at),
        "endTimeUtc": _utc(report.finished_at),
    }
    notifications = []
    if report.interrupted:
        notifications.append({"level": "warning", "message": {"text": INTERRUPTED_NOTE}})
    skipped = [one_line(r.id) for r in report.results if r.status is Status.SKIPPED]
    if skipped:
        said = f"{len(skipped)} citation(s) not checked (verify.skip_urls): {', '.join(skipped)}"
        notifications.append({"level": "note", "message": {"text": said}})
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "citecheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": HOMEPAGE,
                        "rules": [_rule(kind) for kind in KINDS],
                    }
                },
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _utc(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.astimezone()  # a naive time is local
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _rule(kind: ProblemKind) -> JsonObject:
    return {
        "id": kind.id,
        "name": kind.name,
        "shortDescription": {"text": kind.short},
        "fullDescription": {"text": kind.full},
        "help": {"text": kind.help, "markdown": kind.help},
        "helpUri": f"{HOMEPAGE}#reports-and-exit-codes",
        "defaultConfiguration": {"level": kind.level},
        "properties": {"tags": ["citations"]},
    }


def _result(result: CitationResult, kind: ProblemKind, locations: CitationLocations) -> JsonObject:
    sarif: JsonObject = {
        "ruleId": kind.id,
        "ruleIndex": _RULE_INDEX[kind.id],
        "level": kind.level,
        "message": {"text": _message(result)},
    }
    physical: JsonObject = {"artifactLocation": {"uri": locations.uri, "uriBaseId": "%SRCROOT%"}}
    span = locations.span(result.id, result.line)
    if span is not None:
        physical["region"] = {
            "startLine": span.line,
            "startColumn": span.column,
            "endLine": span.end_line,
        }
    sarif["locations"] = [{"physicalLocation": physical}]
    # Stable across runs and edits elsewhere in the file, so code scanning tracks one alert per
    # citation and problem instead of a new one whenever lines shift.
    sarif["partialFingerprints"] = {"citationId/v1": f"{one_line(result.id)}:{kind.id}"}
    sarif["properties"] = {
        "citationId": one_line(result.id),
        "status": result.status.value,
        "url": one_line(shown_url(result)) or None,
        "httpStatus": result.http_status,
    }
    return sarif


def _message(result: CitationResult) -> str:
    reasons = key_reasons(result)
    head = f"Citation '{one_line(result.id)}' {result.status.value}"
    url = one_line(shown_url(result))
    where = f" ({url})" if url else ""
    return f"{head}{where}: {'; '.join(reasons)}" if reasons else f"{head}{where}."
