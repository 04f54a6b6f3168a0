"""Where a warm `citecheck verify` run spends its CPU: each stage timed on its own, one thread.

Takes a folder that throughput.py or memory.py left behind (citations.yaml, citecheck.toml and
the cache a cold run filled) and runs the stages of a warm re-run one after the other, citation
by citation, adding up the CPU time of each: reading the citations file, reading and decoding
the cached page, extraction, matching, then the console table and the JSON report. CPU time,
not wall time, so that other work on the machine does not blur the split.

    python bench/stage_costs.py bench/out/throughput/n2000

Exits non-zero when the folder has no filled cache.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from rich.console import Console

from citecheck.citations import load_citations
from citecheck.config_file import load_settings
from citecheck.extract import metadata_from_fetch
from citecheck.fetch.http import HttpFetcher
from citecheck.match.verdict import judge
from citecheck.models import CitationResult, Report
from citecheck.report import render
from citecheck.report.table import print_table

T = TypeVar("T")


@dataclass
class StageClock:
    cpu: dict[str, float] = field(default_factory=dict)

    def time(self, stage: str, work: Callable[[], T]) -> T:
        started = time.process_time()
        result = work()
        self.cpu[stage] = self.cpu.get(stage, 0.0) + time.process_time() - started
        return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a run folder with citations.yaml and cache/")
    args = parser.parse_args(argv)
    citations_path = args.folder / "citations.yaml"
    cache_dir = args.folder / "cache"
    if not citations_path.is_file() or not cache_dir.is_dir():
        parser.error(f"{args.folder}: needs citations.yaml and cache/ (run throughput.py first)")

    clock = StageClock()
    citation_set = clock.time("read citations.yaml", lambda: load_citations(citations_path))
    settings = load_settings(args.folder / "citecheck.toml")
    settings.fetch.cache_dir = cache_dir
    settings.fetch.allow_private = True
    settings.fetch.offline = True  # a warm run's stages only: never the network
    results: list[CitationResult] = []
    started = dt.datetime.now(dt.UTC)
    with HttpFetcher(settings.fetch) as fetcher:
        for citation in citation_set.citations:
            url = citation.url or ""
            fetched = clock.time("cache read + decode", partial(fetcher.fetch, url))
            if fetched.error is not None:
                print(f"{url}: {fetched.error.message}; fill the cache first", file=sys.stderr)
                return 1
            page = clock.time("extract", partial(metadata_from_fetch, fetched))
            checking = partial(judge, citation, fetched, page, settings.match)
            results.append(clock.time("match", checking))
    report = Report(
        str(citations_path), results, started, dt.datetime.now(dt.UTC), citation_set.article
    )
    clock.time("console table", lambda: print_table(report, Console(file=io.StringIO())))
    clock.time("JSON report", lambda: render(report, "json"))

    count = len(results)
    total = sum(clock.cpu.values())
    print(f"{count} citations, {total:.1f} s CPU in all\n")
    print("| stage | CPU seconds | ms per citation | share |\n|---|---:|---:|---:|")
    for stage, seconds in clock.cpu.items():
        print(f"| {stage} | {seconds:.2f} | {seconds * 1000 / count:.2f} | {seconds / total:.0%} |")
    summary = args.folder / "stage_costs.json"
    summary.write_text(json.dumps(clock.cpu, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
