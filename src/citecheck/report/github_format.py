"""GitHub Actions output: workflow commands that annotate citations.yaml, and a step summary.

Each citation that is not verified becomes `::error`, `::warning` or `::notice` at its entry
(file, line, col, endLine), titled by its kind of problem. GitHub shows only 10 annotations of
each kind per step, so past the tenth the problems are listed in the Markdown step summary
(which lists them all) instead. Text is escaped as the Actions toolkit does: `%`, CR and LF in
the message, and additionally `:` and `,` in properties; nothing from a page can end a command
or start another.
"""

from __future__ import annotations

from dataclasses import dataclass

from citecheck.models import CitationResult, Report
from citecheck.report.display import (
    INTERRUPTED_NOTE,
    clean_text,
    key_reasons,
    one_line,
    shown_url,
    summary_line,
)
from citecheck.report.locations import CitationLocations, locate_citations
from citecheck.report.markdown_format import escape_markdown
from citecheck.report.problems import ProblemKind, problem_kind

ANNOTATIONS_PER_KIND = 10  # GitHub shows this many errors, warnings and notices per step
_COMMAND_BY_LEVEL = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    """A workflow command's message: `%`, CR and LF percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as data, and `:` and `,` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass
class _Problem:
    result: CitationResult
    kind: ProblemKind
    annotated: bool


def _problems(report: Report) -> list[_Problem]:
    problems = []
    shown: dict[str, int] = {}
    for result in report.results:
        kind = problem_kind(result)
        if kind is None:
            continue
        command = _COMMAND_BY_LEVEL[kind.level]
        shown[command] = shown.get(command, 0) + 1
        problems.append(_Problem(result, kind, shown[command] <= ANNOTATIONS_PER_KIND))
    return problems


def render_github(report: Report) -> str:
    """Workflow commands for the first 10 problems of each level, then a plain summary line."""
    locations = locate_citations(report.citations_path)
    problems = _problems(report)
    lines = [_command(p.result, p.kind, locations) for p in problems if p.annotated]
    if report.interrupted:
        lines.append(f"::warning title=citecheck interrupted::{escape_data(INTERRUPTED_NOTE)}")
    left = sum(1 for p in problems if not p.annotated)
    if left:
        lines.append(
            f"{left} more problem(s) not annotated (GitHub shows {ANNOTATIONS_PER_KIND} of each "
            "kind per step): see the step summary"
        )
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def _command(result: CitationResult, kind: ProblemKind, locations: CitationLocations) -> str:
    properties = [f"file={escape_property(locations.uri)}"]
    span = locations.span(result.id, result.line)
    if span is not None:
        properties += [f"line={span.line}", f"col={span.column}", f"endLine={span.end_line}"]
    title = f"{kind.short} ({one_line(result.id)})"
    properties.append(f"title={escape_property(title)}")
    command = _COMMAND_BY_LEVEL[kind.level]
    return f"::{command} {','.join(properties)}::{escape_data(_message(result))}"


def _message(result: CitationResult) -> str:
    lines = [f"Citation '{one_line(result.id)}' {result.status.value}"]
    url = one_line(shown_url(result))
    if url:
        http = f" (HTTP {result.http_status})" if result.http_status is not None else ""
        lines.append(f"URL: {url}{http}")
    lines += key_reasons(result)
    return "\n".join(clean_text(line) for line in lines)


def step_summary(report: Report) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: the counts and every problem, the unannotated ones
    included, each at its line of the citations file."""
    locations = locate_citations(report.citations_path)
    problems = _problems(report)
    lines = [f"## citecheck: {escape_markdown(locations.uri)}", ""]
    lines += [f"**{escape_markdown(summary_line(report))}**", ""]
    if report.interrupted:
        lines += [f"*{INTERRUPTED_NOTE}*", ""]
    left = sum(1 for p in problems if not p.annotated)
    if left:
        lines += [
            f"{left} problem(s) are not annotated in the diff: GitHub shows "
            f"{ANNOTATIONS_PER_KIND} annotations of each kind per step (marked — below).",
            "",
        ]
    if problems:
        lines += [
            "| Citation | Line | Status | Problem | URL | Reason | Annotated |",
            "|---|---|---|---|---|---|---|",
        ]
        for problem in problems:
            result = problem.result
            span = locations.span(result.id, result.line)
            reasons = key_reasons(result)
            lines.append(
                "| "
                + " | ".join(
                    [
                        escape_markdown(result.id),
                        str(span.line) if span is not None else " ",
                        result.status.value,
                        escape_markdown(problem.kind.short),
                        escape_markdown(shown_url(result)) or " ",
                        escape_markdown(reasons[0]) if reasons else " ",
                        "yes" if problem.annotated else "—",
                    ]
                )
                + " |"
            )
    return "\n".join(lines) + "\n"
