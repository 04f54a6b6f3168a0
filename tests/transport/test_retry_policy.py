"""Retry-After parsing and the choice between retrying and keeping a response."""

from __future__ import annotations

import datetime as dt
import email.utils
import random

from citecheck.settings import FetchSettings
from citecheck.transport.retry_after import parse_retry_after
from citecheck.transport.retry_policy import backoff_delay, status_retry_delay

NOW = dt.datetime(2024, 3, 1, 12, 0, 0, tzinfo=dt.UTC)


def test_delay_seconds() -> None:
    assert parse_retry_after("120", NOW) == 120.0
    assert parse_retry_after(" 0 ", NOW) == 0.0


def test_http_date_in_the_future() -> None:
    later = email.utils.format_datetime(NOW + dt.timedelta(seconds=90), usegmt=True)
    assert parse_retry_after(later, NOW) == 90.0


def test_http_date_in_the_past_means_now() -> None:
    assert parse_retry_after("Thu, 01 Jan 2015 00:00:00 GMT", NOW) == 0.0


def test_unreadable_values() -> None:
    for value in (None, "", "soon", "-5", "Mon, 99 Foo 2024 99:99:99 GMT", "9" * 40):
        assert parse_retry_after(value, NOW) is None


def test_backoff_grows_and_stays_within_its_jitter_band() -> None:
    rng = random.Random(7)
    for attempt in range(5):
        ceiling = 0.5 * 2**attempt
        delay = backoff_delay(attempt, 0.5, rng)
        assert ceiling / 2 <= delay <= ceiling


def test_retry_after_is_honoured_up_to_the_cap() -> None:
    settings = FetchSettings(retries=3, max_retry_after=60.0)
    rng = random.Random(1)
    assert status_retry_delay(429, "7", 0, settings, rng) == 7.0
    assert status_retry_delay(503, "61", 0, settings, rng) is None  # over the cap: keep the 503
    assert status_retry_delay(404, "7", 0, settings, rng) is None  # not a retryable status
    assert status_retry_delay(500, None, 3, settings, rng) is None  # retries used up
    backoff = status_retry_delay(502, None, 1, settings, rng)
    assert backoff is not None
    assert 0.5 <= backoff <= 1.0
