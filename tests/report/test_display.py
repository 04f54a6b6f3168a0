"""Shared display helpers: the summary line and the cleaning of hostile text."""

from __future__ import annotations

import dataclasses

import pytest

from citecheck.models import Check, CheckStatus, CitationResult, Report, Status
from citecheck.report.display import (
    clean_text,
    is_linkable,
    key_reasons,
    one_line,
    ordered_checks,
)
from citecheck.report.table import summary_line


def test_summary_line_counts_each_status_in_order(sample_report: Report) -> None:
    assert summary_line(sample_report) == (
        "5 citations: 1 verified, 1 warning, 1 failed, 1 blocked, 1 unverifiable"
    )


def test_summary_line_counts_repeated_statuses(sample_report: Report) -> None:
    verified = sample_report.results[0]
    results = [dataclasses.replace(verified, id=f"n{i}") for i in range(7)]
    results.append(sample_report.results[2])
    report = dataclasses.replace(sample_report, results=results)

    assert summary_line(report) == (
        "8 citations: 7 verified, 0 warning, 1 failed, 0 blocked, 0 unverifiable"
    )


def test_summary_line_for_one_citation_is_singular(sample_report: Report) -> None:
    report = dataclasses.replace(sample_report, results=sample_report.results[:1])

    assert summary_line(report).startswith("1 citation: ")


def test_clean_text_removes_ansi_escapes_controls_and_bidi_overrides() -> None:
    assert clean_text("\x1b[31mred\x1b[0m\x00\x9b \u202egnp.exe") == "[31mred[0m gnp.exe"


def test_one_line_folds_newlines_and_tabs() -> None:
    assert one_line("  a\nb\r\n\tc  ") == "a b c"
    assert one_line(None) == ""


@pytest.mark.parametrize(
    ("url", "linkable"),
    [
        ("https://example.test/a?b=c", True),
        ("HTTP://EXAMPLE.TEST/", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<b>x</b>", False),
        ("https://example.test/a b", False),
        ("https://example.test/\n", False),
        ("//example.test/", False),
        (None, False),
    ],
)
def test_only_plain_http_urls_are_linkable(url: str | None, linkable: bool) -> None:
    assert is_linkable(url) is linkable


def test_checks_come_in_a_fixed_order_with_unknown_names_last() -> None:
    result = CitationResult(
        id="n1",
        status=Status.WARNING,
        checks={
            name: Check(name, CheckStatus.PASS)
            for name in ("language", "publisher", "authors", "date", "title")
        },
    )

    names = [check.name for check in ordered_checks(result)]

    assert names == ["title", "date", "authors", "publisher", "language"]


def test_key_reasons_fall_back_to_failing_then_warning_checks() -> None:
    result = CitationResult(
        id="n1",
        status=Status.FAILED,
        checks={
            "date": Check("date", CheckStatus.WARN, reason="date is a year off"),
            "title": Check("title", CheckStatus.PASS, reason="close enough"),
            "publisher": Check("publisher", CheckStatus.FAIL, reason="another publisher"),
        },
    )

    assert key_reasons(result) == ["another publisher", "date is a year off"]
