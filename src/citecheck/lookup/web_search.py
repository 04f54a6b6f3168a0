"""Web search behind one small interface: a SearXNG instance or the Brave Search API.

Both are off unless configured (a SearXNG base URL; a Brave key). The query is the cited title
in quotes with the publisher's name; each result is ranked by its title against the cited one
and by its date (the finder then puts the publisher's own site before copies elsewhere).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from citecheck.lookup.candidates import Candidate, SourceAnswer
from citecheck.lookup.http_port import HttpPort, Reply, ServiceTrouble, is_network_down, json_of
from citecheck.lookup.ranking import record_score
from citecheck.models import Citation

_MIN_SCORE = 50.0
_MAX_RESULTS = 10


def search_query(citation: Citation) -> str:
    query = f'"{citation.title}"'
    if citation.publisher:
        query += f" {citation.publisher}"
    return query


class WebSearch:
    """One search API: `ask` sends the query, `results` reads (url, title, date) from its JSON."""

    def __init__(
        self,
        name: str,
        ask: Callable[[str], Reply],
        results: Callable[[object], list[tuple[str, str | None, dt.date | None]]],
        service: str,
    ) -> None:
        self.name = name
        self._ask = ask
        self._results = results
        self._service = service

    def find(self, citation: Citation) -> SourceAnswer:
        answer = SourceAnswer()
        if not citation.title:
            answer.trouble = "the citation has no title to look for"
            return answer
        answer.requests += 1
        reply = self._ask(search_query(citation))
        if is_network_down(reply):
            answer.network_down, answer.trouble = True, "network unavailable"
            return answer
        try:
            results = self._results(json_of(reply, self._service))
        except ServiceTrouble as exc:
            answer.trouble = str(exc)
            return answer
        for url, title, date in results[:_MAX_RESULTS]:
            score = record_score(citation.title, citation.date, title, date)
            if score >= _MIN_SCORE:
                answer.candidates.append(
                    Candidate(url=url, source=self.name, score=score, title=title, date=date)
                )
        answer.candidates.sort(key=lambda c: -c.score)
        return answer


def searxng(port: HttpPort, base_url: str) -> WebSearch:
    endpoint = base_url.rstrip("/") + "/search"

    def ask(query: str) -> Reply:
        return port.get(endpoint, params={"q": query, "format": "json"})

    return WebSearch("searxng", ask, _searxng_results, "SearXNG")


def brave(port: HttpPort, base_url: str, key: str) -> WebSearch:
    endpoint = base_url.rstrip("/") + "/res/v1/web/search"
    headers = {"X-Subscription-Token": key, "Accept": "application/json"}

    def ask(query: str) -> Reply:
        return port.get(endpoint, headers=headers, params={"q": query, "count": "10"})

    return WebSearch("brave", ask, _brave_results, "Brave Search")


def _searxng_results(document: object) -> list[tuple[str, str | None, dt.date | None]]:
    results = document.get("results") if isinstance(document, dict) else None
    if not isinstance(results, list):
        raise ServiceTrouble("SearXNG answered without a list of results")
    return _rows(results, "publishedDate")


def _brave_results(document: object) -> list[tuple[str, str | None, dt.date | None]]:
    web = document.get("web") if isinstance(document, dict) else None
    if web is None and isinstance(document, dict):
        return []  # no web results at all (Brave leaves the section out)
    results = web.get("results") if isinstance(web, dict) else None
    if not isinstance(results, list):
        raise ServiceTrouble("Brave Search answered without a list of web results")
    return _rows(results, "page_age")


def _rows(results: list[Any], date_key: str) -> list[tuple[str, str | None, dt.date | None]]:
    rows: list[tuple[str, str | None, dt.date | None]] = []
    for result in results:
        if not isinstance(result, dict):
            continue
        url = result.get("url")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            continue
        title = result.get("title")
        rows.append((url, title if isinstance(title, str) else None, _date(result.get(date_key))))
    return rows


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
