"""The SARIF report: valid against the official SARIF 2.1.0 schema, pointing at each citation's
exact entry in citations.yaml, named relative to the root of a real git repository.

The schema is Microsoft's published SARIF 2.1.0 schema (the `sarif_schema` fixture of
tests/conftest.py), which .ci/run takes from the npm registry.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from citecheck.citations import load_citations
from citecheck.models import Check, CheckStatus, CitationResult, Report, Status
from citecheck.report import render

# Entries of several shapes: flow lists, a block list, a folded block scalar followed by blank
# lines and a comment, a flow mapping, an entry indented further than the others.
CITATIONS = """\
# Notes of an article
article:
  title: An article

citations:
  - id: dead
    title: "A page that is gone"
    url: https://gone.example.test/story
    authors: [A. Writer]

  - id: retitled
    title: Cited title
    url: https://news.example.test/a
    authors:
      - First Author
      - Second Author
    context: >
      A sentence of the article
      over two lines.


  # a comment between entries
  - {id: late, title: A flow entry, url: "https://late.example.test/x", date: 2020-01-02}
  -   id: loose
      title: Weakly matching
      url: https://loose.example.test/y
  - id: walled
    title: Behind a wall
    url: https://walled.example.test/z
  - id: fine
    title: Verified
    url: https://fine.example.test/
