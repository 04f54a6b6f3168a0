"""The JSON report, read back with json.loads."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from citecheck import __version__
from citecheck.models import Check, CheckStatus, Report
from citecheck.report import render

RESULT_KEYS = [
    "id",
    "line",
    "status",
    "title",
    "url",
    "final_url",
    "fetched_url",
    "moved_to",
    "archive_url",
    "archive_date",
    "http_status",
    "same_as",
    "from_cache",
    "redirects",
    "checks",
    "reasons",
    "lookup",
]
CHECK_KEYS = ["status", "score", "expected", "found", "source", "reason"]


def _load(report: Report) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(render(report, "json"))
    return document


def test_top_level_keys_come_in_a_stable_order(sample_report: Report) -> None:
    document = _load(sample_report)

    assert list(document)[:4] == ["tool", "version", "generated_at", "started_at"]
    assert list(document)[4:] == [
        "citations_file",
        "article",
        "interrupted",
        "summary",
        "removed",
        "results",
    ]
    assert document["removed"] is None  # not a --changed-since run
    assert document["tool"] == "citecheck"
    assert document["version"] == __version__
    assert document["citations_file"] == sample_report.citations_path
    assert document["article"] == {
        "title": sample_report.article.title,
        "author": sample_report.article.author,
    }
    assert document["interrupted"] is False


def test_times_are_iso_8601_with_the_offset(sample_report: Report) -> None:
    document = _load(sample_report)

    assert document["generated_at"] == sample_report.finished_at.isoformat()
    assert document["started_at"] == sample_report.started_at.isoformat()


def test_summary_counts_every_status_and_the_total(sample_report: Report) -> None:
    summary = _load(sample_report)["summary"]

    assert list(summary) == [
        "verified",
        "warning",
        "failed",
        "blocked",
        "unverifiable",
        "skipped",
        "total",
    ]
    assert summary == {
        "verified": 1,
        "warning": 1,
        "failed": 1,
        "blocked": 1,
        "unverifiable": 1,
        "skipped": 0,
        "total": 5,
    }


def test_each_result_has_every_key_in_order(sample_report: Report) -> None:
    results = _load(sample_report)["results"]

    assert [result["id"] for result in results] == [r.id for r in sample_report.results]
    for result, expected in zip(results, sample_report.results, strict=True):
        assert list(result) == RESULT_KEYS
        assert result["status"] == expected.status.value
        assert result["line"] == expected.line
        assert result["url"] == expected.url
        assert result["final_url"] == expected.final_url
        assert result["http_status"] == expected.http_status
        assert result["from_cache"] is expected.from_cache
        assert result["reasons"] == expected.reasons


def test_redirects_and_checks_are_written_field_by_field(sample_report: Report) -> None:
    verified = sample_report.results[0]
    written = _load(sample_report)["results"][0]

    assert written["redirects"] == [
        {"url": hop.url, "status": hop.status} for hop in verified.redirects
    ]
    title = verified.checks["title"]
    assert list(written["checks"]["title"]) == CHECK_KEYS
    assert written["checks"]["title"] == {
        "status": "pass",
        "score": title.score,
        "expected": title.expected,
        "found": title.found,
        "source": title.source,
        "reason": None,
    }


def test_checks_are_keyed_title_date_authors_publisher(sample_report: Report) -> None:
    # The warning fixture made its date check before its title check.
    warning = _load(sample_report)["results"][1]

    assert list(warning["checks"]) == ["title", "date"]


def test_a_score_that_is_not_a_number_becomes_null(sample_report: Report) -> None:
    result = sample_report.results[0]
    checks = {
        "title": Check("title", CheckStatus.FAIL, score=float("nan")),
        "authors": Check("authors", CheckStatus.WARN, score=float("inf")),
    }
    report = dataclasses.replace(
        sample_report, results=[dataclasses.replace(result, checks=checks)]
    )

    written = _load(report)["results"][0]["checks"]

    assert written["title"]["score"] is None
    assert written["authors"]["score"] is None


def test_text_is_utf8_not_escaped_indented_and_ends_with_a_newline(sample_report: Report) -> None:
    text = render(sample_report, "json")
    title = sample_report.results[0].title
    assert title is not None

    assert title in text  # ensure_ascii=False keeps ‘curly quotes’ as they are
    assert text.startswith('{\n  "tool": "citecheck",\n')
    assert text.endswith("}\n")


def test_hostile_strings_round_trip_exactly(hostile_report: Report) -> None:
    results = _load(hostile_report)["results"]

    for written, expected in zip(results, hostile_report.results, strict=True):
        assert written["title"] == expected.title
        assert written["url"] == expected.url
        assert written["reasons"] == expected.reasons


def test_an_interrupted_run_says_so(sample_report: Report) -> None:
    report = dataclasses.replace(sample_report, interrupted=True)

    assert _load(report)["interrupted"] is True


def test_each_result_takes_exactly_one_line(sample_report: Report) -> None:
    lines = render(sample_report, "json").splitlines()
    result_lines = [line for line in lines if line.startswith('    {"id": ')]

    assert len(result_lines) == len(sample_report.results) > 1
    for line, result in zip(result_lines, sample_report.results, strict=True):
        assert json.loads(line.rstrip(","))["id"] == result.id
    assert lines[-2:] == ["  ]", "}"]


def test_a_report_without_results_is_still_valid_json(sample_report: Report) -> None:
    empty = dataclasses.replace(sample_report, results=[])

    assert _load(empty)["results"] == []
