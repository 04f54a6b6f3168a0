"""Extraction speed and peak memory: citecheck's extractor against htmldate and trafilatura.

Every tool runs in a subprocess of its own over the same pages, already decoded to text (so
that each tool's time is its parsing and searching, not our charset detection): citecheck's
`extract_metadata` (what `citecheck inspect` and the pipeline use), `htmldate.find_date`, and
`trafilatura.extract_metadata`. A `baseline` subprocess only loads the pages, so that what a
tool adds to memory can be told from what holding the pages costs.

    python bench/extraction_speed.py [CORPUS] [--limit N] [--passes 1] [--tools ...]
        [--tree LABEL=SRC ...] [--rounds N] [--instructions]

Reported per tool: pages per second over the timed loop (imports and loading excluded; the best
of --passes), the process's peak RSS (os.wait4), and its peak above the same process's peak
after loading the pages. Exits non-zero when a tool's run breaks; a page on which a tool raises
is counted, not fatal.

This VM's speed drifts by 10-50 % within minutes, so one run of each tool after the other says
little about a small change. Two modes resolve one:

- `--rounds N` alternates: each round runs every tool once, each in a fresh subprocess, the
  order rotated from round to round, and the figures reported are the medians over the rounds
  (wall clock and process CPU time a page) with the median of each round's ratio to the first
  tool named, so that drift, which moves neighbours alike, mostly cancels.
- `--instructions` counts instructions under valgrind (`--tool=cachegrind --cache-sim=no`):
  each tool runs twice, once extracting every page once and once stopping after loading them
  (imports, pages, the extractor made), and the difference divided by the pages is its count a
  page, first-call costs included. Steady to a fraction of a percent from run to run; about
  50 times slower than a plain run, so use it with --limit (150 pages take a minute or two).

`--tree LABEL=SRC` adds a tool `citecheck@LABEL`: citecheck imported from the source folder SRC
(put first on PYTHONPATH), to set a change's tree beside another (`git worktree add` the old
commit, then `--tree before=/tmp/before/src --tools citecheck@before citecheck`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
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
    best_pass_cpu_seconds: float = 0.0  # process time of the pass with the best wall time
    source: str = ""  # where the tool was imported from


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
    cpu_ms_per_page: float | None = None
    source: str = ""


@dataclass
class AlternatedFigures:
    """A tool's figures over the rounds of an alternated run."""

    tool: str
    wall_ms: list[float] = field(default_factory=list)  # ms a page, round by round
    cpu_ms: list[float] = field(default_factory=list)
    ratio_to_first: list[float] = field(default_factory=list)  # wall, to the first tool's
    failures: int = 0
    broken_rounds: int = 0


# ---------------------------------------------------------------------- the measuring subprocess


def tool_kind(tool: str) -> str:
    """'citecheck' for 'citecheck@before' (citecheck from another tree); the tool otherwise."""
    return tool.split("@", 1)[0]


def extractor_for(tool: str) -> Extractor:
    """The tool's function, imported now so that import time stays out of the timed loop."""
    if tool_kind(tool) == "citecheck":
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


def tool_source(tool: str) -> str:
    """The folder the tool's package was imported from."""
    module = sys.modules.get(tool_kind(tool))
    where = getattr(module, "__file__", None)
    return str(Path(where).parent) if where else ""


def measure_in_this_process(
    tool: str, pages_file: Path, passes: int, extract_pages: bool = True
) -> WorkerResult:
    """Time `passes` passes of the tool over the pages; with `extract_pages` false, only load
    them (the other half of an instruction count)."""
    extract = extractor_for(tool)
    pages: list[tuple[str, str | None]] = []
    with pages_file.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            pages.append((row["html"], row["url"]))
    rss_after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    best = best_cpu = float("inf")
    failures = 0
    for _ in range(passes if extract_pages else 0):
        failures = 0
        started, started_cpu = time.perf_counter(), time.process_time()
        for html, url in pages:
            try:
                extract(html, url)
            except Exception:  # a tool failing on one page is a figure, not the end of the run
                failures += 1
        wall = time.perf_counter() - started
        if wall < best:
            best, best_cpu = wall, time.process_time() - started_cpu
    if not extract_pages:
        best = best_cpu = 0.0
    return WorkerResult(
        tool, len(pages), failures, best, passes, rss_after_load, best_cpu, tool_source(tool)
    )


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


def worker_command(tool: str, pages_file: Path, passes: int, result_file: Path) -> list[str]:
    return [
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


def tool_environment(tool: str, trees: dict[str, Path]) -> dict[str, str]:
    """The environment of a tool's subprocess: for `citecheck@LABEL`, its tree first on
    PYTHONPATH."""
    env = dict(os.environ)
    if "@" in tool:
        label = tool.split("@", 1)[1]
        parts = [str(trees[label]), env.get("PYTHONPATH", "")]
        env["PYTHONPATH"] = os.pathsep.join(part for part in parts if part)
    return env


def measure_tool(
    tool: str, pages_file: Path, passes: int, out: Path, trees: dict[str, Path] | None = None
) -> ToolFigures:
    result_file = out / f"{tool}.json"
    result_file.unlink(missing_ok=True)
    command = worker_command(tool, pages_file, passes, result_file)
    run = run_measured(command, tool_environment(tool, trees or {}), out / f"{tool}.log")
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
        cpu_ms_per_page=(
            round(1000 * worker.best_pass_cpu_seconds / worker.pages, 3) if worker.pages else None
        ),
        source=worker.source,
    )


