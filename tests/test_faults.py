"""The fault policy, row by row: what each fetch outcome means for the verdict, the fetch cache
and the archive fallback, and that everything that decides asks the same table."""

from __future__ import annotations

import pytest

from citecheck.faults import Keep, fault_for_error, policy_for
from citecheck.fetch.cache import CachedFetch, is_cacheable
from citecheck.locate import is_dead
from citecheck.match.fetch_outcome import fetch_outcome
from citecheck.models import FetchError, FetchErrorKind, FetchResult, Status

F, B, U = Status.FAILED, Status.BLOCKED, Status.UNVERIFIABLE

# status code -> (verdict, how long it may be cached, try an archived copy)
STATUS_ROWS: list[tuple[int, Status | None, Keep, bool]] = [
    (200, None, Keep.PAGE, False),
    (203, None, Keep.PAGE, False),
    (300, F, Keep.BRIEFLY, True),  # a redirect with no usable Location
    (400, F, Keep.BRIEFLY, True),
    (401, B, Keep.BRIEFLY, False),
    (403, B, Keep.BRIEFLY, False),
    (404, F, Keep.BRIEFLY, True),
    (407, U, Keep.NEVER, False),  # our proxy wants credentials: nothing to do with the source
    (410, F, Keep.BRIEFLY, True),
    (429, B, Keep.BRIEFLY, False),
    (451, B, Keep.BRIEFLY, False),
    (500, F, Keep.BRIEFLY, True),
    (503, F, Keep.BRIEFLY, True),
    (999, B, Keep.BRIEFLY, False),  # LinkedIn's "go away"
]
# error kind -> (verdict, how long it may be cached, try an archived copy)
ERROR_ROWS: list[tuple[FetchErrorKind, Status, Keep, bool]] = [
    (FetchErrorKind.INVALID_URL, F, Keep.NEVER, False),
    (FetchErrorKind.DNS, F, Keep.BRIEFLY, True),
    (FetchErrorKind.REFUSED, F, Keep.BRIEFLY, True),
    (FetchErrorKind.CONNECTION, F, Keep.BRIEFLY, True),
    (FetchErrorKind.CERTIFICATE, U, Keep.NEVER, False),
    (FetchErrorKind.TOO_MANY_REDIRECTS, F, Keep.BRIEFLY, True),
    (FetchErrorKind.TIMEOUT, U, Keep.BRIEFLY, True),
    (FetchErrorKind.PRIVATE_ADDRESS, U, Keep.NEVER, False),
    (FetchErrorKind.BODY_TOO_LARGE, U, Keep.BRIEFLY, False),
    (FetchErrorKind.NETWORK_DOWN, U, Keep.NEVER, False),
    (FetchErrorKind.PROXY, U, Keep.NEVER, False),
    (FetchErrorKind.CUT_SHORT, U, Keep.NEVER, False),
    (FetchErrorKind.NOT_IN_CACHE, U, Keep.NEVER, False),
    (FetchErrorKind.NOT_IN_ARCHIVE, U, Keep.NEVER, False),
    (FetchErrorKind.ROBOTS, U, Keep.NEVER, False),
    (FetchErrorKind.CANCELLED, U, Keep.NEVER, False),
]


def status_result(code: int) -> FetchResult:
    return FetchResult("https://news.example/story", status=code)


def error_result(kind: FetchErrorKind) -> FetchResult:
    return FetchResult("https://news.example/story", error=FetchError(kind, "detail"))


@pytest.mark.parametrize(("code", "status", "keep", "try_archive"), STATUS_ROWS)
def test_status_codes(code: int, status: Status | None, keep: Keep, try_archive: bool) -> None:
    result = status_result(code)
    fault = policy_for(result)
    assert (fault.status, fault.keep, fault.try_archive) == (status, keep, try_archive)
    # Everything that decides asks the same table.
    assert fetch_outcome(result).status is status
    assert is_dead(result) is try_archive
    assert is_dead(result.stamp()) is try_archive
    assert is_cacheable(result) is (keep is not Keep.NEVER)
    assert CachedFetch.from_result(result, 0.0).keep is keep


@pytest.mark.parametrize(("kind", "status", "keep", "try_archive"), ERROR_ROWS)
def test_error_kinds(kind: FetchErrorKind, status: Status, keep: Keep, try_archive: bool) -> None:
    result = error_result(kind)
    fault = policy_for(result)
    assert (fault.status, fault.keep, fault.try_archive) == (status, keep, try_archive)
    assert fetch_outcome(result).status is status
    assert is_dead(result) is try_archive
    assert is_dead(result.stamp()) is try_archive
    assert is_cacheable(result) is (keep is not Keep.NEVER)


def test_every_error_kind_has_a_row() -> None:
    assert {kind for kind, *_ in ERROR_ROWS} == set(FetchErrorKind)
    for kind in FetchErrorKind:
        assert fault_for_error(kind).reason != "could not fetch"


def test_a_dead_source_is_never_kept_as_long_as_a_page() -> None:
    for code, status, keep, _ in STATUS_ROWS:
        assert (keep is Keep.PAGE) is (status is None), code


def test_reasons_name_the_status_and_the_url() -> None:
    outcome = fetch_outcome(status_result(404))
    assert outcome.reason == "HTTP 404 Not Found at https://news.example/story"
    outcome = fetch_outcome(status_result(503))
    assert (
        outcome.reason
        == "HTTP 503 Service Unavailable at https://news.example/story (after retries)"
    )
    outcome = fetch_outcome(status_result(403))
    assert (
        outcome.reason == "HTTP 403 Forbidden at https://news.example/story: the server refused us"
    )


@pytest.mark.parametrize(
    ("kind", "message", "reason"),
    [
        (FetchErrorKind.NOT_IN_CACHE, "not in cache", "not in cache (offline run)"),
        (FetchErrorKind.NETWORK_DOWN, "network unavailable", "network unavailable"),
        (
            FetchErrorKind.PRIVATE_ADDRESS,
            "refused: 0.0.0.0 is an unspecified address (--allow-private would allow it)",
            "refused: 0.0.0.0 is an unspecified address (--allow-private would allow it)",
        ),
        (
            FetchErrorKind.REFUSED,
            "connection refused by a.example",
            "connection refused by a.example",
        ),
        (
            FetchErrorKind.TIMEOUT,
            "timed out talking to a.example",
            "timed out talking to a.example",
        ),
        (
            FetchErrorKind.PROXY,
            "network unavailable (proxy 10.0.0.1:3128 refused the connection)",
            "network unavailable (proxy 10.0.0.1:3128 refused the connection)",
        ),
        (
            FetchErrorKind.DNS,
            "DNS lookup failed for a.example",
            "unknown host (DNS lookup failed for a.example)",
        ),
        (
            FetchErrorKind.CONNECTION,
            "a.example: Connection reset by peer",
            "connection failed (a.example: Connection reset by peer)",
        ),
    ],
)
def test_reasons_are_said_once(kind: FetchErrorKind, message: str, reason: str) -> None:
    result = FetchResult("https://a.example/", error=FetchError(kind, message))
    assert fetch_outcome(result).reason == f"{reason} at https://a.example/"
