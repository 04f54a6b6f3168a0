"""What a PDF says about itself, when it says it cheaply: the Info dictionary's /Title, /Author
and /CreationDate, or the same in uncompressed XMP. Compressed metadata is not unpacked."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass, field

from citecheck.extract.date_parsing import is_plausible
from citecheck.extract.text_cleaning import clean_text
from citecheck.models import FoundDate

_INFO_ENTRY = re.compile(rb"/(Title|Author|CreationDate)\s*(\(|<(?!<))")
_XMP_TITLE = re.compile(
    rb"<dc:title>\s*<rdf:Alt>\s*<rdf:li[^>]*>([^<]{1,500})</rdf:li>", re.IGNORECASE
)
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})(\d{2})")
_OCTAL = re.compile(rb"\\([0-7]{1,3})")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_MAX_STRING = 2000
_EARLIEST_PDF_YEAR = 1993  # PDF 1.0


@dataclass
class PdfInfo:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    created: list[FoundDate] = field(default_factory=list)


def pdf_metadata(body: bytes) -> PdfInfo:
    info = PdfInfo()
    for match in _INFO_ENTRY.finditer(body):
        key = match.group(1).decode()
        raw = _read_string(body, match.end() - 1)
        text = clean_text(_decode_pdf_text(raw)) if raw is not None else ""
        if not text:
            continue
        if key == "Title" and info.title is None:
            info.title = text
        elif key == "Author" and not info.authors:
            info.authors = [name.strip() for name in re.split(r";|\band\b", text) if name.strip()]
        elif key == "CreationDate" and not info.created:
            created = _pdf_date(text)
            if created is not None and is_plausible(created, _EARLIEST_PDF_YEAR):
                info.created = [FoundDate(created, "pdf:CreationDate")]
    if info.title is None:
        xmp = _XMP_TITLE.search(body)
        if xmp:
            info.title = clean_text(xmp.group(1).decode("utf-8", "replace")) or None
    return info


def _read_string(body: bytes, start: int) -> bytes | None:
    """The PDF string (literal or hex) that starts at `start`."""
    if body[start : start + 1] == b"<":
        end = body.find(b">", start)
        if end == -1 or end - start > _MAX_STRING * 2:
            return None
        digits = re.sub(rb"\s", b"", body[start + 1 : end])
        try:
            return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))
        except ValueError:
            return None
    return _read_literal(body, start)


def _read_literal(body: bytes, start: int) -> bytes | None:
    depth = 0
    position = start
    out = bytearray()
    while position < len(body) and position - start < _MAX_STRING:
        char = body[position : position + 1]
        if char == b"\\":
            following = body[position + 1 : position + 2]
            octal = _OCTAL.match(body, position)
            if octal:
                out.append(int(octal.group(1), 8) & 0xFF)
                position = octal.end()
                continue
            out += _ESCAPES.get(following, following if following not in b"\r\n" else b"")
            position += 2
            continue
        if char == b"(":
            depth += 1
            if depth > 1:
                out += char
        elif char == b")":
            depth -= 1
            if depth == 0:
                return bytes(out)
            out += char
        else:
            out += char
        position += 1
    return None


def _decode_pdf_text(raw: bytes) -> str:
    if raw.startswith(codecs.BOM_UTF16_BE):
        return raw[2:].decode("utf-16-be", "replace")
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", "replace")
    # PDFDocEncoding matches Latin-1 for every printable character that matters here.
    return raw.decode("latin-1")


def _pdf_date(text: str) -> dt.date | None:
    match = _PDF_DATE.match(text)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
