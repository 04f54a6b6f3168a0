"""WACZ 1.1.1 packaging, written with zipfile.

    archive/<name>.warc.gz      the WARC, STORED (replay tools read records at offsets)
    indexes/index.cdx.gz        CDXJ index, STORED
    pages/pages.jsonl           a header line, then one line per cited page (url, ts, title)
    datapackage.json            Frictionless data package: every file with its size and sha256
    datapackage-digest.json     the sha256 of datapackage.json

ZIP64 is allowed, so a WARC past 4 GB still fits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

WACZ_VERSION = "1.1.1"
PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}
ARCHIVE_DIR = "archive/"
INDEX_PATH = "indexes/index.cdx.gz"
PAGES_PATH = "pages/pages.jsonl"
_COPY_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Page:
    """One cited page as the WACZ lists it."""

    url: str
    ts: dt.datetime
    title: str | None = None
    id: str | None = None


def rfc3339(moment: dt.datetime) -> str:
    utc = moment.astimezone(dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def pages_jsonl(pages: Iterable[Page]) -> bytes:
    lines = [json.dumps(PAGES_HEADER)]
    for page in pages:
        entry: dict[str, str] = {"url": page.url, "ts": rfc3339(page.ts)}
        if page.id is not None:
            entry["id"] = page.id
        if page.title:
            entry["title"] = page.title
        lines.append(json.dumps(entry, ensure_ascii=False))
    return "".join(line + "\n" for line in lines).encode("utf-8")


def write_wacz(
    destination: Path,
    *,
    warc: Path,
    cdxj_gz: bytes,
    pages: Iterable[Page],
    title: str,
    software: str,
    created: dt.datetime,
) -> None:
    """Write the WACZ at `destination` (a new file: the bundle folder is swapped in whole)."""
    resources: list[dict[str, object]] = []
    stamp = _zip_time(created)
    with zipfile.ZipFile(destination, "w", allowZip64=True) as package:
        warc_name = ARCHIVE_DIR + warc.name
        info = zipfile.ZipInfo(warc_name, stamp)
        info.compress_type = zipfile.ZIP_STORED
        info.file_size = warc.stat().st_size  # zipfile decides on ZIP64 from it, up front
        digest = hashlib.sha256()
        with warc.open("rb") as source, package.open(info, "w") as target:
            while chunk := source.read(_COPY_CHUNK):
                digest.update(chunk)
                target.write(chunk)
        resources.append(_resource(warc_name, info.file_size, digest.hexdigest()))
        _add(package, INDEX_PATH, cdxj_gz, stamp, zipfile.ZIP_STORED, resources)
        _add(package, PAGES_PATH, pages_jsonl(pages), stamp, zipfile.ZIP_DEFLATED, resources)
        now = rfc3339(created)
        datapackage = {
            "profile": "data-package",
            "wacz_version": WACZ_VERSION,
            "title": title,
            "created": now,
            "modified": now,
            "software": software,
            "resources": resources,
        }
        package_bytes = json.dumps(datapackage, indent=2, ensure_ascii=False).encode("utf-8")
        _add(package, "datapackage.json", package_bytes, stamp, zipfile.ZIP_DEFLATED, None)
        package_digest = {
            "path": "datapackage.json",
            "hash": "sha256:" + hashlib.sha256(package_bytes).hexdigest(),
        }
        digest_bytes = json.dumps(package_digest, indent=2).encode("utf-8")
        _add(package, "datapackage-digest.json", digest_bytes, stamp, zipfile.ZIP_DEFLATED, None)


def _add(
    package: zipfile.ZipFile,
    name: str,
    data: bytes,
    stamp: tuple[int, int, int, int, int, int],
    compression: int,
    resources: list[dict[str, object]] | None,
) -> None:
    info = zipfile.ZipInfo(name, stamp)
    info.compress_type = compression
    package.writestr(info, data)
    if resources is not None:
        resources.append(_resource(name, len(data), hashlib.sha256(data).hexdigest()))


def _resource(path: str, size: int, sha256_hex: str) -> dict[str, object]:
    return {
        "name": path.rsplit("/", 1)[-1].lower(),
        "path": path,
        "hash": "sha256:" + sha256_hex,
        "bytes": size,
    }


def _zip_time(moment: dt.datetime) -> tuple[int, int, int, int, int, int]:
    utc = moment.astimezone(dt.UTC)
    year = max(1980, utc.year)  # ZIP cannot say earlier
    return (year, utc.month, utc.day, utc.hour, utc.minute, utc.second)
