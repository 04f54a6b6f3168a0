"""The terminal report: a rich table with one row per citation, then a one-line summary.

Every cell is a `rich.text.Text`, never a markup string, so a page title such as "[bold]" or
"[link=...]" is shown as written instead of being read as console markup; control characters
(ANSI escapes among them) are removed before anything reaches the terminal.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from citecheck.models import Check, CitationResult, Hop, Report, Status
from citecheck.report.display import (
    check_detail,
    key_reasons,
    one_line,
    ordered_checks,
    shown_url,
    summary_line,
    truncate,
)

__all__ = ["STATUS_STYLES", "print_table", "summary_line"]

STATUS_STYLES: dict[Status, str] = {
    Status.VERIFIED: "green",
    Status.WARNING: "yellow",
    Status.FAILED: "red",
    Status.BLOCKED: "magenta",
    Status.UNVERIFIABLE: "dim",
}
_CHECK_STYLES = {"pass": "green", "warn": "yellow", "fail": "red", "skip": "dim"}
# Long enough to recognise a title; the table truncates further on narrow terminals.
_TITLE_LIMIT = 80


def print_table(report: Report, console: Console, *, verbose: bool = False) -> None:
    if report.results:
        console.print(_table(report.results, verbose=verbose))
    console.print(Text(summary_line(report), style="bold"), soft_wrap=False)


def _table(results: list[CitationResult], *, verbose: bool) -> Table:
    table = Table(show_lines=verbose, expand=False, pad_edge=False)
    table.add_column("ID", no_wrap=True, overflow="fold", max_width=12)
    table.add_column("Status", no_wrap=True)
    table.add_column("Title", ratio=3, overflow="ellipsis", no_wrap=not verbose)
    table.add_column("URL", ratio=3, overflow="fold")
    table.add_column("HTTP", justify="right", no_wrap=True)
    table.add_column("Reason", ratio=4, overflow="fold")
    for result in results:
        table.add_row(
            Text(one_line(result.id)),
            _status_text(result.status),
            Text(truncate(one_line(result.title), _TITLE_LIMIT) if result.title else "—"),
            Text(one_line(shown_url(result)) or "—"),
            Text(str(result.http_status) if result.http_status is not None else "—"),
            _reasons(result, verbose=verbose),
        )
    return table


def _status_text(status: Status) -> Text:
    return Text(status.value, style=STATUS_STYLES[status])


def _reasons(result: CitationResult, *, verbose: bool) -> RenderableType:
    reasons = key_reasons(result)
    if not verbose:
        if not reasons:
            return Text("")
        more = f" (+{len(reasons) - 1} more)" if len(reasons) > 1 else ""
        return Text(reasons[0] + more)
    lines: list[RenderableType] = [Text(reason) for reason in reasons]
    if result.same_as:
        lines.append(Text(f"same source as {one_line(result.same_as)}", style="dim"))
    if result.url and shown_url(result) != result.url:
        lines.append(Text(f"cited URL: {one_line(result.url)}", style="dim"))
    lines += [_hop_text(hop) for hop in result.redirects]
    if result.from_cache:
        lines.append(Text("from cache", style="dim"))
    lines += [_check_text(check) for check in ordered_checks(result)]
    return Group(*lines)


def _hop_text(hop: Hop) -> Text:
    return Text(f"redirect {hop.status}: {one_line(hop.url)}", style="dim")


def _check_text(check: Check) -> Text:
    return Text(check_detail(check), style=_CHECK_STYLES.get(check.status.value, ""))
