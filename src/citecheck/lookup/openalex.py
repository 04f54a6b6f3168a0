"""OpenAlex works search (an API key is required since 2026-02; off without one)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from citecheck.doi import doi_url
from citecheck.lookup.candidates import Candidate, SourceAnswer
from citecheck.lookup.http_port import HttpPort, ServiceTrouble, is_network_down, json_of
from citecheck.lookup.ranking import record_score
from citecheck.models import Citation

NAME = "openalex"
_PER_PAGE = 5
_MIN_SCORE = 50.0


class OpenAlex:
    name = NAME

    def __init__(self, port: HttpPort, base_url: str, api_key: str) -> None:
        self._port = port
        self._base = base_url.rstrip("/")
        self._key = api_key

    def find(self, citation: Citation) -> SourceAnswer:
        answer = SourceAnswer()
        if not citation.title:
            answer.trouble = "the citation has no title to look for"
            return answer
        params = {"search": citation.title, "per-page": str(_PER_PAGE), "api_key": self._key}
        answer.requests += 1
        reply = self._port.get(f"{self._base}/works", params=params)
        if is_network_down(reply):
            answer.network_down, answer.trouble = True, "network unavailable"
            return answer
        try:
            document = json_of(reply, "OpenAlex")
            results = document.get("results") if isinstance(document, dict) else None
            if not isinstance(results, list):
                raise ServiceTrouble("OpenAlex answered without a list of results")
        except ServiceTrouble as exc:
            answer.trouble = str(exc)
            return answer
        for work in results:
            candidate = _candidate(citation, work) if isinstance(work, dict) else None
            if candidate is not None and candidate.score >= _MIN_SCORE:
                answer.candidates.append(candidate)
        answer.candidates.sort(key=lambda c: -c.score)
        return answer


def _candidate(citation: Citation, work: dict[str, Any]) -> Candidate | None:
    location = work.get("primary_location")
    location = location if isinstance(location, dict) else {}
    url = location.get("landing_page_url")
    doi = work.get("doi")
    if not (isinstance(url, str) and url.startswith(("http://", "https://"))):
        url = doi_url(doi) if isinstance(doi, str) and doi else None
    if url is None:
        return None
    title = work.get("title") if isinstance(work.get("title"), str) else None
    date = _date(work.get("publication_date"))
    source = location.get("source")
    publisher = source.get("display_name") if isinstance(source, dict) else None
    return Candidate(
        url=url,
        source=NAME,
        score=record_score(citation.title or "", citation.date, title, date),
        title=title,
        date=date,
        publisher=publisher if isinstance(publisher, str) else None,
    )


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
