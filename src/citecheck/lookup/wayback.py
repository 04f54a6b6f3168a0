"""The Wayback Machine's CDX index, for sites that moved or died.

Around the cited host and section (`matchType=prefix` on `host/section/`, then
`matchType=domain` on the whole site) or, without a cited URL, the publisher's domains; only
HTML pages captured with a 200 (`filter=statuscode:200`, `filter=mimetype:text/html`), one row
per page (`collapse=urlkey`), captured from a week before the cited date to three months after
it. Each page's slug is ranked against the cited title, as on the publisher's own site; the
candidate is its capture nearest the cited date. The CDX client paces its requests
(`[archive] cdx_interval`); this source sends at most two per citation.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from citecheck.lookup.candidates import Candidate, SourceAnswer
from citecheck.lookup.ranking import combined, date_fit, date_window, similarity, slug_text
from citecheck.lookup.sitemaps import date_in_name
from citecheck.lookup.sites import cited_host, publisher_domains
from citecheck.match.aliases import AliasTable
from citecheck.models import Citation
from citecheck.partial_date import Precision
from citecheck.webarchive.cdx import CdxClient, CdxRecord
from citecheck.webarchive.wire import ArchiveError

NAME = "wayback-cdx"
_MAX_QUERIES = 2
_ROWS = 5000
_MIN_SCORE = 40.0
_MAX_CANDIDATES = 5
_BEFORE = dt.timedelta(days=7)
_AFTER = dt.timedelta(days=92)


class WaybackLookup:
    name = NAME

    def __init__(self, cdx: CdxClient, aliases: AliasTable, wayback_root: str) -> None:
        self._cdx = cdx
        self._aliases = aliases
        self._root = wayback_root.rstrip("/")

    def find(self, citation: Citation) -> SourceAnswer:
        answer = SourceAnswer()
        if not citation.title:
            answer.trouble = "the citation has no title to look for"
            return answer
        queries = self._queries(citation)
        if not queries:
            answer.trouble = "no site known for this publisher (add it to [publishers])"
            return answer
        since, until = self._window(citation)
        found: dict[str, tuple[Candidate, CdxRecord]] = {}
        for url, match_type in queries[:_MAX_QUERIES]:
            answer.requests += 1
            try:
                page = self._cdx.search(
                    url,
                    match_type=match_type,
                    since=since,
                    until=until,
                    filters=("statuscode:200", "mimetype:text/html"),
                    collapse="urlkey",
                    limit=_ROWS,
                )
            except ArchiveError as exc:
                answer.trouble = str(exc)
                if "network unavailable" in str(exc):
                    answer.network_down = True
                break
            for record in page.records:
                self._rank(citation, record, found)
            if any(c.score >= 90.0 for c, _ in found.values()):
                break
        ranked = sorted((c for c, _ in found.values()), key=lambda c: -c.score)
        answer.candidates = ranked[:_MAX_CANDIDATES]
        return answer

    def _queries(self, citation: Citation) -> list[tuple[str, str]]:
        host = cited_host(citation.url)
        if host is not None:
            path = urlsplit(citation.url or "").path
            section = path.rsplit("/", 1)[0].strip("/")
            site = host.removeprefix("www.")
            queries = [(f"{host}/{section}/", "prefix")] if section else []
            return [*queries, (site, "domain")]
        return [
            (domain, "domain") for domain in publisher_domains(self._aliases, citation.publisher)
        ]

    @staticmethod
    def _window(citation: Citation) -> tuple[str | None, str | None]:
        if citation.date is None:
            return None, None
        start, end = date_window(citation.date, 0)
        return (start - _BEFORE).strftime("%Y%m%d"), (end + _AFTER).strftime("%Y%m%d")

    def _rank(
        self,
        citation: Citation,
        record: CdxRecord,
        found: dict[str, tuple[Candidate, CdxRecord]],
    ) -> None:
        original = record.original
        title_score = similarity(citation.title or "", slug_text(original))
        named = date_in_name(urlsplit(original).path)
        date = named.first_day() if named is not None and named.precision is Precision.DAY else None
        score = combined(title_score, date_fit(citation.date, date))
        if score < _MIN_SCORE:
            return
        key = record.urlkey or original
        known = found.get(key)
        if known is not None and not _nearer(citation, record, known[1]):
            return
        candidate = Candidate(
            url=f"{self._root}/web/{record.timestamp}/{original}",
            source=NAME,
            score=score,
            date=date,
        )
        found[key] = (candidate, record)


def _nearer(citation: Citation, record: CdxRecord, known: CdxRecord) -> bool:
    """True when `record` was captured nearer the cited date than `known`."""
    if citation.date is None:
        return False
    target = citation.date.first_day()
    return abs((record.captured_at.date() - target).days) < abs(
        (known.captured_at.date() - target).days
    )
