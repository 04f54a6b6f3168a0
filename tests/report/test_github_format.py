"""GitHub workflow commands: escaping as the Actions toolkit documents it, positions at each
citation's entry, at most 10 annotations of a kind, and the step summary listing the rest."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
from markdown_it import MarkdownIt

from citecheck.models import CitationResult, Report, Status
from citecheck.report import render
from citecheck.report.github_format import escape_data, escape_property, step_summary

STARTED = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
# `::level properties::message`: properties are `name=value` joined by commas.
COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def _citations(root: Path, count: int) -> Path:
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    lines = ["citations:"]
    for index in range(count):
        lines += [
            f"  - id: n{index}",
            f"    title: Title {index}",
            f"    url: https://x.test/{index}",
        ]
    path = root / "citations.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _report(path: Path, statuses: list[Status], **fields: object) -> Report:
    results = [
        CitationResult(
            id=f"n{index}",
            status=status,
            line=2 + 3 * index,
            url=f"https://x.test/{index}",
            reasons=[f"reason {index}"],
        )
        for index, status in enumerate(statuses)
    ]
    report = Report(
        citations_path=str(path),
        results=results,
        started_at=STARTED,
        finished_at=STARTED + dt.timedelta(seconds=1),
    )
    return dataclasses.replace(report, **fields)


def _commands(text: str) -> list[tuple[str, dict[str, str], str]]:
    """Each workflow command, its properties and message unescaped as the runner does."""
    found = []
    for line in text.splitlines():
        match = COMMAND.match(line)
        if match:
            properties = dict(
                item.split("=", 1) for item in (match.group(2) or "").split(",") if item
            )
            found.append(
                (
                    match.group(1),
                    {key: unquote(value) for key, value in properties.items()},
                    unquote(match.group(3)),
                )
            )
    return found


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("100%", "100%25", "100%25"),
        ("a\nb", "a%0Ab", "a%0Ab"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("key: value, more", "key: value, more", "key%3A value%2C more"),
        ("%0A", "%250A", "%250A"),  # an escape already in the text stays text
        ("::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"),
    ],
)
def test_escaping_as_the_actions_toolkit_documents(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_each_problem_is_annotated_at_its_entry(tmp_path: Path) -> None:
    path = _citations(tmp_path, 4)
    report = _report(path, [Status.FAILED, Status.WARNING, Status.BLOCKED, Status.VERIFIED])

    commands = _commands(render(report, "github"))

    assert [(level, props["line"], props["endLine"]) for level, props, _ in commands] == [
        ("error", "2", "4"),
        ("warning", "5", "7"),
        ("notice", "8", "10"),
    ]
    for _, props, _ in commands:
        assert props["file"] == "citations.yaml"
        assert props["col"] == "5"
        assert props["title"]
    assert commands[0][2].splitlines() == [
        "Citation 'n0' failed",
        "URL: https://x.test/0",
        "reason 0",
    ]


def test_hostile_text_cannot_end_the_command_or_start_another(tmp_path: Path) -> None:
    path = _citations(tmp_path, 1)
    report = _report(path, [Status.FAILED])
    evil = "x\n::error file=/etc/passwd::owned\r\n100% sure, really: yes"
    report.results[0] = dataclasses.replace(report.results[0], id="n0", reasons=[evil])

    output = render(report, "github")

    command_lines = [line for line in output.splitlines() if line.startswith("::")]
    assert len(command_lines) == 1
    assert "passwd::owned" in command_lines[0]  # inside the message, where it is plain text
    assert "%25 sure" in command_lines[0]


def test_an_id_with_colons_and_commas_is_escaped_in_the_title(tmp_path: Path) -> None:
    path = _citations(tmp_path, 1)
    report = _report(path, [Status.FAILED])
    report.results[0] = dataclasses.replace(report.results[0], id="a:b,c")

    line = render(report, "github").splitlines()[0]

    properties = line.split("::")[1]
    assert "a%3Ab%2Cc" in properties
    assert _commands(line)[0][1]["title"].endswith("(a:b,c)")


def test_past_ten_of_a_kind_the_rest_go_to_the_step_summary(tmp_path: Path) -> None:
    statuses = [Status.FAILED] * 13 + [Status.WARNING] * 2
    path = _citations(tmp_path, len(statuses))
    report = _report(path, statuses)

    output = render(report, "github")
    summary = step_summary(report)

    levels = [level for level, _, _ in _commands(output)]
    assert levels.count("error") == 10
    assert levels.count("warning") == 2
    assert "3 more problem(s) not annotated" in output
    tokens = MarkdownIt().enable("table").parse(summary)
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 1 + len(statuses)  # header + every problem
    assert summary.count("| —") == 3
    for index in (10, 11, 12):
        assert f"| n{index} | {2 + 3 * index} | failed |" in summary


def test_an_interrupted_run_is_a_warning_and_in_the_summary(tmp_path: Path) -> None:
    path = _citations(tmp_path, 1)
    report = _report(path, [Status.VERIFIED], interrupted=True)

    commands = _commands(render(report, "github"))

    assert commands[-1][0] == "warning"
    assert "interrupted" in commands[-1][2]
    assert "interrupted" in step_summary(report)
