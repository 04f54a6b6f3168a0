"""Extraction in worker processes gives exactly what extraction in the calling process gives.

Pages go to the workers as body bytes only; the workers decode them, so these tests cover pages
whose decoding takes each rule of `citecheck.fetch.decode`.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator

import pytest

from citecheck.extract import metadata_from_fetch
from citecheck.extract.process_pool import (
    WORTH_IT_FROM_PAGES,
    ProcessPoolExtraction,
    as_sent_to_a_worker,
    worth_a_process_pool,
)
from citecheck.fetch.decode import decode_text
from citecheck.models import FetchResult, PageKind

TITLE = "Caf\u00e9 owners \u201cdelighted\u201d by canal ruling \u2014 The Daily"
PAGE = f"""<!doctype html><html><head>{{meta}}<title>{TITLE}</title>
<meta property="og:site_name" content="The Daily">
<meta property="article:published_time" content="2016-04-07T09:00:00+05:00">
<meta name="author" content="Imtiaz Ali"></head>
<body><article><h1>Caf\u00e9 owners \u201cdelighted\u201d by canal ruling</h1>
<p>Words about the canal, at some length, na\u00efvely or not.</p></article></body></html>"""


def fetched(body: bytes, content_type: str) -> FetchResult:
    """A page as the fetcher hands it on: the body and the text it decoded from it."""
    headers = {"content-type": content_type} if content_type else {}
    text, encoding = decode_text(body, headers.get("content-type"))
    return FetchResult(
        requested_url="https://daily.example/canal",
        final_url="https://daily.example/canal",
        status=200,
        headers=headers,
        body=body,
        text=text,
        encoding=encoding,
    )


ENCODED_PAGES = {
    "utf-8 from the header": fetched(PAGE.format(meta="").encode(), "text/html; charset=utf-8"),
    "windows-1252 from the meta tag": fetched(
        PAGE.format(meta='<meta charset="windows-1252">').encode("cp1252"), "text/html"
    ),
    "header charset over a wrong meta": fetched(
        PAGE.format(meta='<meta charset="utf-8">').encode("cp1252"),
        "text/html; charset=windows-1252",
    ),
    "utf-8 byte-order mark": fetched(
        codecs.BOM_UTF8 + PAGE.format(meta="").encode(), "text/html; charset=iso-8859-1"
    ),
    "no content type: sniffed": fetched(PAGE.format(meta='<meta charset="utf-8">').encode(), ""),
    "octet-stream: sniffed": fetched(
        PAGE.format(meta='<meta charset="utf-8">').encode(), "application/octet-stream"
    ),
}


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPoolExtraction]:
    extraction = ProcessPoolExtraction(processes=2)
    yield extraction
    extraction.close()


@pytest.mark.parametrize("case", list(ENCODED_PAGES))
def test_worker_processes_extract_the_same_metadata(pool: ProcessPoolExtraction, case: str) -> None:
    page = ENCODED_PAGES[case]
    in_worker = pool(page)
    assert in_worker == metadata_from_fetch(page)
    assert in_worker.title is not None
    assert in_worker.title.value.startswith(
        "Caf\u00e9 owners \u201cdelighted\u201d by canal ruling"
    )


def test_a_pdf_goes_whole_and_stays_not_html(pool: ProcessPoolExtraction) -> None:
    pdf = fetched(b"%PDF-1.4\n1 0 obj\n<< /Title (Canal report) >>\nendobj\n", "application/pdf")
    assert pdf.text is None
    assert pool(pdf) == metadata_from_fetch(pdf)
    assert pool(pdf).kind is PageKind.NOT_HTML


def test_a_text_without_its_body_still_reaches_the_worker(pool: ProcessPoolExtraction) -> None:
    text_only = FetchResult(
        requested_url="https://daily.example/canal",
        headers={"content-type": "text/html"},
        text=PAGE.format(meta=""),
    )
    metadata = pool(text_only)
    assert metadata.title is not None
    assert metadata.title.value.startswith("Caf\u00e9 owners")


def test_a_page_crosses_as_its_bytes_without_the_decoded_text() -> None:
    page = ENCODED_PAGES["windows-1252 from the meta tag"]
    assert page.text is not None
    sent = as_sent_to_a_worker(page)
    assert sent.text is None
    assert sent.encoding is None
    assert sent.body == page.body
    assert sent.headers == page.headers
    assert (sent.final_url, sent.status) == (page.final_url, page.status)
    assert page.text is not None  # the caller's copy keeps its text


def test_nothing_to_drop_sends_the_result_as_it_is() -> None:
    pdf = fetched(b"%PDF-1.4\n", "application/pdf")
    assert as_sent_to_a_worker(pdf) is pdf
    text_only = FetchResult(requested_url="https://daily.example/", text="<title>x</title>")
    assert as_sent_to_a_worker(text_only) is text_only


def test_a_pool_only_for_long_runs_on_several_cores() -> None:
    assert not worth_a_process_pool(WORTH_IT_FROM_PAGES - 1, cpus=8)
    assert worth_a_process_pool(WORTH_IT_FROM_PAGES, cpus=2)
    assert not worth_a_process_pool(10_000, cpus=1)
