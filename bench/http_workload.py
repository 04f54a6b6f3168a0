"""The HTTP workload the throughput and memory benchmarks share.

Corpus pages are served under many host names (see serve_corpus.py); a citations file cites N of
them, spread round-robin over the hosts, each under its own URL so that no two citations share a
fetch; `citecheck verify` runs on it in a subprocess, whose wall time and peak RSS are measured.
"""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ruamel.yaml import YAML

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_corpus import LoopbackWeb

from corpus_index import load_corpus

RUN_TIMEOUT = 600.0  # seconds; a run that takes longer is broken, not slow


@dataclass
class BenchPage:
    """A corpus page as the page server holds it (still gzip-compressed) and its labels."""

    key: str  # the page's content sha1, from its file name
    gzipped: bytes
    title: str | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)


@dataclass
class Workload:
    folder: Path
    citations_path: Path
    urls: list[str]


@dataclass
class MeasuredRun:
    command: list[str]
    exit_code: int
    wall_seconds: float
    peak_rss_bytes: int
    cpu_seconds: float  # user + system time of the process, on all its threads
    load_before: float  # the machine's 1-minute load average as the run started
    log_path: Path
    timed_out: bool = False
    # The most the process and all its descendants (the judging workers) held at once, sampled
    # from /proc every 50 ms; 0 where /proc cannot be read.
    peak_tree_rss_bytes: int = 0

    @property
    def peak_rss_mib(self) -> float:
        return self.peak_rss_bytes / 2**20

    @property
    def peak_tree_rss_mib(self) -> float:
        return self.peak_tree_rss_bytes / 2**20

    def log_tail(self, lines: int = 15) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def load_bench_pages(corpus_dir: Path) -> list[BenchPage]:
    """Every labelled corpus page, ordered by key so that runs are repeatable."""
    pages = []
    for page in load_corpus(corpus_dir):
        key = page.html_path.name.split(".")[0]
        pages.append(
            BenchPage(
                key=key,
                gzipped=page.html_path.read_bytes(),
                title=page.title,
                date=page.date,
                authors=page.authors,
            )
        )
    if not pages:
        raise SystemExit(f"{corpus_dir}: no labelled pages in index.jsonl")
    return sorted(pages, key=lambda p: p.key)


def served_pages(pages: list[BenchPage]) -> dict[str, bytes]:
    return {page.key: page.gzipped for page in pages}


def write_workload(
    folder: Path,
    web: LoopbackWeb,
    pages: list[BenchPage],
    count: int,
    hosts: int,
    host_interval: float,
) -> Workload:
    """citations.yaml citing `count` URLs over `hosts` hosts, and a citecheck.toml beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    urls: list[str] = []
    entries: list[dict[str, object]] = []
    for serial in range(count):
        page = pages[serial % len(pages)]
        url = web.page_url(host_number=serial % hosts + 1, page_key=page.key, serial=serial)
        urls.append(url)
        entry: dict[str, object] = {"id": f"n{serial + 1}", "url": url}
        if page.title:
            entry["title"] = page.title
        if page.date:
            entry["date"] = page.date
        if page.authors:
            entry["authors"] = list(page.authors)
        entries.append(entry)
    citations_path = folder / "citations.yaml"
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    with citations_path.open("w", encoding="utf-8") as handle:
        yaml.dump({"citations": entries}, handle)
    (folder / "citecheck.toml").write_text(
        # The bench's proxy serves only its own hosts: they tell citecheck the network is up
        # (the default probe sites are out of reach here), so that a page's link to another
        # site (its canonical address, say) fails alone instead of taking the network down.
        f"[fetch]\nhost_interval = {host_interval}\n"
        f'connectivity_probes = ["{web.page_url(host_number=1, page_key="probe", serial=0)}"]\n'
        # No web archive is reachable from the bench: a changed page's capture is not looked
        # for (one CDX request every 2.5 s would measure the Internet Archive's rate limit).
        "[archive]\nlookups = false\n",
        encoding="utf-8",
    )
    return Workload(folder=folder, citations_path=citations_path, urls=urls)


def installed_command(name: str) -> str:
    """The console script `name` of this interpreter's environment (not a shell shim)."""
    beside_python = Path(sys.executable).with_name(name)
    if beside_python.is_file():
        return str(beside_python)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name}: not installed in this environment")
    return found


