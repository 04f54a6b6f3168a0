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


def test_the_lookups_after_the_checks_have_a_line_of_their_own(httpserver: HTTPServer) -> None:
    # Crossref's answer when nothing matches: every lookup ends, having found nothing.
    httpserver.expect_request("/works").respond_with_json(
        {"status": "ok", "message-type": "work-list", "message": {"items": []}}
    )
    settings = Settings()
    settings.fetch.allow_private = True
    settings.fetch.host_interval = 0.0
    settings.fetch.connectivity_probes = ()
    settings.lookup.publisher_site = settings.lookup.wayback_cdx = False
    settings.lookup.crossref_url = httpserver.url_for("").rstrip("/")
    settings.archive.lookups = False
    count = PROGRESS_THRESHOLD + 1
    unlinked = [Citation(id=f"n{n}", title=f"Harbour report part {n}") for n in range(count)]
    citations = CitationSet(path="citations.yaml", article=Article(), citations=unlinked)
    output = io.StringIO()
    with Session(settings) as session:
        report = run_with_progress(
            session, citations, (), Console(file=output, force_terminal=True, width=100), True
        )
    shown = output.getvalue()
    assert "looking up" in shown
    assert f"n{count - 1}: not found" in shown
    assert len([r for r in httpserver.log if r[0].path == "/works"]) == count
    assert all("lookup: no candidate URL found" in r.reasons[-1] for r in report.results)
