"""The Markdown report: a summary line, one table row per citation, then details of the problems,
then the citations skipped as the settings asked (`verify.skip_urls`), listed apart.

Cell text is escaped so that nothing from a page can break the table or turn into markup:
`|` and newlines would end a cell or a row, and `[`, `<`, `*`, ... would make links, HTML or
emphasis. Only http(s) URLs are written as links.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from citecheck.models import CitationResult, Report, Status
from citecheck.report.display import (
    INTERRUPTED_NOTE,
    detail_facts,
    format_score,
    has_details,
    is_linkable,
    key_reasons,
    one_line,
    ordered_checks,
    shown_url,
    skip_reason_of,
    summary_line,
)

# Punctuation that could start markup mid-line: links, images, HTML, emphasis, code, cells.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#!&])")
_RESULT_HEADER = ("ID", "Status", "Title", "URL", "HTTP", "Reasons")
_CHECK_HEADER = ("Check", "Result", "Score", "Expected", "Found", "Source", "Reason")
# Characters kept as they are in a linked URL: those with a meaning in URLs, minus `<`, `>`, `|`.
_URL_KEEP = "!#$%&'()*+,-./:;=?@[]_~"


def render_markdown(report: Report) -> str:
    lines = [f"# citecheck report: {escape_markdown(report.citations_path)}", ""]
    if report.article.title:
        lines += [f"Article: *{escape_markdown(report.article.title)}*", ""]
    lines += [f"**{escape_markdown(summary_line(report))}**", ""]
    if report.interrupted:
        lines += [f"*{INTERRUPTED_NOTE}*", ""]
    if report.results:
        lines += _table(_RESULT_HEADER, [_result_row(result) for result in report.results])
    problems = [result for result in report.results if has_details(result)]
    if problems:
        lines += ["", "## Details"]
        for result in problems:
            lines += ["", *_details(result)]
    skipped = [result for result in report.results if result.status is Status.SKIPPED]
    if skipped:
        lines += ["", "## Skipped", "", "Not checked, as the settings ask:", ""]
        lines += [_skipped_line(result) for result in skipped]
    return "\n".join(lines) + "\n"


def _skipped_line(result: CitationResult) -> str:
    url = f" {_link(result.url)}" if result.url else ""
    return f"- {escape_markdown(result.id)}:{url} ({escape_markdown(skip_reason_of(result))})"


def escape_markdown(text: str | None) -> str:
    """Cell-safe text: on one line, with Markdown's special characters backslash-escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text))


def _link(url: str | None) -> str:
    if url is None:
        return ""
    if not is_linkable(url):
        return escape_markdown(url)
    # Inside an autolink only `<`, `>`, spaces and (in a table) `|` matter; percent-encoding
    # them leaves the same address.
    return "<" + quote(one_line(url), safe=_URL_KEEP) + ">"


def _result_row(result: CitationResult) -> list[str]:
    return [
        escape_markdown(result.id),
        f"**{result.status.value}**",
        escape_markdown(result.title),
        _link(shown_url(result)),
        str(result.http_status) if result.http_status is not None else "",
        "; ".join(escape_markdown(reason) for reason in key_reasons(result)),
    ]


def _table(header: tuple[str, ...], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines


def _details(result: CitationResult) -> list[str]:
    lines = [f"### {escape_markdown(result.id)}: {result.status.value}", ""]
    lines += [
        f"- {label}: {value}" for label, value in detail_facts(result, escape_markdown, _link)
    ]
    for reason in key_reasons(result):
        lines.append(f"- Reason: {escape_markdown(reason)}")
    checks = ordered_checks(result)
    if checks:
        rows = [
            [
                escape_markdown(check.name),
                check.status.value,
                format_score(check.score),
                escape_markdown(check.expected),
                escape_markdown(check.found),
                escape_markdown(check.source),
                escape_markdown(check.reason),
            ]
            for check in checks
        ]
        lines += ["", *_table(_CHECK_HEADER, rows)]
    return lines
