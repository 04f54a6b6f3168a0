"""The progress bar shows on a terminal for runs longer than a few citations, and only then."""

from __future__ import annotations

import io

from pytest_httpserver import HTTPServer
from rich.console import Console

from citecheck.cli.verify import PROGRESS_THRESHOLD, run_with_progress
from citecheck.models import Article, Citation, CitationSet, Status
from citecheck.session import Session
from citecheck.settings import Settings


def citation_set(count: int, url: str) -> CitationSet:
    citations = [Citation(id=str(n), title="A page", url=f"{url}?n={n}") for n in range(count)]
    return CitationSet(path="citations.yaml", article=Article(), citations=citations)


def run(count: int, url: str, *, terminal: bool) -> tuple[str, int]:
    settings = Settings()
    settings.fetch.allow_private = True
    settings.fetch.host_interval = 0.0
    output = io.StringIO()
    console = Console(file=output, force_terminal=terminal, width=100)
    with Session(settings) as session:
        report = run_with_progress(session, citation_set(count, url), (), console, True)
    return output.getvalue(), sum(r.status is Status.VERIFIED for r in report.results)


def test_progress_bar_on_a_terminal(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page").respond_with_data(
        "<html><head><title>A page</title></head><body><h1>A page</h1></body></html>",
        content_type="text/html",
    )
    shown, verified = run(PROGRESS_THRESHOLD + 2, httpserver.url_for("/page"), terminal=True)
    assert "checking" in shown
    assert verified == PROGRESS_THRESHOLD + 2


def test_no_progress_bar_when_not_a_terminal_or_short(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page").respond_with_data(
        "<title>A page</title>", content_type="text/html"
    )
    assert run(PROGRESS_THRESHOLD + 2, httpserver.url_for("/page"), terminal=False)[0] == ""
    assert run(1, httpserver.url_for("/page"), terminal=True)[0] == ""
