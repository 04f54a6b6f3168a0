"""What a fetch alone says about a citation: dead, blocked, unverifiable, or go on and compare.

Decisions (see the README's status table):
- Dead (`failed`): 404, 410 and other 4xx, 5xx (the fetcher has retried them), unknown host,
  connection refused or broken, too many redirects, and an unusable URL: the reader of the
  article would not get the source either.
- `blocked`: 401, 403, 407, 429, 451 and LinkedIn-style 999: the server is there but refused
  us, which says nothing about the source.
- `unverifiable`: our side or our rules stopped us (network down, offline and not cached, not
  in the replay archive, robots.txt, private address, size cap), or a timeout. A slow server is
  not proof of a dead one, and timeouts are often bot defences that hold the connection open,
  so a timeout asks the user to look rather than accusing the source.
"""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus

from citecheck.models import FetchError, FetchErrorKind, FetchResult, Status

BLOCKED_STATUSES = frozenset({401, 403, 407, 429, 451, 999})

_ERROR_VERDICTS: dict[FetchErrorKind, tuple[Status, str]] = {
    FetchErrorKind.INVALID_URL: (Status.FAILED, "invalid URL"),
    FetchErrorKind.DNS: (Status.FAILED, "unknown host"),
    FetchErrorKind.REFUSED: (Status.FAILED, "connection refused"),
    FetchErrorKind.CONNECTION: (Status.FAILED, "connection failed"),
    FetchErrorKind.TOO_MANY_REDIRECTS: (Status.FAILED, "too many redirects"),
    FetchErrorKind.TIMEOUT: (Status.UNVERIFIABLE, "timed out"),
    FetchErrorKind.PRIVATE_ADDRESS: (Status.UNVERIFIABLE, "refused: private address"),
    FetchErrorKind.BODY_TOO_LARGE: (Status.UNVERIFIABLE, "page too large to check"),
    FetchErrorKind.NETWORK_DOWN: (Status.UNVERIFIABLE, "network unavailable"),
    FetchErrorKind.NOT_IN_CACHE: (Status.UNVERIFIABLE, "not in cache (offline run)"),
    FetchErrorKind.NOT_IN_ARCHIVE: (Status.UNVERIFIABLE, "not in archive"),
    FetchErrorKind.ROBOTS: (Status.UNVERIFIABLE, "disallowed by robots.txt"),
}


@dataclass(frozen=True)
class FetchOutcome:
    """`status` None means the page was reached and its content decides."""

    status: Status | None
    reason: str


def fetch_outcome(fetched: FetchResult) -> FetchOutcome:
    url = fetched.final_url or fetched.requested_url
    if fetched.error is not None:
        status, reason = describe_error(fetched.error)
        return FetchOutcome(status, f"{reason} at {url}")
    if fetched.status is None:
        return FetchOutcome(Status.UNVERIFIABLE, f"no response from {url}")
    described = f"{describe_status(fetched.status)} at {url}"
    if 200 <= fetched.status < 300:
        return FetchOutcome(None, described)
    if fetched.status in BLOCKED_STATUSES:
        return FetchOutcome(Status.BLOCKED, f"{described}: the server refused us")
    if 500 <= fetched.status < 600:
        return FetchOutcome(Status.FAILED, f"{described} (after retries)")
    if 300 <= fetched.status < 400:
        return FetchOutcome(Status.FAILED, f"{described} with no usable redirect")
    return FetchOutcome(Status.FAILED, described)


def describe_error(error: FetchError) -> tuple[Status, str]:
    """The verdict for a fetch error and its plain-words label, with the fetcher's detail."""
    status, label = _ERROR_VERDICTS.get(error.kind, (Status.UNVERIFIABLE, "could not fetch"))
    detail = error.message.strip().splitlines()[0][:200] if error.message.strip() else ""
    return status, f"{label} ({detail})" if detail and detail.lower() != label else label


def describe_status(status: int) -> str:
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"
