"""Throughput over HTTP: `citecheck verify` against a slow loopback web, cold and warm, and
LinkChecker on the same URLs.

A page server answers every corpus page after an injected delay (default 100 ms) under 50 host
names, reached through a forward proxy (HTTP_PROXY), so that per-host politeness applies as on
the internet. For each size (default 200 and 2,000 citations) it times:
  cold   `citecheck verify` with an empty cache, against the latency-bound limit
         (requests x delay / concurrency) and the per-host politeness floor;
  warm   the same command again on the filled cache: time and requests that reached the server;
  lc     `linkchecker` checking the same URLs with as many threads as citecheck has workers.

    python bench/throughput.py [CORPUS] [--sizes 200 2000] [--delay 0.1] [--workers 16]

Exits non-zero when a run breaks (bad exit code, missing results, requests that failed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import shutil
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from http_workload import (
    MeasuredRun,
    Workload,
    installed_command,
    load_bench_pages,
    machine_summary,
    run_measured,
    served_pages,
    verify_command,
    write_workload,
)
from serve_corpus import LoopbackWeb, ServerStats, proxy_environment

from corpus_index import DEFAULT_CORPUS

DEFAULT_OUT = Path(__file__).resolve().parent / "out" / "throughput"


@dataclass
class Settings:
    sizes: list[int]
    hosts: int
    delay: float
    workers: int
    per_host: int
    host_interval: float
    linkchecker: bool

    @property
    def concurrency(self) -> int:
        """Requests that can be in flight at once: the pool, unless the hosts allow fewer."""
        return min(self.workers, self.hosts * self.per_host)

    def latency_bound(self, requests: int) -> float:
        return requests * self.delay / self.concurrency

    def politeness_floor(self, requests: int) -> float:
        """The busiest host's requests cannot start closer than host_interval apart."""
        per_host = math.ceil(requests / self.hosts)
        return (per_host - 1) * self.host_interval + self.delay


@dataclass
class Observed:
    """A run's timing with what the page server saw during it."""

    seconds: float
    exit_code: int
    cpu_seconds: float
    load_before: float
    peak_rss_mib: float
    requests: int
    full_pages: int
    not_modified: int
    robots: int
    not_found: int
    most_in_flight_per_host: int
    shortest_gap_per_host: float | None

    @classmethod
    def of(cls, run: MeasuredRun, stats: ServerStats) -> Observed:
        return cls(
            seconds=round(run.wall_seconds, 3),
            exit_code=run.exit_code,
            cpu_seconds=round(run.cpu_seconds, 2),
            load_before=round(run.load_before, 2),
            peak_rss_mib=round(run.peak_rss_mib, 1),
            requests=stats.requests,
            full_pages=stats.full_pages,
            not_modified=stats.not_modified,
            robots=stats.robots,
            not_found=stats.not_found,
            most_in_flight_per_host=stats.most_in_flight_per_host,
            shortest_gap_per_host=(
                round(stats.shortest_gap_per_host, 3)
                if stats.shortest_gap_per_host is not None
                else None
            ),
        )


@dataclass
class SizeResult:
    citations: int
    latency_bound: float
    politeness_floor: float
    fetch_only: Observed  # citecheck's fetcher alone on the same URLs: the network's share
    cold: Observed
    warm: Observed
    linkchecker: Observed | None
    checked_ok: int  # citations whose page came back with HTTP 200
    problems: list[str]

    @property
    def cold_vs_bound(self) -> float:
        return self.cold.seconds / self.latency_bound


def parse_arguments(argv: list[str] | None) -> tuple[argparse.Namespace, Settings]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--delay", type=float, default=0.1, help="seconds before each response")
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument(
        "--host-interval",
        type=float,
        default=0.25,
        help="citecheck's seconds between request starts to one host (written to citecheck.toml)",
    )
    parser.add_argument("--no-linkchecker", action="store_true")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if min(args.sizes) < 1 or args.hosts < 1 or args.workers < 1 or args.per_host < 1:
        parser.error("sizes, hosts, workers and per-host must be at least 1")
    settings = Settings(
        sizes=args.sizes,
        hosts=args.hosts,
        delay=args.delay,
        workers=args.workers,
        per_host=args.per_host,
        host_interval=args.host_interval,
        linkchecker=not args.no_linkchecker,
    )
    return args, settings


