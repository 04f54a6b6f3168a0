"""`citecheck lookup -f json` / `-o FILE.json`: the record read back with json, per citation
the chosen url, its source and score, and every candidate; verify's -f/-o conventions (stdout
carries only JSON, a bad -o name is one line and exit 2 before any work)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from citecheck.cli import main

from .conftest import RIGHT
from .test_lookup_cli import project


def test_json_on_stdout_carries_the_chosen_url_its_source_score_and_candidates(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    path = project(tmp_path, httpserver)

    run = CliRunner().invoke(main, ["lookup", str(path), "-f", "json"])

    assert run.exit_code == 0, run.output
    record = json.loads(run.stdout)  # nothing but the JSON on stdout
    assert record["tool"] == "citecheck" and record["interrupted"] is False
    assert record["citations_file"] == str(path)
    by_id = {r["id"]: r for r in record["results"]}
    assert list(by_id) == ["i", "ii"]  # the short form iii is not looked up
    found = by_id["i"]
    assert found["url"] == httpserver.url_for(RIGHT.path)
    assert found["source"] == "publisher-site"
    assert isinstance(found["score"], float) and 0 < found["score"] <= 100
    first = found["candidates"][0]
    assert first["url"] == found["url"] and first["status"] == "verified"
    assert first["title_score"] == 100.0
    assert found["cited_url"] is None and found["line"] == 3
    assert found["fields"] == {"url": found["url"], "found_by": "lookup"}
    assert found["written"] is False  # no --write
    none = by_id["ii"]
    assert none["url"] is None and none["source"] is None and none["fields"] is None
    assert record["summary"] == {"looked_up": 2, "found": 1, "written": 0}
    assert "Islamic State faces" in run.stderr  # the listing for people went to stderr


def test_o_writes_the_record_beside_the_listing_and_write_is_recorded(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    path = project(tmp_path, httpserver)
    out = tmp_path / "out" / "lookup.json"
    out.parent.mkdir()

    run = CliRunner().invoke(main, ["lookup", str(path), "--write", "-o", str(out)])

    assert run.exit_code == 0, run.output
    assert "1. " in run.stdout  # the listing stays on stdout
    record = json.loads(out.read_text(encoding="utf-8"))
    assert {r["id"]: r["written"] for r in record["results"]} == {"i": True, "ii": False}
    assert record["summary"]["written"] == 1


def test_an_output_that_is_not_json_is_refused_before_any_request(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    path = project(tmp_path, httpserver)

    run = CliRunner().invoke(main, ["lookup", str(path), "-o", str(tmp_path / "lookup.xml")])

    assert run.exit_code == 2
    assert "lookup.xml: lookup writes JSON" in run.output
    assert "Traceback" not in run.output
    assert httpserver.log == []
