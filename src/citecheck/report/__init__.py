"""Report stage: a Report in, a terminal table or a file (json, markdown, html, junit, sarif)
or GitHub workflow commands out.

`render` returns the whole file as a string; writing it (atomically) is the caller's job.
"""

from __future__ import annotations

from collections.abc import Callable

from citecheck.models import Report
from citecheck.report.github_format import render_github
from citecheck.report.html_format import render_html
from citecheck.report.json_format import render_json
from citecheck.report.junit_format import render_junit
from citecheck.report.markdown_format import render_markdown
from citecheck.report.sarif_format import render_sarif

FORMATS = ("json", "markdown", "html", "junit", "sarif", "github")

_RENDERERS: dict[str, Callable[[Report], str]] = {
    "json": render_json,
    "markdown": render_markdown,
    "html": render_html,
    "junit": render_junit,
    "sarif": render_sarif,
    "github": render_github,
}


def render(report: Report, fmt: str) -> str:
    """The report as a `fmt` file (one of FORMATS); ValueError for any other format."""
    renderer = _RENDERERS.get(fmt)
    if renderer is None:
        raise ValueError(f"unknown report format '{fmt}': choose one of {', '.join(FORMATS)}")
    return renderer(report)
