"""Soft 404s: an article that is gone, answered with 200 (or a redirect to somewhere that is).

As InternetArchiveBot's dead-link checker does, two signs are read:

- a redirect from an article to the site's home page, or to an error path (`/404`,
  `/not-found`, `/error`), is a dead link whatever status the end of the chain has;
- the host's answer to a made-up URL (a random path on the same host, asked once per host and
  remembered for the run): a page that looks like that answer (both redirected to the same
  place, or the same title and nearly the same text) is the host's "not found" page, served
  with 200.

The made-up URL costs at most one request per host, and is only asked for a suspicious page
(the caller decides: one whose title does not match its citation, or that was redirected to
another path). A host whose made-up URL gets a real 404, and whose page looks unlike that 404
page, is left alone. A page whose own title says it was not found, while the cited title does
not say so, needs no request at all. The made-up URL is asked only where the host's robots.txt
lets citecheck fetch it (read once per host, `citecheck.robots`); where it does not, no probe is
sent and the page is judged without the comparison.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from rapidfuzz import fuzz

from citecheck.models import FetchError, FetchErrorKind, FetchResult

if TYPE_CHECKING:
    from citecheck.transport import Transport

Probe = Callable[[str], FetchResult]

_ROOT_PATHS = re.compile(r"^/?(?:(?:index|default|home)\.(?:html?|php|aspx?|jsp))?$", re.IGNORECASE)
_ERROR_PATH = re.compile(
    r"(?:^|[/_.=-])(?:404|410|not[-_]?found|page[-_]?not[-_]?found|notfound|error|errors|"
    r"fehler|erreur|pagina[-_]?no[-_]?encontrada)(?:[/_.?&=-]|$)",
    re.IGNORECASE,
)
_NOT_FOUND_SEGMENT = re.compile(
    r"^(?:(?:error\s*)?404\b.*|.*\bpage (?:was )?not found\b.*|(?:file|content|article|page|"
    r"story|post) (?:not found|no longer (?:exists|available))\b.*|not found|nothing found|"
    r"page (?:does not|doesn't|no longer) exists?|.*\bseite nicht gefunden\b.*|"
    r".*\bpage introuvable\b.*|.*\bp[áa]gina no encontrada\b.*|.*\bpagina non trovata\b.*)$",
    re.IGNORECASE,
)
_TITLE_SEGMENTS = re.compile(r"\s+[|\-–—:·»]\s+")
_PATH_SEPARATORS = re.compile(r"[/_.\-]+")
_WORD = re.compile(r"\w+")
_TEXT_CHARS = 20_000  # a long article and a short error page must not look alike
_SAME_TEMPLATE = 80.0  # text similarity of two pages of one template (with the same title)
_SAME_PAGE = 95.0  # text similarity of one page served twice (under any title)


@dataclass(frozen=True)
class PageSample:
    """What is compared of a page: where it ended up, its title, the start of its text."""

    requested_url: str
    final_url: str
    redirected: bool
    title: str
    text: str


Sampler = Callable[[FetchResult], PageSample]


def redirect_sign(fetched: FetchResult) -> str | None:
    """A soft 404 told by the redirect chain alone: an article sent to the site's home page or
    to an error path. None when the chain says nothing (or there was none)."""
    if not fetched.redirects or not fetched.final_url:
        return None
    requested = urlsplit(fetched.requested_url)
    final = urlsplit(fetched.final_url)
    if not _is_root(requested.path) and _is_root(final.path) and not final.query:
        return f"redirected to the site's home page ({fetched.final_url})"
    requested_place = unquote(requested.path + "?" + requested.query)
    final_place = unquote(final.path + "?" + final.query)
    if _ERROR_PATH.search(final_place) and not _ERROR_PATH.search(requested_place):
        return f"redirected to an error page ({fetched.final_url})"
    return None


def says_not_found(title: str) -> bool:
    """Whether a page title (or one of its segments: "Page not found | Daily") says the page
    was not found."""
    return any(_NOT_FOUND_SEGMENT.match(part.strip()) for part in _TITLE_SEGMENTS.split(title))


def made_up_url(url: str, token: str) -> str:
    """A URL on `url`'s host that no site has a page at."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/{token}"


