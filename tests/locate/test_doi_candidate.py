"""A citation's DOI as a located candidate: after its url and archive_url, resolved at
`[lookup] doi_resolver` (a loopback server stands in for doi.org here), with its own origin;
a citation giving only a DOI is verified on the page it resolves to, one whose url is dead is
at best a warning on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from citecheck.cli import main
from citecheck.locate import (
    CITED_ARCHIVE_URL,
    CITED_DOI,
    CITED_URL,
    Candidate,
    candidate_sources,
    locate,
)
from citecheck.models import Citation

TITLE = "Sediment transport in tidal inlets"
DOI = "10.5555/tide.2019.04"
PAGE = f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><p>x</p></body></html>"


def test_the_doi_comes_after_the_url_and_the_archive_copy_at_the_resolver_given() -> None:
    citation = Citation(
        id="1", url="https://a.example/p", archive_url="https://archive.example/p", doi=DOI
    )
    sources = candidate_sources("http://127.0.0.1:9/resolve/")

    assert list(locate(citation, sources)) == [
        Candidate("https://a.example/p", CITED_URL),
        Candidate("https://archive.example/p", CITED_ARCHIVE_URL),
        Candidate(f"http://127.0.0.1:9/resolve/{DOI}", CITED_DOI),
    ]
    # The default resolver is doi.org; characters a path cannot carry are escaped.
    odd = Citation(id="2", doi="10.1002/(SICI)1097-4571#x?y")
    assert [c.url for c in locate(odd)] == ["https://doi.org/10.1002/(SICI)1097-4571%23x%3Fy"]
    assert CITED_DOI.name == "cited doi"


@pytest.fixture
def resolver(httpserver: HTTPServer) -> HTTPServer:
    """doi.org's part: the DOI's path answers 302 to the publisher's landing page."""
    landing = httpserver.url_for("/journal/article/42")
    httpserver.expect_request(f"/{DOI}").respond_with_data(
        "", status=302, headers={"Location": landing}
    )
    httpserver.expect_request("/journal/article/42").respond_with_data(
        PAGE, content_type="text/html"
    )
    httpserver.expect_request("/10.5555/unregistered").respond_with_data("no", status=404)
    httpserver.expect_request("/moved-away").respond_with_data("gone", status=404)
    return httpserver


def verify(tmp_path: Path, server: HTTPServer, entry: str, *extra: str) -> dict[str, object]:
    citations = tmp_path / "citations.yaml"
    citations.write_text(f"citations:\n  - id: c\n    title: {TITLE}\n{entry}", encoding="utf-8")
    (tmp_path / "citecheck.toml").write_text(
        f'[lookup]\ndoi_resolver = "{server.url_for("/")}"\n[archive]\nlookups = false\n'
    )
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        main,
        ["verify", str(citations), "--allow-private", "--no-progress", "-o", str(out), *extra],
    )
    assert result.exit_code in (0, 1), result.output
    found: dict[str, object] = json.loads(out.read_text())["results"][0]
    found["exit_code"] = result.exit_code
    return found


def test_a_citation_with_only_a_doi_is_verified_on_the_page_it_resolves_to(
    tmp_path: Path, resolver: HTTPServer
) -> None:
    doi_address = resolver.url_for(f"/{DOI}")

    result = verify(tmp_path, resolver, f"    doi: {DOI}\n", "--no-lookup")

    assert result["status"] == "verified"
    assert result["url"] is None
    assert result["fetched_url"] == doi_address
    assert result["final_url"] == resolver.url_for("/journal/article/42")
    reasons = result["reasons"]
    assert isinstance(reasons, list)
    assert reasons[0] == f"checked at the page its DOI resolves to ({doi_address})"
    assert any(reason.startswith("title matches") for reason in reasons)
    # A second run answers from the kept verdict and says the same.
    again = verify(tmp_path, resolver, f"    doi: {DOI}\n", "--no-lookup")
    assert again["from_cache"] is True
    assert again["status"] == "verified" and again["reasons"] == reasons


def test_a_doi_standing_in_for_a_dead_url_is_at_best_a_warning(
    tmp_path: Path, resolver: HTTPServer
) -> None:
    dead = resolver.url_for("/moved-away")

    result = verify(tmp_path, resolver, f"    url: {dead}\n    doi: {DOI}\n", "--no-lookup")

    assert result["status"] == "warning"
    reason = result["reasons"][0]  # type: ignore[index]
    assert reason.startswith("the cited URL is dead (HTTP 404")
    landing = resolver.url_for("/journal/article/42")
    assert reason.endswith(f"checked against the page its DOI resolves to at {landing}")


def test_an_unregistered_doi_and_no_url_is_a_dead_link_not_nothing_to_check(
    tmp_path: Path, resolver: HTTPServer
) -> None:
    result = verify(tmp_path, resolver, "    doi: 10.5555/unregistered\n", "--no-lookup")

    assert result["status"] == "failed"
    assert result["http_status"] == 404
    assert result["exit_code"] == 1
    paths = [entry[0].path for entry in resolver.log]
    assert paths == ["/10.5555/unregistered"]