def alternate(
    tools: list[str], pages_file: Path, passes: int, rounds: int, out: Path, trees: dict[str, Path]
) -> list[AlternatedFigures]:
    """Run every tool once a round, in a fresh subprocess, the order rotated each round."""
    figures = {tool: AlternatedFigures(tool) for tool in tools}
    for number in range(rounds):
        shift = number % len(tools)
        order = tools[shift:] + tools[:shift]
        walls: dict[str, float] = {}
        for tool in order:
            measured = measure_tool(tool, pages_file, passes, out, trees)
            figure = figures[tool]
            if measured.ms_per_page is None or measured.exit_code != 0:
                figure.broken_rounds += 1
                continue
            precise = 1000 / measured.pages_per_second if measured.pages_per_second else 0.0
            walls[tool] = precise
            figure.wall_ms.append(round(precise, 3))
            figure.cpu_ms.append(measured.cpu_ms_per_page or 0.0)
            figure.failures = max(figure.failures, measured.failures)
        first = walls.get(tools[0])
        for tool, wall in walls.items():
            if first:
                figures[tool].ratio_to_first.append(round(wall / first, 4))
        summary = ", ".join(f"{tool} {walls[tool]:.2f}" for tool in tools if tool in walls)
        print(f"round {number + 1}/{rounds} ({' -> '.join(order)}): ms/page {summary}", flush=True)
    return [figures[tool] for tool in tools]


def alternated_markdown(
    figures: list[AlternatedFigures], pages: int, passes: int, rounds: int, command: str
) -> str:
    lines = [
        f"    {command}",
        "",
        f"Date: {dt.datetime.now(dt.UTC).isoformat(timespec='minutes')}. Machine: "
        f"{'; '.join(machine_summary())}. Load average after: {os.getloadavg()[0]:.1f}.",
        f"{pages} pages; {rounds} rounds, every tool once a round in a fresh subprocess (order "
        f"rotated), best of {passes} pass(es) in each; medians over the rounds.",
        "",
        f"| tool | wall ms/page | process CPU ms/page | wall, to {figures[0].tool} "
        "| wall ms/page, each round | pages that raised |",
        "|---|---:|---:|---:|---|---:|",
    ]
    for f in figures:
        if not f.wall_ms:
            lines.append(f"| {f.tool} | - | - | - | (every round broke) | {f.failures} |")
            continue
        rounds_text = " ".join(f"{value:.2f}" for value in f.wall_ms)
        ratio = statistics.median(f.ratio_to_first) if f.ratio_to_first else None
        lines.append(
            f"| {f.tool} | {statistics.median(f.wall_ms):.2f} | {statistics.median(f.cpu_ms):.2f} "
            f"| {ratio:.3f} | {rounds_text} | {f.failures} |"
            if ratio is not None
            else f"| {f.tool} | {statistics.median(f.wall_ms):.2f} "
            f"| {statistics.median(f.cpu_ms):.2f} | - | {rounds_text} | {f.failures} |"
        )
    return "\n".join(lines) + "\n"


def count_instructions(
    tool: str, pages_file: Path, out: Path, trees: dict[str, Path]
) -> tuple[float | None, int]:
    """Instructions a page of extraction: valgrind's count of a run extracting every page once
    minus that of a run stopping after loading them. (None, pages) when valgrind fails."""
    counts: list[int] = []
    pages = 0
    for extract_pages in (True, False):
        result_file = out / f"{tool}.instructions.json"
        counts_file = out / f"{tool}.cachegrind.out"
        result_file.unlink(missing_ok=True)
        command = [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            f"--cachegrind-out-file={counts_file}",
            *worker_command(tool, pages_file, 1, result_file),
            *([] if extract_pages else ["--load-only"]),
        ]
        log = out / f"{tool}.instructions.log"
        # A fixed hash seed: set and dict orders, and so the count, are the same every run.
        env = {**tool_environment(tool, trees), "PYTHONHASHSEED": "0"}
        with log.open("wb") as handle:
            finished = subprocess.run(
                command,
                env=env,
                stdout=handle,
                stderr=subprocess.STDOUT,
                check=False,
            )
        total = _cachegrind_total(counts_file)
        counts_file.unlink(missing_ok=True)
        if finished.returncode != 0 or total is None or not result_file.is_file():
            print(f"{tool}: valgrind run failed, see {log}", file=sys.stderr)
            return None, 0
        pages = json.loads(result_file.read_text(encoding="utf-8"))["pages"]
        counts.append(total)
    return ((counts[0] - counts[1]) / pages if pages else None), pages


