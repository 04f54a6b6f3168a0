"""How fast `citecheck lint` checks a large citations file, beside loading it alone.

Writes a citations file of N generated citations (every field used, the mistakes lint warns
about sprinkled in), then times, best of R runs each, in fresh processes:

- load: `load_citations` (what every command pays before its work);
- lint: `load_citations` + `lint_citations`, the library call behind `citecheck lint`;
- `citecheck lint FILE` as a whole process, interpreter start-up and imports included.

With `--baseline SRC` (the `src` folder of another checkout, e.g. one made with
`git worktree add /tmp/before <commit>`), its loader is timed too, side by side. Wall and CPU
seconds are both printed: CPU time is less blurred by other work on a shared machine.

    python bench/lint_speed.py [--count 5000] [--repeat 5] [--baseline /tmp/before/src]
"""

from __future__ import annotations

import argparse
import json
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

# Runs in a child process with the tree under test first on sys.path; prints JSON timings.
CHILD = """
import json, sys, time
from pathlib import Path
from citecheck.citations import load_citations
path, what = Path(sys.argv[1]), sys.argv[2]
wall, cpu = time.perf_counter(), time.process_time()
citations = load_citations(path)
if what == "lint":
    from citecheck.lint import lint_citations
    lint_citations(citations)
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "count": len(citations.citations)}))
"""


def write_citations(path: Path, count: int) -> None:
    sites = [
        ("Reuters", "reuters.com"),
        ("Dawn", "dawn.com"),
        ("BBC", "bbc.co.uk"),
        ("The Guardian", "theguardian.com"),
        ("Al Jazeera", "aljazeera.com"),
        ("A Small Press", "smallpress.example"),
    ]
    lines = ["article:", "  title: A long article", "  author: A. Writer", "", "citations:"]
    for index in range(count):
        publisher, host = sites[index % len(sites)]
        # A few likely mistakes: every 89th entry on another publisher's domain, every 97th
        # citing the previous entry's address, every 101st accessed before its date.
        if index % 89 == 0:
            host = sites[(index + 1) % (len(sites) - 1)][1]
        page = index - 1 if index % 97 == 0 and index else index
        lines += [
            f"  - id: n{index}",
            f"    authors: [Author {index % 311}, Second Writer {index % 17}]",
            f'    title: "Story number {index}: what happened, and why it matters"',
            f"    publisher: {publisher}",
            f"    date: {2000 + index % 24}-{1 + index % 12:02d}-{1 + index % 28:02d}",
            f"    url: https://www.{host}/news/{page}/a-story-{page}",
            f"    accessed: {2024 if index % 101 else 1999}-05-01",
            f'    context: "The sentence of the article that cites note {index}."',
        ]
        if index % 7 == 0:
            lines += [f"  - id: n{index}-again", f"    same_as: n{index}", "    locator: p. 4"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def child(src: Path, path: Path, what: str) -> dict[str, float]:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, {str(src)!r})\n{CHILD}",
            str(path),
            what,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    timings: dict[str, float] = json.loads(done.stdout)
    return timings


def whole_process(path: Path) -> dict[str, float]:
    command = [str(Path(sys.executable).parent / "citecheck"), "lint", str(path)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=path.parent)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"citecheck lint failed ({done.returncode}): {done.stdout}{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "warnings": float(done.stdout.count(": warning: "))}


def best(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: min(run[key] for run in runs) for key in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=5000, help="citations to generate")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each; the best is shown")
    parser.add_argument("--baseline", type=Path, help="the src folder of another checkout")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "citations.yaml"
        write_citations(path, args.count)
        size = path.stat().st_size
        rows: list[tuple[str, dict[str, float]]] = []
        if args.baseline is not None:
            runs = [child(args.baseline, path, "load") for _ in range(args.repeat)]
            rows.append((f"load (baseline {args.baseline})", best(runs)))
        rows.append(("load", best([child(SRC, path, "load") for _ in range(args.repeat)])))
        rows.append(
            ("lint (library)", best([child(SRC, path, "lint") for _ in range(args.repeat)]))
        )
        rows.append(
            ("citecheck lint (process)", best([whole_process(path) for _ in range(args.repeat)]))
        )

    print(f"$ {shlex.join([sys.executable, *sys.argv])}")
    print(f"{args.count} citations ({size / 1e6:.1f} MB), best of {args.repeat}")
    print(f"{'':34} {'wall s':>8} {'CPU s':>8}")
    for name, timing in rows:
        print(f"{name:34} {timing['wall']:8.3f} {timing['cpu']:8.3f}")
    warnings = rows[-1][1].get("warnings")
    if warnings is not None:
        print(f"(citecheck lint printed {warnings:.0f} warnings)")


if __name__ == "__main__":
    main()
