"""`verify.skip_urls`: matching citations are reported `skipped` in every report format, never
fetched, counted in the summary, and fail nothing (exit 0 unless another citation fails)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from citecheck.cli import main

PATTERN = "http://*/intranet/*"
REASON = f"not checked: its url matches verify.skip_urls pattern '{PATTERN}'"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout + result.stderr


@pytest.fixture
def citations(tmp_path: Path, httpserver: HTTPServer) -> Path:
    page = "<html><head><title>Open Page</title></head><body><p>text</p></body></html>"
    httpserver.expect_request("/open").respond_with_data(page, content_type="text/html")
    path = tmp_path / "citations.yaml"
    path.write_text(
        "citations:\n"
        f"  - id: open\n    title: Open Page\n    url: {httpserver.url_for('/open')}\n"
        f"  - id: inside\n    title: Staff Handbook\n    url: {httpserver.url_for('/intranet/a')}\n"
        "  - id: again\n    same_as: inside\n",
        encoding="utf-8",
    )
    (tmp_path / "citecheck.toml").write_text(f'[verify]\nskip_urls = ["{PATTERN}"]\n')
    return path


def test_skipped_in_json_junit_sarif_markdown_and_the_table(
    citations: Path, httpserver: HTTPServer
) -> None:
    folder = citations.parent
    outputs = [folder / name for name in ("r.json", "r.xml", "r.sarif", "r.md", "r.html")]
    args = ["verify", str(citations), "--allow-private", "--no-cache", "--no-progress", "-v"]
    for output in outputs:
        args += ["-o", str(output)]

    code, said = run(*args)

    assert code == 0
    assert [entry[0].path for entry in httpserver.log] == ["/open"]  # the skipped one unfetched
    report = json.loads(outputs[0].read_text())
    by_id = {r["id"]: r for r in report["results"]}
    assert [by_id[name]["status"] for name in ("open", "inside", "again")] == [
        "verified",
        "skipped",
        "skipped",
    ]
    assert by_id["inside"]["reasons"] == [REASON]
    assert by_id["again"]["reasons"] == ["same source as note inside", REASON]
    assert report["summary"]["skipped"] == 2 and report["summary"]["verified"] == 1

    suite = ET.parse(outputs[1]).getroot()
    assert suite.get("skipped") == "2" and suite.get("failures") == "0"
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    skipped = cases["inside"].find("skipped")
    assert skipped is not None and skipped.get("message") == f"skipped: {REASON}"
    assert cases["open"].find("skipped") is None

    sarif = json.loads(outputs[2].read_text())
    run_ = sarif["runs"][0]
    assert run_["results"] == []  # skipped citations are no findings
    notes = run_["invocations"][0]["toolExecutionNotifications"]
    assert notes == [
        {
            "level": "note",
            "message": {"text": "2 citation(s) not checked (verify.skip_urls): inside, again"},
        }
    ]

    assert "| inside | **skipped** |" in outputs[3].read_text()
    assert '<span class="status skipped">skipped</span>' in outputs[4].read_text()
    summary = "3 citations: 1 verified, 0 warning, 0 failed, 0 blocked, 0 unverifiable, 2 skipped"
    said = " ".join(said.split())  # the console folds long lines
    assert summary in said
    assert "skipped" in said.split(summary)[0]  # the table's rows, before the summary


def test_a_skipped_citation_never_fails_the_run_whatever_fail_on(citations: Path) -> None:
    code, _ = run(
        "verify",
        str(citations),
        "--allow-private",
        "--no-cache",
        "--no-progress",
        "--only",
        "inside",
        "--fail-on",
        "failed,warning,blocked,unverifiable",
    )

    assert code == 0


def test_sarif_with_skipped_citations_is_valid_sarif(citations: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = Path(__file__).parents[1] / "report" / "schemas" / "sarif-2.1.0-rtm.5.json"
    if not schema_path.exists():
        pytest.skip(f"no SARIF schema at {schema_path} (.ci/run fetches it from the npm registry)")
    out = citations.parent / "r.sarif"

    code, _ = run("verify", str(citations), "--allow-private", "--no-cache", "-o", str(out))

    assert code == 0
    jsonschema.validate(json.loads(out.read_text()), json.loads(schema_path.read_text()))