def main(argv: list[str] | None = None) -> int:
    args, settings = parse_arguments(argv)
    pages = load_bench_pages(args.corpus)
    results: list[SizeResult] = []
    with LoopbackWeb(served_pages(pages), delay=settings.delay) as web:
        env = proxy_environment(os.environ, web.proxy_url)
        for size in settings.sizes:
            folder = args.out / f"n{size}"
            shutil.rmtree(folder, ignore_errors=True)
            workload = write_workload(
                folder, web, pages, size, settings.hosts, settings.host_interval
            )
            results.append(measure_size(web, env, workload, settings))
            print(describe(results[-1]), flush=True)
    write_outputs(args, settings, results)
    problems = [p for r in results for p in r.problems]
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


def measure_size(
    web: LoopbackWeb, env: dict[str, str], workload: Workload, settings: Settings
) -> SizeResult:
    size = len(workload.urls)
    cache_dir = workload.folder / "cache"
    problems: list[str] = []
    urls_file = workload.folder / "urls.txt"
    urls_file.write_text("\n".join(workload.urls) + "\n", encoding="utf-8")
    web.reset_stats()
    fetch_run = run_measured(
        fetch_only_command(urls_file, settings), env, urls_file.with_suffix(".log")
    )
    fetch_only = Observed.of(fetch_run, web.stats())
    if fetch_run.exit_code != 0 or fetch_run.timed_out:
        problems.append(f"fetch only {size}: exit {fetch_run.exit_code}\n{fetch_run.log_tail()}")

    cold_report = workload.folder / "cold.json"
    command = verify_command(workload, cache_dir, cold_report, settings.workers, settings.per_host)
    web.reset_stats()
    cold_run = run_measured(command, env, workload.folder / "cold.log")
    cold = Observed.of(cold_run, web.stats())
    problems += run_problems("cold", cold_run, size, cold_report)
    if cold.full_pages != size:
        problems.append(f"cold {size}: the server sent {cold.full_pages} pages, not {size}")

    warm_report = workload.folder / "warm.json"
    command = verify_command(workload, cache_dir, warm_report, settings.workers, settings.per_host)
    web.reset_stats()
    warm_run = run_measured(command, env, workload.folder / "warm.log")
    warm = Observed.of(warm_run, web.stats())
    problems += run_problems("warm", warm_run, size, warm_report)

    linkchecker = None
    if settings.linkchecker:
        web.reset_stats()
        lc_run = run_linkchecker(workload, env, settings.workers)
        linkchecker = Observed.of(lc_run, web.stats())
        if lc_run.exit_code not in (0, 1) or lc_run.timed_out:  # 1: some link was bad
            problems.append(f"linkchecker {size}: exit {lc_run.exit_code}\n{lc_run.log_tail()}")
        elif linkchecker.full_pages < size:
            problems.append(
                f"linkchecker {size}: the server answered {linkchecker.full_pages} of {size} URLs"
            )
    return SizeResult(
        citations=size,
        latency_bound=round(settings.latency_bound(size), 3),
        politeness_floor=round(settings.politeness_floor(size), 3),
        fetch_only=fetch_only,
        cold=cold,
        warm=warm,
        linkchecker=linkchecker,
        checked_ok=count_http_ok(cold_report),
        problems=problems,
    )


