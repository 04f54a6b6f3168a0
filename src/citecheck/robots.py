"""robots.txt: the one reader of a host's file, and whether it lets citecheck fetch an address.

Read as RFC 9309 says (protocols.md section 7): matched with protego (longest match, wildcards;
the standard library's parser gets Allow/Disallow precedence wrong); a 4xx answer means no
restrictions; a 5xx answer or no answer at all means full disallow. The lookup's publisher-site
walk reads a site's `Sitemap:` lines and what it may fetch with it; the soft-404 probe asks a
made-up URL only where robots.txt allows it (`HostRobots`, each host's file read once a run,
through the page fetcher and so through its cache).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from citecheck.models import FetchError, FetchResult


@dataclass(frozen=True)
class Robots:
    """What robots.txt says: the sitemaps it lists and whether a URL may be fetched."""

    sitemaps: tuple[str, ...]
    parser: Protego | None  # None: no restrictions (robots.txt missing, RFC 9309 4xx)
    disallow_all: bool = False  # robots.txt unreachable (5xx): assume full disallow

    def allows(self, url: str, user_agent: str) -> bool:
        if self.disallow_all:
            return False
        return self.parser is None or bool(self.parser.can_fetch(url, user_agent))


def parse_robots(text: str) -> Robots:
    parser = Protego.parse(text)
    return Robots(sitemaps=tuple(str(s).strip() for s in parser.sitemaps), parser=parser)


NO_ROBOTS = Robots(sitemaps=(), parser=None)
ROBOTS_UNREACHABLE = Robots(sitemaps=(), parser=None, disallow_all=True)


def origin_of(url: str) -> str:
    """`scheme://host[:port]` of `url`, lower-cased: robots.txt's scope."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def robots_url(url: str) -> str:
    """The robots.txt that rules `url`."""
    return f"{origin_of(url)}/robots.txt"


@dataclass(frozen=True)
class RobotsFile:
    """A host's robots.txt as read: its rules, and the origin it was finally served from
    (after a redirect to www. or https)."""

    robots: Robots
    origin: str


def read_robots(
    asked: str, final_url: str | None, status: int | None, body: bytes, error: FetchError | None
) -> RobotsFile:
    """The rules of the answer to a request for robots.txt at `asked`, per RFC 9309."""
    origin = origin_of(final_url or asked)
    if error is not None or status is None:
        return RobotsFile(ROBOTS_UNREACHABLE, origin_of(asked))
    if 400 <= status < 500:
        return RobotsFile(NO_ROBOTS, origin)
    if status != 200:
        return RobotsFile(ROBOTS_UNREACHABLE, origin)
    return RobotsFile(parse_robots(body.decode("utf-8", "replace")), origin)


class HostRobots:
    """Each host's robots.txt, read once for the whole run (thread-safe: concurrent askers of
    one host wait for the one request). `fetch` is the page fetcher's, so a warm run reads the
    file from the fetch cache."""

    def __init__(self, fetch: Callable[[str], FetchResult], user_agent: str) -> None:
        self._fetch = fetch
        self.user_agent = user_agent
        self._files: dict[str, Robots] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def allows(self, url: str) -> bool:
        """Whether robots.txt lets citecheck fetch `url` (False when it could not be read)."""
        return self.rules_for(url).allows(url, self.user_agent)

    def rules_for(self, url: str) -> Robots:
        origin = origin_of(url)
        with self._lock:
            host_lock = self._locks.setdefault(origin, threading.Lock())
        with host_lock:
            if origin not in self._files:
                asked = robots_url(url)
                fetched = self._fetch(asked)
                read = read_robots(
                    asked, fetched.final_url, fetched.status, fetched.body, fetched.error
                )
                self._files[origin] = read.robots
            return self._files[origin]
