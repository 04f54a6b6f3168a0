"""Extraction on a pool of processes, for long runs.

Extraction is pure-Python CPU work: on a thread pool it holds the GIL and a long cold run is
bound by one core while the network waits. Sending pages to processes lets it use every core.
The pipeline's threads still do the fetching; each blocks on its page's extraction.

Pages cross to the workers as their body bytes, which pickle as a plain copy, and the worker
decodes them (`metadata_from_fetch` decodes a body that comes without text). Pickling the decoded
text instead means encoding it to UTF-8 in the sending process, whose one GIL serves every
fetching thread, for nearly every page (few are pure ASCII); decoding the body in the worker
costs about what unpickling that text did.
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
        return self._pool.submit(metadata_from_fetch, as_sent_to_a_worker(result)).result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def worth_a_process_pool(pages: int, cpus: int | None = None) -> bool:
    return pages >= WORTH_IT_FROM_PAGES and (cpus if cpus is not None else os.cpu_count() or 1) > 1


def as_sent_to_a_worker(result: FetchResult) -> FetchResult:
    """`result` without its decoded text, which the worker makes again from the body.

    The text is what `citecheck.fetch.decode` makes of the body and its content type, and the
    worker's `metadata_from_fetch` decodes with those same rules, so it reads the same text.
    A text that came without a body cannot be made again and is sent as it is.
    """
    if not result.body or (result.text is None and result.encoding is None):
        return result
    return dataclasses.replace(result, text=None, encoding=None)
