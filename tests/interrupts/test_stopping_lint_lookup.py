"""`lint` and `lookup` stop when asked, as `verify` does, tried on the real command in a
subprocess: lint is interrupted where it is (a file it is still reading included) after
reporting the files it checked; lookup (several citations at a time) cuts the request under
way (a host on loopback that never answers), keeps and writes what it found before, and exits
128 + the signal."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from ruamel.yaml import YAML

from .test_stopping import BOUND, RUN, StallingHost, stalling_host, wait_for

__all__ = ["stalling_host"]  # the fixture, used here under its own name

TITLE = "Page 0 of the harbour report"
PAGE = f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1></body></html>"


def popen(*args: str, cwd: Path | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", RUN, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
    )


@pytest.mark.parametrize(("signal_number", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_lint_stops_while_reading_a_file_after_reporting_those_checked(
    tmp_path: Path, signal_number: int, code: int
) -> None:
    checked = tmp_path / "checked.yaml"
    checked.write_text("citations:\n  - id: a\n    title: T\n", encoding="utf-8")
    waiting = tmp_path / "waiting.yaml"
    os.mkfifo(waiting)  # reading it blocks until a writer comes: none will
    run = popen("lint", str(checked), str(waiting))
    assert run.stderr is not None
    first = run.stderr.readline()  # lint reports each file as it is done
    assert first.startswith(f"{checked}: 1 citation(s)")
    time.sleep(0.2)  # now blocked reading the FIFO

    run.send_signal(signal_number)
    sent = time.monotonic()
    out, err = run.communicate(timeout=60)

    assert run.returncode == code, err
    assert time.monotonic() - sent < BOUND
    assert "interrupted: 1 of 2 file(s) checked" in err
    assert "Traceback" not in out + err


def test_lookup_cuts_the_request_under_way_and_keeps_what_it_found(
    tmp_path: Path, stalling_host: StallingHost, httpserver: HTTPServer
) -> None:
    # c0 has a DOI, resolved at a working server; c1 is asked of a Crossref that never answers.
    httpserver.expect_request("/10.5555/harbour.0").respond_with_data(
        PAGE, content_type="text/html"
    )
    citations = tmp_path / "citations.yaml"
    text = (
        "citations:\n"
        f"  - id: c0\n    title: {TITLE}\n    doi: 10.5555/harbour.0\n"
        "  - id: c1\n    title: Page 1 of the harbour report\n"
    )
    citations.write_text(text, encoding="utf-8")
    (tmp_path / "citecheck.toml").write_text(
        "[fetch]\nallow_private = true\nhost_interval = 0\nretries = 0\n"
        "connectivity_probes = []\n"
        "[lookup]\npublisher_site = false\nwayback_cdx = false\ncrossref = true\n"
        f'crossref_url = "http://127.0.0.1:{stalling_host.port}"\n'
        f'doi_resolver = "{httpserver.url_for("/")}"\n',
        encoding="utf-8",
    )
    record = tmp_path / "lookup.json"
    run = popen("lookup", str(citations), "--write", "--no-cache", "-o", str(record))
    assert run.stdout is not None
    # Both are looked up at once: c0 is shown when it is done, while c1 waits for Crossref.
    assert run.stdout.readline().startswith(f"c0  {TITLE}")
    wait_for(lambda: len(stalling_host.accepted) >= 1)  # c1's Crossref request, unanswered

    run.send_signal(signal.SIGINT)
    sent = time.monotonic()
    _, err = run.communicate(timeout=60)

    assert run.returncode == 130, err
    assert time.monotonic() - sent < BOUND
    assert "stopping: 1 check in flight" in err
    written = json.loads(record.read_text(encoding="utf-8"))
    assert written["interrupted"] is True
    assert [r["id"] for r in written["results"]] == ["c0"]  # c1 was cut: nothing claimed
    assert written["results"][0]["written"] is True
    entries = YAML().load(citations.read_text(encoding="utf-8"))["citations"]
    assert entries[0]["url"] == httpserver.url_for("/10.5555/harbour.0")
    assert entries[0]["found_by"] == "lookup"
    assert "url" not in entries[1]
