"""Archives' answers are input like any other: whatever comes back, the parsers either read it
or say it is not what the protocol allows (ArchiveError / ValueError), never anything else."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.webarchive.availability import parse_availability
from citecheck.webarchive.captures import capture_of_address, wayback_parts
from citecheck.webarchive.cdx import parse_cdx_json
from citecheck.webarchive.memento import mementos_of, parse_link_format
from citecheck.webarchive.wire import ArchiveError, parse_json

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=15,
)
# Loaded machines make generation slow: no deadline, no health check on speed or size.
FUZZ = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LINKISH = st.text(alphabet='<>;,="\\ \n\trelmntoigauhdfsy:/.0123456789', max_size=200)


@FUZZ
@given(JSON)
def test_any_json_is_read_or_refused_by_the_cdx_and_availability_parsers(data: object) -> None:
    for parse in (parse_cdx_json, parse_availability):
        with contextlib.suppress(ArchiveError):
            parse(data)


@FUZZ
@given(
    st.lists(
        st.lists(
            st.sampled_from(
                ["urlkey", "timestamp", "original", "statuscode", "2016", "-", "x", ""]
            ),
            max_size=8,
        ),
        max_size=6,
    )
)
def test_cdx_rows_of_any_shape(rows: list[list[str]]) -> None:
    try:
        page = parse_cdx_json(rows)
    except ArchiveError:
        return
    for record in page.records:
        record.captured_at  # noqa: B018 (every record read has a real timestamp)


@FUZZ
@given(LINKISH)
def test_link_format_is_read_or_refused(text: str) -> None:
    try:
        links = parse_link_format(text)
    except ValueError:
        return
    mementos_of(links, "https://archive.example/")


@FUZZ
@given(st.binary(max_size=100))
def test_bodies_that_are_not_json_are_archive_errors(body: bytes) -> None:
    with contextlib.suppress(ArchiveError):
        parse_json(body, "the test archive")


@FUZZ
@given(st.text(max_size=120))
def test_any_archive_url_in_a_citation_gives_a_capture(text: str) -> None:
    capture = capture_of_address("https://web.archive.org/web/" + text)
    assert capture.raw_url
    wayback_parts(text)


@pytest.mark.parametrize(
    "body", [b"\xff\xfe{}", b"<html>Too many requests</html>", json.dumps("x").encode()]
)
def test_odd_bodies(body: bytes) -> None:
    try:
        parse_availability(parse_json(body, "the test archive"))
    except ArchiveError as exc:
        assert "the test archive" in str(exc) or "availability" in str(exc)
