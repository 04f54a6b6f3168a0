"""THE fault policy: what a fetch outcome says about a cited source, in one table.

Every part of citecheck that has to decide what a failed (or odd) fetch means asks here: the
verdict (`status`, `reason`), the fetch cache (whether to keep the outcome, and for how long)
and the run (whether the link is dead, so that an archived copy is worth trying).

The principles behind the table (see the README's status table):
- Dead (`failed`): 404, 410 and other 4xx, 5xx (the transport has retried them), unknown host,
  connection refused or broken, too many redirects, and an unusable URL: a reader of the
  article would not get the source either. A dead link is worth an archived copy.
- `blocked`: 401, 403, 429, 451 and LinkedIn-style 999: the server is there but refused us,
  which says nothing about the source (and its archived copy would not be what is cited).
- `unverifiable`: our side or our rules stopped us (network down, a proxy's own failure,
  offline and not cached, not in the replay archive, robots.txt, private address, size cap, a
  download cut short), or a timeout: a slow server is not proof of a dead one, and timeouts are
  often bot defences that hold the connection open. Outcomes that say nothing about the source
  are never cached; those that do are cached only briefly (`error_max_age`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from http import HTTPStatus

from citecheck.models import FetchErrorKind, FetchResult, PageStamp, Status


class Keep(StrEnum):
    """How long an outcome may stay in the fetch cache."""

    PAGE = "page"  # like any page: `max_age`, then revalidated
    BRIEFLY = "briefly"  # a failure of the source: `error_max_age`
    NEVER = "never"  # says nothing about the source: fetch again next time


@dataclass(frozen=True)
class Fault:
    """What one fetch outcome means. `status` None: the page was reached; its content decides."""

    status: Status | None
    label: str  # in plain words, e.g. "HTTP 503 Service Unavailable" or "unknown host"
    keep: Keep
    try_archive: bool  # the link itself is dead: an archived copy is worth fetching
    note: str = ""  # said after the label and the URL, e.g. " (after retries)"

    @property
    def reason(self) -> str:
        """The label and the note, without the URL."""
        return self.label + self.note


REACHED = Fault(None, "", Keep.PAGE, try_archive=False)
_PROXY_AUTHENTICATION = 407
BLOCKED_STATUSES = frozenset({401, 403, 429, 451, 999})

_BLOCKED = "the server refused us"
_ERRORS: dict[FetchErrorKind, Fault] = {
    FetchErrorKind.INVALID_URL: Fault(Status.FAILED, "invalid URL", Keep.NEVER, False),
    FetchErrorKind.DNS: Fault(Status.FAILED, "unknown host", Keep.BRIEFLY, True),
    FetchErrorKind.REFUSED: Fault(Status.FAILED, "connection refused", Keep.BRIEFLY, True),
    FetchErrorKind.CONNECTION: Fault(Status.FAILED, "connection failed", Keep.BRIEFLY, True),
    # A certificate not trusted here (a private CA, an intercepting proxy, an expired one):
    # the page may well be there; trusting the right CA (REQUESTS_CA_BUNDLE) may change it.
    FetchErrorKind.CERTIFICATE: Fault(
        Status.UNVERIFIABLE, "TLS certificate not trusted", Keep.NEVER, False
    ),
    FetchErrorKind.TOO_MANY_REDIRECTS: Fault(
        Status.FAILED, "too many redirects", Keep.BRIEFLY, True
    ),
    FetchErrorKind.TIMEOUT: Fault(Status.UNVERIFIABLE, "timed out", Keep.BRIEFLY, True),
    FetchErrorKind.PRIVATE_ADDRESS: Fault(
        Status.UNVERIFIABLE, "refused: private address", Keep.NEVER, False
    ),
    FetchErrorKind.BODY_TOO_LARGE: Fault(
        Status.UNVERIFIABLE, "page too large to check", Keep.BRIEFLY, False
    ),
    FetchErrorKind.NETWORK_DOWN: Fault(
        Status.UNVERIFIABLE, "network unavailable", Keep.NEVER, False
    ),
    FetchErrorKind.PROXY: Fault(
        Status.UNVERIFIABLE, "network unavailable (proxy)", Keep.NEVER, False
    ),
    FetchErrorKind.CUT_SHORT: Fault(Status.UNVERIFIABLE, "download cut short", Keep.NEVER, False),
    FetchErrorKind.NOT_IN_CACHE: Fault(
        Status.UNVERIFIABLE, "not in cache (offline run)", Keep.NEVER, False
    ),
    FetchErrorKind.NOT_IN_ARCHIVE: Fault(Status.UNVERIFIABLE, "not in archive", Keep.NEVER, False),
    FetchErrorKind.ROBOTS: Fault(
        Status.UNVERIFIABLE, "disallowed by robots.txt", Keep.NEVER, False
    ),
    FetchErrorKind.CANCELLED: Fault(Status.UNVERIFIABLE, "stopped by the user", Keep.NEVER, False),
}
_UNKNOWN_ERROR = Fault(Status.UNVERIFIABLE, "could not fetch", Keep.NEVER, False)
_NO_RESPONSE = Fault(Status.UNVERIFIABLE, "no response", Keep.NEVER, False)


def fault_for_error(kind: FetchErrorKind) -> Fault:
    """What a fetch error of `kind` (no HTTP response) means."""
    return _ERRORS.get(kind, _UNKNOWN_ERROR)


def fault_for_status(status: int) -> Fault:
    """What the final HTTP status `status` means (after redirects and retries)."""
    described = describe_status(status)
    if 200 <= status < 300:
        return REACHED
    if status == _PROXY_AUTHENTICATION:  # only a proxy asks this: ours wants credentials
        reason = f"network unavailable (proxy requires authentication: {described})"
        return Fault(Status.UNVERIFIABLE, reason, Keep.NEVER, False)
    if status in BLOCKED_STATUSES:
        return Fault(Status.BLOCKED, described, Keep.BRIEFLY, False, note=f": {_BLOCKED}")
    if 500 <= status < 600:
        return Fault(Status.FAILED, described, Keep.BRIEFLY, True, note=" (after retries)")
    if 300 <= status < 400:
        return Fault(Status.FAILED, described, Keep.BRIEFLY, True, note=" with no usable redirect")
    return Fault(Status.FAILED, described, Keep.BRIEFLY, True)


def policy_for(outcome: FetchResult | PageStamp) -> Fault:
    """What a fetch outcome (a result, or the stamp of a cached one) means."""
    if isinstance(outcome, PageStamp):
        kind = FetchErrorKind(outcome.error[0]) if outcome.error else None
    else:
        kind = outcome.error.kind if outcome.error else None
    return fault_of(outcome.status, kind)


def fault_of(status: int | None, error: FetchErrorKind | None) -> Fault:
    """What an outcome means, given its final HTTP status or (when there is no response) the
    kind of its error."""
    if error is not None:
        return fault_for_error(error)
    if status is None:
        return _NO_RESPONSE
    return fault_for_status(status)


def describe_status(status: int) -> str:
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"
