"""The data that flows between the pipeline's stages.

load citations -> resolve -> fetch -> extract -> match -> report

Each stage takes the previous stage's dataclasses and returns its own; no stage reaches into
another's internals. Only plain data lives here: no I/O, no behaviour beyond small derived values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from citecheck.partial_date import PartialDate

# --------------------------------------------------------------------------- load citations


@dataclass
class Citation:
    """One note of an article, as written in citations.yaml (or parsed from the article)."""

    id: str
    line: int | None = None  # 1-based line in citations.yaml where the entry starts
    authors: list[str] = field(default_factory=list)
    title: str | None = None
    container: str | None = None  # the journal, website or series the work appears in
    publisher: str | None = None
    date: PartialDate | None = None
    url: str | None = None
    # "lookup": the url (or archive_url) was found by citecheck, for review
    found_by: str | None = None
    doi: str | None = None  # bare, as written: "10.1080/1057610X.2016.1184062"
    archive_url: str | None = None
    archive_date: PartialDate | None = None  # when archive_url was captured
    locator: str | None = None
    accessed: PartialDate | None = None
    same_as: str | None = None  # short form ("Parvez.", "Ibid.") pointing at an earlier id
    context: str | None = None  # the sentence of the article that cites this note


@dataclass
class Article:
    title: str | None = None
    author: str | None = None


@dataclass
class CitationSet:
    path: str
    article: Article
    citations: list[Citation]
    # Doubts about entries that are still checked ("date: 2031-01-01 is in the future"), one
    # line each naming file, line and field, for the caller to show.
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- fetch


class FetchErrorKind(StrEnum):
    INVALID_URL = "invalid_url"
    PRIVATE_ADDRESS = "private_address"  # refused: resolves to a private/loopback/metadata address
    DNS = "dns"  # unknown host
    REFUSED = "refused"  # connection refused
    CONNECTION = "connection"  # reset, TLS failure, other connection trouble
    CERTIFICATE = "certificate"  # the server's TLS certificate is not trusted (or not its name)
    TIMEOUT = "timeout"  # connect/read timeout or total deadline exceeded
    TOO_MANY_REDIRECTS = "too_many_redirects"
    BODY_TOO_LARGE = "body_too_large"  # over the size cap (compressed or decoded)
    NETWORK_DOWN = "network_down"  # nothing resolves or connects: not the source's fault
    PROXY = "proxy"  # our proxy failed (refused the tunnel, answered 502-504 itself, is down)
    CUT_SHORT = "cut_short"  # the body ended before its Content-Length, or a chunk broke off
    NOT_IN_CACHE = "not_in_cache"  # --offline and nothing cached
    NOT_IN_ARCHIVE = "not_in_archive"  # --replay and the URL is not in the WARC
    ROBOTS = "robots"  # disallowed by robots.txt
    CANCELLED = "cancelled"  # the run was stopped while this fetch was under way


@dataclass
class FetchError:
    kind: FetchErrorKind
    message: str


@dataclass
class Hop:
    """One step of a redirect chain: the URL requested and the status it answered with."""

    url: str
    status: int


@dataclass
class FetchResult:
    requested_url: str
    final_url: str | None = None
    status: int | None = None  # HTTP status of the last response
    headers: dict[str, str] = field(default_factory=dict)  # of the last response, names lower-cased
    body: bytes = b""  # content-decoded (gzip/br removed) body, at most the size cap
    text: str | None = None  # body decoded to text, when the fetcher has it (a WARC replay)
    encoding: str | None = None  # the charset used to make `text`, and where it came from
    redirects: list[Hop] = field(default_factory=list)  # every hop before the final response
    error: FetchError | None = None
    from_cache: bool = False
    revalidated: bool = False  # a cached copy confirmed by a 304
    fetched_at: dt.datetime | None = None
    elapsed: float = 0.0
    body_sha1: str | None = None  # hex SHA-1 of `body`, when the fetcher already knows it

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def stamp(self) -> PageStamp:
        return PageStamp(
            requested_url=self.requested_url,
            final_url=self.final_url,
            status=self.status,
            content_type=self.headers.get("content-type", ""),
            redirects=tuple((hop.url, hop.status) for hop in self.redirects),
            error=(self.error.kind.value, self.error.message) if self.error else None,
            body_sha1=self.body_sha1 or hashlib.sha1(self.body).hexdigest(),
        )


@dataclass(frozen=True)
class PageStamp:
    """All that the later stages read of a fetched copy, with its body as a digest: copies
    with equal stamps extract and match alike, so a verdict on one holds for the other. A
    fetcher can tell the stamp of a cached copy without reading its body."""

    requested_url: str
    final_url: str | None
    status: int | None
    content_type: str  # the whole header: its charset decides how the body reads
    redirects: tuple[tuple[str, int], ...]
    error: tuple[str, str] | None  # (FetchErrorKind value, message)
    body_sha1: str


# --------------------------------------------------------------------------- extract


@dataclass(frozen=True)
class Found:
    """A value found on a page and where it was found, e.g. source='json-ld:headline'."""

    value: str
    source: str


class AuthorKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"  # a company, agency, desk or the site itself


@dataclass(frozen=True)
class FoundAuthor(Found):
    """An author found on a page, and whether it names a person or an organisation."""

    kind: AuthorKind


@dataclass(frozen=True)
class FoundDate:
    value: dt.date
    source: str  # e.g. 'json-ld:datePublished', 'meta:article:published_time', 'url'


@dataclass
class PageLinks:
    """Where a page says its article lives: the canonical URL, the AMP version, the PDF."""

    canonical: str | None = None  # <link rel=canonical>
    amp: str | None = None  # <link rel=amphtml>
    pdf: str | None = None  # citation_pdf_url and the like: the document the page presents
    is_amp: bool = False  # the page itself is an AMP page (<html amp>)


class PageKind(StrEnum):
    ARTICLE = "article"  # a page with readable content
    BOT_CHALLENGE = "bot_challenge"  # Cloudflare/Akamai/captcha interstitial served with 200
    PAYWALL = "paywall"  # a login or subscription wall with no content
    JS_SHELL = "js_shell"  # an empty shell that only JavaScript fills
    EMPTY = "empty"  # no content to speak of
    NOT_HTML = "not_html"  # PDF, image, ...
    UNREADABLE = "unreadable"  # a document that cannot be read: a truncated or damaged PDF


@dataclass(frozen=True)
class PageText:
    """A page's head title and the start of its visible text: enough to tell two pages apart,
    or one page template from another."""

    title: str
    text: str


@dataclass
class PageMetadata:
    """Everything extracted from one page, each list ordered best candidate first."""

    url: str | None = None
    kind: PageKind = PageKind.ARTICLE
    titles: list[Found] = field(default_factory=list)
    published: list[FoundDate] = field(default_factory=list)  # original publication dates
    modified: list[FoundDate] = field(default_factory=list)  # update dates, kept apart
    authors: list[FoundAuthor] = field(default_factory=list)  # people first, then organisations
    publishers: list[Found] = field(default_factory=list)
    language: str | None = None
    unreadable: str | None = None  # why an UNREADABLE document could not be read
    links: PageLinks = field(default_factory=PageLinks)
    # The page's text, read from the parse this metadata came from, up to a number of
    # characters; only in the process that extracted it (never kept, compared or shown).
    text_of: Callable[[int], PageText] | None = field(default=None, compare=False, repr=False)

    @property
    def title(self) -> Found | None:
        return self.titles[0] if self.titles else None

    @property
    def date(self) -> FoundDate | None:
        """The page's original date; its update date only when no original date exists."""
        if self.published:
            return self.published[0]
        return self.modified[0] if self.modified else None


