"""Memento (RFC 7089): any archive's TimeGate and TimeMap.

A TimeGate (`<timegate prefix><URI-R>`) asked with `Accept-Datetime` answers 302 to the memento
nearest that moment (the first or last one outside the archive's range, 404 when it has none,
400 for a bad date); some answer 200 with the memento itself (`Memento-Datetime`,
`Content-Location`). A TimeMap (`<timemap prefix><URI-R>`) lists every memento in RFC 6690 link
format; a large one is paged through further `rel="timemap"` links. See protocols.md §4.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urljoin

from citecheck.lookup.http_port import HttpPort
from citecheck.models import FetchError
from citecheck.transport import Transport
from citecheck.webarchive.kept_answers import KeptAnswers
from citecheck.webarchive.timestamps import http_date, parse_http_date
from citecheck.webarchive.wire import ArchiveError, failure

MAX_TIMEMAP_PAGES = 5


@dataclass(frozen=True)
class Link:
    uri: str
    params: dict[str, str] = field(default_factory=dict)

    @property
    def rels(self) -> frozenset[str]:
        return frozenset(self.params.get("rel", "").split())


@dataclass(frozen=True)
class Memento:
    uri: str  # URI-M
    datetime: dt.datetime | None  # None when the TimeGate did not say; the memento's header will


def parse_link_format(text: str) -> list[Link]:
    """Links of an RFC 8288 `Link` header or an RFC 6690 TimeMap: `<uri>; name="value"; ...`
    separated by commas, commas inside quoted values kept; whitespace and newlines anywhere
    between, a trailing comma and unknown attributes tolerated. Raises ValueError for text that
    is not link format."""
    links: list[Link] = []
    i, n = 0, len(text)
    while True:
        while i < n and (text[i].isspace() or text[i] == ","):
            i += 1
        if i >= n:
            return links
        if text[i] != "<":
            raise ValueError(f"expected '<' at offset {i}: {text[i : i + 30]!r}")
        end = text.find(">", i + 1)
        if end < 0:
            raise ValueError(f"unclosed '<' at offset {i}")
        uri, i = text[i + 1 : end].strip(), end + 1
        params: dict[str, str] = {}
        while True:
            while i < n and text[i].isspace():
                i += 1
            if i >= n or text[i] == ",":
                break
            if text[i] != ";":
                raise ValueError(f"expected ';' or ',' at offset {i}: {text[i : i + 30]!r}")
            i += 1
            while i < n and text[i].isspace():
                i += 1
            start = i
            while i < n and text[i] not in "=;,\t\r\n ":
                i += 1
            name = text[start:i].lower()
            while i < n and text[i].isspace():
                i += 1
            value = ""
            if i < n and text[i] == "=":
                i += 1
                while i < n and text[i].isspace():
                    i += 1
                value, i = _value(text, i)
            if name and name not in params:  # RFC 8288: the first occurrence counts
                params[name] = value
        links.append(Link(uri, params))


def _value(text: str, i: int) -> tuple[str, int]:
    if i < len(text) and text[i] == '"':
        out: list[str] = []
        i += 1
        while i < len(text) and text[i] != '"':
            if text[i] == "\\" and i + 1 < len(text):
                i += 1
            out.append(text[i])
            i += 1
        if i >= len(text):
            raise ValueError("unclosed quoted value")
        return "".join(out), i + 1
    start = i
    while i < len(text) and text[i] not in ";,":
        i += 1
    return text[start:i].strip(), i


def mementos_of(links: list[Link], base: str) -> list[Memento]:
    """The links that are mementos, with their `datetime`, oldest first."""
    found: dict[str, Memento] = {}
    for link in links:
        if "memento" not in link.rels or "datetime" not in link.params:
            continue
        try:
            moment = parse_http_date(link.params["datetime"])
        except ValueError:
            continue
        uri = urljoin(base, link.uri)
        found.setdefault(uri, Memento(uri, moment))
    return sorted(found.values(), key=lambda m: m.datetime or dt.datetime.min)


@dataclass(frozen=True)
class MementoArchive:
    """One archive reached through Memento: `timegate` and `timemap` are prefixes the
    original URL is appended to (e.g. `https://archive.ph/timegate/`)."""

    name: str
    timegate: str
    timemap: str | None = None


_KEPT_HEADERS = ("link", "location", "memento-datetime", "content-location")


class MementoClient:
    def __init__(
        self,
        transport: Transport,
        archive: MementoArchive,
        *,
        kept: KeptAnswers | None = None,
        pages: HttpPort | None = None,
    ) -> None:
        """With `kept`, the TimeGate's answers are kept in the fetch cache (`kept_answers`);
        `pages` (the page fetcher's port, with its cache) gets the TimeMaps, plain GETs."""
        self._transport = transport
        self._kept = kept
        self._pages: HttpPort = pages if pages is not None else transport
        self.archive = archive

    def _ask_timegate(self, url: str, headers: dict[str, str]) -> _Answer:
        asked = self.archive.timegate + url
        key = KeptAnswers.key(asked, headers) if self._kept is not None else ""
        if self._kept is not None:
            kept = self._kept.get(key)
            if kept is not None:
                return _Answer(kept.url, kept.status, dict(kept.headers), None)
        reply = self._transport.get(asked, headers=headers, follow_redirects=False)
        answer = _Answer(reply.url, reply.status, dict(reply.headers), reply.error)
        if self._kept is not None and answer.is_protocol_answer():
            kept_headers = {k: v for k, v in answer.headers.items() if k in _KEPT_HEADERS}
            self._kept.put(key, answer.url, answer.status or 0, kept_headers)
        return answer

    def nearest(self, url: str, when: dt.datetime | None) -> tuple[Memento | None, list[Link]]:
        """The memento the TimeGate picks for `when` (the newest without it), and the links
        it sent along (original, timemap, first/prev/next/last memento); (None, links) when the
        archive has none."""
        service = f"the {self.archive.name} TimeGate"
        headers = {"Accept-Datetime": http_date(when)} if when is not None else {}
        reply = self._ask_timegate(url, headers)
        links = _header_links(reply.headers.get("link", ""), reply.url)
        if reply.error is None and reply.status == 404:
            return None, links
        if reply.error is None and reply.status in (301, 302, 303, 307, 308):
            location = reply.headers.get("location")
            if not location:
                raise ArchiveError(f"{service} redirected without a Location")
            uri = urljoin(reply.url, location)
            known = {m.uri: m for m in mementos_of(links, reply.url)}
            return known.get(uri, Memento(uri, None)), links
        problem = failure(reply, service)
        if problem is not None:
            raise ArchiveError(problem)
        stamped = reply.headers.get("memento-datetime")
        if stamped is None:
            raise ArchiveError(f"{service} answered {reply.status} that is no memento")
        try:
            moment = parse_http_date(stamped)
        except ValueError as exc:
            raise ArchiveError(f"{service} answered a bad Memento-Datetime: {exc}") from None
        uri = urljoin(reply.url, reply.headers.get("content-location", reply.url))
        return Memento(uri, moment), links

    def timemap(self, url: str, first_page: str | None = None) -> list[Memento]:
        """Every memento the TimeMap lists (following up to MAX_TIMEMAP_PAGES pages), oldest
        first; [] when the archive has none."""
        service = f"the {self.archive.name} TimeMap"
        pages = [first_page or (self.archive.timemap + url if self.archive.timemap else None)]
        if pages[0] is None:
            return []
        seen: set[str] = set()
        links: list[Link] = []
        while pages and len(seen) < MAX_TIMEMAP_PAGES:
            page = pages.pop(0)
            if page is None or page in seen:
                continue
            seen.add(page)
            reply = self._pages.get(page)
            if reply.error is None and reply.status == 404:
                continue
            problem = failure(reply, service)
            if problem is not None:
                raise ArchiveError(problem)
            try:
                page_links = parse_link_format(reply.body.decode("utf-8", "replace"))
            except ValueError as exc:
                raise ArchiveError(f"{service} answered something else than links: {exc}") from None
            links.extend(Link(urljoin(reply.url, link.uri), link.params) for link in page_links)
            pages.extend(
                urljoin(reply.url, link.uri)
                for link in page_links
                if "timemap" in link.rels and "self" not in link.rels
            )
        return mementos_of(links, self.archive.timemap or "")


@dataclass(frozen=True)
class _Answer:
    """A TimeGate's answer: what `nearest` reads of it (and `failure` of a failed one)."""

    url: str
    status: int | None
    headers: dict[str, str]
    error: FetchError | None
    body: bytes = b""

    def is_protocol_answer(self) -> bool:
        """A memento (a redirect to it, or itself with its Memento-Datetime), or none for the
        page (404): worth keeping. A failure is not."""
        if self.error is not None or self.status is None:
            return False
        if self.status == 404 or (self.status in _REDIRECTS and "location" in self.headers):
            return True
        return 200 <= self.status < 300 and "memento-datetime" in self.headers


_REDIRECTS = (301, 302, 303, 307, 308)


def _header_links(value: str, base: str) -> list[Link]:
    try:
        return [Link(urljoin(base, link.uri), link.params) for link in parse_link_format(value)]
    except ValueError:
        return []


def memento_datetime(headers: dict[str, str]) -> dt.datetime | None:
    """The `Memento-Datetime` of a response, None when absent or unreadable."""
    value = headers.get("memento-datetime")
    if value is None:
        return None
    try:
        return parse_http_date(value)
    except ValueError:
        return None
