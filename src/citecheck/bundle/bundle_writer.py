"""The bundle of one article, written while its sources are fetched and swapped in at the end.

    with BundleWriter(output_dir, citation_set, software="citecheck 0.1.0") as bundle:
        handle = transport.add_exchange_hook(bundle.record)   # every exchange goes in the WARC
        report = ...verify...
        path = bundle.finish(report)

Layout of the folder (named from the article title or the citations file):

    sources.warc.gz      WARC 1.1: warcinfo, then response + request records of every exchange
    sources.wacz         WACZ 1.1.1 holding that WARC, its CDXJ index and the cited pages
    snapshots/<id>.<ext> each source's body as fetched (decoded)
    manifest.json        per citation: URLs, status, time, type, size, sha256, archive copy, verdict
    index.html           one self-contained page for editors

Nothing is visible at the bundle's place until `finish` swaps the finished folder in; leaving
the `with` block without finishing (an error, Ctrl-C) deletes the partial folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from citecheck.bundle.bundle_folder import (
    bundle_name,
    check_output_dir,
    discard_partial,
    pack_zip,
    start_partial,
    swap_in,
    sync_file,
    write_synced,
)
from citecheck.bundle.cdxj_index import cdxj_bytes
from citecheck.bundle.entries import BundleEntry, KeptBody, archive_copy
from citecheck.bundle.index_page import index_html
from citecheck.bundle.manifest import manifest_json
from citecheck.bundle.snapshots import SNAPSHOT_DIR, snapshot_name
from citecheck.bundle.wacz_package import Page, write_wacz
from citecheck.bundle.warc_recorder import WarcRecorder
from citecheck.models import CheckName, CitationResult, CitationSet, Report
from citecheck.transport import Exchange

WARC_NAME = "sources.warc.gz"
WACZ_NAME = "sources.wacz"
_BODIES = ".bodies"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class BundleWriter:
    def __init__(
        self,
        output_dir: Path,
        citation_set: CitationSet,
        *,
        software: str,
        pack: bool = False,
    ) -> None:
        check_output_dir(output_dir)
        self.citation_set = citation_set
        self.software = software
        self.pack = pack
        self.name = bundle_name(citation_set)
        self.path = output_dir / self.name
        self.zip_path = output_dir / f"{self.name}.zip"
        self.created = dt.datetime.now(dt.UTC)
        self._partial: Path | None = None
        self._warc_file: BinaryIO | None = None
        self._recorder: WarcRecorder | None = None
        self._lock = threading.Lock()
        self._bodies: dict[str, KeptBody] = {}
        self.exchanges = 0

    def __enter__(self) -> BundleWriter:
        self._partial = start_partial(self.path.parent, self.name)
        (self._partial / _BODIES).mkdir()
        self._warc_file = (self._partial / WARC_NAME).open("wb")
        self._recorder = WarcRecorder(self._warc_file, WARC_NAME, self.software)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._close_warc()
        if self._partial is not None:  # not finished: nothing of this run becomes the bundle
            discard_partial(self._partial)
            self._partial = None

    def record(self, exchange: Exchange) -> None:
        """The exchange hook: write the exchange to the WARC and keep its body for a snapshot.
        Called from worker threads."""
        recorder, partial = self._recorder, self._partial
        if recorder is None or partial is None:
            return  # finished already: a late exchange has no bundle to go into
        recorder.record(exchange)
        with self._lock:
            self.exchanges += 1
        if exchange.status in _REDIRECTS:
            return
        body = exchange.body
        digest = hashlib.sha256(body).hexdigest()
        stored = partial / _BODIES / digest
        if not stored.exists():  # two threads may both write it: the same bytes either way
            write_synced(stored, body)
        with self._lock:
            self._bodies[exchange.url] = KeptBody(
                url=exchange.url,
                recorded_at=exchange.started_at,
                status=exchange.status,
                content_type=_header(exchange.response_headers, "content-type"),
                sha256=digest,
                size=len(body),
                path=stored,
            )

    def finish(self, report: Report) -> Path:
        """Write the rest of the bundle and swap it in; returns the bundle folder."""
        partial, recorder = self._partial, self._recorder
        if partial is None or recorder is None:
            raise RuntimeError("BundleWriter.finish() outside its with block")
        self._close_warc()
        self._recorder = None
        entries = self._entries(report, partial)
        warc = partial / WARC_NAME
        pages = [_page(entry) for entry in entries if entry.body is not None]
        write_wacz(
            partial / WACZ_NAME,
            warc=warc,
            cdxj_gz=cdxj_bytes(recorder.responses, WARC_NAME),
            pages=_unique_pages(pages),
            title=self.citation_set.article.title or self.name,
            software=self.software,
            created=self.created,
        )
        sync_file(partial / WACZ_NAME)
        manifest = manifest_json(report, entries, software=self.software, created=self.created)
        write_synced(partial / "manifest.json", manifest)
        page = index_html(report, entries, created=self.created)
        write_synced(partial / "index.html", page.encode("utf-8"))
        _remove_tree(partial / _BODIES)
        swap_in(partial, self.path)
        self._partial = None
        if self.pack:
            pack_zip(self.path, self.zip_path)
        return self.path

    def _entries(self, report: Report, partial: Path) -> list[BundleEntry]:
        by_id = {citation.id: citation for citation in self.citation_set.citations}
        taken: set[str] = set()
        entries: list[BundleEntry] = []
        (partial / SNAPSHOT_DIR).mkdir()
        for result in report.results:
            citation = by_id.get(result.id)
            if citation is None:
                continue
            entry = BundleEntry(citation, result, archive=archive_copy(citation, result))
            body = self._body_of(result)
            if body is not None:
                entry.body = body
                entry.snapshot = snapshot_name(result.id, body.content_type, taken)
                _link_or_copy(body.path, partial / entry.snapshot)
            entries.append(entry)
        return entries

    def _body_of(self, result: CitationResult) -> KeptBody | None:
        for url in (result.final_url, result.fetched_url, result.url):
            if url and url in self._bodies:
                return self._bodies[url]
        return None

    def _close_warc(self) -> None:
        if self._warc_file is not None:
            self._warc_file.flush()
            os.fsync(self._warc_file.fileno())
            self._warc_file.close()
            self._warc_file = None


def _page(entry: BundleEntry) -> Page:
    assert entry.body is not None
    found_title = entry.result.checks.get(CheckName.TITLE)
    title = found_title.found if found_title is not None and found_title.found else None
    url = entry.result.fetched_url or entry.citation.url or entry.body.url
    return Page(
        url=url,
        ts=entry.body.recorded_at,
        title=title or entry.citation.title,
        id=entry.result.id,
    )


def _unique_pages(pages: list[Page]) -> list[Page]:
    seen: set[str] = set()
    unique: list[Page] = []
    for page in pages:
        if page.url not in seen:
            seen.add(page.url)
            unique.append(page)
    return unique


def _header(headers: Sequence[tuple[str, str]], name: str) -> str:
    return next((value for key, value in headers if key.lower() == name), "")


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)  # the same synced file under its snapshot name
    except OSError:
        write_synced(target, source.read_bytes())


def _remove_tree(folder: Path) -> None:
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
