"""Crossref: `query.bibliographic` for reports, papers and briefs; a cited DOI directly.

Requests carry `mailto` (the polite pool) when one is configured, and keep to the pool's rate
for list queries (3 a second and 3 at a time polite, 1 a second and 1 at a time public), whatever
the transport's own pace and however many citations are looked up at once.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any

from citecheck.doi import DOI_RESOLVER, doi_url
from citecheck.lookup.candidates import Candidate, SourceAnswer
from citecheck.lookup.http_port import HttpPort, ServiceTrouble, is_network_down, json_of
from citecheck.lookup.ranking import record_score
from citecheck.models import Citation

NAME = "crossref"
DOI_NAME = "doi"
_ROWS = 5
_MIN_SCORE = 50.0


class Crossref:
    name = NAME

    def __init__(
        self,
        port: HttpPort,
        base_url: str,
        mailto: str | None = None,
        doi_resolver: str = DOI_RESOLVER,
    ) -> None:
        """`doi_resolver` is where a cited DOI is resolved (`[lookup] doi_resolver`)."""
        self._port = port
        self._base = base_url.rstrip("/")
        self._doi_resolver = doi_resolver
        self._mailto = mailto
        # Crossref's limits for list queries: the public pool takes one a second and one at a
        # time, the polite pool (with a mailto) three a second and three at a time.
        self._interval = 1 / 3 if mailto else 1.0
        self._in_flight = threading.BoundedSemaphore(3 if mailto else 1)
        self._lock = threading.Lock()
        self._last = 0.0

    def find(self, citation: Citation) -> SourceAnswer:
        answer = SourceAnswer()
        if citation.doi:
            answer.candidates.append(
                Candidate(
                    url=doi_url(citation.doi, self._doi_resolver),
                    source=DOI_NAME,
                    score=100.0,
                    title=citation.title,
                )
            )
            return answer
        if not citation.title:
            answer.trouble = "the citation has no title to look for"
            return answer
        params = {"query.bibliographic": bibliographic_query(citation), "rows": str(_ROWS)}
        if self._mailto:
            params["mailto"] = self._mailto
        with self._in_flight:
            self._wait_turn()
            answer.requests += 1
            reply = self._port.get(f"{self._base}/works", params=params)
        if is_network_down(reply):
            answer.network_down, answer.trouble = True, "network unavailable"
            return answer
        try:
            items = _items(json_of(reply, "Crossref"))
        except ServiceTrouble as exc:
            answer.trouble = str(exc)
            return answer
        for item in items:
            candidate = _candidate(citation, item)
            if candidate is not None and candidate.score >= _MIN_SCORE:
                answer.candidates.append(candidate)
        answer.candidates.sort(key=lambda c: -c.score)
        return answer

    def _wait_turn(self) -> None:
        with self._lock:
            pause = self._last + self._interval - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            self._last = time.monotonic()


def bibliographic_query(citation: Citation) -> str:
    parts = [citation.title or "", *citation.authors[:3], citation.publisher or ""]
    if citation.date is not None:
        parts.append(str(citation.date.year))
    return " ".join(p for p in parts if p)


def _items(document: object) -> list[dict[str, Any]]:
    if not isinstance(document, dict) or document.get("status") != "ok":
        raise ServiceTrouble("Crossref answered without an `ok` status")
    message = document.get("message")
    items = message.get("items") if isinstance(message, dict) else None
    if not isinstance(items, list):
        raise ServiceTrouble("Crossref answered without a list of items")
    return [item for item in items if isinstance(item, dict)]


def _candidate(citation: Citation, item: dict[str, Any]) -> Candidate | None:
    url = item.get("URL")
    doi = item.get("DOI")
    if not isinstance(url, str) and isinstance(doi, str):
        url = doi_url(doi)
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return None
    title = _first(item.get("title"))
    date = issued_date(item.get("issued"))
    publisher = _first(item.get("container-title")) or (
        item["publisher"] if isinstance(item.get("publisher"), str) else None
    )
    score = record_score(citation.title or "", citation.date, title, date)
    return Candidate(url=url, source=NAME, score=score, title=title, date=date, publisher=publisher)


def _first(value: object) -> str | None:
    if isinstance(value, list) and value and isinstance(value[0], str):
        return value[0]
    return None


def issued_date(value: object) -> dt.date | None:
    """The date of `{"date-parts": [[Y, M, D]]}` (a missing day is the 1st); None for a year
    alone (too vague to rank by) and for `[[null]]`."""
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if not (isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]):
        return None
    numbers = parts[0]
    if len(numbers) < 2 or not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
        return None
    try:
        return dt.date(numbers[0], numbers[1], numbers[2] if len(numbers) > 2 else 1)
    except (ValueError, TypeError):
        return None
