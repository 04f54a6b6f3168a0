"""Extraction results remembered on disk: same page, same metadata, without parsing again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import diskcache

from citecheck.extract.metadata_cache import (
    CachedExtraction,
    metadata_from_dict,
    metadata_to_dict,
)
from citecheck.models import (
    AuthorKind,
    FetchResult,
    Found,
    FoundAuthor,
    FoundDate,
    PageKind,
    PageMetadata,
)

PAGE = b"""<html><head><title>Harbour report | The Daily</title>
<meta property="og:title" content="Harbour report">
<meta property="article:published_time" content="2016-08-14T10:00:00+05:00">
<meta name="author" content="Ann Reporter"></head>
<body><article><h1>Harbour report</h1><p>Some words about the harbour.</p></article></body></html>"""


def fetched(body: bytes = PAGE) -> FetchResult:
    return FetchResult(
        requested_url="https://daily.example/harbour",
        final_url="https://daily.example/harbour",
        status=200,
        headers={"content-type": "text/html; charset=utf-8"},
        body=body,
        text=body.decode(),
    )


def test_round_trip_keeps_every_field() -> None:
    metadata = PageMetadata(
        url="https://x.example/a",
        kind=PageKind.PAYWALL,
        titles=[Found("A “title”", "json-ld:headline"), Found("A title", "title-tag")],
        published=[FoundDate(dt.date(2016, 8, 14), "meta:article:published_time")],
        modified=[FoundDate(dt.date(2016, 9, 1), "json-ld:dateModified")],
        authors=[
            FoundAuthor("Ann Reporter", "meta:author", AuthorKind.PERSON),
            FoundAuthor("Reuters", "meta:author", AuthorKind.ORGANISATION),
        ],
        publishers=[Found("x.example", "domain")],
        language="en",
    )
    assert metadata_from_dict(metadata_to_dict(metadata)) == metadata


def test_a_second_run_reads_the_stored_metadata(tmp_path: Path) -> None:
    first = CachedExtraction(tmp_path / "metadata")
    found = first(fetched())
    first.close()
    assert found.title is not None and found.title.value == "Harbour report"
    with diskcache.Cache(str(tmp_path / "metadata")) as stored:
        assert len(stored) == 1
    second = CachedExtraction(tmp_path / "metadata")
    assert second(fetched()) == found
    changed = second(fetched(PAGE.replace(b"Harbour report", b"Canal report")))
    second.close()
    assert changed.title is not None and changed.title.value == "Canal report"
    with diskcache.Cache(str(tmp_path / "metadata")) as stored:
        assert len(stored) == 2


def test_refresh_extracts_again_and_unreadable_entries_are_ignored(tmp_path: Path) -> None:
    cached = CachedExtraction(tmp_path / "metadata")
    expected = cached(fetched())
    cached.close()
    with diskcache.Cache(str(tmp_path / "metadata")) as stored:
        key = next(iter(stored))
        stored[key] = {"kind": "no such kind"}  # as if written by another version
    again = CachedExtraction(tmp_path / "metadata")
    assert again(fetched()) == expected
    again.close()
    refreshed = CachedExtraction(tmp_path / "metadata", refresh=True)
    assert refreshed(fetched()) == expected
    refreshed.close()
