"""Citations without a url are looked up several at a time, after verify's checks and by
`citecheck lookup` alike (one runner, `citecheck.lookup.parallel`), each service still asked
within its own limits: Crossref's public pool one query at a time, its polite pool (with a
mailto) up to three. `lookup` still shows what it found in file order."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from tests.lookup.conftest import lookup_settings

from citecheck.lookup.finder import LookupResult
from citecheck.models import Article, Citation, CitationSet, Status
from citecheck.session import Session
from citecheck.settings import Settings

EMPTY = {"status": "ok", "message-type": "work-list", "message": {"items": []}}


class CrossrefQueries:
    """A threaded stand-in for Crossref's /works that answers "no match" and records how many
    queries it held at once. With `meet`, each query waits for another to arrive before it is
    answered, but never as long as the client waits for an answer: only queries sent
    side by side meet."""

    def __init__(self, *, meet: bool, hold_first: bool = False) -> None:
        """With `hold_first`, the query for part 0 is answered only once another query was
        answered (or after 3 s, short of the client's read timeout)."""
        self.asked = 0
        self.answered: list[str] = []  # each query's terms, in the order it was answered
        self._another_answered = threading.Event() if hold_first else None
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
        terms = parse_qs(urlsplit(request.path).query).get("query.bibliographic", [""])[0]
        with self._lock:
            self.asked += 1
            self._at_once += 1
            self.most_at_once = max(self.most_at_once, self._at_once)
        try:
            held = self._another_answered
            if held is not None:
                if "part 0" in terms:
                    held.wait(timeout=3.0)
            elif self._meeting is not None:
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
            with self._lock:
                self.answered.append(terms)
            if held is not None and "part 0" not in terms:
                held.set()
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


@pytest.fixture
def held() -> Iterator[CrossrefQueries]:
    queries = CrossrefQueries(meet=False, hold_first=True)
    yield queries
    queries.close()


def unlinked_settings(tmp_path: Path, crossref: str, mailto: str) -> Settings:
    settings = lookup_settings(tmp_path)
    settings.fetch.read_timeout, settings.fetch.deadline = 5.0, 10.0  # past the stand-in's waits
    settings.lookup.publisher_site = False
    settings.lookup.crossref = True
    settings.lookup.crossref_url = crossref
    settings.lookup.mailto = mailto
    settings.archive.lookups = False
    return settings


def unlinked(count: int) -> CitationSet:
    citations = [Citation(id=f"n{n}", title=f"Harbour report part {n}") for n in range(count)]
    return CitationSet("citations.yaml", Article(), citations)


def verify_unlinked(tmp_path: Path, crossref: str, count: int, mailto: str = "") -> list[Status]:
    with Session(unlinked_settings(tmp_path, crossref, mailto)) as session:
        report = session.verify(unlinked(count))
    return [result.status for result in report.results]


def lookup_unlinked(
    tmp_path: Path, crossref: str, count: int, mailto: str = ""
) -> tuple[list[LookupResult], list[str]]:
    """`Session.lookup`'s results, and the ids in the order `on_found` heard of them."""
    heard: list[str] = []
    with Session(unlinked_settings(tmp_path, crossref, mailto)) as session:
        looked_up = session.lookup(unlinked(count), on_found=lambda r: heard.append(r.citation.id))
    assert not looked_up.interrupted
    return looked_up.found, heard


def test_lookups_are_made_side_by_side(tmp_path: Path, polite: CrossrefQueries) -> None:
    statuses = verify_unlinked(tmp_path, polite.url, 2, mailto="desk@example.org")
    assert statuses == [Status.UNVERIFIABLE, Status.UNVERIFIABLE]
    assert polite.asked == 2
    assert polite.met == 2  # the two queries were held at the same time


def test_the_lookup_command_makes_its_lookups_side_by_side(
    tmp_path: Path, polite: CrossrefQueries
) -> None:
    found, heard = lookup_unlinked(tmp_path, polite.url, 2, mailto="desk@example.org")
    assert [(r.citation.id, r.best, r.network_down) for r in found] == [
        ("n0", None, False),
        ("n1", None, False),
    ]
    assert heard == ["n0", "n1"]
    assert polite.asked == 2
    assert polite.met == 2  # the two queries were held at the same time


def test_the_lookup_command_reports_in_file_order_what_ends_out_of_order(
    tmp_path: Path, held: CrossrefQueries
) -> None:
    found, heard = lookup_unlinked(tmp_path, held.url, 3, mailto="desk@example.org")
    assert sorted(held.answered) == [f"Harbour report part {n}" for n in range(3)]
    # part 0 was held until another was answered: the lookups ended out of file order
    assert held.answered[0] != "Harbour report part 0"
    assert heard == ["n0", "n1", "n2"]
    assert [r.citation.id for r in found] == ["n0", "n1", "n2"]


def test_crossrefs_public_pool_is_asked_one_query_at_a_time(
    tmp_path: Path, public: CrossrefQueries
) -> None:
    statuses = verify_unlinked(tmp_path, public.url, 3)
    assert statuses == [Status.UNVERIFIABLE] * 3
    assert public.asked == 3
    assert public.most_at_once == 1


def test_the_lookup_command_keeps_to_crossrefs_public_pool_too(
    tmp_path: Path, public: CrossrefQueries
) -> None:
    found, heard = lookup_unlinked(tmp_path, public.url, 3)
    assert heard == ["n0", "n1", "n2"]
    assert [r.best for r in found] == [None, None, None]
    assert public.asked == 3
    assert public.most_at_once == 1
