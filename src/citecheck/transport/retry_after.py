"""The `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date."""

from __future__ import annotations

import datetime as dt
import email.utils
import re

_DELAY_SECONDS = re.compile(r"\d{1,12}(\.\d+)?")


def parse_retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait before retrying; None when the header is absent or unreadable.

    A date in the past means "now" (0 seconds).
    """
    if value is None:
        return None
    value = value.strip()
    if _DELAY_SECONDS.fullmatch(value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # HTTP-dates are GMT; "-0000" parses to a naive datetime
        when = when.replace(tzinfo=dt.UTC)
    reference = now if now is not None else dt.datetime.now(dt.UTC)
    return max(0.0, (when - reference).total_seconds())
