"""When to try a request again, and how long to wait first."""

from __future__ import annotations

import random

from citecheck.settings import FetchSettings
from citecheck.transport.retry_after import parse_retry_after

RETRYABLE_STATUSES = frozenset({429, 500, 501, 502, 503, 504})
_MAX_EXPONENT = 16  # keeps 2**attempt finite however many retries a config asks for


def backoff_delay(attempt: int, base: float, rng: random.Random) -> float:
    """Exponential backoff with "equal jitter": half fixed, half random.

    The random half spreads out the retries of many threads that failed at the same moment.
    """
    ceiling = max(0.0, base) * 2.0 ** min(attempt, _MAX_EXPONENT)
    return ceiling / 2 + rng.uniform(0.0, ceiling / 2)


def status_retry_delay(
    status: int,
    retry_after: str | None,
    attempt: int,
    settings: FetchSettings,
    rng: random.Random,
) -> float | None:
    """Seconds to wait before retrying a response with `status`, or None to keep the response.

    `attempt` counts the retries already made. A Retry-After longer than `max_retry_after` means
    the server wants a pause we will not make: the response is kept as it is.
    """
    if status not in RETRYABLE_STATUSES or attempt >= settings.retries:
        return None
    requested = parse_retry_after(retry_after)
    if requested is None:
        return backoff_delay(attempt, settings.backoff, rng)
    if requested > settings.max_retry_after:
        return None
    return requested
