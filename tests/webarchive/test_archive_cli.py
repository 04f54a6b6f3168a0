"""`citecheck archive --save --write` and `citecheck verify --archived`, run as the CLI runs,
with the fake archive of `fake_archive.py` configured as the Wayback Machine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_archive import FakeArchive
from pytest_httpserver import HTTPServer
from ruamel.yaml import YAML

from citecheck.cli import main

BODY = (
    "<p>"
    + "The floods that followed the monsoon rains displaced thousands of families. " * 12
    + "</p>"
)
KEYS = {"IA_ACCESS_KEY": "test-access", "IA_SECRET_KEY": "test-secret"}


def page(title: str) -> str:
    return (
        f"<html><head><title>{title}</title><meta property='og:title' content='{title}'>"
        "<meta property='og:site_name' content='Daily Chronicle'>"
        "<meta property='article:published_time' content='2016-08-14T08:00:00Z'>"
        f"</head><body><article><h1>{title}</h1>{BODY}{BODY}</article></body></html>"
    )


CITATIONS = """\
# Notes of "Floods in Sindh" (checked by the desk)
article:
  title: Floods in Sindh
citations:
  - id: n1
    title: Floods displace thousands in Sindh   # as printed
    publisher: Daily Chronicle
    date: 2016-08-14
    url: {live}/story
    accessed: 2016-08-16

  # the agency's follow-up
  - id: n2
    title: "Relief camps open: 'we lost everything'"
    publisher: Daily Chronicle
    date: 2016-08-14
    url: {live}/gone
  - id: n3
    same_as: n1
    locator: p. 2
"""


@pytest.fixture
def project(tmp_path: Path, httpserver: HTTPServer, archive: FakeArchive) -> Path:
    httpserver.expect_request("/story").respond_with_data(
        page("Floods displace thousands in Sindh"), content_type="text/html"
    )
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    live = httpserver.url_for("").rstrip("/")
    (tmp_path / "citations.yaml").write_text(CITATIONS.format(live=live), encoding="utf-8")
    (tmp_path / "citecheck.toml").write_text(
        "[fetch]\nallow_private = true\nhost_interval = 0\nretries = 0\n\n"
        f'[archive]\nwayback = "{archive.base}"\navailability = "{archive.base}/wayback/available"\n'
        'save_interval = 0\nsave_poll = "0.01s"\nsave_retry_after = 0\ncdx_interval = 0\n',
        encoding="utf-8",
    )
    return tmp_path


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes else "")


def test_save_captures_live_sources_and_write_records_them(
    project: Path, archive: FakeArchive
) -> None:
    before = (project / "citations.yaml").read_text(encoding="utf-8")
    code, output = _run(
        "archive", str(project / "citations.yaml"), "--no-progress", "--save", "--write",
        "-o", str(project / "out"), env=KEYS,
    )  # fmt: skip
    assert code == 0, output
    (submitted,) = [r for r in archive.requests_to("/save") if r.method == "POST"]
    assert submitted.form["url"].endswith("/story")  # the dead source is not sent
    assert submitted.headers["authorization"] == "LOW test-access:test-secret"
    (capture,) = [c for c in archive.captures if c.original.endswith("/story")]
    view = f"{archive.base}/web/{capture.timestamp}/{submitted.form['url']}"
    assert f"n1: archived at {view}" in output
    assert "archive_url and archive_date recorded for n1" in output

    after = (project / "citations.yaml").read_text(encoding="utf-8")
    day = f"{capture.timestamp[:4]}-{capture.timestamp[4:6]}-{capture.timestamp[6:8]}"
    added = [f"    archive_url: {view}", f"    archive_date: {day}"]
    # Byte for byte the same file, apart from the two added lines right after n1's url.
    lines = after.splitlines(keepends=True)
    url_line = next(i for i, line in enumerate(lines) if line.rstrip().endswith("/story"))
    assert [line.rstrip("\n") for line in lines[url_line + 1 : url_line + 3]] == added
    assert "".join(lines[: url_line + 1] + lines[url_line + 3 :]) == before
    document = YAML().load(after)
    assert document["citations"][0]["archive_url"] == view
    assert str(document["citations"][0]["archive_date"]) == day
    # The file still loads as citations, and a verify run takes the new fields.
    code, _ = _run("verify", str(project / "citations.yaml"), "--no-progress", "--fail-on", "never")
    assert code == 0


def test_without_credentials_nothing_is_saved_and_the_file_is_left_alone(
    project: Path, archive: FakeArchive
) -> None:
    before = (project / "citations.yaml").read_bytes()
    code, output = _run(
        "archive", str(project / "citations.yaml"), "--no-progress", "--save", "--write",
        "-o", str(project / "out"), env={"IA_ACCESS_KEY": "", "IA_SECRET_KEY": ""},
    )  # fmt: skip
    assert code == 0, output
    assert "n1: not archived (failed): Save Page Now refused an anonymous request" in output
    assert "nothing to record" in output
    assert (project / "citations.yaml").read_bytes() == before


def test_verify_archived_reports_the_capture_checked(
    project: Path, archive: FakeArchive, httpserver: HTTPServer
) -> None:
    url = httpserver.url_for("/story")
    archive.add(url, "20160815101500", page("Floods displace thousands in Sindh"))
    result = CliRunner().invoke(main, [
        "verify", str(project / "citations.yaml"), "--archived", "--no-progress", "-f", "json",
        "--only", "n1", "--fail-on", "never",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    (n1,) = [r for r in document["results"] if r["id"] == "n1"]
    assert n1["archive_url"] == f"{archive.base}/web/20160815101500/{url}"
    assert n1["archive_date"] == "2016-08-15"
    assert n1["reasons"][0] == "checked the capture of 2016-08-15 (--archived)"