# --------------------------------------------------------------------------- match


class CheckStatus(StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    SKIP = "skip"


class CheckName(StrEnum):
    """The fields compared, in the order reports show them."""

    TITLE = "title"
    DATE = "date"
    AUTHORS = "authors"
    PUBLISHER = "publisher"


@dataclass
class Check:
    """One field's comparison between the citation and the page."""

    name: CheckName
    status: CheckStatus
    score: float | None = None  # 0-100 where a score makes sense
    expected: str | None = None
    found: str | None = None
    source: str | None = None  # where `found` came from
    reason: str | None = None  # plain words, shown to the user


class Status(StrEnum):
    VERIFIED = "verified"
    WARNING = "warning"
    FAILED = "failed"
    BLOCKED = "blocked"
    UNVERIFIABLE = "unverifiable"
    SKIPPED = "skipped"  # not checked, as the settings ask (verify.skip_urls): never a failure


STATUS_ORDER = [
    Status.VERIFIED,
    Status.WARNING,
    Status.FAILED,
    Status.BLOCKED,
    Status.UNVERIFIABLE,
    Status.SKIPPED,
]


@dataclass
class LookupCandidate:
    """A URL lookup proposed for a citation, with its source's score and, when it was fetched
    and verified, the status and title score `verify` gave it."""

    url: str
    source: str
    score: float
    status: Status | None = None
    title_score: float | None = None


@dataclass
class LookupSummary:
    """What lookup found for a citation: the URL checked (the best that passes, if any) and
    every candidate, best first."""

    url: str | None
    source: str | None
    score: float | None
    candidates: list[LookupCandidate] = field(default_factory=list)


@dataclass
class CitationResult:
    id: str
    status: Status
    line: int | None = None
    title: str | None = None  # the cited title, for display
    url: str | None = None
    final_url: str | None = None
    http_status: int | None = None
    checks: dict[CheckName, Check] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    redirects: list[Hop] = field(default_factory=list)
    same_as: str | None = None
    from_cache: bool = False
    fetched_url: str | None = None  # the URL actually used (may be the archive copy)
    lookup: LookupSummary | None = None  # set when the URL checked was found by lookup
    moved_to: str | None = None  # the cited page's new address: it moved and still matches
    # What the judged page said of where its article lives (followed when it did not match).
    page_links: PageLinks | None = None
    archive_url: str | None = None  # the archived capture the verdict used, if one was
    archive_date: str | None = None  # that capture's date (YYYY-MM-DD, UTC)
    # The judged page's text, for the second looks at a page that did not match (see
    # follow_up.wants_page_text); dropped once they are done: never reported or kept.
    page_text: PageText | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class RemovedCitation:
    """A citation of the file at the `--changed-since` revision that is no longer in it."""

    id: str
    file: str | None  # the file's path in the repository at that revision
    line: int | None  # 1-based line where its entry started there


@dataclass
class Report:
    """A whole run: what the report writers take."""

    citations_path: str
    results: list[CitationResult]
    started_at: dt.datetime
    finished_at: dt.datetime
    article: Article = field(default_factory=Article)
    interrupted: bool = False  # the run was stopped before every citation was checked
    # `verify --changed-since`: the citations gone since that revision; None without it.
    removed: list[RemovedCitation] | None = None

    def summary(self) -> dict[str, int]:
        counts = {status.value: 0 for status in STATUS_ORDER}
        for result in self.results:
            counts[result.status.value] += 1
        return counts
