"""WARC 1.1 recording at the HTTP exchange, with warcio.

Every exchange the transport reports (redirect hops and retries included) becomes a `response`
record followed by a `request` record whose `WARC-Concurrent-To` names it, the way warcio's own
`capture_http` writes them; each record is its own gzip member, so readers can seek to it.

The body is stored as it came over the wire (content-coding kept, so the payload digest is that
of the bytes the server sent, as in the Internet Archive's CDX), without its transfer-coding: a
`Transfer-Encoding` header is renamed `X-Archive-Orig-Transfer-Encoding`, and `Content-Length`
always states the length stored (a different original value is kept as
`X-Archive-Orig-Content-Length`). Should only the decoded body be known, `Content-Encoding` is
renamed as well, so that no replay tool tries to decode it twice.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import urlsplit

from warcio.recordbuilder import RecordBuilder
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from citecheck.transport import Exchange

ORIGINAL_PREFIX = "X-Archive-Orig-"
WARC_1_1_SPEC = "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"
_TRANSFER_HEADERS = frozenset({"transfer-encoding"})
_IDENTITY = frozenset({"", "identity"})
_TEXT_LEVEL = 6  # zlib's default: headers and uncompressed bodies shrink several times
_STORE_LEVEL = 0


@dataclass(frozen=True)
class RecordedResponse:
    """Where one response record landed in the WARC, and what a CDXJ line says of it."""

    url: str
    recorded_at: dt.datetime
    status: int
    mime: str  # the media type, without parameters
    payload_digest: str  # as written in WARC-Payload-Digest ("sha1:BASE32")
    offset: int  # of the record's gzip member in the file
    length: int  # of that member


class WarcRecorder:
    """Appends exchanges to an open WARC file. Thread-safe: the hook fires on worker threads."""

    def __init__(self, stream: BinaryIO, filename: str, software: str) -> None:
        self._stream = stream
        # Records are made with warcio and gzipped one by one here (see _gzip_member).
        self._writer = RecordBuilder(warc_version="1.1")
        self._lock = threading.Lock()
        self.responses: list[RecordedResponse] = []
        info = {
            "software": software,
            "format": "WARC File Format 1.1",
            "conformsTo": WARC_1_1_SPEC,
        }
        with self._lock:
            warcinfo = self._writer.create_warcinfo_record(filename, info)
            self._stream.write(_gzip_member(warcinfo, _TEXT_LEVEL))

    def record(self, exchange: Exchange) -> RecordedResponse:
        """Write one exchange (response, then request); returns where its response went."""
        body, http_headers = storable_response(exchange)
        date = warc_date(exchange.started_at)
        warc_headers = {"WARC-Date": date}
        if exchange.peer_ip:
            warc_headers["WARC-IP-Address"] = exchange.peer_ip
        response = self._writer.create_warc_record(
            exchange.url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http_headers,
            warc_headers_dict=dict(warc_headers),
        )
        request = self._writer.create_warc_record(
            exchange.url,
            "request",
            payload=io.BytesIO(exchange.request_body),
            length=len(exchange.request_body),
            http_headers=request_headers(exchange),
            warc_headers_dict=dict(warc_headers),
        )
        request.rec_headers.add_header(
            "WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID")
        )
        # Compressed here, on the calling thread (zlib lets other threads run meanwhile); only
        # the appending is done one thread at a time.
        coded = _header(exchange.response_headers, "content-encoding") not in _IDENTITY
        response_member = _gzip_member(response, _STORE_LEVEL if coded else _TEXT_LEVEL)
        request_member = _gzip_member(request, _TEXT_LEVEL)
        with self._lock:
            offset = self._stream.tell()
            self._stream.write(response_member)
            self._stream.write(request_member)
            recorded = RecordedResponse(
                url=exchange.url,
                recorded_at=exchange.started_at,
                status=exchange.status,
                mime=media_type(exchange.response_headers),
                payload_digest=response.rec_headers.get_header("WARC-Payload-Digest") or "",
                offset=offset,
                length=len(response_member),
            )
            self.responses.append(recorded)
        return recorded


def storable_response(exchange: Exchange) -> tuple[bytes, StatusAndHeaders]:
    """The body to store and the response headers that describe it truthfully."""
    raw_known = bool(exchange.raw_body) or not exchange.body
    body = exchange.raw_body if raw_known else exchange.body
    renamed = _TRANSFER_HEADERS if raw_known else _TRANSFER_HEADERS | {"content-encoding"}
    headers: list[tuple[str, str]] = []
    for name, value in exchange.response_headers:
        lowered = name.lower()
        if lowered in renamed:
            headers.append((ORIGINAL_PREFIX + name, value))
        elif lowered == "content-length":
            if value.strip() != str(len(body)):
                headers.append((ORIGINAL_PREFIX + name, value))
        else:
            headers.append((name, value))
    headers.append(("Content-Length", str(len(body))))
    status_line = f"{exchange.status} {exchange.reason or ''}".strip()
    return body, StatusAndHeaders(status_line, headers, protocol=_protocol(exchange.http_version))


def request_headers(exchange: Exchange) -> StatusAndHeaders:
    """The request line and headers as sent (a Host header added if the sender left it to
    the connection: replay tools read the target's host from it)."""
    headers = list(exchange.request_headers)
    if not any(name.lower() == "host" for name, _ in headers):
        headers.insert(0, ("Host", urlsplit(exchange.url).netloc))
    line = exchange.request_line.strip()
    if len(line.split(" ")) < 3:  # not "METHOD target HTTP/x.y": rebuild it from the URL
        parts = urlsplit(exchange.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        line = f"{exchange.method} {target} HTTP/1.1"
    return StatusAndHeaders(line, headers, is_http_request=True)


def _gzip_member(record: ArcWarcRecord, level: int) -> bytes:
    """One record as its own gzip member, the `.warc.gz` convention that lets readers seek to
    any record. A payload that came compressed (gzip, br) is stored without compressing it
    again (zlib level 0: a valid gzip member at almost no cost)."""
    buffer = io.BytesIO()
    WARCWriter(buffer, gzip=False, warc_version="1.1").write_record(record)
    compressor = zlib.compressobj(level, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return compressor.compress(buffer.getvalue()) + compressor.flush()


def _header(headers: Sequence[tuple[str, str]], name: str) -> str:
    return next((value.strip().lower() for key, value in headers if key.lower() == name), "")


def warc_date(moment: dt.datetime) -> str:
    """WARC 1.1 date: UTC, microseconds allowed."""
    utc = moment.astimezone(dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment
    return str(datetime_to_iso_date(utc, use_micros=True))


def media_type(headers: Sequence[tuple[str, str]]) -> str:
    for name, value in headers:
        if name.lower() == "content-type":
            return value.split(";")[0].strip().lower()
    return ""


def _protocol(http_version: str | int) -> str:
    text = str(http_version).strip()
    if text.isdigit():  # http.client's 10 / 11
        return f"HTTP/{text[0]}.{text[1:] or '0'}"
    return text if text.upper().startswith("HTTP/") else f"HTTP/{text or '1.1'}"
