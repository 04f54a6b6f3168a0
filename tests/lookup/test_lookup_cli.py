"""`citecheck lookup [--write]` and `verify`'s lookup, through the command line, against the fake
news site: the candidates shown, citations.yaml rewritten with ruamel (comments kept), the JSON
report's `lookup` record, and `--no-lookup`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from ruamel.yaml import YAML

from citecheck.citations import load_citations, parse_citations
from citecheck.cli import main
from citecheck.lookup.finder import NETWORK_DOWN
from citecheck.session import Session

from .conftest import RIGHT, lookup_settings, news_site

CITATIONS = """\
# Notes of an article; comments must survive --write.
citations:
  - id: i
    authors: [Kay Johnson]
    title: "Islamic State faces uphill ‘branding war’ in Afghanistan, Pakistan"
    publisher: Example News
    date: 2016-08-14   # as printed
  - id: ii
    title: "A story no site has"
    publisher: Nobody Knows
  - id: iii
    same_as: i
"""


def project(tmp_path: Path, httpserver: HTTPServer) -> Path:
    site = news_site(httpserver)
    site.serve()
    (tmp_path / "citecheck.toml").write_text(
        "[fetch]\nallow_private = true\nhost_interval = 0\n"
        "[lookup]\ncrossref = false\nwayback_cdx = false\n"
        f'[publishers]\n"Example News" = ["{site.base}"]\n',
        encoding="utf-8",
    )
    path = tmp_path / "citations.yaml"
    path.write_text(CITATIONS, encoding="utf-8")
    return path


def test_lookup_shows_candidates_and_write_records_the_best(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    path = project(tmp_path, httpserver)
    shown = CliRunner().invoke(main, ["lookup", str(path)])
    assert shown.exit_code == 0, shown.output
    assert f"1. {httpserver.url_for(RIGHT.path)}" in shown.output
    assert "publisher-site" in shown.output and "verified" in shown.output
    assert "ii  A story no site has" in shown.output
    assert path.read_text(encoding="utf-8") == CITATIONS  # nothing written without --write

    written = CliRunner().invoke(main, ["lookup", str(path), "--write"])
    assert written.exit_code == 0, written.output
    assert "wrote the url of 1 citation(s)" in written.output
    text = path.read_text(encoding="utf-8")
    assert "# Notes of an article; comments must survive --write." in text
    assert "# as printed" in text
    document = YAML().load(text)
    first = document["citations"][0]
    assert first["url"] == httpserver.url_for(RIGHT.path)
    assert first["found_by"] == "lookup"
    assert list(first)[-2:] == ["url", "found_by"]
    assert "url" not in document["citations"][1]
    # The file still loads, and the accepted URL now verifies with no lookup.
    assert load_citations(path).citations[0].found_by == "lookup"
    again = CliRunner().invoke(main, ["lookup", str(path), "--only", "i"])
    assert "nothing to look up" in again.output


def test_verify_looks_up_citations_without_url_at_best_a_warning(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    path = project(tmp_path, httpserver)
    run = CliRunner().invoke(main, ["verify", str(path), "-f", "json", "--no-progress"])
    assert run.exit_code == 0, run.output
    report = json.loads(run.stdout)
    by_id = {r["id"]: r for r in report["results"]}
    found = by_id["i"]
    assert found["status"] == "warning"
    assert found["url"] is None
    assert found["fetched_url"] == httpserver.url_for(RIGHT.path)
    assert found["lookup"]["url"] == httpserver.url_for(RIGHT.path)
    assert found["lookup"]["source"] == "publisher-site"
    assert found["lookup"]["candidates"][0]["status"] == "verified"
    assert found["checks"]["title"]["status"] == "pass"
    assert any("found by lookup" in reason for reason in found["reasons"])
    assert by_id["iii"]["status"] == "warning"  # the short form follows its target
    assert by_id["ii"]["status"] == "unverifiable"
    assert by_id["ii"]["lookup"]["url"] is None

    off = CliRunner().invoke(
        main, ["verify", str(path), "-f", "json", "--no-progress", "--no-lookup"]
    )
    unlooked = {r["id"]: r for r in json.loads(off.stdout)["results"]}
    assert unlooked["i"]["status"] == "unverifiable"
    assert unlooked["i"]["lookup"] is None


def test_verify_lookup_also_looks_up_dead_urls(tmp_path: Path, httpserver: HTTPServer) -> None:
    path = project(tmp_path, httpserver)
    dead = httpserver.url_for("/2016/08/old-address-of-the-story")
    path.write_text(
        CITATIONS.replace(
            "    date: 2016-08-14   # as printed\n", f"    date: 2016-08-14\n    url: {dead}\n"
        ),
        encoding="utf-8",
    )
    plain = CliRunner().invoke(main, ["verify", str(path), "-f", "json", "--no-progress"])
    assert {r["id"]: r for r in json.loads(plain.stdout)["results"]}["i"]["status"] == "failed"
    looked = CliRunner().invoke(
        main, ["verify", str(path), "-f", "json", "--no-progress", "--lookup"]
    )
    result = {r["id"]: r for r in json.loads(looked.stdout)["results"]}["i"]
    assert result["status"] == "warning"
    assert result["url"] == dead
    assert result["lookup"]["url"] == httpserver.url_for(RIGHT.path)
    # Found on the same site: the page moved, and --fix-moved can write its new address.
    assert result["moved_to"] == httpserver.url_for(RIGHT.path)
    assert any(r.startswith(f"the page moved to {result['moved_to']}") for r in result["reasons"])
    fixed = CliRunner().invoke(
        main, ["verify", str(path), "--no-progress", "--lookup", "--fix-moved", "--write"]
    )
    assert f"url: {httpserver.url_for(RIGHT.path)}" in path.read_text(encoding="utf-8"), (
        fixed.output
    )


def test_lookup_without_network_says_so_once(tmp_path: Path) -> None:
    settings = lookup_settings(tmp_path)
    settings.fetch.connectivity_probes = ("http://nonexistent.invalid/",)
    settings.lookup.crossref = True
    cited = parse_citations(
        CITATIONS.replace("publisher: Example News", "publisher: gone-site.invalid")
    )
    lines: list[str] = []
    with Session(settings) as session:
        found = session.lookup(cited, on_found=lambda r: lines.extend(r.troubles)).found
        report = session.verify(cited)
    assert [r.network_down for r in found] == [True, True]
    assert all(r.candidates == [] for r in found)  # nothing guessed
    assert lines == [NETWORK_DOWN, NETWORK_DOWN]
    reasons = [r.reasons for r in report.results]
    assert reasons[0][0].startswith("no URL to check")
    assert reasons[0][1:] == ["lookup: " + NETWORK_DOWN]


def test_lookup_offline_sends_nothing(tmp_path: Path, httpserver: HTTPServer) -> None:
    path = project(tmp_path, httpserver)
    run = CliRunner().invoke(main, ["lookup", str(path), "--offline"])
    assert run.exit_code == 0, run.output
    assert "not in cache" in run.output
    assert "1." not in run.output  # no candidate guessed
    assert httpserver.log == []


def test_verify_looks_up_a_citation_whose_only_doi_resolves_nowhere(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    path = project(tmp_path, httpserver)
    httpserver.expect_request("/10.5555/unregistered").respond_with_data("no", status=404)
    toml = tmp_path / "citecheck.toml"
    resolver = f'[lookup]\ndoi_resolver = "{httpserver.url_for("/")}"\n'
    toml.write_text(toml.read_text(encoding="utf-8").replace("[lookup]\n", resolver))
    path.write_text(
        CITATIONS.replace(
            "    date: 2016-08-14   # as printed\n",
            "    date: 2016-08-14\n    doi: 10.5555/unregistered\n",
        ),
        encoding="utf-8",
    )
    off = CliRunner().invoke(
        main, ["verify", str(path), "-f", "json", "--no-progress", "--no-lookup"]
    )
    assert {r["id"]: r for r in json.loads(off.stdout)["results"]}["i"]["status"] == "failed"

    run = CliRunner().invoke(main, ["verify", str(path), "-f", "json", "--no-progress"])

    result = {r["id"]: r for r in json.loads(run.stdout)["results"]}["i"]
    assert result["status"] == "warning"
    assert result["lookup"]["url"] == httpserver.url_for(RIGHT.path)