"""


def _git_repo(root: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    project = root / "articles" / "one"
    project.mkdir(parents=True)
    path = project / "citations.yaml"
    path.write_text(CITATIONS, encoding="utf-8")
    return path


def _report(path: Path, *, interrupted: bool = False) -> Report:
    """Results by design for the citations in `path`, each at the line the loader gives it."""
    lines = {c.id: c.line for c in load_citations(path).citations}
    title_fail = Check("title", CheckStatus.FAIL, score=31.0, reason="title differs: Other")

    def result(cid: str, status: Status, **kwargs: Any) -> CitationResult:
        return CitationResult(id=cid, status=status, line=lines[cid], **kwargs)

    started = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    return Report(
        citations_path=str(path),
        results=[
            result("dead", Status.FAILED, http_status=404, reasons=["page not found (HTTP 404)"]),
            result("retitled", Status.FAILED, http_status=200, checks={"title": title_fail}),
            result("late", Status.UNVERIFIABLE, reasons=["timed out"]),
            result("loose", Status.WARNING, reasons=["title is a weak match (78)"]),
            result("walled", Status.BLOCKED, http_status=403, reasons=["HTTP 403"]),
            result("fine", Status.VERIFIED, http_status=200),
        ],
        started_at=started,
        finished_at=started + dt.timedelta(seconds=3),
        interrupted=interrupted,
    )


@pytest.fixture
def citations_file(tmp_path: Path) -> Path:
    return _git_repo(tmp_path / "repo")


def _sarif(report: Report) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(render(report, "sarif"))
    return document


def test_the_report_is_valid_sarif_2_1_0(
    citations_file: Path, sarif_schema: dict[str, Any]
) -> None:
    for interrupted in (False, True):
        document = _sarif(_report(citations_file, interrupted=interrupted))
        jsonschema.validate(document, sarif_schema, cls=jsonschema.Draft4Validator)
        assert document["version"] == "2.1.0"


def test_an_empty_run_is_valid_sarif(citations_file: Path, sarif_schema: dict[str, Any]) -> None:
    document = _sarif(dataclasses.replace(_report(citations_file), results=[]))

    jsonschema.validate(document, sarif_schema, cls=jsonschema.Draft4Validator)
    assert document["runs"][0]["results"] == []


def test_a_result_for_every_citation_not_verified_with_the_rule_for_its_problem(
    citations_file: Path,
) -> None:
    run = _sarif(_report(citations_file))["runs"][0]

    found = {r["properties"]["citationId"]: (r["ruleId"], r["level"]) for r in run["results"]}
    assert found == {
        "dead": ("dead-link", "error"),
        "retitled": ("title-mismatch", "error"),
        "late": ("unverifiable", "note"),
        "loose": ("weak-match", "warning"),
        "walled": ("blocked", "note"),
    }
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
        assert rule["help"]["text"]
        assert result["message"]["text"].startswith(
            f"Citation '{result['properties']['citationId']}'"
        )
    assert len({rule["id"] for rule in rules}) == len(rules)


def test_each_result_points_at_its_entry_as_ruamel_reads_it(citations_file: Path) -> None:
    run = _sarif(_report(citations_file))["runs"][0]
    document = YAML().load(citations_file.read_text(encoding="utf-8"))
    entries = {str(entry["id"]): entry for entry in document["citations"]}
    text_lines = citations_file.read_text(encoding="utf-8").splitlines()

    for result in run["results"]:
        entry = entries[result["properties"]["citationId"]]
        location = result["locations"][0]["physicalLocation"]
        region = location["region"]
        assert location["artifactLocation"]["uri"] == "articles/one/citations.yaml"
        # ruamel's positions are 0-based; SARIF's are 1-based.
        assert region["startLine"] == entry.lc.line + 1
        assert region["startColumn"] == entry.lc.col + 1
        assert text_lines[region["startLine"] - 1][region["startColumn"] - 1 :].startswith(
            ("id:", "{id:")
        )
        last_key = list(entry)[-1]
        last_value_line = entry.lc.value(last_key)[0] + 1
        assert region["endLine"] >= last_value_line
        # The entry's last line has content; everything after it up to the next entry is blank
        # or a comment.
        assert text_lines[region["endLine"] - 1].strip()
        following = text_lines[region["endLine"] :]
        rest = [line for line in following if line.strip() and not line.strip().startswith("#")]
        assert not rest or rest[0].lstrip().startswith("- ")


def test_regions_by_hand(citations_file: Path) -> None:
    regions = {
        r["properties"]["citationId"]: r["locations"][0]["physicalLocation"]["region"]
        for r in _sarif(_report(citations_file))["runs"][0]["results"]
    }

    assert regions["dead"] == {"startLine": 6, "startColumn": 5, "endLine": 9}
    assert regions["retitled"] == {"startLine": 11, "startColumn": 5, "endLine": 19}
    assert regions["late"] == {"startLine": 23, "startColumn": 5, "endLine": 23}
    assert regions["loose"] == {"startLine": 24, "startColumn": 7, "endLine": 26}


def test_outside_a_repository_the_uri_is_relative_to_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plain" / "notes"
    folder.mkdir(parents=True)
    path = folder / "citations.yaml"
    path.write_text(CITATIONS, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "plain")

    run = _sarif(_report(Path("notes/citations.yaml")))["runs"][0]

    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert uris == {"notes/citations.yaml"}


def test_an_edited_file_falls_back_to_the_first_line(citations_file: Path) -> None:
    report = _report(citations_file)
    citations_file.write_text("citations: []\n", encoding="utf-8")

    regions = [
        r["locations"][0]["physicalLocation"]["region"]
        for r in _sarif(report)["runs"][0]["results"]
    ]

    assert [(r["startLine"], r["endLine"]) for r in regions] == [
        (res.line, res.line) for res in report.results if res.status is not Status.VERIFIED
    ]


def test_an_interrupted_run_is_not_successful(citations_file: Path) -> None:
    invocation = _sarif(_report(citations_file, interrupted=True))["runs"][0]["invocations"][0]

    assert invocation["executionSuccessful"] is False
    assert "interrupted" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    complete = _sarif(_report(citations_file))["runs"][0]["invocations"][0]
    assert complete["executionSuccessful"] is True


def test_hostile_text_stays_text(citations_file: Path, sarif_schema: dict[str, Any]) -> None:
    report = _report(citations_file)
    hostile = dataclasses.replace(
        report.results[0], reasons=['"}], "x": "\u202e\x1b[31m', "line\nbreak"]
    )
    document = _sarif(dataclasses.replace(report, results=[hostile]))

    jsonschema.validate(document, sarif_schema, cls=jsonschema.Draft4Validator)
    message = document["runs"][0]["results"][0]["message"]["text"]
    assert "\x1b" not in message and "\u202e" not in message and "\n" not in message