class HostNotFoundPages:
    """Each host's answer to a made-up URL, asked once per host for the whole run (thread-safe:
    concurrent askers of one host wait for the one request). `allowed` says whether robots.txt
    lets the made-up URL be asked (always, when not given)."""

    def __init__(
        self,
        probe: Probe,
        sample: Sampler,
        token: Callable[[], str] | None = None,
        allowed: Callable[[str], bool] | None = None,
    ):
        self._probe = probe
        self._sample = sample
        self._token = token or (lambda: f"{secrets.token_hex(12)}.html")
        self._allowed = allowed or (lambda url: True)
        self._answers: dict[str, PageSample | None] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        self.probes = 0  # made-up URLs asked (one per host at most)
        self.disallowed = 0  # hosts whose robots.txt kept their made-up URL from being asked

    def answer(self, url: str) -> PageSample | None:
        """The host's answer to a made-up URL; None when it gave none (an error, offline) or
        its robots.txt does not let the made-up URL be asked."""
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        with self._lock:
            host_lock = self._locks.setdefault(origin, threading.Lock())
        with host_lock:
            if origin not in self._answers:
                self._answers[origin] = self._ask(made_up_url(url, self._token()))
            return self._answers[origin]

    def _ask(self, url: str) -> PageSample | None:
        if not self._allowed(url):
            self.disallowed += 1
            return None
        self.probes += 1
        fetched = self._probe(url)
        if fetched.error is not None or fetched.status is None:
            return None
        return self._sample(fetched)


def looks_like_not_found(page: PageSample, not_found: PageSample) -> str | None:
    """Why `page` is the host's answer to a made-up URL over again, or None if it is not."""
    if page.redirected and not_found.redirected and _same(page.final_url, not_found.final_url):
        return f"redirected where a made-up URL on this host goes too ({page.final_url})"
    page_text = _without_request(page.text, page)
    probe_text = _without_request(not_found.text, not_found)
    if not page_text and not probe_text:
        return None
    same_title = bool(page.title) and page.title.casefold() == not_found.title.casefold()
    # Below the cutoff, ratio answers 0 without finishing (texts of very different lengths
    # are told apart at once): most pages compared are nothing like the host's error page.
    cutoff = _SAME_TEMPLATE if same_title else _SAME_PAGE
    if fuzz.ratio(page_text, probe_text, score_cutoff=cutoff):
        return "the page is the one this host serves for a made-up URL"
    return None


def _without_request(text: str, page: PageSample) -> str:
    """`text` without the address it was asked for (a not-found page often repeats it), case
    folded, as the text it is compared with is. Plain string work: a pattern made for each
    page cost more to compile than the whole comparison."""
    text = text[:_TEXT_CHARS].casefold()
    words: set[str] = set()
    for url in {page.requested_url, page.final_url}:
        path = urlsplit(url).path
        for piece in (url, unquote(path), path):
            if len(piece) > 1:  # as the page prints it, quoted its own way (%c2 or %C2)
                text = text.replace(piece.casefold(), " ")
        for part in _PATH_SEPARATORS.split(unquote(path)):
            words.update(word for word in _WORD.findall(part.casefold()) if len(word) > 3)
    if words:
        text = _blank_words(text, words)
    return " ".join(text.split())


def _blank_words(text: str, words: set[str]) -> str:
    """`text` with each whole-word occurrence of `words` (words as `_WORD` finds them) made a
    space. Each word is looked for with str.find: a callback for every word of the text cost a
    Python call per word of a 20,000-character page."""
    spans: list[tuple[int, int]] = []
    for word in words:
        start = text.find(word)
        while start != -1:
            end = start + len(word)
            if (start == 0 or not _is_word_character(text[start - 1])) and (
                end == len(text) or not _is_word_character(text[end])
            ):
                spans.append((start, end))
            start = text.find(word, end)
    if not spans:
        return text
    spans.sort()
    pieces: list[str] = []
    last = 0
    for start, end in spans:
        pieces.append(text[last:start])
        pieces.append(" ")
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _is_word_character(character: str) -> bool:
    # What `\w` matches in a str pattern: a letter or digit of any script, or "_".
    return character.isalnum() or character == "_"


def _is_root(path: str) -> bool:
    return bool(_ROOT_PATHS.match(path))


def _same(first: str, second: str) -> bool:
    return first.rstrip("/").lower() == second.rstrip("/").lower()


_PROBE_MAX_BYTES = 2_000_000  # a not-found page is small; this is plenty to compare


def transport_probe(transport: Transport | None) -> Probe:
    """Made-up URLs asked over the shared transport, never through the fetch cache (a random
    address is never asked twice). Without a transport (a replay, an offline run) every probe
    answers with an error, so no page is judged by one."""

    def probe(url: str) -> FetchResult:
        if transport is None:
            error = FetchError(FetchErrorKind.NOT_IN_CACHE, "no live network in this run")
            return FetchResult(requested_url=url, error=error)
        response = transport.get(url, max_bytes=_PROBE_MAX_BYTES)
        return FetchResult(
            requested_url=url,
            final_url=response.url,
            status=response.status,
            headers=response.headers,
            body=response.body,
            redirects=list(response.redirects),
            error=response.error,
        )

    return probe
