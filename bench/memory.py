"""Peak memory of `citecheck verify`: the HTTP run of throughput.py, measured in its subprocess.

The same loopback web and citations files as throughput.py (corpus pages under 50 host names
behind a proxy, an injected delay per response); for each size, a cold run (empty cache) and a
warm re-run, each in its own subprocess whose peak RSS os.wait4 reports (the largest single
process), with the most the process and its judging workers held together (sampled from /proc).
Two sizes show how the peak grows with the number of citations, which a single figure cannot.

    python bench/memory.py [CORPUS] [--sizes 200 2000] [--delay 0.1] [--workers 16]

Exits non-zero when a run breaks.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from http_workload import (
    MeasuredRun,
    Workload,
    load_bench_pages,
    machine_summary,
    run_measured,
    served_pages,
    verify_command,
    write_workload,
)
from serve_corpus import LoopbackWeb, proxy_environment

from corpus_index import DEFAULT_CORPUS

DEFAULT_OUT = Path(__file__).resolve().parent / "out" / "memory"


@dataclass
class MemoryFigures:
    citations: int
    cold_peak_mib: float
    cold_seconds: float
    warm_peak_mib: float
    warm_seconds: float
    cold_all_processes_mib: float  # citecheck and its judging workers together
    warm_all_processes_mib: float


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--delay", type=float, default=0.1)
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--host-interval", type=float, default=0.25)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if min(args.sizes) < 1 or args.hosts < 1 or args.workers < 1 or args.per_host < 1:
        parser.error("sizes, hosts, workers and per-host must be at least 1")

    pages = load_bench_pages(args.corpus)
    figures: list[MemoryFigures] = []
    problems: list[str] = []
    with LoopbackWeb(served_pages(pages), delay=args.delay) as web:
        env = proxy_environment(os.environ, web.proxy_url)
        for size in args.sizes:
            folder = args.out / f"n{size}"
            shutil.rmtree(folder, ignore_errors=True)
            workload = write_workload(folder, web, pages, size, args.hosts, args.host_interval)
            figures.append(measure_size(workload, env, args, problems))
            print(json.dumps(asdict(figures[-1])), flush=True)
    markdown = results_markdown(args, figures)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "memory.md").write_text(markdown, encoding="utf-8")
    document = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "results": [asdict(f) for f in figures],
    }
    (args.out / "memory.json").write_text(json.dumps(document, indent=2), encoding="utf-8")
    print(markdown)
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


def measure_size(
    workload: Workload, env: dict[str, str], args: argparse.Namespace, problems: list[str]
) -> MemoryFigures:
    runs: dict[str, MeasuredRun] = {}
    size = len(workload.urls)
    for label in ("cold", "warm"):  # the warm run re-uses the cold run's cache
        report = workload.folder / f"{label}.json"
        cache = workload.folder / "cache"
        command = verify_command(workload, cache, report, args.workers, args.per_host)
        runs[label] = run_measured(command, env, workload.folder / f"{label}.log")
        if runs[label].exit_code != 0 or runs[label].timed_out:
            problems.append(
                f"{label} {size}: exit {runs[label].exit_code}\n{runs[label].log_tail()}"
            )
    return MemoryFigures(
        citations=size,
        cold_peak_mib=round(runs["cold"].peak_rss_mib, 1),
        cold_seconds=round(runs["cold"].wall_seconds, 2),
        warm_peak_mib=round(runs["warm"].peak_rss_mib, 1),
        warm_seconds=round(runs["warm"].wall_seconds, 2),
        cold_all_processes_mib=round(runs["cold"].peak_tree_rss_mib, 1),
        warm_all_processes_mib=round(runs["warm"].peak_tree_rss_mib, 1),
    )


def results_markdown(args: argparse.Namespace, figures: list[MemoryFigures]) -> str:
    lines = [
        f"Date: {dt.date.today().isoformat()}. Machine: {'; '.join(machine_summary())}.",
        f"Settings: {args.hosts} hosts, {args.delay * 1000:g} ms per response, {args.workers} "
        f"workers, {args.per_host} per host, host interval {args.host_interval:g} s.",
        "",
        "| citations | peak RSS, cold run | all processes, cold run | peak RSS, warm re-run "
        "| all processes, warm re-run | cold run time |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for f in figures:
        lines.append(
            f"| {f.citations} | {f.cold_peak_mib:.0f} MiB | {f.cold_all_processes_mib:.0f} MiB "
            f"| {f.warm_peak_mib:.0f} MiB | {f.warm_all_processes_mib:.0f} MiB "
            f"| {f.cold_seconds:.1f} s |"
        )
    lines += [
        "",
        "Peak RSS: the largest single process (os.wait4). All processes: the most citecheck and "
        "its judging workers held together, sampled from /proc every 50 ms.",
    ]
    small, large = min(figures, key=lambda f: f.citations), max(figures, key=lambda f: f.citations)
    if large.citations > small.citations:
        growth = (large.cold_peak_mib - small.cold_peak_mib) / (large.citations - small.citations)
        lines += ["", f"Growth of the cold peak: {growth * 1024:.0f} KiB per extra citation."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
