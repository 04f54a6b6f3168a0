"""The terminal table, rendered by rich into a StringIO console."""

from __future__ import annotations

import dataclasses
import io

from rich.console import Console

from citecheck.models import CitationResult, Report, Status
from citecheck.report.table import print_problem_lines, print_table, summary_line


def _render(report: Report, *, width: int = 80, verbose: bool = False, colour: bool = False) -> str:
    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=colour,
        color_system="standard" if colour else None,
    )
    print_table(report, console, verbose=verbose)
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


def test_every_id_and_status_is_shown_at_80_columns(sample_report: Report) -> None:
    text = _render(sample_report)

    for result in sample_report.results:
        line = next(line for line in text.splitlines() if line.split()[:1] == [result.id])
        assert result.status.value in line


def test_no_line_is_wider_than_the_console(sample_report: Report, hostile_report: Report) -> None:
    for report in (sample_report, hostile_report):
        for width in (80, 60):
            for verbose in (False, True):
                text = _render(report, width=width, verbose=verbose)
                assert max(len(line) for line in text.splitlines()) <= width


def test_ends_with_the_summary_line(sample_report: Report) -> None:
    text = _render(sample_report)

    assert text.splitlines()[-1] == summary_line(sample_report)


def test_urls_and_http_statuses_are_shown(sample_report: Report) -> None:
    text = _render(sample_report, width=160)

    for result in sample_report.results:
        if result.final_url:
            assert result.final_url in text
        if result.http_status:
            assert str(result.http_status) in text


def test_long_titles_are_cut_to_one_line(sample_report: Report) -> None:
    long_title = "A very long headline " * 10
    result = dataclasses.replace(sample_report.results[0], title=long_title)
    text = _render(dataclasses.replace(sample_report, results=[result]))

    assert "A very long headline" in text
    assert "…" in text
    assert text.count("A very long headline") == 1


def test_only_the_first_reason_and_a_count_without_verbose(sample_report: Report) -> None:
    failed = next(r for r in sample_report.results if r.status is Status.FAILED)
    text = _render(sample_report, width=200)

    assert failed.reasons[0] in text
    assert f"(+{len(failed.reasons) - 1} more)" in text
    assert failed.reasons[1] not in text


def test_verbose_shows_every_reason_and_check(sample_report: Report) -> None:
    text = _render(sample_report, width=200, verbose=True)

    for result in sample_report.results:
        for reason in result.reasons:
            assert reason in text
        for check in result.checks.values():
            assert check.expected is None or check.expected in text
            assert check.found is None or check.found in text
            assert check.source is None or check.source in text
    redirect = sample_report.results[0].redirects[0]
    assert f"redirect {redirect.status}" in text


def test_no_colour_codes_when_the_console_has_no_colour(sample_report: Report) -> None:
    assert "\x1b" not in _render(sample_report, verbose=True)


def test_statuses_are_coloured_on_a_colour_terminal(sample_report: Report) -> None:
    text = _render(sample_report, colour=True)

    # Standard ANSI foreground codes: 31 red, 32 green, 33 yellow, 35 magenta; 2 is dim.
    for code, status in (("31", "failed"), ("32", "verified"), ("33", "warning")):
        assert f"\x1b[{code}m{status}" in text
    assert "\x1b[35mblocked" in text
    assert "\x1b[2munverifiable" in text


def test_console_markup_and_ansi_escapes_in_titles_are_not_obeyed(sample_report: Report) -> None:
    sneaky = CitationResult(
        id="n1",
        status=Status.FAILED,
        title="[bold red]shouting[/] \x1b[2Jcleared",
        reasons=["[link=https://evil.test]click[/link]"],
    )
    text = _render(dataclasses.replace(sample_report, results=[sneaky]), width=200)

    assert "[bold red]shouting[/]" in text
    assert "[link=https://evil.test]click[/link]" in text
    assert "\x1b" not in text


def test_an_empty_run_prints_only_the_summary(sample_report: Report) -> None:
    empty = dataclasses.replace(sample_report, results=[])

    assert _render(empty).splitlines() == [summary_line(empty)]


def test_log_lines_list_only_citations_needing_attention(sample_report: Report) -> None:
    console = Console(file=io.StringIO(), width=200, color_system=None)
    print_problem_lines(sample_report, console)
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    lines = shown.splitlines()
    for result in sample_report.results:
        row = [line for line in lines if line.split()[:2] == [result.status.value, result.id]]
        assert bool(row) is (result.status is not Status.VERIFIED)
    assert lines[-1] == summary_line(sample_report)
