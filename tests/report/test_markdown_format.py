"""The Markdown report, read back with a real CommonMark parser (markdown-it-py, with tables)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from citecheck.models import Report, Status
from citecheck.report import render

# A cell boundary is a `|` that no backslash escapes.
_CELL_BOUNDARY = re.compile(r"(?<!\\)\|")


class _TableReader(HTMLParser):
    """Collects the text of each table row, and every tag and href the Markdown produced."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.tags: set[str] = set()
        self.hrefs: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "a":
            self.hrefs += [value or "" for name, value in attrs if name == "href"]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _read(markdown: str) -> _TableReader:
    reader = _TableReader()
    reader.feed(MarkdownIt("commonmark").enable("table").render(markdown))
    return reader


def _table_lines(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("|")]


def test_starts_with_the_summary_line(sample_report: Report) -> None:
    markdown = render(sample_report, "markdown")

    assert "**5 citations: 1 verified, 1 warning, 1 failed, 1 blocked, 1 unverifiable**" in (
        markdown
    )


def test_the_table_has_one_row_per_citation_with_id_status_title(sample_report: Report) -> None:
    rows = _read(render(sample_report, "markdown")).rows

    assert rows[0] == ["ID", "Status", "Title", "URL", "HTTP", "Reasons"]
    body = rows[1 : 1 + len(sample_report.results)]
    for row, result in zip(body, sample_report.results, strict=True):
        assert row[:3] == [result.id, result.status.value, result.title]


def test_urls_become_links_to_the_final_address(sample_report: Report) -> None:
    hrefs = _read(render(sample_report, "markdown")).hrefs
    verified = sample_report.results[0]

    assert verified.final_url in hrefs


def test_pipes_and_newlines_in_cells_are_escaped(hostile_report: Report) -> None:
    markdown = render(hostile_report, "markdown")
    piped = hostile_report.results[2]  # title "a | b\nc | d", a `|` in its URL and reason
    assert piped.title is not None

    rows = _read(markdown).rows
    row = next(row for row in rows if row and row[0] == piped.id)
    assert row[2] == piped.title.replace("\n", " ")
    assert row[5] == piped.reasons[0].replace("\n", " ")
    # The link keeps its address, the `|` percent-encoded.
    assert "https://example.test/search?q=a%7Cb" in _read(markdown).hrefs


def test_every_table_line_has_the_same_number_of_cells(hostile_report: Report) -> None:
    lines = _table_lines(render(hostile_report, "markdown"))
    main_table = lines[: 2 + len(hostile_report.results)]

    counts = {len(_CELL_BOUNDARY.findall(line)) for line in main_table}

    assert counts == {7}  # six cells: a boundary before each and one after the last


def test_hostile_titles_stay_text(hostile_report: Report) -> None:
    reader = _read(render(hostile_report, "markdown"))
    script_title = hostile_report.results[0].title
    breakout_title = hostile_report.results[1].title

    assert not reader.tags & {"script", "img"}
    cells = [cell for row in reader.rows for cell in row]
    assert script_title in cells
    assert breakout_title in cells


def test_only_http_urls_become_links(hostile_report: Report) -> None:
    hrefs = _read(render(hostile_report, "markdown")).hrefs

    assert hrefs
    assert all(href.startswith(("http://", "https://")) for href in hrefs)


def test_details_follow_for_every_citation_not_verified(sample_report: Report) -> None:
    markdown = render(sample_report, "markdown")
    headings = [line for line in markdown.splitlines() if line.startswith("### ")]

    expected = [
        f"### {result.id}: {result.status.value}"
        for result in sample_report.results
        if result.status is not Status.VERIFIED
    ]
    assert headings == expected


def test_details_list_every_reason_and_check(sample_report: Report) -> None:
    failed = sample_report.results[2]
    rows = _read(render(sample_report, "markdown")).rows
    markdown = render(sample_report, "markdown")

    for reason in failed.reasons:
        assert f"- Reason: {reason}" in markdown
    check_rows = [row for row in rows if row and row[0] == "title" and row[1] == "skip"]
    assert check_rows[0][-1] == failed.checks["title"].reason
