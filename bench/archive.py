"""What the archive bundle costs: `citecheck archive` next to `citecheck verify` on the same
corpus pages served on loopback, and `citecheck verify --replay` of the bundle it wrote.

The pages are served under many host names behind a forward proxy with an injected delay (see
serve_corpus.py), as for bench/throughput.py, their https links made http (see
plain_http_links), without Internet Archive lookups. Each round runs, on the same citations
file and with no cache (so both fetch every page):
  verify   `citecheck verify --no-cache`
  archive  `citecheck archive --no-cache` (the same verification, every exchange recorded, the
           bundle written and swapped in)
then once `citecheck verify --replay BUNDLE` (offline), whose statuses must equal the archive
run's. Rounds alternate the order of verify and archive; the medians are reported with the
sizes of the bundle's parts.

    python bench/archive.py [CORPUS] [--pages 500] [--rounds 2] [--delay 0.1] [--workers 16]

Exits non-zero when a run breaks or the replay's statuses differ from the archive run's.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gzip
import json
import os
import shutil
import statistics
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from http_workload import (
    BenchPage,
    MeasuredRun,
    Workload,
    installed_command,
    load_bench_pages,
    machine_summary,
    run_measured,
    served_pages,
    write_workload,
)
from serve_corpus import LoopbackWeb, proxy_environment

from corpus_index import DEFAULT_CORPUS

DEFAULT_OUT = Path(__file__).resolve().parent / "out" / "archive"


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--pages", type=int, default=500, help="citations (distinct URLs)")
    parser.add_argument("--rounds", type=int, default=2, help="verify/archive pairs to time")
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--delay", type=float, default=0.1, help="seconds per response")
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--host-interval", type=float, default=0.0)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    return parser.parse_args(argv)


def plain_http_links(pages: list[BenchPage]) -> list[BenchPage]:
    """The pages with their https:// links made http://. Corpus pages name their real
    addresses (canonical and AMP links), which a run follows up for a page that does not
    verify. Out of this machine, https fails DNS (or the proxy's refusal to tunnel) and makes
    the run decide that the network is down, and all later citations unverifiable; as http
    they reach the loopback proxy, which answers 403 for hosts it does not serve: a failed
    follow-up, as on a machine on the internet whose follow-up found nothing."""
    changed = []
    for page in pages:
        html = gzip.decompress(page.gzipped).replace(b"https://", b"http://")
        html = html.replace(b"https:\\/\\/", b"http:\\/\\/")  # as JSON-LD escapes them
        changed.append(dataclasses.replace(page, gzipped=gzip.compress(html, mtime=0)))
    return changed


def common_options(args: argparse.Namespace) -> list[str]:
    return [
        "--allow-private",
        "--no-progress",
        "--no-cache",
        "--workers",
        str(args.workers),
        "--per-host",
        str(args.per_host),
    ]


def verify_command(workload: Workload, args: argparse.Namespace, report: Path) -> list[str]:
    return [
        installed_command("citecheck"),
        "verify",
        str(workload.citations_path),
        *common_options(args),
        "--fail-on",
        "never",
        "-f",
        "json",
        "-o",
        str(report),
    ]


def archive_command(workload: Workload, args: argparse.Namespace, out: Path) -> list[str]:
    return [
        installed_command("citecheck"),
        "archive",
        str(workload.citations_path),
        *common_options(args),
        "-o",
        str(out),
    ]


def replay_command(workload: Workload, bundle: Path, report: Path) -> list[str]:
    return [
        installed_command("citecheck"),
        "verify",
        str(workload.citations_path),
        "--replay",
        str(bundle),
        "--no-progress",
        "--fail-on",
        "never",
        "-f",
        "json",
        "-o",
        str(report),
    ]


def report_statuses(path: Path) -> dict[str, str]:
    document = json.loads(path.read_text(encoding="utf-8"))
    return {result["id"]: result["status"] for result in document["results"]}


def manifest_statuses(bundle: Path) -> dict[str, str]:
    document = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    return {entry["id"]: entry["verdict"]["status"] for entry in document["citations"]}


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def checked(label: str, run: MeasuredRun, problems: list[str]) -> MeasuredRun:
    if run.timed_out or run.exit_code != 0:
        problems.append(f"{label}: exit {run.exit_code}\n{run.log_tail()}")
    return run


def differences(expected: dict[str, str], got: dict[str, str]) -> list[str]:
    return [
        f"{key}: {expected.get(key)} -> {got.get(key)}"
        for key in sorted(set(expected) | set(got))
        if expected.get(key) != got.get(key)
    ]


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    pages = plain_http_links(load_bench_pages(args.corpus))
    problems: list[str] = []
    verify_runs: list[MeasuredRun] = []
    archive_runs: list[MeasuredRun] = []
    shutil.rmtree(args.out, ignore_errors=True)
    with LoopbackWeb(served_pages(pages), delay=args.delay) as web:
        env = proxy_environment(os.environ, web.proxy_url)
        workload = write_workload(
            args.out / "workload", web, pages, args.pages, args.hosts, args.host_interval
        )
        # The workload's citecheck.toml turns Internet Archive lookups off (none is reachable
        # here) and names a bench host as the probe site, for both runs alike.
        bundles = args.out / "bundles"
        verify_report = args.out / "verify.json"
        for round_number in range(args.rounds):
            order = ("verify", "archive") if round_number % 2 == 0 else ("archive", "verify")
            for kind in order:
                log = args.out / f"{kind}-{round_number + 1}.log"
                if kind == "verify":
                    command = verify_command(workload, args, verify_report)
                    verify_runs.append(checked(kind, run_measured(command, env, log), problems))
                else:
                    command = archive_command(workload, args, bundles)
                    archive_runs.append(checked(kind, run_measured(command, env, log), problems))
                print(f"round {round_number + 1}: {kind} {' '.join(command[1:])}", flush=True)
        folders = [p for p in bundles.iterdir() if p.is_dir()] if bundles.is_dir() else []
        if len(folders) != 1:
            problems.append(f"{bundles}: expected one bundle folder, found {len(folders)}")
            return report_problems(problems)
        bundle = folders[0]
        replay_report = args.out / "replay.json"
        replay = checked(
            "replay",
            run_measured(
                replay_command(workload, bundle, replay_report), env, args.out / "replay.log"
            ),
            problems,
        )
    if problems:
        return report_problems(problems)
    archived = manifest_statuses(bundle)
    verified = report_statuses(verify_report)
    replayed = report_statuses(replay_report)
    replay_diff = differences(archived, replayed)
    verify_diff = differences(verified, archived)
    if replay_diff:
        problems.append("replay statuses differ from the archive run's: " + "; ".join(replay_diff))
    if len(archived) != args.pages:
        problems.append(f"the manifest lists {len(archived)} citations, not {args.pages}")
    sizes = {
        "sources.warc.gz": (bundle / "sources.warc.gz").stat().st_size,
        "sources.wacz": (bundle / "sources.wacz").stat().st_size,
        "snapshots/": folder_bytes(bundle / "snapshots"),
        "manifest.json": (bundle / "manifest.json").stat().st_size,
        "index.html": (bundle / "index.html").stat().st_size,
        "whole bundle": folder_bytes(bundle),
    }
    verify_wall = statistics.median(run.wall_seconds for run in verify_runs)
    archive_wall = statistics.median(run.wall_seconds for run in archive_runs)
    document = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": " ".join(["python", "bench/archive.py", *(argv or sys.argv[1:])]),
        "settings": {k: str(v) for k, v in vars(args).items()},
        "verify_wall": [round(r.wall_seconds, 2) for r in verify_runs],
        "archive_wall": [round(r.wall_seconds, 2) for r in archive_runs],
        "verify_cpu": [round(r.cpu_seconds, 1) for r in verify_runs],
        "archive_cpu": [round(r.cpu_seconds, 1) for r in archive_runs],
        "archive_over_verify": round(archive_wall / verify_wall, 3),
        "replay_wall": round(replay.wall_seconds, 2),
        "sizes": sizes,
        "statuses": dict(Counter(archived.values())),
        "replay_differences": replay_diff,
        "verify_vs_archive_differences": verify_diff,
    }
    (args.out / "archive.json").write_text(json.dumps(document, indent=2), encoding="utf-8")
    print(markdown(document, args, verify_wall, archive_wall))
    return report_problems(problems)


def markdown(
    document: dict[str, object], args: argparse.Namespace, verify_wall: float, archive_wall: float
) -> str:
    sizes = document["sizes"]
    assert isinstance(sizes, dict)
    size_text = ", ".join(f"{name} {value / 2**20:.1f} MiB" for name, value in sizes.items())
    statuses = document["statuses"]
    return "\n".join(
        [
            f"Date: {dt.date.today().isoformat()}. Machine: {'; '.join(machine_summary())}.",
            f"Command: `{document['command']}`",
            f"{args.pages} pages, {args.hosts} hosts, {args.delay * 1000:g} ms per response, "
            f"{args.workers} workers, {args.per_host} per host, no cache, {args.rounds} round(s).",
            "",
            "| run | wall (each round) | median | CPU (each round) |",
            "|---|---:|---:|---:|",
            f"| `citecheck verify` | {document['verify_wall']} | {verify_wall:.2f} s "
            f"| {document['verify_cpu']} |",
            f"| `citecheck archive` | {document['archive_wall']} | {archive_wall:.2f} s "
            f"| {document['archive_cpu']} |",
            f"| `verify --replay` the bundle | {document['replay_wall']} | | |",
            "",
            f"archive / verify: {archive_wall / verify_wall:.3f}x. Bundle: {size_text}.",
            f"Statuses (archive run): {statuses}. Replay differences: "
            f"{len(document['replay_differences'])}"  # type: ignore[arg-type]
            f"; verify-vs-archive differences: "
            f"{len(document['verify_vs_archive_differences'])}.",  # type: ignore[arg-type]
            "",
        ]
    )


def report_problems(problems: list[str]) -> int:
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
