"""Extraction results remembered on disk: same page, same metadata, without parsing again."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import diskcache

import citecheck.fetch.decode as decode_module
from citecheck.extract.metadata_cache import (
    CachedExtraction,
    extraction_modules,
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

from ..conftest import PdfMaker

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


RUN_EXTRACTION = """
import sys
from pathlib import Path
from citecheck.extract.metadata_cache import CachedExtraction
from citecheck.models import FetchResult

extract = CachedExtraction(Path(sys.argv[1]) / "metadata")
for name, content_type in (("page.html", "text/html"), ("paper.pdf", "application/pdf")):
    body = (Path(sys.argv[1]) / name).read_bytes()
    extract(FetchResult("https://daily.example/" + name, status=200,
                        headers={"content-type": content_type}, body=body))
extract.close()
for module in list(sys.modules.values()):
    if module.__name__.split(".")[0] == "citecheck" and getattr(module, "__file__", None):
        print(Path(module.__file__).resolve())
"""


def test_the_fingerprint_covers_every_module_extraction_imports(
    tmp_path: Path, make_pdf: PdfMaker
) -> None:
    """Extract an HTML page and a PDF in a fresh process: every citecheck module it loaded is
    one the fingerprint reads (sub-packages and citecheck.fetch.decode included)."""
    (tmp_path / "page.html").write_bytes(PAGE)
    (tmp_path / "paper.pdf").write_bytes(make_pdf([(14, "Harbour report")], info={"Title": "x"}))
    ran = subprocess.run(
        [sys.executable, "-c", RUN_EXTRACTION, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = {Path(line) for line in ran.stdout.splitlines()}
    assert Path(decode_module.__file__ or "").resolve() in loaded
    assert any(path.name == "pdf_info.py" for path in loaded)
    assert loaded <= extraction_modules()


def test_a_change_to_any_module_extraction_imports_changes_the_fingerprint() -> None:
    covered = {path.name for path in extraction_modules()}
    assert {"decode.py", "page.py", "models.py", "pdf_info.py"} <= covered
    assert "session.py" not in covered and "pipeline.py" not in covered
