"""The JUnit XML report, for CI: one testcase per citation in a single `citecheck` testsuite.

failed -> <failure>; warning -> a pass whose reasons go to <system-out>; blocked,
unverifiable and skipped (verify.skip_urls) -> <skipped>, since nothing could be checked. An
interrupted run adds an <error> testcase saying so (and an `interrupted` property), so CI never
reads it as complete. Built
with ElementTree so the output is always well-formed; characters XML 1.0 forbids are dropped
first, because ElementTree writes them as they are and no parser would read the file back.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from citecheck.models import CitationResult, Report, Status
from citecheck.report.display import (
    INTERRUPTED_NOTE,
    check_detail,
    key_reasons,
    ordered_checks,
    shown_url,
)

_XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SKIPPED = (Status.BLOCKED, Status.UNVERIFIABLE, Status.SKIPPED)


def render_junit(report: Report) -> str:
    counts = report.summary()
    elapsed = max((report.finished_at - report.started_at).total_seconds(), 0.0)
    suite = ET.Element(
        "testsuite",
        {
            "name": "citecheck",
            "tests": str(len(report.results) + (1 if report.interrupted else 0)),
            "failures": str(counts[Status.FAILED.value]),
            "errors": "1" if report.interrupted else "0",
            "skipped": str(sum(counts[status.value] for status in _SKIPPED)),
            "time": f"{elapsed:.3f}",
            "timestamp": report.started_at.isoformat(timespec="seconds"),
        },
    )
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(
        properties, "property", {"name": "interrupted", "value": str(report.interrupted).lower()}
    )
    for result in report.results:
        suite.append(_testcase(result, report.citations_path))
    if report.interrupted:
        case = ET.SubElement(
            suite, "testcase", {"name": "(interrupted)", "classname": "citecheck", "time": "0"}
        )
        error = ET.SubElement(case, "error", {"message": INTERRUPTED_NOTE, "type": "interrupted"})
        error.text = f"{len(report.results)} citation(s) were checked before the run stopped."
    ET.indent(suite)
    body = ET.tostring(suite, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def xml_safe(text: str) -> str:
    return _XML_FORBIDDEN.sub("", text)


def _testcase(result: CitationResult, citations_path: str) -> ET.Element:
    attributes = {"name": xml_safe(result.id), "classname": "citations", "time": "0"}
    attributes["file"] = xml_safe(citations_path)
    if result.line is not None:
        attributes["line"] = str(result.line)
    case = ET.Element("testcase", attributes)
    reasons = key_reasons(result) or [f"{result.status.value} (no reason given)"]
    message = xml_safe("; ".join(reasons))
    if result.status is Status.FAILED:
        failure = ET.SubElement(case, "failure", {"message": message, "type": "failed"})
        failure.text = xml_safe(_description(result))
    elif result.status in _SKIPPED:
        ET.SubElement(case, "skipped", {"message": xml_safe(f"{result.status.value}: {message}")})
    elif result.status is Status.WARNING:
        ET.SubElement(case, "system-out").text = xml_safe(_description(result))
    return case


def _description(result: CitationResult) -> str:
    """Every reason and check, one per line: what a CI log reader needs to act."""
    lines = [f"{result.id}: {result.status.value}"]
    url = shown_url(result)
    if url:
        status = f" (HTTP {result.http_status})" if result.http_status is not None else ""
        lines.append(f"url: {url}{status}")
    lines += [f"reason: {reason}" for reason in key_reasons(result)]
    lines += [f"check {check_detail(check)}" for check in ordered_checks(result)]
    return "\n".join(lines)
