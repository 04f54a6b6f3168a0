"""The CDX client against the fake CDX server, and the JSON shapes of protocols.md §2."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import requests
from fake_archive import FakeArchive

from citecheck.fetch.http import HttpFetcher
from citecheck.lookup.http_port import FetcherPort
from citecheck.transport import Transport
from citecheck.webarchive.cdx import CdxClient, CdxPage, CdxRecord, parse_cdx_json
from citecheck.webarchive.wire import ArchiveError

URL = "https://example.org/a"


def _archive_of_a(archive: FakeArchive) -> None:
    archive.add(URL, "20190301120000", "<title>A</title>")
    archive.add("http://www.example.org:80/a", "20200415083012", "<title>A</title>", revisit=True)
    archive.add(URL, "20160815101010", "<title>gone</title>", status=404)
    archive.add(URL, "20160810090000", "<title>A</title>")
    archive.add("https://example.org/b", "20160810090000", "<title>B</title>")


def test_the_protocol_example_parses_by_its_header_row() -> None:
    data = [
        ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"],
        [
            "org,example)/a",
            "20190301120000",
            "https://example.org/a",
            "text/html",
            "200",
            "AAAAB2LT",
            "2048",
        ],
        [
            "org,example)/a",
            "20200415083012",
            "http://www.example.org:80/a",
            "warc/revisit",
            "-",
            "AAAAB2LT",
            "610",
        ],
    ]
    page = parse_cdx_json(data)
    assert page.records == [
        CdxRecord(
            "20190301120000",
            "https://example.org/a",
            200,
            "text/html",
            "AAAAB2LT",
            "org,example)/a",
            2048,
        ),
        CdxRecord(
            "20200415083012",
            "http://www.example.org:80/a",
            None,
            "warc/revisit",
            "AAAAB2LT",
            "org,example)/a",
            610,
        ),
    ]
    assert page.records[0].captured_at == dt.datetime(2019, 3, 1, 12, tzinfo=dt.UTC)


def test_fields_follow_the_header_whatever_their_order() -> None:
    page = parse_cdx_json([["original", "timestamp"], ["https://example.org/a", "2019"]])
    assert page.records == [CdxRecord("2019", "https://example.org/a")]


@pytest.mark.parametrize("empty", [[], [["urlkey", "timestamp", "original"]]])
def test_no_captures_is_an_empty_list_or_a_header_alone(empty: list[list[str]]) -> None:
    assert parse_cdx_json(empty).records == []


def test_a_resume_key_is_taken_off_the_rows() -> None:
    page = parse_cdx_json([["timestamp", "original"], ["2019", "https://e.org/"], [], ["key123"]])
    assert page.resume_key == "key123"
    assert [r.timestamp for r in page.records] == ["2019"]


@pytest.mark.parametrize(
    "bad",
    [
        {"a": 1},
        [["timestamp"], ["2019"]],
        [["timestamp", "original"], ["2019"]],
        [["timestamp", "original"], ["20x9", "u"]],
    ],
)
def test_other_shapes_are_archive_errors(bad: object) -> None:
    with pytest.raises(ArchiveError):
        parse_cdx_json(bad)


def test_closest_asks_for_2xx_captures_nearest_first(
    archive: FakeArchive, transport: Transport
) -> None:
    _archive_of_a(archive)
    client = CdxClient(transport, archive.base)
    page = client.search(URL, closest=dt.datetime(2016, 8, 16, tzinfo=dt.UTC), limit=5)
    # The 404 of 2016-08-15 and the revisit are filtered out; 2016-08-10 is nearest.
    assert [r.timestamp for r in page.records] == ["20160810090000", "20190301120000"]
    (request,) = archive.requests_to("/cdx/search/cdx")
    query = dict(request.query)
    assert query["filter"] == "statuscode:2.."
    assert (query["sort"], query["closest"], query["output"]) == (
        "closest",
        "20160816000000",
        "json",
    )


def test_every_status_when_no_filter_is_asked(archive: FakeArchive, transport: Transport) -> None:
    _archive_of_a(archive)
    client = CdxClient(transport, archive.base)
    page = client.search(URL, filters=())
    assert [(r.timestamp, r.status) for r in page.records] == [
        ("20160810090000", 200),
        ("20160815101010", 404),
        ("20190301120000", 200),
        ("20200415083012", None),
    ]


def test_filters_repeat_and_negate(archive: FakeArchive, transport: Transport) -> None:
    _archive_of_a(archive)
    client = CdxClient(transport, archive.base)
    page = client.search(URL, filters=("!statuscode:404", "!mimetype:warc/revisit"))
    assert [r.timestamp for r in page.records] == ["20160810090000", "20190301120000"]
    filters = [v for k, v in archive.requests_to("/cdx/")[0].query if k == "filter"]
    assert filters == ["!statuscode:404", "!mimetype:warc/revisit"]


def test_newest_reads_the_last_captures(archive: FakeArchive, transport: Transport) -> None:
    _archive_of_a(archive)
    client = CdxClient(transport, archive.base)
    assert [r.timestamp for r in client.newest(URL, 1)] == ["20190301120000"]
    query = dict(archive.requests_to("/cdx/")[0].query)
    assert (query["limit"], query["fastLatest"]) == ("-1", "true")


def test_since_and_until_bound_the_captures(archive: FakeArchive, transport: Transport) -> None:
    _archive_of_a(archive)
    client = CdxClient(transport, archive.base)
    page = client.search(URL, since="2016", until="2016")
    assert [r.timestamp for r in page.records] == ["20160810090000"]


def test_a_url_with_a_query_is_sent_encoded(archive: FakeArchive, transport: Transport) -> None:
    archive.add("https://example.org/story?id=7&x=1", "20160810090000", "<title>S</title>")
    archive.add("https://example.org/story?id=8", "20160810090000", "<title>T</title>")
    client = CdxClient(transport, archive.base)
    page = client.search("https://example.org/story?id=7&x=1")
    assert [r.original for r in page.records] == ["https://example.org/story?id=7&x=1"]


def test_paging_with_a_resume_key(archive: FakeArchive, transport: Transport) -> None:
    for day in range(1, 6):
        archive.add(URL, f"201608{day:02d}000000", "<title>A</title>")
    client = CdxClient(transport, archive.base)
    first = client.search(URL, limit=3, show_resume_key=True)
    assert len(first.records) == 3 and first.resume_key is not None
    rest = client.search(URL, limit=3, show_resume_key=True, resume_key=first.resume_key)
    assert [r.timestamp[:8] for r in rest.records] == ["20160804", "20160805"]
    assert rest.resume_key is None


def test_a_refusal_is_an_archive_error_naming_the_service(
    archive: FakeArchive, transport: Transport
) -> None:
    archive.fail_next["/cdx/"] = [(429, "30")]
    client = CdxClient(transport, archive.base)
    with pytest.raises(
        ArchiveError, match=r"the Wayback CDX server answered HTTP 429; it asks to retry after 30"
    ):
        client.search(URL)


# --- the fake itself follows the protocol where the client does not go ----------------------


def test_fake_text_output_fields_and_adjacent_collapse(archive: FakeArchive) -> None:
    _archive_of_a(archive)
    archive.add(URL, "20190301130000", "<title>A</title>")
    base = f"{archive.base}/cdx/search/cdx"
    text = requests.get(base, params={"url": URL, "fl": "timestamp,statuscode"}, timeout=5).text
    assert text.splitlines() == [
        "20160810090000 200",
        "20160815101010 404",
        "20190301120000 200",
        "20190301130000 200",
        "20200415083012 -",
    ]
    collapsed = requests.get(
        base,
        params={"url": URL, "fl": "timestamp", "collapse": "timestamp:8", "output": "json"},
        timeout=5,
    ).json()
    assert collapsed == [
        ["timestamp"],
        ["20160810090000"],
        ["20160815101010"],
        ["20190301120000"],
        ["20200415083012"],
    ]
    prefix = requests.get(
        base, params={"url": "example.org/*", "fl": "original", "output": "json"}, timeout=5
    ).json()
    assert ["https://example.org/b"] in prefix
    empty = requests.get(
        base, params={"url": "https://nowhere.example/", "output": "json"}, timeout=5
    )
    assert empty.json() == []


def test_requests_keep_their_interval_across_threads(
    archive: FakeArchive, transport: Transport
) -> None:
    import threading
    import time

    client = CdxClient(transport, archive.base, interval=0.2)
    started = time.monotonic()
    threads = [threading.Thread(target=client.search, args=(URL,)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Three requests, each starting 0.2 s after the one before: the last at 0.4 s at least.
    assert time.monotonic() - started >= 0.4
    assert len(archive.requests_to("/cdx/")) == 3


def test_an_answer_the_page_cache_holds_waits_for_no_pause(
    archive: FakeArchive, transport: Transport, tmp_path: Path
) -> None:
    """The pause between CDX requests spares the archive: an answer read from the page cache
    reaches no server, so a run again soon (a warm re-run) does not wait for it."""
    import threading

    settings = dataclasses.replace(transport.settings, cache_dir=tmp_path / "cache")
    _archive_of_a(archive)
    with HttpFetcher(settings, transport) as fetcher:
        client = CdxClient(FetcherPort(fetcher), archive.base, interval=3600)
        first = client.search(URL)  # the first request starts at once
        again: list[CdxPage] = []
        thread = threading.Thread(target=lambda: again.append(client.search(URL)), daemon=True)
        thread.start()
        thread.join(timeout=60)  # paced, it would wait an hour
        assert not thread.is_alive()
    assert again == [first]
    assert len(archive.requests_to("/cdx/")) == 1
