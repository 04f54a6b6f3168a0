"""Fixtures every test folder may use: PDF documents written byte by byte, and the SARIF 2.1.0
schema."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

# Microsoft's published SARIF 2.1.0 schema (npm package @microsoft/jest-sarif,
# lib/schemas/sarif-2.1.0-rtm.5.json). Not kept in the repository: .ci/run takes it from the npm
# registry into this (git-ignored) place; see "Development" in the README.
SARIF_SCHEMA = Path(__file__).parent / "report" / "schemas" / "sarif-2.1.0-rtm.5.json"


@pytest.fixture(scope="session")
def sarif_schema() -> dict[str, Any]:
    """The SARIF 2.1.0 JSON schema; the test is skipped, saying why, when it is not there."""
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"no SARIF schema at {SARIF_SCHEMA} (.ci/run fetches it from the npm registry)")
    schema: dict[str, Any] = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return schema


PdfMaker = Callable[..., bytes]


def _literal(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("latin-1") + b")"


def build_pdf(
    lines: Sequence[tuple[float, str]] = (),
    info: dict[str, str] | None = None,
    xmp_title: str | None = None,
    xmp_creators: Sequence[str] = (),
    xmp_created: str | None = None,
) -> bytes:
    """A one-page PDF written by hand (xref offsets computed): `lines` are (font size, text)
    drawn from the top of the page down in Helvetica; `info` the Info dictionary's entries
    (e.g. {"Title": ...}); with `xmp_title`, an XMP packet as the catalog's /Metadata stream."""
    xmp = xmp_packet(xmp_title, xmp_creators, xmp_created) if xmp_title is not None else None
    content = bytearray()
    y = 760.0
    for size, text in lines:
        content += b"BT /F1 %.1f Tf 72 %.1f Td %s Tj ET\n" % (size, y, _literal(text))
        y -= size * 1.4
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R" + (b" /Metadata 6 0 R" if xmp else b"") + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + bytes(content) + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    if xmp:
        objects.append(
            b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(xmp)
            + xmp
            + b"\nendstream"
        )
    if info is not None:
        entries = b" ".join(b"/" + key.encode() + b" " + _literal(v) for key, v in info.items())
        objects.append(b"<< " + entries + b" >>")
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    info_ref = b" /Info %d 0 R" % len(objects) if info is not None else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (len(objects) + 1, info_ref)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def xmp_packet(title: str, creators: Sequence[str] = (), created: str | None = None) -> bytes:
    """An XMP packet with a Dublin Core title, creators and an xmp:CreateDate."""
    people = "".join(f"<rdf:li>{name}</rdf:li>" for name in creators)
    date = f"<xmp:CreateDate>{created}</xmp:CreateDate>" if created else ""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>'
        f"<dc:creator><rdf:Seq>{people}</rdf:Seq></dc:creator>{date}"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode()


@pytest.fixture
def make_pdf() -> PdfMaker:
    return build_pdf
