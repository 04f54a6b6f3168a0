"""Extraction on a pool of processes, for long runs.

Extraction is pure-Python CPU work: on a thread pool it holds the GIL and a long cold run is
bound by one core while the network waits. Sending pages to processes lets it use every core.
The pipeline's threads still do the fetching; each blocks on its page's extraction.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor

from citecheck.extract.page import metadata_from_fetch
from citecheck.models import FetchResult, PageMetadata

# Below this many pages, starting the processes (each imports citecheck) costs more than it saves.
WORTH_IT_FROM_PAGES = 64
_SNIFF_BYTES = 4096


def _ignore_interrupts() -> None:
    # Ctrl-C is the parent's to handle; children just stop when the pool shuts down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class ProcessPoolExtraction:
    """`metadata_from_fetch`, run in one of `processes` worker processes."""

    def __init__(self, processes: int | None = None) -> None:
        # "spawn": forking a process whose threads hold locks can deadlock the child.
        self._pool = ProcessPoolExecutor(
            max_workers=processes or os.cpu_count() or 1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_ignore_interrupts,
        )

    def __call__(self, result: FetchResult) -> PageMetadata:
        return self._pool.submit(metadata_from_fetch, _without_duplicate_body(result)).result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def worth_a_process_pool(pages: int, cpus: int | None = None) -> bool:
    return pages >= WORTH_IT_FROM_PAGES and (cpus if cpus is not None else os.cpu_count() or 1) > 1


def _without_duplicate_body(result: FetchResult) -> FetchResult:
    """Send the decoded text and only the head of the bytes (enough to sniff the type): pages
    cross the process boundary by pickle."""
    if result.text is None:
        return result
    return dataclasses.replace(result, body=result.body[:_SNIFF_BYTES])
