"""The publisher's own site: robots.txt, its sitemaps, the sitemaps covering the cited date.

The site comes from a dead cited URL (its host) or from the cited publisher (the alias table's
domains, `[publishers]` in citecheck.toml). robots.txt names the sitemaps (`Sitemap:` lines;
without them the usual `/sitemap.xml` and `/sitemap_index.xml`). Sitemap indexes are walked
towards the cited date: children named for a date (`/2016/08.xml`, `sitemap-2016-08.xml`,
`?yyyy=2016&mm=08`) are read only when they cover it, children with a `lastmod` only from the
first that changed on or after it; children with neither are read last. Every page listed is
ranked by its slug (or `news:title`) against the cited title and by its date, within a bound
on requests per citation.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from citecheck.lookup.candidates import Candidate, SourceAnswer
from citecheck.lookup.http_port import HttpPort, Reply
from citecheck.lookup.ranking import combined, date_fit, date_window, similarity, slug_text
from citecheck.lookup.sitemaps import (
    SitemapError,
    SitemapRef,
    SitemapUrl,
    date_in_name,
    parse_sitemap,
)
from citecheck.lookup.sites import MAX_SITES, origin_of, publisher_sites
from citecheck.match.aliases import AliasTable
from citecheck.models import Citation, FetchErrorKind
from citecheck.partial_date import PartialDate, Precision
from citecheck.robots import NO_ROBOTS, Robots, read_robots

NAME = "publisher-site"
_DEFAULT_SITEMAPS = ("/sitemap.xml", "/sitemap_index.xml")
_WINDOW_DAYS = 3  # a sitemap named for the day before or after the cited date may hold it
_MIN_SCORE = 15.0  # a page of the cited day scores 20 on its date alone: worth a look
_GOOD_ENOUGH = 90.0  # a candidate this good, with its date fitting, ends the walk early
_MAX_SITEMAP_BYTES = 50_000_000
_LASTMOD_FIT = 0.75  # a lastmod on the cited day: weaker than a publication date


@dataclass(order=True)
class _Queued:
    priority: float
    order: int
    url: str = field(compare=False)


class PublisherSite:
    name = NAME

    def __init__(
        self,
        port: HttpPort,
        aliases: AliasTable,
        *,
        user_agent: str,
        max_requests: int = 12,
        max_candidates: int = 5,
    ) -> None:
        self._port = port
        self._aliases = aliases
        self.user_agent = user_agent
        self._max_requests = max_requests
        self._max_candidates = max_candidates

    def find(self, citation: Citation) -> SourceAnswer:
        answer = SourceAnswer()
        if not citation.title:
            answer.trouble = "the citation has no title to look for"
            return answer
        origins = self.origins_for(citation)
        if not origins:
            answer.trouble = "no site known for this publisher (add it to [publishers])"
            return answer
        found: dict[str, Candidate] = {}
        for origin in origins:
            if answer.requests >= self._max_requests or answer.network_down:
                break
            _Walk(self, citation, origin, answer, found).run()
        ranked = sorted(found.values(), key=lambda c: -c.score)
        answer.candidates = [c for c in ranked if c.score >= _MIN_SCORE][: self._max_candidates]
        return answer

    def origins_for(self, citation: Citation) -> list[str]:
        """The sites to look on: the dead URL's, then the publisher's."""
        origins: list[str] = []
        cited = origin_of(citation.url)
        if cited:
            origins.append(cited)
        for site in publisher_sites(self._aliases, citation.publisher):
            host = (urlsplit(site).hostname or "").removeprefix("www.")
            if not any((urlsplit(o).hostname or "").removeprefix("www.") == host for o in origins):
                origins.append(site)
        return origins[: MAX_SITES + (1 if cited else 0)]

    # -------------------------------------------------------------- used by _Walk

    def request(self, answer: SourceAnswer, url: str) -> Reply | None:
        if answer.requests >= self._max_requests:
            return None
        answer.requests += 1
        reply = self._port.get(url)
        if reply.error is not None and reply.error.kind is FetchErrorKind.NETWORK_DOWN:
            answer.network_down = True
            answer.trouble = "network unavailable"
            return None
        return reply


class _Walk:
    """One site's robots.txt and sitemaps, for one citation."""

    def __init__(
        self,
        source: PublisherSite,
        citation: Citation,
        origin: str,
        answer: SourceAnswer,
        found: dict[str, Candidate],
    ) -> None:
        self.source = source
        self.citation = citation
        self.origin = origin
        self.answer = answer
        self.found = found
        self.title = citation.title or ""
        self.queue: list[_Queued] = []
        self.seen: set[str] = set()
        self.robots: Robots = NO_ROBOTS

    def run(self) -> None:
        robots = self._robots()
        if robots is None:
            return
        self.robots = robots
        listed = robots.sitemaps or tuple(urljoin(self.origin, p) for p in _DEFAULT_SITEMAPS)
        for url in listed:
            self._push(url, 0.0)
        while self.queue and not self.answer.network_down:
            if self._good_enough():
                return
            queued = heapq.heappop(self.queue)
            reply = self.source.request(self.answer, queued.url)
            if reply is None:
                return
            if reply.error is not None or reply.status != 200:
                continue
            try:
                sitemap = parse_sitemap(reply.body, _MAX_SITEMAP_BYTES)
            except SitemapError:
                continue
            self._queue_children(sitemap.children)
            self._rank(sitemap.urls)

    def _robots(self) -> Robots | None:
        asked = urljoin(self.origin, "/robots.txt")
        reply = self.source.request(self.answer, asked)
        if reply is None:
            return None
        if reply.error is not None:
            # Unreachable (RFC 9309: assume full disallow), or not in the cache when offline.
            self.answer.trouble = f"{self.origin}/robots.txt: {reply.error.message}"
            return None
        read = read_robots(asked, reply.url, reply.status, reply.body, reply.error)
        if read.robots.disallow_all:
            return None
        self.origin = read.origin  # after a redirect to www. or https
        return read.robots

    def _push(self, url: str, priority: float) -> None:
        url = url.strip()
        if not url or url in self.seen:
            return
        if not self.robots.allows(url, self.source.user_agent) and url not in self.robots.sitemaps:
            return
        self.seen.add(url)
        heapq.heappush(self.queue, _Queued(priority, len(self.seen), url))

    def _queue_children(self, children: Iterable[SitemapRef]) -> None:
        cited = self.citation.date
        children = list(children)
        if cited is None:
            # Without a cited date, sitemaps not split by date come first (an undated citation
            # is most often of an undated page), then the date-split ones, newest first.
            dated = sorted(
                (c for c in children if date_in_name(c.url) is not None),
                key=lambda c: date_in_name(c.url) or PartialDate(1),
                reverse=True,
            )
            for child in children:
                if date_in_name(child.url) is None:
                    self._push(child.url, 2.0)
            for rank, child in enumerate(dated):
                self._push(child.url, 3.0 + rank / 1000)
            return
        start, end = date_window(cited, _WINDOW_DAYS)
        after: list[SitemapRef] = []
        for child in children:
            named = date_in_name(child.url)
            if named is not None:
                if _overlaps(named, start, end):
                    self._push(child.url, 0.5)
            elif child.lastmod is not None:
                if child.lastmod >= start:
                    after.append(child)
            else:
                self._push(child.url, 3.0)
        # Archives only grow: the first child changed on or after the date holds it, or the next.
        after.sort(key=lambda c: c.lastmod or dt.date.max)
        for rank, child in enumerate(after[:2]):
            self._push(child.url, 1.0 + rank * 0.5)

    def _rank(self, urls: Iterable[SitemapUrl]) -> None:
        for entry in urls:
            score, date = self._score(entry)
            if score < _MIN_SCORE:
                continue
            if not self.robots.allows(entry.url, self.source.user_agent):
                continue
            known = self.found.get(entry.url)
            if known is None or known.score < score:
                self.found[entry.url] = Candidate(
                    url=entry.url,
                    source=NAME,
                    score=score,
                    title=entry.news_title,
                    date=date,
                )

    def _score(self, entry: SitemapUrl) -> tuple[float, dt.date | None]:
        title_score = similarity(self.title, slug_text(entry.url))
        if entry.news_title:
            title_score = max(title_score, similarity(self.title, entry.news_title))
        named = date_in_name(urlsplit(entry.url).path)
        date = entry.news_date
        if date is None and named is not None and named.precision is Precision.DAY:
            date = named.first_day()
        fit = date_fit(self.citation.date, date)
        cited = self.citation.date
        if fit is None and cited is not None and entry.lastmod is not None:
            start, end = date_window(cited, 1)
            if entry.lastmod < start:
                fit = 0.0  # last changed before the cited date: not the cited version of it
            elif entry.lastmod <= end:
                fit = _LASTMOD_FIT  # most pages are last changed the day they come out
        return combined(title_score, fit), date

    def _good_enough(self) -> bool:
        return any(
            c.score >= _GOOD_ENOUGH and (self.citation.date is None or c.date is not None)
            for c in self.found.values()
        )


def _overlaps(named: PartialDate, start: dt.date, end: dt.date) -> bool:
    first, last = date_window(named, 0)
    return first <= end and last >= start
