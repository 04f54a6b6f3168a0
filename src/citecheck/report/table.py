"""The terminal report: a rich table with one row per citation, then a one-line summary.

Every cell is a `rich.text.Text`, never a markup string, so a page title such as "[bold]" or
"[link=...]" is shown as written instead of being read as console markup; control characters
(ANSI escapes among them) are removed before anything reaches the terminal. The layout is made
for 80 columns: the cited title and its URL share a cell, the title cut to one line and the URL
folded so it can still be copied whole.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from citecheck.models import Check, CitationResult, Report, Status
from citecheck.report.display import (
    format_score,
    key_reasons,
    one_line,
    ordered_checks,
    shown_url,
    summary_line,
)

__all__ = ["STATUS_STYLES", "print_problem_lines", "print_table", "summary_line"]

STATUS_STYLES: dict[Status, str] = {
    Status.VERIFIED: "green",
    Status.WARNING: "yellow",
    Status.FAILED: "red",
    Status.BLOCKED: "magenta",
    Status.UNVERIFIABLE: "dim",
    Status.SKIPPED: "dim",
}
_CHECK_STYLES = {"pass": "green", "warn": "yellow", "fail": "red", "skip": "dim"}
_MISSING = "—"


def print_table(report: Report, console: Console, *, verbose: bool = False) -> None:
    """Print one row per citation and the summary; with `verbose`, every reason and check too."""
    if report.results:
        console.print(_results_table(report.results, verbose=verbose))
    if verbose:
        for result in report.results:
            console.print(_details(result))
        console.print()
    console.print(Text(summary_line(report), style="bold"))


def print_problem_lines(report: Report, console: Console) -> None:
    """For logs (CI, pipes): one plain line per citation that needs attention, then the summary.

    A rich table of thousands of rows costs seconds to lay out, and logs are read line by line.
    """
    lines: list[str] = []
    for result in report.results:
        if result.status is Status.VERIFIED:
            continue
        http = f"HTTP {result.http_status}" if result.http_status is not None else "-"
        where = one_line(shown_url(result) or "no URL")
        reasons = key_reasons(result)
        lines.append(f"{result.status.value:<12} {one_line(result.id)}  {http}  {where}")
        if reasons:
            lines.append("    " + reasons[0])
    lines.append(summary_line(report))
    # One call, never wrapped: a log line is searched for whole, and rich lays out each call.
    console.print(Text("\n".join(lines)), soft_wrap=True)


def _results_table(results: list[CitationResult], *, verbose: bool) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("ID", no_wrap=True, max_width=12, overflow="ellipsis")
    table.add_column("Status", no_wrap=True)
    table.add_column("HTTP", no_wrap=True, justify="right")
    table.add_column("Cited title / URL", ratio=3)
    table.add_column("Reason", ratio=2)
    for result in results:
        table.add_row(
            Text(one_line(result.id)),
            _status_text(result.status),
            Text(str(result.http_status) if result.http_status is not None else _MISSING),
            _title_and_url(result),
            _reasons(result, verbose=verbose),
        )
    return table


def _status_text(status: Status) -> Text:
    return Text(status.value, style=STATUS_STYLES[status])


def _title_and_url(result: CitationResult) -> Group:
    title = Text(one_line(result.title) or _MISSING, no_wrap=True, overflow="ellipsis")
    url = Text(one_line(shown_url(result)) or "no URL", style="dim", overflow="fold")
    return Group(title, url)


def _reasons(result: CitationResult, *, verbose: bool) -> Text:
    reasons = key_reasons(result)
    if verbose or len(reasons) <= 1:
        return Text("\n".join(reasons))
    return Text(f"{reasons[0]} (+{len(reasons) - 1} more)")


def _details(result: CitationResult) -> Group:
    """Everything known about one citation: its URLs, redirects, reasons and checks."""
    heading = Text.assemble(
        (one_line(result.id), "bold"),
        " ",
        _status_text(result.status),
        f"  line {result.line}" if result.line is not None else "",
    )
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(overflow="fold")
    for label, value in _facts(result):
        grid.add_row(Text(label), Text(value))
    for check in ordered_checks(result):
        _add_check(grid, check)
    return Group(Text(""), heading, grid)


def _facts(result: CitationResult) -> list[tuple[str, str]]:
    facts = [("cited URL", one_line(result.url))] if result.url else []
    facts += [(f"redirect {hop.status}", one_line(hop.url)) for hop in result.redirects]
    if result.fetched_url and result.fetched_url != result.url:
        facts.append(("fetched", one_line(result.fetched_url)))
    if result.final_url and result.final_url != result.url:
        facts.append(("final URL", one_line(result.final_url)))
    if result.same_as:
        facts.append(("same source as", one_line(result.same_as)))
    if result.from_cache:
        facts.append(("from cache", "yes"))
    facts += [("reason", reason) for reason in key_reasons(result)]
    return facts


def _add_check(grid: Table, check: Check) -> None:
    label = Text(f"{one_line(check.name)} ", style="")
    label.append(check.status.value, style=_CHECK_STYLES.get(check.status.value, ""))
    score = format_score(check.score)
    if score:
        label.append(f" {score}")
    lines = []
    if check.expected is not None:
        lines.append(f"expected “{one_line(check.expected)}”")
    if check.found is not None:
        source = f" ({one_line(check.source)})" if check.source else ""
        lines.append(f"found    “{one_line(check.found)}”{source}")
    if check.reason:
        lines.append(one_line(check.reason))
    grid.add_row(label, Text("\n".join(lines)))
