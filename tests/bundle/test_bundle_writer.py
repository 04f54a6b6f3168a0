"""The bundle folder: WACZ unzipped and checked file by file (and by `wacz validate`), the
CDXJ index followed to its records, manifest and snapshots, atomic replacement, --zip."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from citecheck.bundle.bundle_writer import BundleWriter
from citecheck.models import (
    Article,
    Check,
    CheckStatus,
    Citation,
    CitationResult,
    CitationSet,
    Hop,
    Report,
    Status,
)

from .conftest import HOSTILE_TITLE, PAGES, exchange_with

SOFTWARE = "citecheck 9.9"


def _article(
    site: str, tmp_path: Path, title: str | None = "Ports & Harbours: a history"
) -> CitationSet:
    citations = [
        Citation(
            id="1",
            line=2,
            title="Harbour expansion approved",
            url=f"{site}/moved",
            archive_url=f"https://web.archive.org/web/20160815093000/{site}/moved",
        ),
        Citation(id="2", line=6, title="Rainfall records broken", url=f"{site}/zipped"),
        Citation(id="3", line=9, title="Tom & Jerry", url=f"{site}/hostile"),
        Citation(id="../4", line=12, title="A lost page", url=f"{site}/gone"),
        Citation(id="5", line=15, title="No link at all"),
    ]
    return CitationSet(
        path=str(tmp_path / "citations.yaml"), article=Article(title=title), citations=citations
    )


def _report(site: str, citation_set: CitationSet) -> Report:
    now = dt.datetime.now(dt.UTC)
    title_check = Check(
        "title",
        CheckStatus.PASS,
        100.0,
        "Harbour expansion approved",
        "Harbour expansion approved",
        "html:title",
    )
    hostile_check = Check(
        "title", CheckStatus.WARN, 80.0, "Tom & Jerry", HOSTILE_TITLE, "html:title"
    )
    results = [
        CitationResult(
            "1",
            Status.VERIFIED,
            line=2,
            url=f"{site}/moved",
            final_url=f"{site}/plain",
            http_status=200,
            checks={"title": title_check},
            redirects=[Hop(f"{site}/moved", 301)],
            fetched_url=f"{site}/moved",
        ),
        CitationResult(
            "2",
            Status.VERIFIED,
            line=6,
            url=f"{site}/zipped",
            final_url=f"{site}/zipped",
            http_status=200,
            fetched_url=f"{site}/zipped",
        ),
        CitationResult(
            "3",
            Status.WARNING,
            line=9,
            url=f"{site}/hostile",
            final_url=f"{site}/hostile",
            http_status=200,
            checks={"title": hostile_check},
            reasons=[f"title differs: {HOSTILE_TITLE}"],
            fetched_url=f"{site}/hostile",
        ),
        CitationResult(
            "../4",
            Status.FAILED,
            line=12,
            url=f"{site}/gone",
            final_url=f"{site}/gone",
            http_status=404,
            reasons=["dead link (404)"],
            fetched_url=f"{site}/gone",
            # the capture a run found for the dead link (no capture fetched in this test)
            archive_url=f"https://web.archive.org/web/20160815000000id_/{site}/gone",
            archive_date="2016-08-15",
        ),
        CitationResult("5", Status.UNVERIFIABLE, line=15, reasons=["no URL"]),
    ]
    return Report(citation_set.path, results, now, now, article=citation_set.article)


def _write_bundle(site: str, tmp_path: Path, *, pack: bool = False) -> Path:
    citation_set = _article(site, tmp_path)
    with BundleWriter(tmp_path / "archive", citation_set, software=SOFTWARE, pack=pack) as bundle:
        for path in ("/moved", "/plain", "/zipped", "/hostile", "/gone"):
            bundle.record(exchange_with(f"{site}{path}"))
        return bundle.finish(_report(site, citation_set))


def test_folder_is_named_from_the_article_and_holds_every_part(site: str, tmp_path: Path) -> None:
    folder = _write_bundle(site, tmp_path)
    assert folder == tmp_path / "archive" / "Ports-Harbours-a-history"
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert names == [
        "index.html",
        "manifest.json",
        "snapshots/1.html",
        "snapshots/2.html",
        "snapshots/3.html",
        "snapshots/4.html",
        "sources.wacz",
        "sources.warc.gz",
    ]
    assert (folder / "snapshots/1.html").read_bytes() == PAGES["/plain"]
    assert (folder / "snapshots/2.html").read_bytes() == PAGES["/zipped"]  # decoded
    leftovers = [p.name for p in (tmp_path / "archive").iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_manifest_describes_each_citation(site: str, tmp_path: Path) -> None:
    folder = _write_bundle(site, tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["software"] == SOFTWARE
    entries = {entry["id"]: entry for entry in manifest["citations"]}
    assert list(entries) == ["1", "2", "3", "../4", "5"]
    first = entries["1"]
    assert first["url"] == f"{site}/moved"
    assert first["final_url"] == f"{site}/plain"
    assert first["http_status"] == 200
    assert first["content_type"] == "text/html; charset=utf-8"
    assert first["size"] == len(PAGES["/plain"])
    assert first["sha256"] == hashlib.sha256(PAGES["/plain"]).hexdigest()
    assert first["snapshot"] == "snapshots/1.html"
    assert first["archive_url"].startswith("https://web.archive.org/web/20160815093000/")
    assert first["archive_date"] == "2016-08-15T09:30:00Z"
    fetched_at = dt.datetime.fromisoformat(first["fetched_at"])
    assert fetched_at.tzinfo is not None and fetched_at.utcoffset() == dt.timedelta(0)
    assert first["verdict"]["status"] == "verified"
    assert first["verdict"]["checks"]["title"]["found"] == "Harbour expansion approved"
    assert entries["../4"]["http_status"] == 404
    assert entries["../4"]["archive_url"].startswith(
        "https://web.archive.org/web/20160815000000id_/"
    )
    assert entries["../4"]["archive_date"] == "2016-08-15"  # the run's, before the citation's
    assert entries["../4"]["snapshot"] == "snapshots/4.html"  # no path out of the folder
    assert entries["5"]["snapshot"] is None and entries["5"]["sha256"] is None


def _sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def test_wacz_files_compression_hashes_and_pages(site: str, tmp_path: Path) -> None:
    folder = _write_bundle(site, tmp_path)
    with zipfile.ZipFile(folder / "sources.wacz") as package:
        infos = {info.filename: info for info in package.infolist()}
        assert set(infos) == {
            "archive/sources.warc.gz",
            "indexes/index.cdx.gz",
            "pages/pages.jsonl",
            "datapackage.json",
            "datapackage-digest.json",
        }
        assert infos["archive/sources.warc.gz"].compress_type == zipfile.ZIP_STORED
        assert infos["indexes/index.cdx.gz"].compress_type == zipfile.ZIP_STORED
        contents = {name: package.read(name) for name in infos}
    assert contents["archive/sources.warc.gz"] == (folder / "sources.warc.gz").read_bytes()

    datapackage = json.loads(contents["datapackage.json"])
    assert datapackage["profile"] == "data-package"
    assert datapackage["wacz_version"] == "1.1.1"
    assert datapackage["software"] == SOFTWARE
    assert dt.datetime.fromisoformat(datapackage["created"]).tzinfo is not None
    listed = {resource["path"]: resource for resource in datapackage["resources"]}
    assert set(listed) == set(infos) - {"datapackage.json", "datapackage-digest.json"}
    for path, resource in listed.items():
        assert resource["bytes"] == len(contents[path])
        assert resource["hash"] == _sha256(contents[path])
    digest = json.loads(contents["datapackage-digest.json"])
    assert digest == {"path": "datapackage.json", "hash": _sha256(contents["datapackage.json"])}

    lines = contents["pages/pages.jsonl"].decode().splitlines()
    assert json.loads(lines[0]) == {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}
    pages = [json.loads(line) for line in lines[1:]]
    assert [page["url"] for page in pages] == [
        f"{site}{p}" for p in ("/moved", "/zipped", "/hostile", "/gone")
    ]
    assert pages[0]["title"] == "Harbour expansion approved"
    assert pages[2]["title"] == HOSTILE_TITLE
    for page in pages:
        assert dt.datetime.fromisoformat(page["ts"]).tzinfo is not None


def test_cdxj_index_is_sorted_and_points_at_its_records(site: str, tmp_path: Path) -> None:
    folder = _write_bundle(site, tmp_path)
    with zipfile.ZipFile(folder / "sources.wacz") as package:
        index = gzip.decompress(package.read("indexes/index.cdx.gz"))
        warc = package.read("archive/sources.warc.gz")
    lines = index.splitlines()
    assert lines == sorted(lines) and len(lines) == 5
    for line in lines:
        key, stamp, fields_text = line.decode().split(" ", 2)
        fields = json.loads(fields_text)
        parts = urlsplit(fields["url"])
        assert key == f"1,0,0,127:{parts.port}){parts.path}"  # SURT: host parts reversed
        assert len(stamp) == 14 and stamp.isdigit()
        assert fields["filename"] == "sources.warc.gz"
        start, length = int(fields["offset"]), int(fields["length"])
        member = warc[start : start + length]
        record = next(iter(ArchiveIterator(io.BytesIO(member), check_digests="raise")))
        assert record.rec_type == "response"
        assert record.rec_headers.get_header("WARC-Target-URI") == fields["url"]
        assert record.rec_headers.get_header("WARC-Payload-Digest") == fields["digest"]
        assert str(record.http_headers.get_statuscode()) == fields["status"]
        record.content_stream().read()  # reads to the end: the digests are checked


def _tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def test_wacz_validate_accepts_the_package(site: str, tmp_path: Path) -> None:
    folder = _write_bundle(site, tmp_path)
    checked = subprocess.run(
        [_tool("wacz"), "validate", "-f", str(folder / "sources.wacz")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Validation succeeded" in checked.stdout


def test_warcio_check_accepts_the_bundle_warc(site: str, tmp_path: Path) -> None:
    folder = _write_bundle(site, tmp_path)
    checked = subprocess.run(
        [_tool("warcio"), "check", "-v", str(folder / "sources.warc.gz")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("digest pass") == 11  # warcinfo + 5 responses + 5 requests


def test_a_failed_run_leaves_the_previous_bundle_whole(site: str, tmp_path: Path) -> None:
    folder = _write_bundle(site, tmp_path)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    citation_set = _article(site, tmp_path)
    archive = tmp_path / "archive"
    with (
        pytest.raises(KeyboardInterrupt),
        BundleWriter(archive, citation_set, software=SOFTWARE) as bundle,
    ):
        bundle.record(exchange_with(f"{site}/plain"))
        raise KeyboardInterrupt  # Ctrl-C half-way through the fetches
    after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in (tmp_path / "archive").iterdir()] == [folder.name]


def test_a_second_run_replaces_the_bundle_and_zip_packs_it(site: str, tmp_path: Path) -> None:
    first = _write_bundle(site, tmp_path)
    old_warc = (first / "sources.warc.gz").read_bytes()
    second = _write_bundle(site, tmp_path, pack=True)
    assert second == first
    assert (second / "sources.warc.gz").read_bytes() != old_warc  # new dates, new record ids
    packed = tmp_path / "archive" / f"{second.name}.zip"
    with zipfile.ZipFile(packed) as package:
        names = set(package.namelist())
        assert f"{second.name}/index.html" in names
        assert package.read(f"{second.name}/sources.wacz") == (second / "sources.wacz").read_bytes()
        assert package.getinfo(f"{second.name}/sources.warc.gz").compress_type == zipfile.ZIP_STORED
    assert sorted(p.name for p in (tmp_path / "archive").iterdir()) == sorted(
        [second.name, packed.name]
    )


def test_an_output_path_that_is_a_file_is_refused_before_any_work(
    site: str, tmp_path: Path
) -> None:
    from citecheck.errors import InputError

    blocker = tmp_path / "archive"
    blocker.write_text("not a folder")
    with pytest.raises(InputError, match="not a folder"):
        BundleWriter(blocker, _article(site, tmp_path), software=SOFTWARE)


def test_name_falls_back_to_the_citations_folder(site: str, tmp_path: Path) -> None:
    citation_set = _article(site, tmp_path / "Élan vital: notes", title=None)
    writer = BundleWriter(tmp_path / "archive", citation_set, software=SOFTWARE)
    assert writer.name == "Elan-vital-notes"


def test_the_bundle_folder_follows_the_umask(site: str, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        folder = _write_bundle(site, tmp_path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert stat.S_IMODE((folder / "index.html").stat().st_mode) == 0o644
