"""The HTML report, read back with html.parser: hostile text must stay text."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser

from citecheck.models import Report, Status
from citecheck.report import render


class _PageReader(HTMLParser):
    """Records every element, attribute and piece of text the browser would see."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.hrefs: list[str] = []
        self.texts: list[str] = []
        self.cells: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]
        if tag == "a":
            self.hrefs += [value or "" for name, value in attrs if name == "href"]
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        if self._cell is not None:
            self._cell.append(data)


def _read(report: Report) -> _PageReader:
    reader = _PageReader()
    reader.feed(render(report, "html"))
    reader.close()
    return reader


def test_is_a_standalone_page_without_scripts_or_external_assets(sample_report: Report) -> None:
    page = render(sample_report, "html")
    reader = _read(sample_report)

    assert page.startswith("<!DOCTYPE html>")
    assert "style" in reader.tags
    assert not {"script", "link", "img", "iframe"} & set(reader.tags)
    assert not [name for name, _ in reader.attributes if name == "src"]


def test_shows_the_summary_and_one_row_per_citation(sample_report: Report) -> None:
    reader = _read(sample_report)

    assert "5 citations: 1 verified, 1 warning, 1 failed, 1 blocked, 1 unverifiable" in (
        reader.texts
    )
    for result in sample_report.results:
        assert result.id in reader.cells
        assert result.title in reader.cells


def test_links_point_at_the_final_urls(sample_report: Report) -> None:
    hrefs = _read(sample_report).hrefs

    for result in sample_report.results:
        if result.final_url:
            assert result.final_url in hrefs


def test_script_tags_in_titles_are_text(hostile_report: Report) -> None:
    reader = _read(hostile_report)
    script_title = hostile_report.results[0].title

    assert "script" not in reader.tags
    assert script_title in reader.cells


def test_attribute_breakouts_are_text(hostile_report: Report) -> None:
    reader = _read(hostile_report)
    breakout = hostile_report.results[1].title

    assert "img" not in reader.tags
    assert not [name for name, _ in reader.attributes if name.startswith("on")]
    assert breakout in reader.cells


def test_quotes_in_a_linked_url_stay_inside_the_href(hostile_report: Report) -> None:
    url = hostile_report.results[1].url  # https://…/a"onmouseover="alert(4)

    assert url in _read(hostile_report).hrefs


def test_only_http_urls_are_links(hostile_report: Report) -> None:
    reader = _read(hostile_report)
    javascript_url = hostile_report.results[0].url
    assert javascript_url is not None

    assert reader.hrefs
    assert all(href.startswith(("http://", "https://")) for href in reader.hrefs)
    # Still shown, as text, so the reader can see what the citation said.
    assert any(javascript_url in text for text in reader.texts)


def test_a_content_security_policy_forbids_scripts(sample_report: Report) -> None:
    policies = [
        value for name, value in _read(sample_report).attributes if value.startswith("default-src")
    ]

    assert policies
    assert "'none'" in policies[0]
    assert "script-src" not in policies[0]


def test_details_are_given_for_citations_not_verified(sample_report: Report) -> None:
    reader = _read(sample_report)
    failed = next(r for r in sample_report.results if r.status is Status.FAILED)

    for reason in failed.reasons:
        assert f"Reason: {reason}" in reader.texts
    assert failed.checks["title"].reason in reader.cells


def test_an_interrupted_run_says_so(sample_report: Report) -> None:
    interrupted = render(dataclasses.replace(sample_report, interrupted=True), "html")

    assert "interrupted" in interrupted
    assert "interrupted" not in render(sample_report, "html")
