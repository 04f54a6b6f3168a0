"""The availability client against the fake availability API (protocols.md §1)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import requests
from fake_archive import FakeArchive

from citecheck.transport import Transport
from citecheck.webarchive.availability import AvailabilityClient, Snapshot, parse_availability
from citecheck.webarchive.wire import ArchiveError


def test_the_documented_hit_parses_with_string_fields() -> None:
    hit = {
        "url": "example.com",
        "archived_snapshots": {
            "closest": {
                "status": "200",
                "available": True,
                "url": "http://web.archive.org/web/20060101213916/http://example.com:80/",
                "timestamp": "20060101213916",
            }
        },
        "timestamp": "20060101",
    }
    assert parse_availability(hit) == Snapshot(
        "http://web.archive.org/web/20060101213916/http://example.com:80/",
        "20060101213916",
        200,
        True,
    )


@pytest.mark.parametrize(
    "miss", [{"url": "example.com", "archived_snapshots": {}}, {"archived_snapshots": {}}, {}]
)
def test_a_miss_is_none(miss: object) -> None:
    assert parse_availability(miss) is None


@pytest.mark.parametrize(
    "bad", [[], {"archived_snapshots": []}, {"archived_snapshots": {"closest": {"url": 3}}}]
)
def test_other_shapes_are_archive_errors(bad: object) -> None:
    with pytest.raises(ArchiveError):
        parse_availability(bad)


def test_nearest_either_side_of_the_timestamp(archive: FakeArchive, transport: Transport) -> None:
    archive.add("https://example.org/a", "20160801000000", "x")
    archive.add("https://example.org/a", "20160820000000", "x", status=404)
    client = AvailabilityClient(transport, archive.base + "/wayback/available")
    snapshot = client.closest("https://example.org/a", dt.datetime(2016, 8, 18, tzinfo=dt.UTC))
    # The nearest is not necessarily a 2xx capture: the caller reads `status`.
    assert snapshot is not None and (snapshot.timestamp, snapshot.status) == ("20160820000000", 404)
    assert snapshot.url.startswith("http://")
    newest = client.closest("https://example.org/a")
    assert newest is not None and newest.timestamp == "20160820000000"


def test_empty_although_archived(archive: FakeArchive, transport: Transport) -> None:
    archive.add("https://example.org/a", "20160801000000", "x")
    archive.availability_empty = True
    client = AvailabilityClient(transport, archive.base + "/wayback/available")
    assert client.closest("https://example.org/a") is None


def test_a_429_is_an_archive_error(archive: FakeArchive, transport: Transport) -> None:
    archive.fail_next["/wayback/"] = [(429, "30")] * 3  # longer than the transport will wait
    client = AvailabilityClient(transport, archive.base + "/wayback/available")
    with pytest.raises(ArchiveError, match="availability API answered HTTP 429"):
        client.closest("https://example.org/a")


def test_a_429_with_a_short_retry_after_is_waited_out(
    archive: FakeArchive, transport: Transport
) -> None:
    archive.add("https://example.org/a", "20160801000000", "x")
    archive.fail_next["/wayback/"] = [(429, "1")]
    client = AvailabilityClient(transport, archive.base + "/wayback/available")
    snapshot = client.closest("https://example.org/a")
    assert snapshot is not None and snapshot.timestamp == "20160801000000"
    assert len(archive.requests_to("/wayback/")) == 2


def test_fake_answers_jsonp_on_callback(archive: FakeArchive) -> None:
    archive.add("https://example.org/a", "20160801000000", "x")
    reply = requests.get(
        archive.base + "/wayback/available",
        params={"url": "example.org/a", "callback": "cb"},
        timeout=5,
    )
    assert reply.headers["content-type"].startswith("application/javascript")
    assert reply.text.startswith("cb(") and reply.text.endswith(")")
    assert (
        json.loads(reply.text[3:-1])["archived_snapshots"]["closest"]["timestamp"]
        == "20160801000000"
    )
