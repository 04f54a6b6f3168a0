"""The Wayback CDX lookup against the fake archive of tests/webarchive (protocols.md §2): the
query around the cited host and section, the date window, and slugs ranked by the title."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler

from citecheck.fetch.http import HttpFetcher
from citecheck.lookup.runner import make_finder
from citecheck.lookup.wayback import WaybackLookup
from citecheck.match.aliases import alias_table
from citecheck.models import Citation, Status
from citecheck.partial_date import PartialDate
from citecheck.settings import Settings
from citecheck.webarchive.cdx import CdxClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "webarchive"))
from fake_archive import FakeArchive

PAGE = """<html><head><title>{title}</title>
<meta property="article:published_time" content="2015-06-12T08:00:00Z"></head>
<body><article><h1>{title}</h1><p>{text}</p></article></body></html>"""
TITLE = "Protesters Wave Flags of Isis, Pakistan in Kashmir Valley"


@pytest.fixture
def archive() -> Iterator[FakeArchive]:
    # A threaded werkzeug server switches werkzeug's handler class to HTTP/1.1 for the whole
    # process; put it back, so that later tests' servers speak as they did before.
    had = "protocol_version" in vars(WSGIRequestHandler)
    before = WSGIRequestHandler.protocol_version
    fake = FakeArchive()
    fake.start()
    try:
        yield fake
    finally:
        fake.stop()
        if had:
            WSGIRequestHandler.protocol_version = before
        elif "protocol_version" in vars(WSGIRequestHandler):
            del WSGIRequestHandler.protocol_version


def cited(url: str | None = "http://www.ibtimes.co.in/kashmir/old-link-123") -> Citation:
    return Citation(
        id="ix",
        title=TITLE,
        publisher="International Business Times",
        date=PartialDate.parse("2015-06-12"),
        url=url,
    )


def fill(archive: FakeArchive) -> None:
    right = (
        "http://www.ibtimes.co.in/kashmir/protesters-wave-flags-isis-pakistan-kashmir-valley-635241"
    )
    archive.add(right, "20150613101010", PAGE.format(title=TITLE, text="Srinagar. " * 60))
    archive.add(right, "20150901101010", PAGE.format(title=TITLE, text="Srinagar. " * 60))
    archive.add(
        "http://www.ibtimes.co.in/kashmir/kashmir-valley-floods-635300",
        "20150614000000",
        PAGE.format(title="Kashmir valley floods", text="Rain. " * 60),
    )
    archive.add("http://www.ibtimes.co.in/kashmir/gone-635999", "20150614000000", "", status=404)
    archive.add(  # outside the date window
        "http://www.ibtimes.co.in/kashmir/protesters-wave-flags-again-2019",
        "20190101000000",
        PAGE.format(title="Protesters wave flags again", text="x " * 60),
    )


def test_cdx_lookup_asks_around_the_cited_section_within_the_date_window(
    archive: FakeArchive, fetcher: HttpFetcher
) -> None:
    fill(archive)
    source = WaybackLookup(CdxClient(fetcher.transport, archive.base), alias_table(), archive.base)
    answer = source.find(cited())
    assert answer.trouble is None
    assert answer.candidates[0].url == (
        f"{archive.base}/web/20150613101010/"
        "http://www.ibtimes.co.in/kashmir/protesters-wave-flags-isis-pakistan-kashmir-valley-635241"
    )
    assert all("2019" not in c.url and "gone" not in c.url for c in answer.candidates)
    query = dict(archive.requests_to("/cdx/search/cdx")[0].query)
    assert query["url"] == "www.ibtimes.co.in/kashmir/"
    assert query["matchType"] == "prefix"
    assert query["collapse"] == "urlkey"
    assert query["from"] == "20150605" and query["to"] == "20150912"
    filters = [v for k, v in archive.requests_to("/cdx/search/cdx")[0].query if k == "filter"]
    assert filters == ["statuscode:200", "mimetype:text/html"]


def test_without_a_url_the_publishers_domains_are_searched(
    archive: FakeArchive, fetcher: HttpFetcher
) -> None:
    fill(archive)
    aliases = alias_table({"IBT India Edition": ["ibtimes.co.in"]})  # as in citecheck.toml
    source = WaybackLookup(CdxClient(fetcher.transport, archive.base), aliases, archive.base)
    citation = cited(url=None)
    citation.publisher = "IBT India Edition"
    answer = source.find(citation)
    assert answer.candidates and "protesters-wave-flags-isis" in answer.candidates[0].url
    query = dict(archive.requests_to("/cdx/search/cdx")[0].query)
    assert query["matchType"] == "domain"
    assert query["url"] == "ibtimes.co.in"


def test_a_capture_found_is_verified_as_verify_would(
    archive: FakeArchive, settings: Settings
) -> None:
    fill(archive)
    settings.lookup.wayback_cdx = True
    settings.lookup.publisher_site = False
    settings.archive.wayback = archive.base
    with HttpFetcher(settings.fetch) as fetcher:
        found = make_finder(settings, fetcher).find(cited())
    assert found.best is not None
    assert found.best.candidate.source == "wayback-cdx"
    assert found.best.result.status in (Status.VERIFIED, Status.WARNING)


def test_cdx_trouble_is_one_line(archive: FakeArchive, fetcher: HttpFetcher) -> None:
    archive.fail_next["/cdx/search/cdx"] = [(429, "30")] * 5
    source = WaybackLookup(CdxClient(fetcher.transport, archive.base), alias_table(), archive.base)
    answer = source.find(cited())
    assert answer.candidates == []
    assert answer.trouble is not None and "429" in answer.trouble
