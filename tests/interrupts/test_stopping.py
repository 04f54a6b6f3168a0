"""Stopping when asked, tried on the real command in a subprocess against a host on loopback
that accepts connections and never answers: the first SIGINT or SIGTERM stops new fetches,
cuts those in flight and writes the report marked interrupted; a second one quits at once and
still writes it; worker processes never outlive the run, however it ends."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psutil
import pytest

RUN = "import sys; from citecheck.cli import main; sys.argv[0] = 'citecheck'; main()"
BOUND = 10.0  # seconds from the signal to the exit: generous, for a loaded machine
PAGE = (
    "<html><head><title>Page {n} of the harbour report</title></head><body><p>x</p></body></html>"
)


class StallingHost:
    """Accepts every connection and never answers on it."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.accepted.append(connection)

    def close(self) -> None:
        self.listener.close()
        for connection in self.accepted:
            connection.close()


@pytest.fixture
def stalling_host() -> Iterator[StallingHost]:
    host = StallingHost()
    yield host
    host.close()


def project(tmp_path: Path, urls: list[str]) -> Path:
    lines = ["citations:"]
    for n, url in enumerate(urls):
        lines += [f"  - id: c{n}", f"    title: Page {n} of the harbour report", f"    url: {url}"]
    (tmp_path / "citations.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "citecheck.toml").write_text(
        "[fetch]\nallow_private = true\nhost_interval = 0\nretries = 0\n", encoding="utf-8"
    )
    return tmp_path / "citations.yaml"


