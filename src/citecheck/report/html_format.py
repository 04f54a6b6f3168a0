"""The HTML report: one standalone page (inline CSS, no scripts, no external assets). Details
are given for the citations checked and not verified; skipped ones are listed apart.

Everything taken from pages or the citations file goes through `html.escape`, attributes
included, and only plain http(s) URLs become links. A Content-Security-Policy that forbids all
scripts backs this up should a future change ever forget to escape.
"""

from __future__ import annotations

from html import escape

from citecheck.models import Check, CitationResult, Report, Status
from citecheck.report.display import (
    INTERRUPTED_NOTE,
    clean_text,
    detail_facts,
    format_score,
    has_details,
    is_linkable,
    key_reasons,
    one_line,
    ordered_checks,
    shown_url,
    skip_reason_of,
    status_counts,
    summary_line,
)

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem;
       color: #1d1d1f; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2rem; } h3 { font-size: 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #d0d0d5; padding: .3rem .5rem; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
th { background: #f3f3f6; }
ul.counts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
.status { font-weight: 600; white-space: nowrap; }
.verified, .pass { color: #176a2c; } .warning, .warn { color: #8a5a00; }
.failed, .fail { color: #b3141d; } .blocked { color: #8e1b8e; }
.unverifiable, .skipped, .skip { color: #6e6e73; }
.muted { color: #6e6e73; }
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'"


def render_html(report: Report) -> str:
    title = f"citecheck report: {one_line(report.citations_path)}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_text(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{_text(title)}</h1>",
        *_article_lines(report),
        f'<p class="summary"><strong>{_text(summary_line(report))}</strong></p>',
        _counts_list(report),
        f'<p class="muted">Generated {_text(report.finished_at.isoformat(timespec="seconds"))}</p>',
    ]
    if report.interrupted:
        parts.append(f"<p><strong>{_text(INTERRUPTED_NOTE)}</strong></p>")
    if report.results:
        parts += _results_table(report.results)
    problems = [result for result in report.results if has_details(result)]
    if problems:
        parts.append("<h2>Details</h2>")
        for result in problems:
            parts += _details(result)
    skipped = [result for result in report.results if result.status is Status.SKIPPED]
    if skipped:
        parts += ['<h2 id="skipped">Skipped</h2>', "<p>Not checked, as the settings ask:</p>"]
        parts.append('<ul class="skipped">')
        for result in skipped:
            url = f" {_link(result.url)}" if result.url else ""
            why = _text(skip_reason_of(result))
            parts.append(f"<li>{_text(result.id)}:{url} ({why})</li>")
        parts.append("</ul>")
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _text(value: str | None) -> str:
    """Escaped text for element content and quoted attribute values alike."""
    return escape(clean_text(value), quote=True) if value is not None else ""


def _link(url: str | None) -> str:
    if url is None:
        return ""
    if not is_linkable(url):
        return f'<span class="url">{_text(url)}</span>'
    return f'<a href="{_text(url)}" rel="noopener noreferrer nofollow">{_text(url)}</a>'


def _status(value: str) -> str:
    # Status values come from our own enums, but escape anyway: cheap, and never wrong.
    return f'<span class="status {_text(value)}">{_text(value)}</span>'


def _article_lines(report: Report) -> list[str]:
    article = report.article
    if not article.title and not article.author:
        return []
    byline = f" by {_text(one_line(article.author))}" if article.author else ""
    return [f"<p>Article: <em>{_text(one_line(article.title))}</em>{byline}</p>"]


def _counts_list(report: Report) -> str:
    items = "".join(
        f"<li>{_status(status)} {count}</li>" for status, count in status_counts(report)
    )
    return f'<ul class="counts">{items}</ul>'


def _results_table(results: list[CitationResult]) -> list[str]:
    rows = [
        "<table>",
        "<thead><tr><th>ID</th><th>Status</th><th>Title</th><th>URL</th><th>HTTP</th>"
        "<th>Reasons</th></tr></thead>",
        "<tbody>",
    ]
    for result in results:
        reasons = "<br>".join(_text(reason) for reason in key_reasons(result))
        http = str(result.http_status) if result.http_status is not None else ""
        rows.append(
            f"<tr><td>{_text(result.id)}</td>"
            f"<td>{_status(result.status.value)}</td><td>{_text(one_line(result.title))}</td>"
            f"<td>{_link(shown_url(result))}</td><td>{_text(http)}</td><td>{reasons}</td></tr>"
        )
    rows += ["</tbody>", "</table>"]
    return rows


def _details(result: CitationResult) -> list[str]:
    parts = [f"<h3>{_text(result.id)}: {_status(result.status.value)}</h3>", "<ul>"]
    facts = detail_facts(result, lambda value: _text(one_line(value)), _link)
    parts += [f"<li>{label}: {value}</li>" for label, value in facts]
    parts += [f"<li>Reason: {_text(reason)}</li>" for reason in key_reasons(result)]
    parts.append("</ul>")
    checks = ordered_checks(result)
    if checks:
        parts += _checks_table(checks)
    return parts


def _checks_table(checks: list[Check]) -> list[str]:
    rows = [
        "<table>",
        "<thead><tr><th>Check</th><th>Result</th><th>Score</th><th>Expected</th><th>Found</th>"
        "<th>Source</th><th>Reason</th></tr></thead>",
        "<tbody>",
    ]
    for check in checks:
        rows.append(
            f"<tr><td>{_text(check.name)}</td><td>{_status(check.status.value)}</td>"
            f"<td>{_text(format_score(check.score))}</td><td>{_text(check.expected)}</td>"
            f"<td>{_text(check.found)}</td><td>{_text(check.source)}</td>"
            f"<td>{_text(check.reason)}</td></tr>"
        )
    rows += ["</tbody>", "</table>"]
    return rows