def run_problems(label: str, run: MeasuredRun, size: int, report_path: Path) -> list[str]:
    if run.timed_out or run.exit_code != 0:
        return [f"{label} {size}: exit {run.exit_code}\n{run.log_tail()}"]
    try:
        report = json.loads(report_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{label} {size}: no readable report ({exc})"]
    results = report.get("results", [])
    if len(results) != size:
        return [f"{label} {size}: {len(results)} results in the report"]
    failed = [r["id"] for r in results if r.get("http_status") != 200]
    if failed:
        return [f"{label} {size}: {len(failed)} citations not fetched with HTTP 200: {failed[:5]}"]
    return []


def count_http_ok(report_path: Path) -> int:
    try:
        report = json.loads(report_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    return sum(1 for r in report.get("results", []) if r.get("http_status") == 200)


def fetch_only_command(urls_file: Path, settings: Settings) -> list[str]:
    return [
        sys.executable,
        str(Path(__file__).resolve().parent / "fetch_only.py"),
        str(urls_file),
        "--workers",
        str(settings.workers),
        "--per-host",
        str(settings.per_host),
        "--host-interval",
        str(settings.host_interval),
    ]


def linkchecker_command(workers: int, config: Path) -> list[str]:
    return [
        installed_command("linkchecker"),
        "--config",
        str(config),
        "--stdin",
        "--recursion-level",
        "0",
        "--check-extern",
        "--threads",
        str(workers),
        "--no-status",
        "--output",
        "none",
    ]


def run_linkchecker(workload: Workload, env: dict[str, str], workers: int) -> MeasuredRun:
    # An empty config, so that no user's linkcheckerrc changes what is measured.
    config = workload.folder / "linkcheckerrc"
    config.write_text("[checking]\n", encoding="utf-8")
    config.chmod(0o644)  # linkchecker run as root drops to `nobody`, who must read it
    return run_measured(
        linkchecker_command(workers, config),
        env,
        workload.folder / "linkchecker.log",
        stdin_text="\n".join(workload.urls) + "\n",
    )


def describe(result: SizeResult) -> str:
    lc = result.linkchecker
    return (
        f"{result.citations} citations: fetch layer alone {result.fetch_only.seconds:.2f}s, "
        f"cold {result.cold.seconds:.2f}s "
        f"({result.cold_vs_bound:.2f}x the {result.latency_bound:.2f}s latency bound), "
        f"warm {result.warm.seconds:.2f}s with {result.warm.requests} requests "
        f"({result.warm.full_pages} full pages), "
        f"linkchecker {f'{lc.seconds:.2f}s' if lc else 'not run'}"
    )


def write_outputs(args: argparse.Namespace, settings: Settings, results: list[SizeResult]) -> None:
    args.out.mkdir(parents=True, exist_ok=True)
    document = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "settings": asdict(settings),
        "results": [asdict(r) | {"cold_vs_bound": round(r.cold_vs_bound, 2)} for r in results],
    }
    (args.out / "throughput.json").write_text(json.dumps(document, indent=2), encoding="utf-8")
    markdown = results_markdown(settings, results)
    (args.out / "throughput.md").write_text(markdown, encoding="utf-8")
    print(markdown)


def results_markdown(settings: Settings, results: list[SizeResult]) -> str:
    lines = [
        f"Date: {dt.date.today().isoformat()}. Machine: {'; '.join(machine_summary())}.",
        f"Settings: {settings.hosts} hosts, {settings.delay * 1000:g} ms per response, "
        f"{settings.workers} workers, {settings.per_host} per host, host interval "
        f"{settings.host_interval:g} s; concurrency {settings.concurrency}.",
        "",
        "| citations | latency bound | politeness floor | fetch layer alone | citecheck cold "
        "| cold / bound | cold CPU | LinkChecker | warm re-run | warm requests (full / 304) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lc = f"{r.linkchecker.seconds:.2f} s" if r.linkchecker else "not run"
        lines.append(
            f"| {r.citations} | {r.latency_bound:.2f} s | {r.politeness_floor:.2f} s "
            f"| {r.fetch_only.seconds:.2f} s | {r.cold.seconds:.2f} s | {r.cold_vs_bound:.2f}x "
            f"| {r.cold.cpu_seconds:.1f} s | {lc} | {r.warm.seconds:.2f} s "
            f"| {r.warm.requests} ({r.warm.full_pages} / {r.warm.not_modified}) |"
        )
    lines.append("")
    for r in results:
        gap = r.cold.shortest_gap_per_host
        lc_note = ""
        if r.linkchecker:
            lc_note = (
                f" LinkChecker: {r.linkchecker.requests} requests "
                f"({r.linkchecker.robots} for robots.txt), {r.linkchecker.cpu_seconds:.1f} s CPU."
            )
        lines.append(
            f"- {r.citations}: cold run {r.checked_ok} pages with HTTP 200, at most "
            f"{r.cold.most_in_flight_per_host} request(s) at once to one host, starts at least "
            f"{gap if gap is not None else '-'} s apart; warm run {r.warm.cpu_seconds:.1f} s CPU; "
            f"load average before the runs {r.fetch_only.load_before:.1f} / "
            f"{r.cold.load_before:.1f} / {r.warm.load_before:.1f} (fetch / cold / warm).{lc_note}"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
