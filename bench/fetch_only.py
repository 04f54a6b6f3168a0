"""Fetch a list of URLs with citecheck's own fetcher on a thread pool, and nothing else.

throughput.py runs this beside the full `citecheck verify` run so that the time the fetch layer
needs (politeness, proxy, connections) can be told apart from the time extraction, matching and
reporting add. No cache, no extraction: one GET per URL, as the pipeline's fetch step does.

    python bench/fetch_only.py URLS.txt [--workers 16] [--per-host 2] [--host-interval 0.25]

Prints one JSON object: URLs fetched, how many answered 200, seconds. Exits 1 if any failed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from citecheck.fetch.http import HttpFetcher
from citecheck.settings import FetchSettings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("urls", type=Path, help="a file with one URL a line")
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--host-interval", type=float, default=0.25)
    args = parser.parse_args(argv)
    try:
        urls = [line.strip() for line in args.urls.read_text(encoding="utf-8").splitlines()]
    except OSError as exc:
        parser.error(f"{args.urls}: cannot read: {exc}")
    urls = [url for url in urls if url]
    settings = FetchSettings(
        workers=args.workers,
        per_host=args.per_host,
        host_interval=args.host_interval,
        allow_private=True,  # the proxy is on 127.0.0.1
    )
    started = time.perf_counter()
    with HttpFetcher(settings) as fetcher, ThreadPoolExecutor(args.workers) as pool:
        # Only the status is kept: holding 2,000 bodies would measure this script, not the fetcher.
        statuses = list(pool.map(lambda url: fetcher.fetch(url).status, urls))
    seconds = time.perf_counter() - started
    ok = sum(1 for status in statuses if status == 200)
    print(json.dumps({"urls": len(urls), "ok": ok, "seconds": round(seconds, 3)}))
    return 0 if ok == len(urls) else 1


if __name__ == "__main__":
    sys.exit(main())
