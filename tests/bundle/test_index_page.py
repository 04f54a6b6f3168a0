"""index.html opened in a real headless browser (Debian's chromium): every note, its verdict
and its links are there, page text stays text, and nothing runs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html

from .conftest import HOSTILE_TITLE
from .test_bundle_writer import _write_bundle

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="needs chromium (.ci/run installs it with apt-get)"
)


def _rendered_dom(page: Path, profile: Path) -> html.HtmlElement:
    assert CHROMIUM is not None
    shown = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return html.fromstring(shown.stdout)


def test_the_browser_shows_every_note_with_escaped_page_text(site: str, tmp_path: Path) -> None:
    folder = _write_bundle(site, tmp_path)
    dom = _rendered_dom(folder / "index.html", tmp_path / "profile")

    assert dom.xpath("//script") == []  # neither ours nor the hostile title's
    assert dom.xpath("//b") == []  # the title's <b> stayed text
    assert dom.xpath("//link | //img | //iframe") == []  # nothing external
    notes = dom.xpath("//section[@class='note']")
    assert [n.get("id") for n in notes] == ["note-1", "note-2", "note-3", "note-../4", "note-5"]
    verdicts = [n.xpath("string(.//h2/span)").strip() for n in notes]
    assert verdicts == ["verified", "verified", "warning", "failed", "unverifiable"]

    hostile = notes[2].text_content()
    assert HOSTILE_TITLE in hostile  # shown exactly as the page had it, as text
    assert "title differs: " + HOSTILE_TITLE in hostile

    links = {a.text_content(): a.get("href") for a in notes[0].xpath(".//a")}
    assert links["Live page"] == f"{site}/moved"
    assert links["Local snapshot"] == "snapshots/1.html"
    archive = f"https://web.archive.org/web/20160815093000/{site}/moved"
    assert links["Internet Archive copy of 2016-08-15T09:30:00Z"] == archive
    assert (folder / links["Local snapshot"]).is_file()
    found = notes[0].xpath("string(.//table[caption]//td)")
    assert "Harbour expansion approved" in found
    dead = {a.text_content(): a.get("href") for a in notes[3].xpath(".//a")}
    assert dead["Internet Archive copy of 2016-08-15"].endswith(f"20160815000000id_/{site}/gone")
    no_link = notes[4].text_content()
    assert "no copy" in no_link and "No link at all" in no_link
