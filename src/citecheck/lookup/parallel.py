"""Look-ups run side by side, the one way both `verify` (citations left without a source, after
its checks) and `citecheck lookup` run them.

Up to `workers` citations are looked up at a time on a thread pool. Their requests share the
run's fetcher and transport, so each host is still asked within the shared host pool's limits
(requests at once, spacing, Retry-After, robots Crawl-delay) and each service within its own
(Crossref's pools). A run is stopped through its `RunControl`, as verify's checks are: no
further lookup starts, the requests under way are cut, lookups still under way are waited for
`STOP_GRACE_SECONDS` at most, and what finished before the stop is kept. A lookup the stop cut
short gives nothing (what it found is not all there was). Ctrl-C without a handler (a
KeyboardInterrupt in the waiting thread) stops the run the same way, without waiting.
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from citecheck.lookup.finder import Finder, LookupResult
from citecheck.models import Citation
from citecheck.pipeline import STOP_GRACE_SECONDS, RunControl, Stopped

# How often the waiting thread looks whether the run was asked to stop.
_STOP_POLL_SECONDS = 0.2

FoundCallback = Callable[[int, LookupResult], None]
Wanted = Callable[[Citation], bool]


def run_lookups(
    citations: Sequence[Citation],
    finder: Callable[[], Finder],
    control: RunControl,
    *,
    workers: int,
    on_found: FoundCallback,
    wanted: Wanted | None = None,
    in_order: bool = False,
) -> bool:
    """Look up each of `citations` (those `wanted` says, asked from the lookup threads: it may
    fetch) and call `on_found(index, result)` in this thread for each lookup that ends, as it
    ends, or with `in_order` in the order of `citations` (each as soon as those before it are
    done; after a stop, every one that finished). `finder` is asked for the finder when the
    first lookup needs it. Returns True when lookups were left undone by a stop."""
    if not citations:
        return False
    lookups = _Lookups(finder, control, wanted)
    sink = _InOrder(on_found) if in_order else None
    executor = ThreadPoolExecutor(
        max(1, min(workers, len(citations))), thread_name_prefix="citecheck-lookup"
    )
    futures = {executor.submit(lookups.find, c): i for i, c in enumerate(citations)}
    reported: set[int] = set()
    undone = False

    def take(done: Future[LookupResult | None]) -> None:
        nonlocal undone
        index = futures[done]
        if index in reported:
            return
        if done.cancelled() or isinstance(done.exception(), Stopped):
            undone = True
            return
        reported.add(index)
        result = done.result()
        if sink is not None:
            sink.add(index, result)
        elif result is not None:
            on_found(index, result)

    try:
        # Each lookup reports itself done into a queue, as verify's checks do.
        completed: queue.SimpleQueue[Future[LookupResult | None]] = queue.SimpleQueue()
        for future in futures:
            future.add_done_callback(completed.put)
        remaining = len(futures)
        stopped_at: float | None = None
        while remaining:
            try:
                done: Future[LookupResult | None] | None = completed.get(timeout=_STOP_POLL_SECONDS)
            except queue.Empty:
                done = None
            if done is not None:
                remaining -= 1
                take(done)
            if control.stopped:
                if stopped_at is None:
                    stopped_at = time.monotonic()
                    for future in futures:
                        future.cancel()  # those not started yet; the rest end at their next fetch
                if time.monotonic() - stopped_at > STOP_GRACE_SECONDS:
                    undone = True  # what is still under way is not waited for
                    break
        executor.shutdown(wait=not control.stopped, cancel_futures=True)
    except KeyboardInterrupt:
        # Quit now: the lookups under way are cut and not waited for; what finished is kept.
        control.stop()
        executor.shutdown(wait=False, cancel_futures=True)
        undone = True
        for future in futures:
            if future.done():
                take(future)
    if sink is not None:
        sink.flush()
    return undone


class _Lookups:
    """Each citation's lookup, from the lookup threads: none starts once the run is stopped,
    and once one finds the network down the rest say so without asking."""

    def __init__(
        self, finder: Callable[[], Finder], control: RunControl, wanted: Wanted | None
    ) -> None:
        self._finder = finder
        self._control = control
        self._wanted = wanted
        self._network_down: LookupResult | None = None

    def find(self, citation: Citation) -> LookupResult | None:
        """The lookup's result; None when the citation is not to be looked up. Raises Stopped
        when the run was stopped before or during it."""
        with self._control.checking():
            self._control.raise_if_stopped()
            if self._wanted is not None and not self._wanted(citation):
                self._control.raise_if_stopped()  # a cut fetch says nothing either way
                return None
            down = self._network_down
            if down is not None:  # asked once; every other lookup would say the same
                return LookupResult(citation, troubles=down.troubles, network_down=True)
            found = self._finder().find(citation)
            self._control.raise_if_stopped()
            if found.network_down:
                self._network_down = found
            return found


class _InOrder:
    """Results passed on in the citations' order: each as soon as every one before it is done
    (whether it had a result or not); `flush` passes on the rest, in order."""

    def __init__(self, on_found: FoundCallback) -> None:
        self._on_found = on_found
        self._waiting: dict[int, LookupResult | None] = {}
        self._next = 0

    def add(self, index: int, result: LookupResult | None) -> None:
        """The lookup of the citation at `index` is done: `result`, or None for no lookup."""
        self._waiting[index] = result
        self._release()

    def _release(self) -> None:
        while self._next in self._waiting:
            result = self._waiting.pop(self._next)
            if result is not None:
                self._on_found(self._next, result)
            self._next += 1

    def flush(self) -> None:
        for index in sorted(self._waiting):
            result = self._waiting.pop(index)
            if result is not None:
                self._on_found(index, result)
