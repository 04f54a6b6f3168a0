"""`render`: the one entry point the CLI uses for report files."""

from __future__ import annotations

import dataclasses

import pytest

from citecheck.models import Report
from citecheck.report import FORMATS, render


def test_formats_are_the_file_formats_and_github() -> None:
    assert FORMATS == ("json", "markdown", "html", "junit", "sarif", "github")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_every_citation_and_ends_with_a_newline(
    sample_report: Report, fmt: str
) -> None:
    text = render(sample_report, fmt)

    assert text.endswith("\n")
    for result in sample_report.results:
        assert result.id in text


@pytest.mark.parametrize(
    ("fmt", "says_none"),
    [
        ("json", '"total": 0'),
        ("markdown", "0 citations:"),
        ("html", "0 citations:"),
        ("junit", 'tests="0"'),
        ("sarif", '"results": []'),
        ("github", "0 citations:"),
    ],
)
def test_every_format_renders_an_empty_run(sample_report: Report, fmt: str, says_none: str) -> None:
    empty = dataclasses.replace(sample_report, results=[])

    assert says_none in render(empty, fmt)


@pytest.mark.parametrize("fmt", ["table", "JSON", "xml", ""])
def test_an_unknown_format_is_a_value_error_naming_the_choices(
    sample_report: Report, fmt: str
) -> None:
    with pytest.raises(ValueError, match="json, markdown, html, junit, sarif, github"):
        render(sample_report, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_text_never_makes_a_format_unencodable(hostile_report: Report, fmt: str) -> None:
    # A lone surrogate (a badly decoded page) and NUL must not stop the file being written.
    result = hostile_report.results[0]
    broken = dataclasses.replace(result, title="before\ud800\x00after", reasons=["\udcff"])
    report = dataclasses.replace(hostile_report, results=[broken])

    render(report, fmt).encode("utf-8")
