"""`citecheck verify` in CI: several report files in one run, SARIF and GitHub output, the step
summary, against real pages on a loopback server in a real git repository."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from citecheck.cli import main

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Floods displace thousands in Sindh</title>
<meta property="og:title" content="Floods displace thousands in Sindh">
<meta property="article:published_time" content="2022-08-30T08:00:00+05:00">
</head><body><article><h1>Floods displace thousands in Sindh</h1>
<p>Heavy monsoon rains flooded villages across the province, officials said on Tuesday, as relief
camps filled and roads to the north were cut for a third day running.</p></article></body></html>
"""


@pytest.fixture
def project(tmp_path: Path, httpserver: HTTPServer) -> Path:
    httpserver.expect_request("/floods").respond_with_data(
        PAGE, content_type="text/html; charset=utf-8"
    )
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    base = httpserver.url_for("").rstrip("/")
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "site").mkdir()
    citations = repo / "site" / "citations.yaml"
    citations.write_text(
        f"""citations:
  - id: floods
    title: Floods displace thousands in Sindh
    date: 2022-08-30
    url: {base}/floods

  - id: dead
    title: A story that was taken down
    url: {base}/gone
  - id: no-url
    title: A book
""",
        encoding="utf-8",
    )
    return citations


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["verify", *args], env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_one_run_writes_several_reports_by_suffix(
    project: Path, sarif_schema: dict[str, Any]
) -> None:
    folder = project.parent
    outputs = [folder / name for name in ("r.json", "r.sarif", "r.xml", "r.md", "r.html")]
    args = [str(project), "--allow-private", "--no-progress", "--no-cache"]

    code, _, _ = run(*args, *(arg for out in outputs for arg in ("-o", str(out))))

    assert code == 1  # the dead link fails the run
    statuses = {
        r["id"]: r["status"] for r in json.loads(outputs[0].read_text(encoding="utf-8"))["results"]
    }
    assert statuses == {"floods": "verified", "dead": "failed", "no-url": "unverifiable"}
    sarif = json.loads(outputs[1].read_text(encoding="utf-8"))
    jsonschema.validate(sarif, sarif_schema, cls=jsonschema.Draft4Validator)
    regions = {
        r["properties"]["citationId"]: (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"],
        )
        for r in sarif["runs"][0]["results"]
    }
    assert regions == {
        "dead": ("site/citations.yaml", {"startLine": 7, "startColumn": 5, "endLine": 9}),
        "no-url": ("site/citations.yaml", {"startLine": 10, "startColumn": 5, "endLine": 11}),
    }
    suite = ET.parse(outputs[2]).getroot()
    assert suite.get("tests") == "3" and suite.get("failures") == "1"
    assert outputs[3].read_text(encoding="utf-8").startswith("# citecheck report")
    assert "<!DOCTYPE html>" in outputs[4].read_text(encoding="utf-8")


def test_github_format_annotates_and_appends_the_step_summary(project: Path) -> None:
    summary = project.parent / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    sarif = project.parent / "r.sarif"

    code, stdout, _ = run(
        str(project),
        "--allow-private",
        "--no-progress",
        "--no-cache",
        "--format",
        "github",
        "-o",
        str(sarif),
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )

    assert code == 1
    commands = [line for line in stdout.splitlines() if line.startswith("::")]
    assert commands[0].startswith("::error file=site/citations.yaml,line=7,col=5,endLine=9,title=")
    assert commands[1].startswith("::notice file=site/citations.yaml,line=10,col=5,endLine=11,")
    assert len(commands) == 2
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## citecheck: site/citations.yaml")
    assert "| dead | 7 | failed |" in text
    assert sarif.is_file()


def test_github_format_without_a_step_summary_still_annotates(project: Path) -> None:
    code, stdout, _ = run(
        str(project),
        "--allow-private",
        "--no-progress",
        "--no-cache",
        "--format",
        "github",
        env={"GITHUB_STEP_SUMMARY": ""},
    )

    assert code == 1
    assert stdout.count("::error ") == 1


def test_an_output_whose_suffix_says_nothing_needs_a_format(project: Path) -> None:
    folder = project.parent
    code, _, stderr = run(
        str(project), "--no-cache", "-o", str(folder / "a.json"), "-o", str(folder / "b.txt")
    )

    assert code == 2
    assert "b.txt: cannot tell the report format" in stderr
    assert not (folder / "a.json").exists()  # refused before any work
