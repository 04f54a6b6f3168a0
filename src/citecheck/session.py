"""The library's entry point: one `Session` per run, owning what the run shares.

    from citecheck import Session, Settings, load_citations

    with Session(Settings.load(project_dir=Path("."))) as session:
        report = session.verify(load_citations("citations.yaml"))

A session owns the fetcher (network or WARC replay, with its page cache), the kept verdicts and
the worker processes that extract and match pages; all are made on first use and closed with
the session. Each command of the CLI is one call of a method here.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from citecheck.errors import InputError
from citecheck.models import (
    Citation,
    CitationResult,
    CitationSet,
    FetchResult,
    PageMetadata,
    Report,
)
from citecheck.settings import Settings

if TYPE_CHECKING:
    from citecheck.citation_edits import Value
    from citecheck.fetch.base import Fetcher
    from citecheck.footnotes.citation_mapping import Extraction
    from citecheck.lookup.finder import Finder, LookupResult
    from citecheck.lookup.in_verify import LookupProgress
    from citecheck.match.verdict_cache import VerdictCache
    from citecheck.pipeline import RunControl
    from citecheck.webarchive.checking import ArchiveCheck
    from citecheck.webarchive.saving import SavedSource
    from citecheck.worker_pool import InProcessJudge, WorkerPool

ResultCallback = Callable[[CitationResult], None]


@dataclass
class Inspection:
    """What `Session.inspect` found on one page."""

    target: str
    metadata: PageMetadata
    fetched: FetchResult | None  # None for a saved file


@dataclass
class ArchivedBundle:
    """What `Session.archive` made: the run's report and where its bundle is (None when the
    run was interrupted: then the previous bundle, if any, is left as it was)."""

    report: Report
    folder: Path | None
    zip_path: Path | None
    exchanges: int  # HTTP exchanges recorded in the WARC


@dataclass
class SavedCaptures:
    """What `Session.save_captures` did: each live source's Save Page Now outcome, and the
    ids whose entries it updated in the citations file."""

    saved: list[SavedSource]
    written: list[str]


@dataclass
class LookedUp:
    """What `Session.lookup` found: a result per citation looked up, in file order, what
    `--write` records for each whose best candidate passes ({id: {field: value}}: `url`, or a
    Wayback capture's `archive_url` and `archive_date`), and the ids it updated in the
    citations file (with `write`)."""

    found: list[LookupResult]
    fields: dict[str, dict[str, Value]]
    written: list[str]
    interrupted: bool = False  # stopped before every citation was looked up


@dataclass
class ExtractedNotes:
    """What `Session.extract` read from an article's note list."""

    shown: str  # the article as messages name it
    extraction: Extraction


class Session:
    """A run's shared parts. Thread-safe; use it as a context manager, or call `close()`."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        fetcher: Fetcher | None = None,
        on_warning: Callable[[str], None] | None = None,
    ) -> None:
        """`fetcher` replaces the one the settings describe (and stays the caller's to close);
        `on_warning` hears what the session notices about itself (worker processes that could
        not start), by default as a Python warning."""
        self.settings = settings if settings is not None else Settings()
        self._warn = on_warning or _python_warning
        self._lock = threading.Lock()
        self._fetcher = fetcher
        self._own_fetcher = fetcher is None
        self._verdicts: VerdictCache | None = None
        self._pool: InProcessJudge | WorkerPool | None = None
        self._archive_check: ArchiveCheck | None = None
        self._run: RunControl | None = None  # the checks, or the lookups, under way
        self._stopped = False
        self._lookup_finder: Finder | None = None
        self._closed = False

    # ------------------------------------------------------------------ commands

    def verify(
        self,
        citations: CitationSet,
        *,
        only: Iterable[str] = (),
        on_result: ResultCallback | None = None,
        lookup: str = "missing",
        lookup_progress: LookupProgress | None = None,
    ) -> Report:
        """Check every citation (or those in `only`, with the notes they stand for);
        `on_result` is called with each result as it is known, from this thread. `lookup`:
        "missing" looks up citations without a url, "dead" also those whose url is dead,
        "off" looks nothing up; a found URL is checked and its result at best a warning.
        Lookups come after the checks; `lookup_progress` is told of them as they go."""
        from citecheck.pipeline import pages_to_fetch, verify_citations

        only = tuple(only)
        chosen = self._chosen(citations, only)
        pages = pages_to_fetch(chosen, self.settings.verify.skip_urls)
        judge = _JudgeOnFirstUse(self, pages)
        run = self._start_run()
        try:
            report = verify_citations(
                citations,
                self.fetcher,
                self.settings,
                only=only,
                on_result=on_result,
                judge=judge,
                before_checks=judge.prepare,
                verdicts=self._verdict_cache(),
                archives=self.archive_check,
                control=run,
            )
        finally:
            self._run = None
        if lookup != "off" and not report.interrupted and not self._stopped:
            from citecheck.lookup.in_verify import look_up_in_report

            run = self._start_run()
            try:
                cut_short = look_up_in_report(
                    report,
                    chosen,
                    self._finder,
                    run,
                    dead_too=lookup == "dead",
                    progress=lookup_progress,
                    parallel=self.settings.fetch.workers,
                )
            finally:
                self._run = None
            # Stopped while looking up: what was not looked up is reported as it stood.
            report.interrupted = report.interrupted or cut_short
        return report

    def _start_run(self) -> RunControl:
        """A run (checks, or lookups) that `stop` stops: already stopped if the session is."""
        from citecheck.pipeline import RunControl

        run = self._run = RunControl(on_stop=self._run_stopped)
        if self._stopped:
            run.stop()
        return run

    def _run_stopped(self) -> None:
        self._stopped = True
        self._cut_fetches()

    def _chosen(
        self, citations: CitationSet, only: tuple[str, ...] | Iterable[str]
    ) -> list[Citation]:
        from citecheck.pipeline import selected

        only = tuple(only)
        known_ids = {c.id for c in citations.citations}
        for name in only:
            if name not in known_ids:
                raise InputError(f"{citations.path}: --only {name}: no citation has this id")
        return selected(citations, only)

    def _finder(self) -> Finder:
        """Lookup's sources on this session's fetcher and transport, candidates judged here."""
        fetcher = self.fetcher  # takes the lock itself
        with self._lock:
            if self._lookup_finder is None:
                from citecheck.lookup.runner import make_finder

                self._lookup_finder = make_finder(self.settings, fetcher)
            return self._lookup_finder

    def lookup(
        self,
        citations: CitationSet,
        *,
        only: Iterable[str] = (),
        dead_too: bool = True,
        on_found: Callable[[LookupResult], None] | None = None,
        write: bool = False,
    ) -> LookedUp:
        """Candidate URLs for the citations without a working url (those in `only`, if given):
        with no url, or (with `dead_too`) a url that is dead now; each candidate fetched and
        judged as `verify` would judge it, best first. With `write`, the best candidate that
        passes is recorded in the citations file (see `LookedUp.fields`), keeping its comments
        and order. Up to `[fetch] workers` citations are looked up at a time, as `verify`
        looks them up (`citecheck.lookup.parallel`); `on_found` hears of each in file order.
        A stopped run (`stop`) returns, and writes, what it finished: the citations being
        looked up when it stopped are left out (their candidates' fetches were cut)."""
        from citecheck.lookup.accepting import accepted_fields
        from citecheck.lookup.needs import needs_lookup
        from citecheck.lookup.parallel import run_lookups

        chosen = [c for c in self._chosen(citations, only) if c.same_as is None]
        found: list[LookupResult] = []

        def keep(_index: int, result: LookupResult) -> None:
            found.append(result)
            if on_found is not None:
                on_found(result)

        run = self._start_run()
        try:
            run_lookups(
                chosen,
                self._finder,
                run,
                workers=self.settings.fetch.workers,
                on_found=keep,
                wanted=lambda citation: needs_lookup(citation, self.fetcher, dead_too=dead_too),
                in_order=True,
            )
        finally:
            self._run = None
        fields: dict[str, dict[str, Value]] = {}
        for result in found:
            accepted = accepted_fields(result, self.settings.archive.wayback)
            if accepted is not None:
                fields[result.citation.id] = accepted
        written: list[str] = []
        interrupted = run.stopped
        if write and fields:
            from citecheck.citation_edits import edit_citations

            written = edit_citations(Path(citations.path), fields).changed
        return LookedUp(found, fields, written, interrupted)

    def stop(self) -> int:
        """Stop the verification under way, from a signal handler or another thread: no new
        fetch starts, the fetches under way are cut, and `verify` returns what it finished,
        marked interrupted; so does `lookup`. Returns how many checks (or lookups) were under
        way. The session's fetcher takes no more requests afterwards."""
        self._stopped = True
        run = self._run
        if run is None:
            self._cut_fetches()
            return 0
        return run.stop()

    def _cut_fetches(self) -> None:
        cancel = getattr(getattr(self._fetcher, "transport", None), "cancel", None)
        if callable(cancel):
            cancel()

    def archive(
        self,
        citations: CitationSet,
        output_dir: Path,
        *,
        pack: bool = False,
        only: Iterable[str] = (),
        on_result: ResultCallback | None = None,
    ) -> ArchivedBundle:
        """Verify, recording every HTTP exchange, and write the article's bundle (WARC, WACZ,
        snapshots, manifest.json, index.html) in a folder under `output_dir`; `pack` also
        writes it as a ZIP beside the folder. See `citecheck.bundle.bundle_writer`.

        The fetch cache keeps a page's final body but not the exchanges that brought it (the
        request as sent, each redirect hop), which a WARC must hold: so every source is
        fetched afresh. The cache still takes the new copies, and a kept verdict on an
        unchanged page spares judging it again."""
        from citecheck import __version__
        from citecheck.bundle.bundle_writer import BundleWriter
        from citecheck.fetch.http import HttpFetcher

        fetch = self.settings.fetch
        if fetch.replay is not None or fetch.offline:
            raise InputError(
                "archive fetches every source from the network: drop --replay/--offline"
            )
        writer = BundleWriter(output_dir, citations, software=f"citecheck {__version__}", pack=pack)
        fetcher = self.fetcher
        if not isinstance(fetcher, HttpFetcher):
            raise InputError("archive needs the network fetcher, not a replay")
        refresh, fetch.refresh = fetch.refresh, True
        try:
            with writer:
                hook = fetcher.transport.add_exchange_hook(writer.record)
                try:
                    report = self.verify(citations, only=only, on_result=on_result)
                finally:
                    hook.remove()
                if report.interrupted:
                    return ArchivedBundle(report, None, None, writer.exchanges)
                folder = writer.finish(report)
        finally:
            fetch.refresh = refresh
        return ArchivedBundle(report, folder, writer.zip_path if pack else None, writer.exchanges)

    def save_captures(
        self,
        citations: CitationSet,
        report: Report,
        *,
        save: bool = True,
        write: bool = False,
        on_result: Callable[[SavedSource], None] | None = None,
    ) -> SavedCaptures:
        """Ask Save Page Now for a capture of every source `report` found alive (`[archive]`
        settings; IA_ACCESS_KEY and IA_SECRET_KEY for credentials); with `write`, record each
        citation's new capture (or the one its verdict stood on) as `archive_url` and
        `archive_date` in the citations file, keeping its comments and order. Without
        `save`, only the captures verdicts stood on are recorded."""
        from citecheck.citation_edits import edit_citations
        from citecheck.webarchive.saving import archive_fields, live_sources, save_sources

        if self.settings.fetch.offline or self.settings.fetch.replay is not None:
            raise InputError("--save asks the Internet Archive: drop --replay/--offline")
        transport = getattr(self.fetcher, "transport", None)
        if transport is None:
            raise InputError("--save needs the network fetcher, not a replay")
        saved = []
        if save:
            alive = live_sources(citations.citations, report.results)
            saved = save_sources(transport, self.settings.archive, alive, on_result=on_result)
        written: list[str] = []
        if write:
            changes = archive_fields(saved, report.results)
            if changes:
                written = edit_citations(Path(citations.path), changes).changed
        return SavedCaptures(saved, written)

    def inspect(self, target: str, *, page_url: str | None = None) -> Inspection:
        """Every title, date, author and publisher found on a page (a URL or a saved file)."""
        from citecheck.extract import extract_metadata, metadata_from_fetch
        from citecheck.inputs import is_url, read_page_file, refuse_other_urls

        refuse_other_urls(target)
        if is_url(target):
            fetched = self.fetcher.fetch(target)
            return Inspection(target, metadata_from_fetch(fetched), fetched)
        metadata = extract_metadata(read_page_file(Path(target)), page_url)
        return Inspection(target, metadata, None)

    def extract(self, article: str, *, article_format: str = "auto") -> ExtractedNotes:
        """The citations in the note list of `article`: a file, `-` for stdin, or a URL.
        InputError when it has none."""
        from citecheck.footnotes.article.reader import (
            ArticleFormat,
            detect_format,
            find_article_notes,
        )
        from citecheck.footnotes.citation_mapping import citations_from_notes
        from citecheck.inputs import fetch_article, is_url, read_article

        source = fetch_article(article, self.fetcher) if is_url(article) else read_article(article)
        kind = (
            ArticleFormat(article_format)
            if article_format != "auto"
            else detect_format(source.text, source.name, source.content_type)
        )
        found = find_article_notes(source.text, kind, source.url)
        if found is None or not found.notes:
            raise InputError(
                f"{source.shown}: no note list found (looked for a {kind.value} note list: "
                "numbered notes under a Notes/References heading or at the end, or linked "
                "footnotes)"
            )
        return ExtractedNotes(source.shown, citations_from_notes(found))

    # ------------------------------------------------------------------ shared parts

    @property
    def archive_check(self) -> ArchiveCheck | None:
        """Web archives for dead and changed pages (`[archive]`); None when archives are not
        to be asked: turned off, or offline. A replay asks them through the WARC, which holds
        the archive's answers and captures the recorded run used (and nothing else)."""
        fetch, archive = self.settings.fetch, self.settings.archive
        if not archive.lookups or fetch.offline:
            return None
        fetcher = self.fetcher
        transport = getattr(fetcher, "transport", None)
        if transport is None and fetch.replay is None:
            return None
        with self._lock:
            if self._archive_check is None:
                from citecheck.webarchive.checking import ArchiveCheck

                self._archive_check = ArchiveCheck(
                    transport, archive, fetcher, doi_resolver=self.settings.lookup.doi_resolver
                )
            return self._archive_check

    @property
    def fetcher(self) -> Fetcher:
        """The fetcher every page goes through: the network (with the page cache), or the
        WARC `settings.fetch.replay`."""
        with self._lock:
            if self._fetcher is None:
                self._fetcher = _make_fetcher(self.settings)
            return self._fetcher

    @property
    def network_down(self) -> bool:
        """True once failed fetches led the connectivity probes to find the network down."""
        return bool(getattr(self._fetcher, "network_down", False))

    @property
    def network_trouble(self) -> str | None:
        """One line when the network or our proxy let fetches down ("network unavailable",
        "network unavailable (proxy ...)"); None when it did not."""
        trouble = getattr(self._fetcher, "network_trouble", None)
        return trouble if isinstance(trouble, str) else None

    @property
    def cache_dir(self) -> Path | None:
        """Where pages, metadata and verdicts are kept (None: nothing is kept)."""
        if self.settings.fetch.replay is not None:
            return None
        return self.settings.fetch.cache_dir

    def _verdict_cache(self) -> VerdictCache | None:
        """Verdicts kept beside the fetch cache: a warm re-run reads no cached page."""
        with self._lock:
            if self._verdicts is None and self.cache_dir is not None:
                from citecheck.match.verdict_cache import VerdictCache

                self._verdicts = VerdictCache(self.cache_dir / "verdicts", self.settings.match)
            return self._verdicts

    def _judge(self, pages: int) -> InProcessJudge | WorkerPool:
        """Extraction and matching: on every core for long runs, the metadata kept beside the
        fetch cache. Made once, for the first run that needs it."""
        with self._lock:
            if self._pool is None:
                from citecheck.worker_pool import PoolSetup, judge_for

                cache_dir = self.cache_dir
                setup = PoolSetup(
                    match=self.settings.match,
                    metadata_dir=cache_dir / "metadata" if cache_dir is not None else None,
                    refresh=self.settings.fetch.refresh,
                )
                self._pool = judge_for(setup, pages, warn=self._warn)
            return self._pool

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            pool, verdicts, fetcher = self._pool, self._verdicts, self._fetcher
        if pool is not None:
            pool.close()
        if verdicts is not None:
            verdicts.close()
        if fetcher is not None and self._own_fetcher:
            fetcher.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class _JudgeOnFirstUse:
    """The session's judge, set up when the run is about to fetch its first page (`prepare`)
    or when the first page needs it, so that a run answered from kept verdicts never starts
    worker processes, and a run that fetches starts them while its first pages download."""

    def __init__(self, session: Session, pages: int) -> None:
        self._session = session
        self._pages = pages

    def prepare(self) -> None:
        self._session._judge(self._pages)

    def __call__(self, citation: Citation, fetched: FetchResult) -> CitationResult:
        return self._session._judge(self._pages)(citation, fetched)


def _make_fetcher(settings: Settings) -> Fetcher:
    if settings.fetch.replay is not None:
        from citecheck.fetch.replay import WarcReplayFetcher

        return WarcReplayFetcher(settings.fetch.replay, max_bytes=settings.fetch.max_bytes)
    from citecheck.fetch.http import HttpFetcher

    return HttpFetcher(settings.fetch)


def _python_warning(message: str) -> None:
    warnings.warn(message, RuntimeWarning, stacklevel=3)
