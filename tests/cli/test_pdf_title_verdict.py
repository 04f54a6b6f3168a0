"""A PDF's own title counts like an HTML page's: a PDF whose title contradicts the citation
fails, one whose title matches verifies. PDFs are written with pypdf and served on loopback."""

from __future__ import annotations

import io
import json
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader, PdfWriter
from pytest_httpserver import HTTPServer

from citecheck.cli import main

PDF_TITLE = "The Islamic State in Pakistan: Peace Brief 213"


def pdf_with_title(title: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.add_metadata({"/Title": title, "/Author": "Tariq Parvez"})
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    assert PdfReader(io.BytesIO(data)).metadata.title == title  # the file says what we meant
    return data


def verify(tmp_path: Path, httpserver: HTTPServer, cited_title: str) -> dict[str, object]:
    httpserver.expect_request("/brief.pdf").respond_with_data(
        pdf_with_title(PDF_TITLE), content_type="application/pdf"
    )
    citations = tmp_path / "citations.yaml"
    citations.write_text(
        "citations:\n"
        "  - id: v\n"
        f'    title: "{cited_title}"\n'
        f"    url: {httpserver.url_for('/brief.pdf')}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main,
        ["verify", str(citations), "--allow-private", "--no-cache", "--no-progress", "-f", "json"],
    )
    report = json.loads(result.stdout)
    (entry,) = report["results"]
    assert isinstance(entry, dict)
    entry["exit_code"] = result.exit_code
    return entry


def test_a_pdf_whose_title_contradicts_the_citation_fails(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    entry = verify(tmp_path, httpserver, "Pakistan's Counterterrorism Strategy After Zarb-e-Azb")
    assert entry["status"] == "failed"
    assert entry["checks"]["title"]["status"] == "fail"
    assert entry["checks"]["title"]["found"] == PDF_TITLE
    assert not any("nothing to compare" in reason for reason in entry["reasons"])
    assert entry["exit_code"] == 1  # --fail-on failed, the default


def test_a_pdf_whose_title_matches_is_verified(tmp_path: Path, httpserver: HTTPServer) -> None:
    entry = verify(tmp_path, httpserver, PDF_TITLE)
    assert entry["status"] == "verified"
    assert entry["checks"]["title"]["status"] == "pass"
    assert entry["exit_code"] == 0
