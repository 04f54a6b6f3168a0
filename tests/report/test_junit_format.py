"""The JUnit XML report, read back with xml.etree: counts, failures, skips, well-formedness."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from citecheck.models import CitationResult, Report, Status
from citecheck.report import render


def _suite(report: Report) -> ET.Element:
    return ET.fromstring(render(report, "junit").encode("utf-8"))


def _case(suite: ET.Element, citation_id: str) -> ET.Element:
    cases = [case for case in suite.iter("testcase") if case.get("name") == citation_id]
    assert len(cases) == 1
    return cases[0]


def _count(report: Report, *statuses: Status) -> int:
    return sum(1 for result in report.results if result.status in statuses)


def test_one_suite_named_citecheck_with_correct_counts(sample_report: Report) -> None:
    suite = _suite(sample_report)

    assert suite.tag == "testsuite"
    assert suite.get("name") == "citecheck"
    assert suite.get("tests") == str(len(sample_report.results))
    assert suite.get("failures") == str(_count(sample_report, Status.FAILED))
    assert suite.get("skipped") == str(_count(sample_report, Status.BLOCKED, Status.UNVERIFIABLE))
    assert suite.get("errors") == "0"
    assert len(suite.findall("testcase")) == len(sample_report.results)
    assert len(suite.findall("testcase/failure")) == int(suite.get("failures", "-1"))
    assert len(suite.findall("testcase/skipped")) == int(suite.get("skipped", "-1"))


def test_one_testcase_per_citation_named_by_id(sample_report: Report) -> None:
    suite = _suite(sample_report)

    for result in sample_report.results:
        case = _case(suite, result.id)
        assert case.get("classname") == "citations"
        assert case.get("line") == str(result.line)


def test_a_failed_citation_is_a_failure_carrying_its_reasons(sample_report: Report) -> None:
    failed = next(r for r in sample_report.results if r.status is Status.FAILED)

    failure = _case(_suite(sample_report), failed.id).find("failure")

    assert failure is not None
    assert failure.get("message") == "; ".join(failed.reasons)
    for reason in failed.reasons:
        assert reason in (failure.text or "")


def test_a_warning_passes_with_its_reasons_in_system_out(sample_report: Report) -> None:
    warning = next(r for r in sample_report.results if r.status is Status.WARNING)

    case = _case(_suite(sample_report), warning.id)

    assert case.find("failure") is None
    assert case.find("skipped") is None
    output = case.find("system-out")
    assert output is not None
    assert warning.reasons[0] in (output.text or "")


def test_blocked_and_unverifiable_are_skipped_with_their_reasons(sample_report: Report) -> None:
    suite = _suite(sample_report)

    for status in (Status.BLOCKED, Status.UNVERIFIABLE):
        result = next(r for r in sample_report.results if r.status is status)
        skipped = _case(suite, result.id).find("skipped")
        assert skipped is not None
        assert skipped.get("message") == f"{status.value}: {result.reasons[0]}"


def test_a_verified_citation_is_a_plain_pass(sample_report: Report) -> None:
    verified = next(r for r in sample_report.results if r.status is Status.VERIFIED)

    assert list(_case(_suite(sample_report), verified.id)) == []


def test_a_failure_without_reasons_still_has_a_message(sample_report: Report) -> None:
    bare = CitationResult(id="n9", status=Status.FAILED)
    report = dataclasses.replace(sample_report, results=[bare])

    failure = _case(_suite(report), "n9").find("failure")

    assert failure is not None
    assert failure.get("message")


def test_characters_xml_forbids_are_dropped(sample_report: Report) -> None:
    dirty = CitationResult(
        id="n\x01\x08",
        status=Status.FAILED,
        reasons=["title was\x00 \x0bnull\ud800ed"],
    )
    report = dataclasses.replace(sample_report, results=[dirty])

    failure = _case(_suite(report), "n").find("failure")

    assert failure is not None
    # NUL and VT vanish; a lone surrogate, which cannot be encoded at all, shows as U+FFFD.
    assert failure.get("message") == "title was null\ufffded"


def test_markup_in_reasons_is_escaped_not_parsed(hostile_report: Report) -> None:
    failed = hostile_report.results[0]

    failure = _case(_suite(hostile_report), failed.id).find("failure")

    assert failure is not None
    assert failure.get("message") == failed.reasons[0]
    assert list(failure) == []


def test_an_interrupted_run_is_an_error_testcase_and_a_property(sample_report: Report) -> None:
    stopped = dataclasses.replace(sample_report, interrupted=True)

    suite = _suite(stopped)

    assert suite.get("errors") == "1"
    assert suite.get("tests") == str(len(sample_report.results) + 1)
    errors = suite.findall("testcase/error")
    assert len(errors) == 1
    assert errors[0].get("type") == "interrupted"
    assert "interrupted" in (errors[0].get("message") or "")
    assert f"{len(sample_report.results)} citation(s)" in (errors[0].text or "")
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties == {"interrupted": "true"}


def test_a_complete_run_says_it_was_not_interrupted(sample_report: Report) -> None:
    suite = _suite(sample_report)

    assert suite.findall("testcase/error") == []
    assert {p.get("name"): p.get("value") for p in suite.iter("property")} == {
        "interrupted": "false"
    }
