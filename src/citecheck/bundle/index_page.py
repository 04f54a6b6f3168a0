"""index.html: the bundle's one page for editors. Self-contained: inline CSS, no scripts, no
external files (a Content-Security-Policy forbids them too).

Each note shows its verdict, what the citation says next to what the page says, and links to
the live page, the local snapshot and the Internet Archive copy. Everything that came from a
page or the citations file goes through `html.escape`, and only http(s) URLs become links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from urllib.parse import quote

from citecheck.bundle.entries import BundleEntry
from citecheck.models import Report
from citecheck.report.display import (
    INTERRUPTED_NOTE,
    is_linkable,
    one_line,
    ordered_checks,
    summary_line,
)

WAYBACK_LOOKUP = "https://web.archive.org/web/"
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'"
_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 64rem; padding: 0 1rem;
       color: #1d1d1f; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin: 0 0 .4rem; }
section.note { border: 1px solid #d0d0d5; border-radius: 6px; padding: .8rem 1rem; margin: 1rem 0; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
th, td { border: 1px solid #e0e0e5; padding: .25rem .45rem; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
th { background: #f5f5f8; width: 7rem; }
.status { font-weight: 600; text-transform: uppercase; font-size: .85rem; }
.verified, .pass { color: #176a2c; } .warning, .warn { color: #8a5a00; }
.failed, .fail { color: #b3141d; } .blocked { color: #8e1b8e; }
.unverifiable, .skipped, .skip { color: #6e6e73; }
.links a { margin-right: 1rem; } .muted { color: #6e6e73; }
"""


def index_html(report: Report, entries: Sequence[BundleEntry], *, created: dt.datetime) -> str:
    heading = report.article.title or report.citations_path
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Sources of {_text(heading)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>Sources of {_text(heading)}</h1>",
        f'<p class="muted">Checked {_text(_utc(created))} from {_text(report.citations_path)}. '
        f"{_text(summary_line(report))}.</p>",
        '<p class="muted">Each source as fetched: <a href="sources.warc.gz">sources.warc.gz</a> '
        '(WARC), <a href="sources.wacz">sources.wacz</a> (WACZ), '
        '<a href="manifest.json">manifest.json</a>.</p>',
    ]
    if report.interrupted:
        parts.append(f"<p><strong>{_text(INTERRUPTED_NOTE)}</strong></p>")
    parts.extend(_note(entry) for entry in entries)
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _note(entry: BundleEntry) -> str:
    result, citation = entry.result, entry.citation
    status = result.status.value
    rows = [
        _row("Cited title", citation.title),
        _row("Cited authors", "; ".join(citation.authors) or None),
        _row("Cited date", str(citation.date) if citation.date else None),
        _row("Publisher", citation.publisher),
        _row("URL", citation.url),
    ]
    if result.final_url and result.final_url != citation.url:
        rows.append(_row("Ended at", result.final_url))
    if result.http_status is not None:
        rows.append(_row("HTTP status", str(result.http_status)))
    if entry.body is not None:
        rows.append(_row("Fetched", _utc(entry.body.recorded_at)))
    found = [
        "<tr>"
        f"<th>{_text(check.name.capitalize())}</th>"
        f'<td><span class="status {_text(check.status.value)}">{_text(check.status.value)}</span>'
        f" {_text(check.found or '')}"
        + (f' <span class="muted">({_text(check.reason)})</span>' if check.reason else "")
        + "</td></tr>"
        for check in ordered_checks(result)
    ]
    reasons = "".join(f"<li>{_text(reason)}</li>" for reason in result.reasons)
    return "\n".join(
        [
            f'<section class="note" id="note-{_attr(result.id)}">',
            f'<h2>Note {_text(result.id)} <span class="status {_attr(status)}">'
            f"{_text(status)}</span></h2>",
            f"<table>{''.join(row for row in rows if row)}</table>",
            f"<table><caption>Found on the page</caption>{''.join(found)}</table>" if found else "",
            f"<ul>{reasons}</ul>" if reasons else "",
            f'<p class="links">{_links(entry)}</p>',
            "</section>",
        ]
    )


def _links(entry: BundleEntry) -> str:
    links: list[str] = []
    live = entry.citation.url
    if is_linkable(live):
        links.append(_link(str(live), "Live page"))
    if entry.snapshot is not None:
        links.append(f'<a href="{_attr(quote(entry.snapshot))}">Local snapshot</a>')
    archive = entry.archive
    if archive is not None and is_linkable(archive.url):
        when = f" of {archive.captured}" if archive.captured else ""
        links.append(_link(archive.url, f"Internet Archive copy{when}"))
    elif is_linkable(live):
        links.append(_link(WAYBACK_LOOKUP + str(live), "Internet Archive copies"))
    return " ".join(links) or '<span class="muted">no copy</span>'


def _row(label: str, value: str | None) -> str:
    if not value:
        return ""
    return f"<tr><th>{_text(label)}</th><td>{_text(value)}</td></tr>"


def _link(url: str, label: str) -> str:
    return f'<a href="{_attr(url)}" rel="noreferrer">{_text(label)}</a>'


def _text(value: str) -> str:
    return escape(one_line(value), quote=True)


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
