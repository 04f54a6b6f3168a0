"""`lookup --write` records a Wayback capture as the citation's archive_url and archive_date
(the capture's day), never as its url; the file is read back with ruamel and compared line by
line with what was there. Against the fake archive of tests/webarchive (protocols.md §2)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML
from werkzeug.serving import WSGIRequestHandler

from citecheck.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "webarchive"))
from fake_archive import FakeArchive

TITLE = "Protesters Wave Flags of Isis, Pakistan in Kashmir Valley"
PAGE = f"""<html><head><title>{TITLE}</title>
<meta property="article:published_time" content="2015-06-12T08:00:00Z"></head>
<body><article><h1>{TITLE}</h1><p>{"Srinagar. " * 60}</p></article></body></html>"""
ORIGINAL = "http://news.invalid/kashmir/protesters-wave-flags-isis-pakistan-kashmir-valley-635241"
DEAD = "http://news.invalid/kashmir/old-link-123"
CITATIONS = f"""\
# Notes; comments and quoting must survive --write.
citations:
  - id: ix
    title: "{TITLE}"
    publisher: News Invalid   # the site
    date: 2015-06-12
    url: {DEAD}
    locator: p. 2
  - id: x
    title: 'Nobody archived this one'
    url: http://news.invalid/kashmir/never-archived
"""


@pytest.fixture
def archive() -> Iterator[FakeArchive]:
    had = "protocol_version" in vars(WSGIRequestHandler)
    before = WSGIRequestHandler.protocol_version
    fake = FakeArchive()
    fake.start()
    try:
        yield fake
    finally:
        fake.stop()
        if had:
            WSGIRequestHandler.protocol_version = before
        elif "protocol_version" in vars(WSGIRequestHandler):
            del WSGIRequestHandler.protocol_version


def project(tmp_path: Path, archive: FakeArchive) -> Path:
    archive.add(ORIGINAL, "20150613101010", PAGE)
    (tmp_path / "citecheck.toml").write_text(
        "[fetch]\nallow_private = true\nhost_interval = 0\nretries = 0\n"
        # The .invalid host never resolves; the archive answering shows the network is up.
        f'connectivity_probes = ["{archive.base}/"]\n'
        "[lookup]\npublisher_site = false\ncrossref = false\nwayback_cdx = true\n"
        f'[archive]\nwayback = "{archive.base}"\ncdx_interval = 0\n',
        encoding="utf-8",
    )
    path = tmp_path / "citations.yaml"
    path.write_text(CITATIONS, encoding="utf-8")
    return path


def test_a_wayback_capture_is_written_as_archive_url_and_date_leaving_url_alone(
    tmp_path: Path, archive: FakeArchive
) -> None:
    path = project(tmp_path, archive)
    capture = f"{archive.base}/web/20150613101010/{ORIGINAL}"

    run = CliRunner().invoke(main, ["lookup", str(path), "--write", "--no-cache"])

    assert run.exit_code == 0, run.output
    assert "wrote the archive_url and archive_date of 1 citation(s)" in run.output
    text = path.read_text(encoding="utf-8")
    entry = YAML().load(text)["citations"][0]
    assert entry["url"] == DEAD
    assert entry["archive_url"] == capture
    assert str(entry["archive_date"]) == "2015-06-13"
    assert entry["found_by"] == "lookup"
    assert list(entry) == [
        "id",
        "title",
        "publisher",
        "date",
        "url",
        "found_by",
        "archive_url",
        "archive_date",
        "locator",
    ]
    # Only the three new lines differ; every line that was there is there, as written.
    before, after = CITATIONS.splitlines(), text.splitlines()
    added = [line for line in after if line not in before]
    assert added == [
        "    found_by: lookup",
        f"    archive_url: {capture}",
        "    archive_date: 2015-06-13",
    ]
    assert [line for line in after if line in before] == before
    assert "never-archived" in text and text.count("archive_url") == 1
