"""The worker pool for extraction and matching: one fetched page judged against its citation.

`InProcessJudge` extracts the page's metadata and matches it in the calling thread.
`WorkerPool` does the same in worker processes, for long runs: extraction and matching are
pure-Python CPU work, and in the pipeline's process they would share one GIL with every thread
that is fetching. The workers also keep the metadata they extract in the extraction cache
themselves, so that the pipeline's process spends its time on the network. A page whose
metadata is already kept is judged where it is asked for: sending it to a worker would cost
more than matching it. Verdicts are not kept here: the pipeline looks them up and keeps them.

Pages cross to the workers as their body bytes, which pickle as a plain copy, and the worker
decodes them (`metadata_from_fetch` decodes a body that comes without text). Pickling the
decoded text instead means encoding it to UTF-8 in the sending process for nearly every page.

Each worker has a pipe of its own, and the thread that judges a page sends it down an idle
worker's pipe and reads the verdict back itself: no manager or feeder thread stands between
them (concurrent.futures' process pool spent 0.5 ms of the fetching process's CPU a page on
them, for nothing a run needs). A worker that dies takes only its own page with it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import multiprocessing.connection
import multiprocessing.context
import os
import pickle
import queue
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from citecheck.models import Citation, CitationResult, FetchResult, PageMetadata
from citecheck.settings import MatchSettings

if TYPE_CHECKING:
    from citecheck.extract.metadata_cache import CachedExtraction

Extractor = Callable[[FetchResult], PageMetadata]

# Below this many pages, starting the processes (each imports citecheck) costs more than it saves.
WORTH_IT_FROM_PAGES = 64
# A worker imports citecheck and lxml before it answers: seconds on a loaded machine, never this.
_START_TIMEOUT = 120.0
_PARENT_POLL_SECONDS = 0.5


class PageJudge(Protocol):
    def __call__(self, citation: Citation, fetched: FetchResult) -> CitationResult:
        """The verdict on `citation` against the page `fetched`."""
        ...


@dataclass(frozen=True)
class PoolSetup:
    """What judging needs besides the page: picklable, so that a worker can set itself up."""

    match: MatchSettings
    metadata_dir: Path | None = None  # extraction results kept across runs
    refresh: bool = False  # extract again even when metadata is kept
    # Another extractor than `metadata_from_fetch`: a module-level function, so that it pickles.
    extractor: Extractor | None = None


class WorkerDied(Exception):
    """The process judging a page died (twice): the page crashed or exhausted it."""


class WorkersUnavailable(Exception):
    """Worker processes cannot be started or reached here (no process support, a sandbox, a
    setup that cannot cross to them)."""


class InProcessJudge:
    """Extract (with `extract`, else from the setup's cache or afresh) and match, right here."""

    def __init__(self, setup: PoolSetup, extract: Extractor | None = None) -> None:
        """`extract`, when given, is used as it is, without the setup's extraction cache."""
        self._setup = setup
        self._cached = _cached_extraction(setup) if extract is None else None
        self._extract = extract or self._cached or setup.extractor or _plain_extraction()

    def __call__(self, citation: Citation, fetched: FetchResult) -> CitationResult:
        page = self._extract(fetched) if fetched.error is None else None
        return self.judge_page(citation, fetched, page)

    def judge_unkept(self, citation: Citation, fetched: FetchResult) -> CitationResult:
        """As a call, for a page the caller found no kept metadata for (`kept_metadata`): the
        cache is not asked again."""
        page = None
        if fetched.error is None:
            unkept = self._cached.extract_and_keep if self._cached is not None else None
            page = (unkept or self._extract)(fetched)
        return self.judge_page(citation, fetched, page)

    def kept_metadata(self, fetched: FetchResult) -> PageMetadata | None:
        """The page's metadata if the extraction cache has it (None when there is no cache)."""
        if self._cached is None or fetched.error is not None:
            return None
        return self._cached.stored(fetched)

    def judge_page(
        self, citation: Citation, fetched: FetchResult, page: PageMetadata | None
    ) -> CitationResult:
        from citecheck.follow_up import PAGE_TEXT_CHARS, wants_page_text
        from citecheck.match import judge

        result = judge(citation, fetched, page, self._setup.match)
        if page is not None and page.text_of is not None and wants_page_text(citation, result):
            # Read from the parse just made: the second looks would otherwise parse it again.
            result = dataclasses.replace(result, page_text=page.text_of(PAGE_TEXT_CHARS))
        return result

    def close(self) -> None:
        if self._cached is not None:
            self._cached.close()


class WorkerPool:
    """`InProcessJudge` in `processes` worker processes (every core by default).

    The workers start in the background (`start`), while the run's first pages are fetched; a
    page that needs them waits for them then. A page with nothing to read (a fetch error, an
    empty body) never needs them. Should they fail to start, pages are judged in the calling
    threads, after one `warn`ing."""

    def __init__(
        self,
        setup: PoolSetup,
        processes: int | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self._setup = setup
        self._processes = processes or os.cpu_count() or 1
        self._context = _worker_context()
        self._here = InProcessJudge(setup)
        self._lock = threading.Lock()
        self._warn = warn
        self._started = threading.Event()
        self._starting = False
        self._used = False  # a page was sent to the workers
        self._closed = False
        self._unavailable: str | None = None  # why the workers could not start
        self._workers: list[_Worker] = []  # every worker started, idle or busy
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        _pool_opened()

    def start(self) -> None:
        """Start the workers in the background (once); `check_workers` runs in a thread of its
        own. The first page that needs them starts them if nothing did before."""
        with self._lock:
            if self._starting:
                return
            self._starting = True
        threading.Thread(target=self._start, name="citecheck-worker-start", daemon=True).start()

    def _start(self) -> None:
        try:
            self.check_workers()
        except WorkersUnavailable as exc:
            if self._warn is not None:
                self._warn(_unavailable_warning(exc))

    def check_workers(self) -> None:
        """Start the workers and have each answer a no-op; WorkersUnavailable, with the
        processes ended, if they cannot, before any page depends on them."""
        with self._lock:
            self._starting = True
        try:
            started = [self._new_worker() for _ in range(self._processes)]
            for worker in started:
                worker.ready(_START_TIMEOUT)
        except Exception as exc:  # OSError, pickling errors, a worker that died or is mute...
            with self._lock:
                workers, self._workers = self._workers, []
            for worker in workers:
                worker.end(wait=False)
            # Known before `_started` is set: a page waiting for the start then judges here.
            self._unavailable = f"{type(exc).__name__}: {exc}"
            raise WorkersUnavailable(self._unavailable) from exc
        else:
            for worker in started:
                self._idle.put(worker)
        finally:
            self._started.set()

    def _new_worker(self) -> _Worker:
        worker = _Worker(self._context, self._setup)
        with self._lock:
            self._workers.append(worker)
        return worker

    def __call__(self, citation: Citation, fetched: FetchResult) -> CitationResult:
        if fetched.error is not None or not (fetched.body or fetched.text):
            return self._here(citation, fetched)  # nothing to read: not worth a hand-off
        kept = self._here.kept_metadata(fetched)
        if kept is not None:
            return self._here.judge_page(citation, fetched, kept)
        self.start()
        self._started.wait()
        if self._unavailable is not None or self._closed:
            return self._here.judge_unkept(citation, fetched)
        sent = as_sent_to_a_worker(fetched)
        self._used = True
        worker = self._idle.get()
        try:
            for attempt in (1, 2):
                try:
                    return worker.judge(citation, sent)
                except _WorkerGone:
                    # Its process died with the page: a new one takes its place and the page
                    # is tried once more.
                    with self._lock:
                        if worker in self._workers:
                            self._workers.remove(worker)
                    worker.end(wait=False)
                    if self._closed:  # the run ended meanwhile: no new process for it
                        raise WorkerDied("the process judging this page ended") from None
                    worker = self._new_worker()
                    if attempt == 2:
                        raise WorkerDied("the process judging this page died, twice") from None
            raise AssertionError("unreachable")
        finally:
            self._idle.put(worker)

    def close(self) -> None:
        """End the workers, waiting for them to keep what they extracted; workers that were
        never given a page (none had a body) are not waited for."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            workers, self._workers = self._workers, []
        for worker in workers:
            worker.end(wait=self._used)
        _pool_closed(waited=self._used)
        self._here.close()


class _WorkerGone(Exception):
    """The worker's process ended (or its pipe broke) before it answered."""

    def __init__(self) -> None:
        super().__init__("a worker process ended before it answered")


class _Worker:
    """One worker process and the pipe to it, used by one thread at a time."""

    def __init__(self, context: multiprocessing.context.BaseContext, setup: PoolSetup) -> None:
        here, there = context.Pipe()
        self._pipe = here
        self._lock = threading.Lock()
        self._process: Any = context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(there, setup), name="citecheck-judge", daemon=True
        )
        try:
            self._process.start()
        finally:
            there.close()

    def ready(self, timeout: float) -> None:
        """Wait until the worker has set itself up and answers (TimeoutError, _WorkerGone)."""
        with self._lock:
            self._pipe.send(None)
            if not multiprocessing.connection.wait([self._pipe, self._process.sentinel], timeout):
                raise TimeoutError(f"no worker answered within {timeout:g} s")
            self._receive()

    def judge(self, citation: Citation, fetched: FetchResult) -> CitationResult:
        with self._lock:
            try:
                self._pipe.send((citation, fetched))
            except OSError as exc:  # a broken pipe: the process is gone
                raise _WorkerGone from exc
            answer = self._receive()
        if isinstance(answer, BaseException):
            raise answer  # judging raised it in the worker
        if not isinstance(answer, CitationResult):
            raise TypeError(f"a worker answered {type(answer).__name__}")
        return answer

    def _receive(self) -> object:
        # Waited for with the process's sentinel: a worker that died before it took its end
        # of the pipe (while starting) never closed that end, so the pipe alone would wait on.
        ready = multiprocessing.connection.wait([self._pipe, self._process.sentinel])
        if self._pipe not in ready:
            raise _WorkerGone
        try:
            return self._pipe.recv()
        except (EOFError, OSError) as exc:
            raise _WorkerGone from exc

    def end(self, wait: bool) -> None:
        """Tell the worker to stop (after the page it is judging), waiting for it to exit
        when `wait`."""
        with self._lock:
            with contextlib.suppress(OSError):  # its pipe broke: it is gone already
                self._pipe.send(_STOP)
            if wait:  # else it exits by itself once it reads the stop
                self._process.join()
            self._pipe.close()


def worth_a_process_pool(pages: int, cpus: int | None = None) -> bool:
    return pages >= WORTH_IT_FROM_PAGES and (cpus if cpus is not None else os.cpu_count() or 1) > 1


def judge_for(
    setup: PoolSetup,
    pages: int,
    warn: Callable[[str], None],
    processes: int | None = None,
) -> InProcessJudge | WorkerPool:
    """Worker processes for a run of `pages` pages when they are worth it, started in the
    background (see WorkerPool: should they fail to start, it `warn`s once and judges pages in
    the calling threads); otherwise judging in the calling threads."""
    if not worth_a_process_pool(pages, processes or None):
        return InProcessJudge(setup)
    try:
        pool = WorkerPool(setup, processes, warn)
    except (OSError, NotImplementedError, ImportError) as exc:
        warn(_unavailable_warning(exc))
        return InProcessJudge(setup)
    pool.start()
    return pool


def _unavailable_warning(exc: BaseException) -> str:
    return f"worker processes are unavailable ({exc}); judging pages in this process instead"


def as_sent_to_a_worker(result: FetchResult) -> FetchResult:
    """`result` without its decoded text, which the worker makes again from the body.

    The text is what `citecheck.fetch.decode` makes of the body and its content type, and the
    worker's `metadata_from_fetch` decodes with those same rules, so it reads the same text.
    A text that came without a body cannot be made again and is sent as it is.
    """
    if not result.body or (result.text is None and result.encoding is None):
        return result
    return dataclasses.replace(result, text=None, encoding=None)


# ---------------------------------------------------------------------- in the worker processes

_worker_judging: InProcessJudge | None = None


def _start_worker(setup: PoolSetup) -> None:
    global _worker_judging
    # Ctrl-C is the parent's to handle; children just stop when the pool shuts down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_the_parent()
    _worker_judging = InProcessJudge(setup)


def _crossing(exc: Exception) -> Exception:
    """`exc` as it can cross back to the sending process: itself when it pickles and unpickles
    (many exception classes with their own __init__ do not), else a RuntimeError naming it."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def _exit_with_the_parent() -> None:
    """A worker never outlives the run, however its parent ends (killed included): a thread
    waits on the parent's sentinel, which becomes ready when the parent process is gone, and
    ends this process then. Where there is no sentinel, it watches the parent's pid."""
    parent = multiprocessing.parent_process()
    sentinel = parent.sentinel if parent is not None else None
    parent_pid = os.getppid()

    def watch() -> None:
        if sentinel is not None:
            multiprocessing.connection.wait([sentinel])
        else:
            while os.getppid() == parent_pid:
                time.sleep(_PARENT_POLL_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="citecheck-parent-watch", daemon=True).start()


_STOP = "stop"


def _serve(pipe: multiprocessing.connection.Connection, setup: PoolSetup) -> None:
    """A worker's life: set up, then judge each page that comes down `pipe` and send its
    verdict back (or the exception judging raised), until told to stop or the pipe closes.
    None asks whether it is ready."""
    _start_worker(setup)
    assert _worker_judging is not None
    try:
        while True:
            try:
                asked = pipe.recv()
            except (EOFError, OSError):
                return
            if asked == _STOP:
                return
            if asked is None:
                pipe.send(True)
                continue
            citation, fetched = asked
            try:
                # The sending process looked for kept metadata before handing the page over.
                answer: object = _worker_judging.judge_unkept(citation, fetched)
            except Exception as exc:
                answer = _crossing(exc)
            try:
                pipe.send(answer)
            except Exception as exc:  # an answer that does not pickle: say so instead
                pipe.send(RuntimeError(f"{type(exc).__name__}: {exc}"))
    finally:
        _worker_judging.close()


# ---------------------------------------------------------------------- set-up


# What every worker imports before its first page: a fork server imports it once for them all.
_PRELOADED = ["citecheck.worker_pool", "citecheck.extract", "citecheck.match"]


def _worker_context() -> multiprocessing.context.BaseContext:
    """Workers are forked from a fork server that imported the judging code once, where there
    is one (Unix): each worker then starts in milliseconds instead of importing it all again
    (0.7 s of CPU each). Never forked from this process, whose threads may hold locks a forked
    child would wait on forever; "spawn" where there is no fork server."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOADED)
    return context


# Pools open in this process: the fork server they share is stopped when the last one closes.
_open_pools = 0
_open_pools_lock = threading.Lock()


def _pool_opened() -> None:
    global _open_pools
    with _open_pools_lock:
        _open_pools += 1


def _pool_closed(waited: bool) -> None:
    """Stop the fork server, and wait for it, once the last pool has closed after waiting for
    its workers (it starts again when a pool needs it): no process outlives the run, and the
    workers' CPU time is accounted to this process, where `getrusage` and `os.wait4` look for
    it, rather than lost with a server nobody waited for."""
    global _open_pools
    with _open_pools_lock:
        _open_pools -= 1
        if _open_pools > 0 or not waited:
            return
        from multiprocessing import forkserver

        server = getattr(forkserver, "_forkserver", None)
        stop = getattr(server, "_stop", None)  # not public, so asked for, never assumed
        if callable(stop):
            stop()


def _plain_extraction() -> Extractor:
    return _extract_keeping_text


def _extract_keeping_text(result: FetchResult) -> PageMetadata:
    # Imported by the first page extracted, not when judging is set up: the process that
    # hands pages to the workers extracts none (see citecheck.extract's docstring).
    from citecheck.extract.page import metadata_from_fetch

    # The page's text stays readable until the page is judged (and dropped with it): see
    # judge_page.
    return metadata_from_fetch(result, keep_text=True)


def _cached_extraction(setup: PoolSetup) -> CachedExtraction | None:
    if setup.metadata_dir is None:
        return None
    from citecheck.extract.metadata_cache import CachedExtraction

    extract = setup.extractor or _plain_extraction()
    return CachedExtraction(setup.metadata_dir, refresh=setup.refresh, extract=extract)
