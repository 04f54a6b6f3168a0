"""PDFs read with pypdf: Info dictionary, XMP, the first page's largest line, unreadable files.

Every PDF is written by the test itself (tests/conftest.py writes the bytes and the xref) and
read back through the real pypdf."""

from __future__ import annotations

import datetime as dt
import zlib

from citecheck.extract import metadata_from_fetch
from citecheck.extract.pdf_info import largest_line, pdf_metadata
from citecheck.models import FetchResult, PageKind

from ..conftest import PdfMaker


def fetched(body: bytes) -> FetchResult:
    return FetchResult(
        requested_url="https://www.usip.org/sites/default/files/PB213.pdf",
        final_url="https://www.usip.org/sites/default/files/PB213.pdf",
        status=200,
        headers={"content-type": "application/pdf"},
        body=body,
    )


def test_info_dictionary_gives_title_authors_and_dates(make_pdf: PdfMaker) -> None:
    body = make_pdf(
        [(11, "Body text of the brief.")],
        info={
            "Title": "The Islamic State in Pakistan",
            "Author": "Tariq Parvez; Moeed Yusuf",
            "CreationDate": "D:20160901120000+05'00'",
            "ModDate": "D:20161003090000Z",
        },
    )
    info = pdf_metadata(body)
    assert info.unreadable is None
    assert [(t.value, t.source) for t in info.titles] == [
        ("The Islamic State in Pakistan", "pdf:Title")
    ]
    assert [a.value for a in info.authors] == ["Tariq Parvez", "Moeed Yusuf"]
    assert [(d.value, d.source) for d in info.published] == [
        (dt.date(2016, 9, 1), "pdf:CreationDate")
    ]
    assert [d.value for d in info.modified] == [dt.date(2016, 10, 3)]


def test_xmp_metadata_is_read_when_the_info_dictionary_is_silent(make_pdf: PdfMaker) -> None:
    body = make_pdf(
        [(11, "Body text.")],
        xmp_title="Counting the Cost of Floods in Sindh",
        xmp_creators=["Amina Qureshi", "Bilal Khan"],
        xmp_created="2019-03-14T08:00:00Z",
    )
    info = pdf_metadata(body)
    assert [(t.value, t.source) for t in info.titles] == [
        ("Counting the Cost of Floods in Sindh", "xmp:dc:title")
    ]
    assert [(a.value, a.source) for a in info.authors] == [
        ("Amina Qureshi", "xmp:dc:creator"),
        ("Bilal Khan", "xmp:dc:creator"),
    ]
    assert [d.value for d in info.published] == [dt.date(2019, 3, 14)]


def test_without_metadata_the_largest_first_page_line_is_the_title(make_pdf: PdfMaker) -> None:
    body = make_pdf(
        [
            (9, "PEACE BRIEF 213"),
            (24, "The Islamic State"),
            (24, "in Pakistan"),
            (10, "By Tariq Parvez"),
            (10, "September 21, 2016"),
            (11, "Summary of the brief, set in the running text of the page, " * 3),
            (11, "More running text that no one would take for a title at all. " * 3),
        ]
    )
    info = pdf_metadata(body)
    assert info.unreadable is None
    assert [(t.value, t.source) for t in info.titles] == [
        ("The Islamic State in Pakistan", "pdf:first-page")
    ]
    assert [(a.value, a.source) for a in info.authors] == [
        ("Tariq Parvez", "pdf:first-page-byline")
    ]
    assert [(d.value, d.source) for d in info.published] == [
        (dt.date(2016, 9, 21), "pdf:first-page-text")
    ]


def test_a_page_in_one_size_offers_no_title() -> None:
    pieces = [(11.0, "A letter in one size."), (11.0, "Its second line.")]
    assert largest_line(pieces) is None


def test_authoring_tool_titles_are_not_titles(make_pdf: PdfMaker) -> None:
    body = make_pdf(
        [(20, "Water Rights in the Indus Basin"), (10, "Running text " * 20)],
        info={"Title": "Microsoft Word - brief_final_v3.docx"},
    )
    info = pdf_metadata(body)
    assert [t.value for t in info.titles] == ["Water Rights in the Indus Basin"]


def test_a_truncated_pdf_is_unreadable_not_without_metadata(make_pdf: PdfMaker) -> None:
    body = make_pdf([(20, "A Title")], info={"Title": "A Long Enough Title"})
    metadata = metadata_from_fetch(fetched(body[: len(body) // 2]))
    assert metadata.kind is PageKind.UNREADABLE
    assert (
        metadata.unreadable
        == "unreadable PDF: the file is truncated (it has no end-of-file marker)"
    )
    assert metadata.titles == []


def test_a_damaged_pdf_is_unreadable_with_pypdf_words() -> None:
    body = b"%PDF-1.7\n" + zlib.compress(b"garbage" * 100) + b"\n%%EOF\n"
    metadata = metadata_from_fetch(fetched(body))
    assert metadata.kind is PageKind.UNREADABLE
    assert metadata.unreadable is not None
    assert metadata.unreadable.startswith("unreadable PDF: the file is damaged (pypdf: ")


def test_a_readable_pdf_without_metadata_is_not_html_not_unreadable(make_pdf: PdfMaker) -> None:
    metadata = metadata_from_fetch(fetched(make_pdf([(11, "Only running text.")])))
    assert metadata.kind is PageKind.NOT_HTML
    assert metadata.unreadable is None
    assert metadata.titles == []


def test_the_verdict_on_a_truncated_pdf_names_it_unreadable(make_pdf: PdfMaker) -> None:
    from citecheck.match import judge
    from citecheck.models import Citation, Status
    from citecheck.settings import MatchSettings

    body = make_pdf([(20, "The Islamic State in Pakistan")])[:200]
    page = fetched(body)
    citation = Citation(id="1", title="The Islamic State in Pakistan", url=page.requested_url)
    result = judge(citation, page, metadata_from_fetch(page), MatchSettings())
    assert result.status is Status.UNVERIFIABLE
    assert result.reasons == [
        "unreadable PDF: the file is truncated (it has no end-of-file marker)"
    ]


def test_a_byline_names_every_author_and_metadata_authors_come_first(make_pdf: PdfMaker) -> None:
    lines = [
        (22, "Water Rights in the Indus Basin"),
        (10, "By Amina Qureshi, Bilal Khan and Sara Ali"),
    ]
    info = pdf_metadata(make_pdf(lines))
    assert [a.value for a in info.authors] == ["Amina Qureshi", "Bilal Khan", "Sara Ali"]
    with_info = pdf_metadata(make_pdf(lines, info={"Author": "Institute of Peace"}))
    assert [a.value for a in with_info.authors] == ["Institute of Peace"]
