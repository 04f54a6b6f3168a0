"""Extraction speed and peak memory: citecheck's extractor against htmldate and trafilatura.

Every tool runs in a subprocess of its own over the same pages, already decoded to text (so
that each tool's time is its parsing and searching, not our charset detection): citecheck's
`extract_metadata` (what `citecheck inspect` and the pipeline use), `htmldate.find_date`, and
`trafilatura.extract_metadata`. A `baseline` subprocess only loads the pages, so that what a
tool adds to memory can be told from what holding the pages costs.

    python bench/extraction_speed.py [CORPUS] [--limit N] [--passes 1] [--tools ...]

Reported per tool: pages per second over the timed loop (imports and loading excluded; the best
of --passes), the process's peak RSS (os.wait4), and its peak above the same process's peak
after loading the pages. Exits non-zero when a tool's run breaks; a page on which a tool raises
is counted, not fatal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from http_workload import machine_summary, run_measured

from corpus_index import DEFAULT_CORPUS, load_corpus

DEFAULT_OUT = Path(__file__).resolve().parent / "out" / "extraction_speed"
TOOLS = ("baseline", "citecheck", "htmldate", "trafilatura")
Extractor = Callable[[str, str | None], object]


@dataclass
class WorkerResult:
    """What a measuring subprocess reports about itself."""

    tool: str
    pages: int
    failures: int
    best_pass_seconds: float
    passes: int
    rss_after_load_kib: int  # peak RSS once imports are done and the pages are in memory


@dataclass
class ToolFigures:
    tool: str
    pages: int
    failures: int
    pages_per_second: float | None
    ms_per_page: float | None
    peak_rss_mib: float
    peak_above_loaded_mib: float
    exit_code: int


# ---------------------------------------------------------------------- the measuring subprocess


def extractor_for(tool: str) -> Extractor:
    """The tool's function, imported now so that import time stays out of the timed loop."""
    if tool == "citecheck":
        from citecheck.extract import extract_metadata

        return extract_metadata
    if tool == "htmldate":
        from htmldate import find_date

        return lambda html, url: find_date(html, original_date=True, url=url)
    if tool == "trafilatura":
        from trafilatura import extract_metadata as trafilatura_metadata

        return lambda html, url: trafilatura_metadata(html, default_url=url)
    if tool == "baseline":
        return lambda html, url: None
    raise SystemExit(f"unknown tool {tool!r} (known: {', '.join(TOOLS)})")


def measure_in_this_process(tool: str, pages_file: Path, passes: int) -> WorkerResult:
    extract = extractor_for(tool)
    pages: list[tuple[str, str | None]] = []
    with pages_file.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            pages.append((row["html"], row["url"]))
    rss_after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    best = float("inf")
    failures = 0
    for _ in range(passes):
        failures = 0
        started = time.perf_counter()
        for html, url in pages:
            try:
                extract(html, url)
            except Exception:  # a tool failing on one page is a figure, not the end of the run
                failures += 1
        best = min(best, time.perf_counter() - started)
    return WorkerResult(tool, len(pages), failures, best, passes, rss_after_load)


# ---------------------------------------------------------------------- the parent


def write_pages_file(corpus_dir: Path, limit: int | None, path: Path) -> int:
    """The pages as JSON lines of decoded text and URL, decoded the way citecheck decodes."""
    from citecheck.fetch.decode import decode_body

    pages = sorted(load_corpus(corpus_dir), key=lambda p: p.html_path.name)
    if limit is not None:
        pages = pages[:limit]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for page in pages:
            html, _ = decode_body(gzip.decompress(page.html_path.read_bytes()))
            handle.write(json.dumps({"html": html, "url": page.url}) + "\n")
    return len(pages)


def measure_tool(tool: str, pages_file: Path, passes: int, out: Path) -> ToolFigures:
    result_file = out / f"{tool}.json"
    result_file.unlink(missing_ok=True)
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--measure",
        tool,
        "--pages-file",
        str(pages_file),
        "--passes",
        str(passes),
        "--result",
        str(result_file),
    ]
    run = run_measured(command, dict(os.environ), out / f"{tool}.log")
    try:
        worker = WorkerResult(**json.loads(result_file.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError) as exc:
        print(f"{tool}: no result ({exc}); exit {run.exit_code}\n{run.log_tail()}", file=sys.stderr)
        return ToolFigures(tool, 0, 0, None, None, run.peak_rss_mib, 0.0, run.exit_code or 1)
    speed = worker.pages / worker.best_pass_seconds if worker.best_pass_seconds > 0 else None
    return ToolFigures(
        tool=tool,
        pages=worker.pages,
        failures=worker.failures,
        pages_per_second=round(speed, 1) if speed else None,
        ms_per_page=round(1000 / speed, 2) if speed else None,
        peak_rss_mib=round(run.peak_rss_mib, 1),
        peak_above_loaded_mib=round(
            (run.peak_rss_bytes / 1024 - worker.rss_after_load_kib) / 1024, 1
        ),
        exit_code=run.exit_code,
    )


def results_markdown(figures: list[ToolFigures], pages: int, passes: int) -> str:
    lines = [
        f"Date: {dt.date.today().isoformat()}. Machine: {'; '.join(machine_summary())}. "
        f"Load average before: {os.getloadavg()[0]:.1f}.",
        f"{pages} labelled corpus pages, decoded once beforehand; best of {passes} pass(es).",
        "",
        "| tool | pages/s | ms/page | peak RSS | peak above pages loaded | pages that raised |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for f in figures:
        speed = f"{f.pages_per_second:.1f}" if f.pages_per_second else "-"
        per_page = f"{f.ms_per_page:.1f}" if f.ms_per_page else "-"
        if f.tool == "baseline":
            speed = per_page = "(no extraction)"
        lines.append(
            f"| {f.tool} | {speed} | {per_page} | {f.peak_rss_mib:.0f} MiB "
            f"| {f.peak_above_loaded_mib:.0f} MiB | {f.failures} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--passes", type=int, default=1, help="timed passes; the best counts")
    parser.add_argument("--tools", nargs="+", choices=TOOLS, default=list(TOOLS))
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--measure", choices=TOOLS, help=argparse.SUPPRESS)
    parser.add_argument("--pages-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.passes < 1:
        parser.error("--passes must be at least 1")
    if args.measure is not None:  # we are the measuring subprocess
        if args.pages_file is None or args.result is None:
            parser.error("--measure needs --pages-file and --result")
        worker = measure_in_this_process(args.measure, args.pages_file, args.passes)
        args.result.write_text(json.dumps(asdict(worker)), encoding="utf-8")
        return 0

    pages_file = args.out / "pages.jsonl"
    pages = write_pages_file(args.corpus, args.limit, pages_file)
    figures = []
    for tool in args.tools:
        figures.append(measure_tool(tool, pages_file, args.passes, args.out))
        print(json.dumps(asdict(figures[-1])), flush=True)
    pages_file.unlink(missing_ok=True)  # ~130 MB of decoded pages, of no use afterwards
    markdown = results_markdown(figures, pages, args.passes)
    (args.out / "extraction_speed.md").write_text(markdown, encoding="utf-8")
    document = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "pages": pages}
    document["tools"] = [asdict(f) for f in figures]
    (args.out / "extraction_speed.json").write_text(
        json.dumps(document, indent=2), encoding="utf-8"
    )
    print(markdown)
    broken = [f.tool for f in figures if f.exit_code != 0 or f.pages != pages]
    for tool in broken:
        print(f"problem: the {tool} run broke (see {args.out / (tool + '.log')})", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
