"""Two runs sharing one cache fetch each URL once: a URL one run is fetching is waited for by
the other, which then finds it in the cache. Counted by the server's own request log."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.fetch.conftest import LoopbackServer

PAGES = 8


def slow_page(server: LoopbackServer, number: int) -> None:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(0.3)  # long enough for both runs to be asking at the same time
        body = f"<html><head><title>Council report {number}</title></head></html>".encode()
        server.send(handler, body)

    server.route(f"/report/{number}", answer)


def test_two_runs_sharing_a_cache_fetch_each_url_once(
    loopback: LoopbackServer, tmp_path: Path
) -> None:
    for number in range(PAGES):
        slow_page(loopback, number)
    citations = tmp_path / "citations.yaml"
    citations.write_text(
        "citations:\n"
        + "".join(
            f"  - id: '{n}'\n    title: Council report {n}\n"
            f"    url: {loopback.url(f'/report/{n}')}\n"
            for n in range(PAGES)
        ),
        encoding="utf-8",
    )
    command = [
        str(Path(sys.executable).with_name("citecheck")),
        "verify",
        str(citations),
        "--cache-dir",
        str(tmp_path / "shared-cache"),
        "--allow-host",
        "127.0.0.1",
        "--format",
        "json",
        "--per-host",
        "4",
    ]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]

    for run, (stdout, stderr) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, stderr
        statuses = [result["status"] for result in json.loads(stdout)["results"]]
        assert statuses == ["verified"] * PAGES
    requested = Counter(request.path for request in loopback.requests)
    assert requested == Counter(f"/report/{n}" for n in range(PAGES))
