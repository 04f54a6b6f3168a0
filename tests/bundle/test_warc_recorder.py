"""WARC records written at the exchange, read back with warcio and checked by `warcio check`."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import subprocess
import sys
import zlib
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from citecheck.bundle.warc_recorder import WarcRecorder

from .conftest import PAGES, exchange_with


def _records(path: Path) -> list[dict[str, object]]:
    """Every record with its headers, stored payload and decoded body; digests checked."""
    found: list[dict[str, object]] = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream, check_digests="raise"):
            headers = record.http_headers
            raw_payload = record.raw_stream.read()  # the payload as stored
            found.append(
                {
                    "type": record.rec_type,
                    "protocol": record.rec_headers.protocol,
                    "warc": dict(record.rec_headers.headers),
                    "http": list(headers.headers) if headers is not None else [],
                    "status_line": (
                        " ".join(filter(None, [headers.protocol, headers.statusline]))
                        if headers is not None
                        else None
                    ),
                    "raw_payload": raw_payload,
                }
            )
    return found


def _decoded_bodies(path: Path) -> dict[str, bytes]:
    with path.open("rb") as stream:
        return {
            record.rec_headers.get_header("WARC-Target-URI"): record.content_stream().read()
            for record in ArchiveIterator(stream)
            if record.rec_type == "response"
        }


def _sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def _gzip_members(path: Path) -> int:
    data, members = path.read_bytes(), 0
    while data:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        inflater.decompress(data)
        data = inflater.unused_data
        members += 1
    return members


def _record(tmp_path: Path, exchanges: list[object]) -> Path:
    warc = tmp_path / "sources.warc.gz"
    with warc.open("wb") as stream:
        recorder = WarcRecorder(stream, warc.name, "citecheck 9.9 (test)")
        for exchange in exchanges:
            recorder.record(exchange)  # type: ignore[arg-type]
    return warc


def test_every_exchange_is_a_response_and_a_request_record(site: str, tmp_path: Path) -> None:
    exchanges = [exchange_with(f"{site}{path}") for path in ("/moved", "/plain", "/gone")]
    warc = _record(tmp_path, exchanges)
    records = _records(warc)

    assert [r["type"] for r in records] == ["warcinfo"] + ["response", "request"] * 3
    assert all(r["protocol"] == "WARC/1.1" for r in records)
    info = records[0]
    assert b"software: citecheck 9.9 (test)" in info["raw_payload"]  # type: ignore[operator]
    for response, request in zip(records[1::2], records[2::2], strict=True):
        warc_headers = response["warc"]
        assert isinstance(warc_headers, dict)
        assert request["warc"]["WARC-Concurrent-To"] == warc_headers["WARC-Record-ID"]  # type: ignore[index]
        assert request["warc"]["WARC-Target-URI"] == warc_headers["WARC-Target-URI"]  # type: ignore[index]
        assert warc_headers["WARC-IP-Address"] == "127.0.0.1"
        # The digests, recomputed here from the stored bytes.
        assert warc_headers["WARC-Payload-Digest"] == _sha1_b32(response["raw_payload"])  # type: ignore[arg-type]
        assert warc_headers["WARC-Block-Digest"].startswith("sha1:")
    statuses = [r["status_line"] for r in records[1::2]]
    assert statuses == [
        "HTTP/1.1 301 Moved Permanently",
        "HTTP/1.1 200 OK",
        "HTTP/1.1 404 Not Found",
    ]
    moved_headers = dict(records[1]["http"])  # type: ignore[arg-type]
    assert moved_headers["Location"] == "/plain"
    request_line = records[2]["status_line"]
    assert request_line == "GET /moved HTTP/1.1"
    request_headers = {name.lower(): value for name, value in records[2]["http"]}  # type: ignore[union-attr]
    assert request_headers["host"] == site.removeprefix("http://")
    assert "user-agent" in request_headers
    assert _decoded_bodies(warc)[f"{site}/plain"] == PAGES["/plain"]
    assert _gzip_members(warc) == len(records)  # one gzip member per record


def test_chunked_gzip_body_is_stored_as_sent_without_stale_transfer_headers(
    site: str, tmp_path: Path
) -> None:
    exchange = exchange_with(f"{site}/zipped")
    assert exchange.raw_body != exchange.body  # the server really sent it gzip-encoded
    warc = _record(tmp_path, [exchange])
    response = _records(warc)[1]
    http = response["http"]
    assert isinstance(http, list)
    names = [name.lower() for name, _ in http]
    assert "transfer-encoding" not in names
    assert ("X-Archive-Orig-Transfer-Encoding", "chunked") in http
    assert ("Content-Encoding", "gzip") in http  # kept: the stored bytes are gzip
    assert response["raw_payload"] == exchange.raw_body
    lengths = [value for name, value in http if name.lower() == "content-length"]
    assert lengths == [str(len(exchange.raw_body or b""))]
    assert _decoded_bodies(warc)[exchange.url] == PAGES["/zipped"]


def test_a_body_known_only_decoded_loses_its_content_encoding_header(
    site: str, tmp_path: Path
) -> None:
    exchange = dataclasses.replace(exchange_with(f"{site}/zipped"), raw_body=b"")
    warc = _record(tmp_path, [exchange])
    http = _records(warc)[1]["http"]
    assert isinstance(http, list)
    names = [name.lower() for name, _ in http]
    assert "content-encoding" not in names
    assert ("X-Archive-Orig-Content-Encoding", "gzip") in http
    assert ("Content-Length", str(len(PAGES["/zipped"]))) in http
    assert _decoded_bodies(warc)[exchange.url] == PAGES["/zipped"]


def test_warcio_check_passes(site: str, tmp_path: Path) -> None:
    exchanges = [exchange_with(f"{site}{path}") for path in ("/moved", "/plain", "/zipped")]
    warc = _record(tmp_path, exchanges)
    checked = subprocess.run(
        [sys.executable, "-c", "from warcio.cli import main; main()", "check", "-v", str(warc)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # Every record carries a digest and every one was recomputed and matched.
    assert checked.stdout.count("digest pass") == 7, checked.stdout
    assert "fail" not in checked.stdout
