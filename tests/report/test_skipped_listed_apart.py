"""Citations skipped as the settings ask (`verify.skip_urls`) are not problems: the Markdown and
HTML reports list them apart, under "Skipped", not under "Details". Rendered and read back
(the HTML parsed with lxml)."""

from __future__ import annotations

import dataclasses

import lxml.html

from citecheck.match.verdict import skipped_result
from citecheck.models import Citation, Report, Status
from citecheck.report import render

PATTERN_REASON = "its url matches verify.skip_urls pattern 'https://paywalled.test/*'"


def with_skipped(report: Report) -> Report:
    skipped = skipped_result(
        Citation(id="s1", title="Behind the wall", url="https://paywalled.test/story", line=40),
        PATTERN_REASON,
    )
    assert skipped.status is Status.SKIPPED
    return dataclasses.replace(report, results=[*report.results, skipped])


def sections(markdown: str) -> dict[str, list[str]]:
    """The lines under each `## ` heading."""
    found: dict[str, list[str]] = {}
    current: list[str] = []
    for line in markdown.splitlines():
        if line.startswith("## "):
            current = found.setdefault(line[3:], [])
        else:
            current.append(line)
    return found


def test_markdown_lists_skipped_citations_apart_from_the_details(sample_report: Report) -> None:
    report = with_skipped(sample_report)
    read = sections(render(report, "markdown"))

    detailed = [line[4:].split(":")[0] for line in read["Details"] if line.startswith("### ")]
    problems = [r.id for r in report.results if r.status not in (Status.VERIFIED, Status.SKIPPED)]
    assert detailed == problems and "s1" not in detailed
    listed = [line for line in read["Skipped"] if line.startswith("- ")]
    assert listed == [
        "- s1: <https://paywalled.test/story> (its url matches verify.skip\\_urls pattern "
        "'https://paywalled.test/\\*')"
    ]


def test_html_lists_skipped_citations_apart_from_the_details(sample_report: Report) -> None:
    report = with_skipped(sample_report)
    page = lxml.html.document_fromstring(render(report, "html"))

    headings = [h.text_content() for h in page.iter("h2")]
    assert headings == ["Details", "Skipped"]
    # The citations detailed: the h3 headings after "Details", all before "Skipped".
    after_details = page.xpath("//h2[.='Details']/following::h3")
    assert after_details == page.xpath("//h2[.='Skipped']/preceding::h3")
    detailed = [h.text_content().split(":")[0] for h in after_details]
    problems = [r.id for r in report.results if r.status not in (Status.VERIFIED, Status.SKIPPED)]
    assert detailed == problems and "s1" not in detailed
    (items,) = page.xpath("//ul[@class='skipped']")
    assert [li.text_content() for li in items.iter("li")] == [
        f"s1: https://paywalled.test/story ({PATTERN_REASON})"
    ]
    assert [a.get("href") for a in items.iter("a")] == ["https://paywalled.test/story"]
    # The summary table still has the skipped citation's row.
    rows = [row.xpath("td[1]")[0].text_content() for row in page.xpath("//table[1]/tbody/tr")]
    assert rows == [r.id for r in report.results]


def test_a_run_with_only_skipped_problems_has_no_details(sample_report: Report) -> None:
    verified = [r for r in sample_report.results if r.status is Status.VERIFIED]
    report = with_skipped(dataclasses.replace(sample_report, results=verified))
    assert "## Details" not in render(report, "markdown")
    page = lxml.html.document_fromstring(render(report, "html"))
    assert [h.text_content() for h in page.iter("h2")] == ["Skipped"]