def _cachegrind_total(path: Path) -> int | None:
    """The instruction total on the 'summary:' line of a cachegrind output file."""
    try:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("summary:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def instructions_markdown(counted: list[tuple[str, float | None]], pages: int, command: str) -> str:
    first = next((count for _, count in counted if count), None)
    lines = [
        f"    {command}",
        "",
        f"Date: {dt.datetime.now(dt.UTC).isoformat(timespec='minutes')}. {pages} pages, each "
        "extracted once; instructions counted by valgrind (cachegrind, no cache simulation), "
        "loading and imports subtracted.",
        "",
        f"| tool | instructions a page | to {counted[0][0]} |",
        "|---|---:|---:|",
    ]
    for tool, count in counted:
        if count is None:
            lines.append(f"| {tool} | (valgrind failed) | - |")
        else:
            ratio = f"{count / first:.3f}" if first else "-"
            lines.append(f"| {tool} | {count / 1e6:.2f} M | {ratio} |")
    return "\n".join(lines) + "\n"


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


def parse_trees(parser: argparse.ArgumentParser, values: list[str]) -> dict[str, Path]:
    trees: dict[str, Path] = {}
    for value in values:
        label, _, folder = value.partition("=")
        path = Path(folder)
        if not label or not folder or not (path / "citecheck").is_dir():
            parser.error(f"--tree {value!r}: want LABEL=SRC, SRC holding the citecheck package")
        trees[label] = path.resolve()
    return trees


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--passes", type=int, default=1, help="timed passes; the best counts")
    parser.add_argument(
        "--tools",
        nargs="+",
        default=list(TOOLS),
        help=f"of {', '.join(TOOLS)}, and citecheck@LABEL for each --tree",
    )
    parser.add_argument(
        "--tree",
        action="append",
        default=[],
        metavar="LABEL=SRC",
        help="citecheck from source folder SRC, run as tool citecheck@LABEL",
    )
    parser.add_argument(
        "--rounds", type=int, default=0, help="alternate the tools over N rounds; report medians"
    )
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions under valgrind instead"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--pages-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--load-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.passes < 1:
        parser.error("--passes must be at least 1")
    if args.measure is not None:  # we are the measuring subprocess
        if args.pages_file is None or args.result is None:
            parser.error("--measure needs --pages-file and --result")
        worker = measure_in_this_process(
            args.measure, args.pages_file, args.passes, extract_pages=not args.load_only
        )
        args.result.write_text(json.dumps(asdict(worker)), encoding="utf-8")
        return 0

    trees = parse_trees(parser, args.tree)
    known = [*TOOLS, *(f"citecheck@{label}" for label in trees)]
    for tool in args.tools:
        if tool not in known:
            parser.error(f"unknown tool {tool!r} (known: {', '.join(known)})")
    if args.instructions and shutil.which("valgrind") is None:
        parser.error("--instructions needs valgrind (apt-get install valgrind)")
    command = shlex.join(["python", "bench/extraction_speed.py", *sys.argv[1:]])
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=args.out) as scratch:
        pages_file = Path(scratch) / "pages.jsonl"  # decoded pages: ~130 MB, deleted after
        pages = write_pages_file(args.corpus, args.limit, pages_file)
        if args.instructions:
            tools = [tool for tool in args.tools if tool != "baseline"]
            counted = []
            for tool in tools:
                count, _ = count_instructions(tool, pages_file, args.out, trees)
                counted.append((tool, count))
                shown = f"{count / 1e6:.2f} M" if count is not None else "failed"
                print(f"{tool}: {shown} instructions a page", flush=True)
            markdown = instructions_markdown(counted, pages, command)
            (args.out / "extraction_instructions.md").write_text(markdown, encoding="utf-8")
            print(markdown)
            return 1 if any(count is None for _, count in counted) else 0
        if args.rounds > 0:
            tools = [tool for tool in args.tools if tool != "baseline"]
            alternated = alternate(tools, pages_file, args.passes, args.rounds, args.out, trees)
            markdown = alternated_markdown(alternated, pages, args.passes, args.rounds, command)
            (args.out / "extraction_alternated.md").write_text(markdown, encoding="utf-8")
            print(markdown)
            return 1 if any(f.broken_rounds for f in alternated) else 0
        return sequential_run(args.tools, pages_file, pages, args.passes, args.out, trees)


def sequential_run(
    tools: list[str], pages_file: Path, pages: int, passes: int, out: Path, trees: dict[str, Path]
) -> int:
    """Each tool once, one after the other."""
    figures = []
    for tool in tools:
        figures.append(measure_tool(tool, pages_file, passes, out, trees))
        print(json.dumps(asdict(figures[-1])), flush=True)
    markdown = results_markdown(figures, pages, passes)
    (out / "extraction_speed.md").write_text(markdown, encoding="utf-8")
    document = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "pages": pages}
    document["tools"] = [asdict(f) for f in figures]
    (out / "extraction_speed.json").write_text(json.dumps(document, indent=2), encoding="utf-8")
    print(markdown)
    broken = [f.tool for f in figures if f.exit_code != 0 or f.pages != pages]
    for tool in broken:
        print(f"problem: the {tool} run broke (see {out / (tool + '.log')})", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
