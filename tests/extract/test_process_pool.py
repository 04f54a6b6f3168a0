"""Extraction in worker processes gives exactly what extraction in the calling process gives."""

from __future__ import annotations

from citecheck.extract import metadata_from_fetch
from citecheck.extract.process_pool import (
    WORTH_IT_FROM_PAGES,
    ProcessPoolExtraction,
    worth_a_process_pool,
)
from citecheck.models import FetchResult

PAGE = """<!doctype html><html><head><title>Canal report - The Daily</title>
<meta property="og:site_name" content="The Daily">
<meta property="article:published_time" content="2016-04-07T09:00:00+05:00">
<meta name="author" content="Imtiaz Ali"></head>
<body><article><h1>Canal report</h1><p>Words about the canal, at some length.</p></article></body></html>"""


def result(content_type: str) -> FetchResult:
    body = PAGE.encode("utf-8")
    return FetchResult(
        requested_url="https://daily.example/canal",
        final_url="https://daily.example/canal",
        status=200,
        headers={"content-type": content_type} if content_type else {},
        body=body,
        text=PAGE,
    )


def test_worker_processes_extract_the_same_metadata() -> None:
    pool = ProcessPoolExtraction(processes=2)
    try:
        for content_type in ("text/html; charset=utf-8", ""):  # "" makes it sniff the body
            fetched = result(content_type)
            assert pool(fetched) == metadata_from_fetch(fetched)
    finally:
        pool.close()


def test_a_pool_only_for_long_runs_on_several_cores() -> None:
    assert not worth_a_process_pool(WORTH_IT_FROM_PAGES - 1, cpus=8)
    assert worth_a_process_pool(WORTH_IT_FROM_PAGES, cpus=2)
    assert not worth_a_process_pool(10_000, cpus=1)