def start(citations: Path, *options: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", RUN, "verify", str(citations), "--no-cache", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition: object, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def descendants(pid: int) -> list[psutil.Process]:
    return psutil.Process(pid).children(recursive=True)


@pytest.mark.parametrize(("signal_number", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_the_first_signal_stops_cuts_in_flight_fetches_and_writes_the_report(
    tmp_path: Path, stalling_host: StallingHost, signal_number: int, code: int
) -> None:
    urls = [f"http://127.0.0.1:{stalling_host.port}/p{n}" for n in range(6)]
    report, junit = tmp_path / "report.json", tmp_path / "report.xml"
    run = start(project(tmp_path, urls), "-o", str(report), "-o", str(junit), "--per-host", "2")
    wait_for(lambda: len(stalling_host.accepted) >= 2)  # two in flight, four queued
    time.sleep(0.3)
    children = descendants(run.pid)

    run.send_signal(signal_number)
    sent = time.monotonic()
    _, err = run.communicate(timeout=60)
    took = time.monotonic() - sent

    assert run.returncode == code, err
    assert took < BOUND, f"took {took:.1f} s to stop"
    said = re.search(r"stopping: (\d+) checks in flight \(Ctrl-C again to quit now\)", err)
    assert said is not None, err
    assert 2 <= int(said.group(1)) <= 6  # started checks: on the wire or waiting for the host
    assert len(stalling_host.accepted) == 2  # the queued fetches never went out
    written = json.loads(report.read_text(encoding="utf-8"))
    assert written["interrupted"] is True
    assert written["results"] == []  # nothing finished: nothing claimed
    properties = {p.get("name"): p.get("value") for p in ET.parse(junit).iter("property")}
    assert properties["interrupted"] == "true"
    assert not [child for child in children if child.is_running()]


def test_a_second_signal_quits_at_once_and_still_writes_what_is_done(
    tmp_path: Path, stalling_host: StallingHost
) -> None:
    urls = [f"http://127.0.0.1:{stalling_host.port}/p{n}" for n in range(4)]
    report = tmp_path / "report.json"
    run = start(project(tmp_path, urls), "-o", str(report))
    wait_for(lambda: len(stalling_host.accepted) >= 2)
    run.send_signal(signal.SIGINT)
    time.sleep(0.05)
    run.send_signal(signal.SIGINT)
    sent = time.monotonic()
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130, err
    assert time.monotonic() - sent < BOUND
    assert json.loads(report.read_text(encoding="utf-8"))["interrupted"] is True


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/stall"):
            time.sleep(60)
            return
        n = self.path.rsplit("/", 1)[-1]
        body = PAGE.format(n=n).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="worker processes need two cores")
def test_worker_processes_end_when_the_main_process_is_killed(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        # 70 pages: enough for worker processes; the last ones stall, so the run stays alive.
        urls = [f"{base}/page/{n}" for n in range(66)] + [f"{base}/stall/{n}" for n in range(4)]
        run = start(project(tmp_path, urls), "--per-host", "8")
        wait_for(lambda: len(descendants(run.pid)) >= 2, seconds=60)
        workers = descendants(run.pid)

        os.kill(run.pid, signal.SIGKILL)  # no handler, no clean-up: the parent just vanishes
        run.communicate(timeout=30)
        gone, alive = psutil.wait_procs(workers, timeout=BOUND)
        assert not alive, f"{len(alive)} worker process(es) outlived the run"
        assert gone
    finally:
        server.shutdown()


def test_a_connection_still_being_made_does_not_hold_up_the_exit(tmp_path: Path) -> None:
    """A host whose accept queue is full: connections hang in the making, where no socket can
    be cut yet. The stopped run waits for them only briefly, not the 40 s connect timeout."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=0)  # never accepts
    try:
        port = listener.getsockname()[1]
        citations = project(tmp_path, [f"http://127.0.0.1:{port}/p{n}" for n in range(3)])
        with (tmp_path / "citecheck.toml").open("a", encoding="utf-8") as config:
            config.write("connect_timeout = 40\n")
        report = tmp_path / "report.json"
        run = start(citations, "-o", str(report), "--per-host", "3")
        time.sleep(3)  # started, and its connections hanging
        run.send_signal(signal.SIGINT)
        sent = time.monotonic()
        _, err = run.communicate(timeout=60)
        assert run.returncode == 130, err
        assert time.monotonic() - sent < BOUND
        assert json.loads(report.read_text(encoding="utf-8"))["interrupted"] is True
    finally:
        listener.close()


def test_archive_stops_the_same_way_and_leaves_no_half_bundle(
    tmp_path: Path, stalling_host: StallingHost
) -> None:
    urls = [f"http://127.0.0.1:{stalling_host.port}/p{n}" for n in range(4)]
    citations = project(tmp_path, urls)
    out = tmp_path / "archive"
    run = subprocess.Popen(
        [sys.executable, "-c", RUN, "archive", str(citations), "-o", str(out), "--no-progress"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for(lambda: len(stalling_host.accepted) >= 2)
    run.send_signal(signal.SIGTERM)
    sent = time.monotonic()
    _, err = run.communicate(timeout=60)
    assert run.returncode == 143, err
    assert time.monotonic() - sent < BOUND
    assert "stopping: " in err
    written = [path for path in out.rglob("*") if path.is_file()] if out.exists() else []
    assert written == []  # no bundle, not even half of one


def test_a_stop_while_looking_up_keeps_what_was_checked_and_says_interrupted(
    tmp_path: Path, stalling_host: StallingHost
) -> None:
    """Citations without a url are looked up after the run; a stop during the lookups ends
    them at once. The citation whose lookup was cut is reported as it stood (no URL), not as
    "nothing found", and the report says the run was interrupted."""
    (tmp_path / "citations.yaml").write_text(
        "citations:\n"
        "  - id: first\n"
        "    title: The harbour report on floods\n"
        "  - id: second\n"
        "    title: Another harbour report on storms\n",
        encoding="utf-8",
    )
    # Crossref is the only lookup source, and it never answers.
    (tmp_path / "citecheck.toml").write_text(
        "[fetch]\nallow_private = true\nhost_interval = 0\nretries = 0\n"
        "[lookup]\npublisher_site = false\nwayback_cdx = false\n"
        f'crossref_url = "http://127.0.0.1:{stalling_host.port}"\n'
        "[archive]\nlookups = false\n",
        encoding="utf-8",
    )
    report = tmp_path / "report.json"
    run = start(tmp_path / "citations.yaml", "-o", str(report))
    wait_for(lambda: len(stalling_host.accepted) >= 1)  # the first lookup is asking Crossref
    time.sleep(0.3)

    run.send_signal(signal.SIGINT)
    sent = time.monotonic()
    _, err = run.communicate(timeout=60)

    assert run.returncode == 130, err
    assert time.monotonic() - sent < BOUND
    assert len(stalling_host.accepted) == 1  # the second lookup never started
    written = json.loads(report.read_text(encoding="utf-8"))
    assert written["interrupted"] is True
    results = {result["id"]: result for result in written["results"]}
    assert set(results) == {"first", "second"}
    for result in results.values():
        assert result["status"] == "unverifiable"
        assert len(result["reasons"]) == 1  # no URL, and nothing said of a lookup
        assert result["reasons"][0].startswith("no URL to check")