def verify_command(
    workload: Workload, cache_dir: Path, report_path: Path, workers: int, per_host: int
) -> list[str]:
    return [
        installed_command("citecheck"),
        "verify",
        str(workload.citations_path),
        "--allow-private",
        "--no-progress",
        "--workers",
        str(workers),
        "--per-host",
        str(per_host),
        "--cache-dir",
        str(cache_dir),
        "--fail-on",
        "never",
        "-f",
        "json",
        "-o",
        str(report_path),
    ]


def run_measured(
    command: list[str],
    env: dict[str, str],
    log_path: Path,
    timeout: float = RUN_TIMEOUT,
    stdin_text: str | None = None,
) -> MeasuredRun:
    """Run `command`; its wall time and its own peak RSS (os.wait4 reports it per child)."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()[0]
    with log_path.open("wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.PIPE if stdin_text is not None else subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        timed_out = threading.Event()
        watchdog = threading.Timer(timeout, _kill_late, (process, timed_out))
        watchdog.start()
        sampler = TreeMemorySampler(process.pid)
        sampler.start()
        try:
            if stdin_text is not None and process.stdin is not None:
                _feed(process.stdin, stdin_text)
            _, wait_status, usage = os.wait4(process.pid, 0)
        finally:
            watchdog.cancel()
            sampler.stop()
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(wait_status)
    return MeasuredRun(
        command=command,
        exit_code=process.returncode,
        wall_seconds=wall,
        peak_rss_bytes=usage.ru_maxrss * 1024,  # Linux reports kibibytes
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        load_before=load_before,
        log_path=log_path,
        timed_out=timed_out.is_set(),
        peak_tree_rss_bytes=sampler.peak_bytes,
    )


class TreeMemorySampler(threading.Thread):
    """Samples the summed RSS of a process and its descendants, keeping the highest sum.

    os.wait4 reports only the largest single process; a run whose work is spread over worker
    processes holds the sum of them at once. Linux only (reads /proc); elsewhere it reports 0.
    """

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self._root = pid
        self._interval = interval
        self._stopped = threading.Event()
        self.peak_bytes = 0

    def run(self) -> None:
        while not self._stopped.wait(self._interval):
            self.peak_bytes = max(self.peak_bytes, self._tree_rss())

    def stop(self) -> None:
        self._stopped.set()
        self.join()

    def _tree_rss(self) -> int:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        page = os.sysconf("SC_PAGE_SIZE")
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                statm = (entry / "statm").read_text()
            except OSError:
                continue  # the process ended meanwhile
            # The command name (in parentheses) may hold spaces: the fields follow its end.
            fields = stat[stat.rindex(")") + 2 :].split()
            pid = int(entry.name)
            parents[pid] = int(fields[1])
            rss[pid] = int(statm.split()[1]) * page
        tree = {self._root}
        grew = True
        while grew:
            grew = False
            for pid, parent in parents.items():
                if parent in tree and pid not in tree:
                    tree.add(pid)
                    grew = True
        return sum(rss.get(pid, 0) for pid in tree)


def _feed(stream: IO[bytes], text: str) -> None:
    # A child that quits early closes the pipe; its exit code will say why.
    with contextlib.suppress(BrokenPipeError):
        stream.write(text.encode())
    with contextlib.suppress(BrokenPipeError):
        stream.close()


def _kill_late(process: subprocess.Popen[bytes], timed_out: threading.Event) -> None:
    timed_out.set()
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGKILL)


def machine_summary() -> list[str]:
    """Lines describing where a benchmark ran, for RESULTS.md."""
    return [
        f"`{' '.join(platform.uname())}`",
        f"{os.cpu_count()} cores (`nproc`: {len(os.sched_getaffinity(0))})",
        f"Python {platform.python_version()}",
    ]
