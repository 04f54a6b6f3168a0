"""Memento (RFC 7089): link-format parsing, the fake TimeGate and TimeMap (protocols.md §4)."""

from __future__ import annotations

import datetime as dt

import pytest
import requests
from fake_archive import FakeArchive

from citecheck.transport import Transport
from citecheck.webarchive.memento import (
    Link,
    Memento,
    MementoArchive,
    MementoClient,
    parse_link_format,
)
from citecheck.webarchive.wire import ArchiveError

UTC = dt.UTC
PROTOCOL_TIMEMAP = """<https://example.org/a>; rel="original",
<https://web.archive.org/web/timemap/link/https://example.org/a>; rel="self"; type="application/link-format"; from="Fri, 01 Mar 2019 12:00:00 GMT"; until="Wed, 15 Apr 2020 08:30:12 GMT",
<https://web.archive.org>; rel="timegate",
<https://web.archive.org/web/20190301120000/https://example.org/a>; rel="first memento"; datetime="Fri, 01 Mar 2019 12:00:00 GMT",
<https://web.archive.org/web/20200415083012/https://example.org/a>; rel="last memento"; datetime="Wed, 15 Apr 2020 08:30:12 GMT"
"""


def test_the_protocol_timemap_parses_with_commas_inside_dates() -> None:
    links = parse_link_format(PROTOCOL_TIMEMAP)
    assert [link.uri for link in links][-2:] == [
        "https://web.archive.org/web/20190301120000/https://example.org/a",
        "https://web.archive.org/web/20200415083012/https://example.org/a",
    ]
    assert links[1].params["until"] == "Wed, 15 Apr 2020 08:30:12 GMT"
    assert links[3].rels == {"first", "memento"}


def test_spacing_extra_attributes_and_a_trailing_comma_are_tolerated() -> None:
    text = ' <a> ;rel = "memento" ; datetime="Fri, 01 Mar 2019 12:00:00 GMT";license=cc0 ;\n collection="x, y",\n<b>;rel=original,'
    assert parse_link_format(text) == [
        Link(
            "a",
            {
                "rel": "memento",
                "datetime": "Fri, 01 Mar 2019 12:00:00 GMT",
                "license": "cc0",
                "collection": "x, y",
            },
        ),
        Link("b", {"rel": "original"}),
    ]


@pytest.mark.parametrize("bad", ["https://x/", "<a", '<a>; rel="x', "<a> junk"])
def test_what_is_not_link_format_is_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_link_format(bad)


def _wayback(archive: FakeArchive) -> MementoArchive:
    return MementoArchive("fake", archive.base + "/web/", archive.base + "/web/timemap/link/")


def test_timegate_redirects_to_the_nearest_memento(
    archive: FakeArchive, transport: Transport
) -> None:
    archive.add("https://example.org/a", "20190301120000", "x")
    archive.add("https://example.org/a", "20200415083012", "x")
    client = MementoClient(transport, _wayback(archive))
    memento, links = client.nearest("https://example.org/a", dt.datetime(2019, 3, 5, tzinfo=UTC))
    assert memento == Memento(f"{archive.base}/web/20190301120000/https://example.org/a", None)
    assert any("timemap" in link.rels for link in links)
    (asked,) = archive.requests_to("/web/https")
    assert asked.headers["accept-datetime"] == "Tue, 05 Mar 2019 00:00:00 GMT"


def test_timegate_clamps_to_first_and_last_and_takes_the_newest_without_a_date(
    archive: FakeArchive, transport: Transport
) -> None:
    archive.add("https://example.org/a", "20190301120000", "x")
    archive.add("https://example.org/a", "20200415083012", "x")
    client = MementoClient(transport, _wayback(archive))
    before, _ = client.nearest("https://example.org/a", dt.datetime(2001, 1, 1, tzinfo=UTC))
    after, _ = client.nearest("https://example.org/a", dt.datetime(2030, 1, 1, tzinfo=UTC))
    newest, _ = client.nearest("https://example.org/a", None)
    assert before is not None and "20190301120000" in before.uri
    assert after is not None and "20200415083012" in after.uri
    assert newest is not None and "20200415083012" in newest.uri


def test_timegate_without_mementos_is_none(archive: FakeArchive, transport: Transport) -> None:
    client = MementoClient(transport, _wayback(archive))
    assert client.nearest("https://example.org/none", None)[0] is None


def test_timegate_refusing_is_an_archive_error(archive: FakeArchive, transport: Transport) -> None:
    archive.fail_next["/web/"] = [(503, None)] * 3
    client = MementoClient(transport, _wayback(archive))
    with pytest.raises(ArchiveError, match="fake TimeGate answered HTTP 503"):
        client.nearest("https://example.org/a", None)


def test_fake_timegate_refuses_a_bad_accept_datetime(archive: FakeArchive) -> None:
    archive.add("https://example.org/a", "20190301120000", "x")
    reply = requests.get(
        archive.base + "/web/https://example.org/a",
        headers={"Accept-Datetime": "2019-03-05"},
        allow_redirects=False,
        timeout=5,
    )
    assert reply.status_code == 400


def test_a_paged_timemap_is_read_whole(archive: FakeArchive, transport: Transport) -> None:
    for month in range(1, 8):
        archive.add("https://example.org/a", f"2019{month:02d}01000000", "x")
    archive.timemap_page_size = 3
    client = MementoClient(transport, _wayback(archive))
    mementos = client.timemap("https://example.org/a")
    assert [m.datetime for m in mementos] == [
        dt.datetime(2019, m, 1, tzinfo=UTC) for m in range(1, 8)
    ]
    assert len(archive.requests_to("/web/timemap/")) == 3


def test_a_memento_replays_with_its_datetime(archive: FakeArchive) -> None:
    archive.add("https://example.org/a", "20190301120000", "<title>A</title>")
    exact = requests.get(archive.base + "/web/20190301120000id_/https://example.org/a", timeout=5)
    assert exact.headers["Memento-Datetime"] == "Fri, 01 Mar 2019 12:00:00 GMT"
    assert exact.text == "<title>A</title>"
    inexact = requests.get(
        archive.base + "/web/20190302id_/https://example.org/a", allow_redirects=False, timeout=5
    )
    assert inexact.status_code == 302 and "Memento-Datetime" not in inexact.headers
    assert inexact.headers["Location"].endswith("/web/20190301120000id_/https://example.org/a")
