"""Citations without a url are looked up several at a time after the checks, each service
still asked within its own limits: Crossref's public pool one query at a time, its polite pool
(with a mailto) up to three."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from tests.lookup.conftest import lookup_settings

from citecheck.models import Article, Citation, CitationSet, Status
from citecheck.session import Session

EMPTY = {"status": "ok", "message-type": "work-list", "message": {"items": []}}


class CrossrefQueries:
    """A threaded stand-in for Crossref's /works that answers "no match" and records how many
    queries it held at once. With `meet`, each query waits for another to arrive before it is
    answered, but never as long as the client waits for an answer: only queries sent
    side by side meet."""

    def __init__(self, *, meet: bool) -> None:
        self.asked = 0
        self.most_at_once = 0
        self.met = 0
        self._at_once = 0
        self._lock = threading.Lock()
        self._meeting = threading.Barrier(2, timeout=1.5) if meet else None
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        queries = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                queries.answer(self)

            def log_message(self, *args: object) -> None:
                pass

        return Handler

    def answer(self, request: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.asked += 1
            self._at_once += 1
            self.most_at_once = max(self.most_at_once, self._at_once)
        try:
            if self._meeting is not None:
                try:
                    self._meeting.wait()
                    with self._lock:
                        self.met += 1
                except threading.BrokenBarrierError:
                    pass
            else:
                time.sleep(1.5)  # past Crossref's 1 s pace: a second query would arrive meanwhile
            body = json.dumps(EMPTY).encode()
            request.send_response(200)
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)
        finally:
            with self._lock:
                self._at_once -= 1

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def polite() -> Iterator[CrossrefQueries]:
    queries = CrossrefQueries(meet=True)
    yield queries
    queries.close()


@pytest.fixture
def public() -> Iterator[CrossrefQueries]:
    queries = CrossrefQueries(meet=False)
    yield queries
    queries.close()


def verify_unlinked(tmp_path: Path, crossref: str, count: int, mailto: str = "") -> list[Status]:
    settings = lookup_settings(tmp_path)
    settings.fetch.read_timeout, settings.fetch.deadline = 5.0, 10.0  # past the stand-in's waits
    settings.lookup.publisher_site = False
    settings.lookup.crossref = True
    settings.lookup.crossref_url = crossref
    settings.lookup.mailto = mailto
    settings.archive.lookups = False
    citations = [Citation(id=f"n{n}", title=f"Harbour report part {n}") for n in range(count)]
    with Session(settings) as session:
        report = session.verify(CitationSet("citations.yaml", Article(), citations))
    return [result.status for result in report.results]


def test_lookups_are_made_side_by_side(tmp_path: Path, polite: CrossrefQueries) -> None:
    statuses = verify_unlinked(tmp_path, polite.url, 2, mailto="desk@example.org")
    assert statuses == [Status.UNVERIFIABLE, Status.UNVERIFIABLE]
    assert polite.asked == 2
    assert polite.met == 2  # the two queries were held at the same time


def test_crossrefs_public_pool_is_asked_one_query_at_a_time(
    tmp_path: Path, public: CrossrefQueries
) -> None:
    statuses = verify_unlinked(tmp_path, public.url, 3)
    assert statuses == [Status.UNVERIFIABLE] * 3
    assert public.asked == 3
    assert public.most_at_once == 1
