"""metadata_from_fetch: HTML decoded and read, PDFs and images reported as NOT_HTML."""

from __future__ import annotations

import datetime as dt
import zlib
from pathlib import Path

import pytest

from citecheck.extract import extract_metadata, metadata_from_fetch
from citecheck.extract.pdf_info import pdf_metadata
from citecheck.models import FetchResult, PageKind


def result(body: bytes, content_type: str, text: str | None = None) -> FetchResult:
    return FetchResult(
        requested_url="https://example.org/a",
        final_url="https://www.example.org/a/",
        status=200,
        headers={"content-type": content_type} if content_type else {},
        body=body,
        text=text,
    )


def test_html_text_is_used(fixtures_dir: Path) -> None:
    html = (fixtures_dir / "hudson_report.html").read_text(encoding="utf-8")
    metadata = metadata_from_fetch(result(html.encode(), "text/html; charset=utf-8", html))
    assert metadata.url == "https://www.example.org/a/"
    assert metadata.title is not None
    assert metadata.title.value == "Prospects of the Islamic State in Pakistan"


def test_windows_1252_bytes_are_decoded_by_their_meta_charset(fixtures_dir: Path) -> None:
    body = (fixtures_dir / "windows1252_page.html").read_bytes()
    metadata = metadata_from_fetch(result(body, "text/html"))
    assert metadata.title is not None
    assert metadata.title.value == "L’été à Karachi – « sécurité » renforcée"
    assert [author.value for author in metadata.authors] == ["Françoise Méndez"]
    assert metadata.date is not None
    assert metadata.date.value == dt.date(2016, 8, 14)
    assert metadata.language == "fr"


UTF8_PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Café-Besuch: Überraschung in Köln – „Straße“ gesperrt</title></head>
<body><article><h1>Café-Besuch: Überraschung in Köln – „Straße“ gesperrt</h1>
<p class="byline">Von Jürgen Weiß, 14. August 2016</p></article></body></html>"""
UTF8_TITLE = "Café-Besuch: Überraschung in Köln – „Straße“ gesperrt"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        # Read as UTF-8 byte for byte: the parser is given the body itself.
        (UTF8_PAGE.encode(), "text/html; charset=utf-8"),
        (UTF8_PAGE.encode(), "text/html"),
        # A byte-order mark is cut from the text: the parser gets the text encoded again.
        (b"\xef\xbb\xbf" + UTF8_PAGE.encode(), "text/html"),
        # A literal replacement character in the page.
        (UTF8_PAGE.replace("Köln", "K\ufffdln").encode(), "text/html"),
    ],
)
def test_utf8_bodies_read_the_same(body: bytes, content_type: str) -> None:
    metadata = metadata_from_fetch(result(body, content_type))
    expected_title = (
        UTF8_TITLE.replace("Köln", "K\ufffdln") if b"\xef\xbf\xbd" in body else UTF8_TITLE
    )
    assert [title.value for title in metadata.titles] == [expected_title]
    assert [author.value for author in metadata.authors] == ["Jürgen Weiß"]
    assert metadata.date is not None
    assert metadata.date.value == dt.date(2016, 8, 14)
    assert metadata.language == "de"


def test_bytes_that_are_not_utf8_are_not_given_to_the_parser_as_such() -> None:
    # Declared UTF-8, but Latin-1 bytes: decoding falls back and the parser reads that text.
    body = UTF8_PAGE.encode("latin-1", "replace")
    metadata = metadata_from_fetch(result(body, "text/html; charset=utf-8"))
    assert metadata.title is not None
    assert metadata.title.value.startswith("Café-Besuch: Überraschung in Köln")


def test_extract_metadata_with_the_pages_utf8() -> None:
    metadata = extract_metadata(UTF8_PAGE, "https://example.org/a", UTF8_PAGE.encode())
    assert [title.value for title in metadata.titles] == [UTF8_TITLE]
    assert [author.value for author in metadata.authors] == ["Jürgen Weiß"]


def test_html_without_content_type_is_sniffed() -> None:
    body = b"<!DOCTYPE html><html><head><title>Sniffed page</title></head><body>x</body></html>"
    metadata = metadata_from_fetch(result(body, ""))
    assert [title.value for title in metadata.titles] == ["Sniffed page"]


def test_empty_body_is_empty() -> None:
    metadata = metadata_from_fetch(result(b"", "text/html"))
    assert metadata.kind is PageKind.EMPTY
    assert [publisher.value for publisher in metadata.publishers] == ["example.org"]


def test_image_is_not_html() -> None:
    metadata = metadata_from_fetch(result(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "image/png"))
    assert metadata.kind is PageKind.NOT_HTML
    assert metadata.titles == []


def make_pdf(info: bytes) -> bytes:
    """A small but well-formed PDF whose trailer points at the Info dictionary `info`."""
    stream = zlib.compress(b"BT /F1 12 Tf 72 712 Td (Hello) Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        info,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_pdf_info_dictionary() -> None:
    body = make_pdf(
        b"<< /Title (The Islamic State in Pakistan \\(Peace Brief 213\\)) "
        b"/Author (Tariq Parvez) /CreationDate (D:20160901120000+05'00') >>"
    )
    metadata = metadata_from_fetch(result(body, "application/pdf"))
    assert metadata.kind is PageKind.NOT_HTML
    assert [(title.value, title.source) for title in metadata.titles] == [
        ("The Islamic State in Pakistan (Peace Brief 213)", "pdf:Title")
    ]
    assert [author.value for author in metadata.authors] == ["Tariq Parvez"]
    assert metadata.published[0].value == dt.date(2016, 9, 1)


def test_pdf_utf16_hex_title_and_octal_escapes() -> None:
    title = "Ünïcode title".encode("utf-16-be")
    hex_title = ("<FEFF" + title.hex().upper() + ">").encode()
    info = pdf_metadata(make_pdf(b"<< /Title " + hex_title + b" /Author (Jos\\351 Ruiz) >>"))
    assert info.title == "Ünïcode title"
    assert [author.value for author in info.authors] == ["José Ruiz"]


def test_pdf_without_pages_is_unreadable() -> None:
    info = pdf_metadata(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n")
    assert info.unreadable is not None
    assert info.titles == []
    assert info.authors == []
    assert info.published == []
