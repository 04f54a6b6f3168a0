"""`citecheck lint`: every likely mistake it warns about, the errors it shares with the loader,
its output formats and every exit code, on real files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.citations import parse_citations
from citecheck.cli import main
from citecheck.lint import lint_citations, same_address_key

TODAY = dt.date(2026, 6, 15)


def codes(text: str, **kwargs: object) -> list[tuple[str, str]]:
    warnings = lint_citations(parse_citations(text), today=TODAY, **kwargs)  # type: ignore[arg-type]
    return [(w.citation_id, w.code) for w in warnings]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["lint", *args])
    return result.exit_code, result.stdout, result.stderr


def test_a_clean_file_has_no_warnings() -> None:
    text = """citations:
  - id: a
    title: Floods in Sindh
    publisher: Dawn
    url: https://www.dawn.com/news/1
    date: 2022-08-30
    accessed: 2022-09-01
  - id: b
    same_as: a
    locator: p. 2
  - id: c
    title: A book without an address
    publisher: A Press
    date: 2019
"""
    assert codes(text) == []


def test_one_address_under_two_titles() -> None:
    text = """citations:
  - id: a
    title: Floods in Sindh
    url: https://www.dawn.com/news/1
  - id: b
    title: Cricket at Lord's
    url: http://dawn.com/news/1/#comments
  - id: c
    title: "FLOODS  in Sindh"
    url: https://dawn.com/news/1
    locator: para 3
"""
    assert codes(text) == [("b", "url-two-titles")]


def test_the_same_source_under_two_ids() -> None:
    text = """citations:
  - id: a
    title: Floods in Sindh
    url: https://www.dawn.com/news/1
  - id: b
    title: Floods in Sindh.
    url: https://dawn.com/news/1
  - id: c
    title: A report
    publisher: An Institute
    date: 2019-04
  - id: d
    title: A report
    publisher: An institute
    date: 2019-04
  - id: e
    title: A report
    publisher: An Institute
    date: 2019-04
    locator: p. 12
"""
    assert codes(text) == [("b", "duplicate"), ("d", "duplicate")]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ("date: 2026-06-16", [("a", "future-date")]),
        ("date: 2026-06-15", []),
        ("date: 2026-06", []),  # June 2026 has begun
        ("date: 2027", [("a", "future-date")]),
        ("accessed: 2026-07-01", [("a", "future-date")]),
        ("date: 2020-05-02\n    accessed: 2020-05-01", [("a", "accessed-before-date")]),
        ("date: 2020-05\n    accessed: 2020-04-30", [("a", "accessed-before-date")]),
        ("date: 2020-05-31\n    accessed: 2020-05", []),  # May may mean its last day
        ("date: 2020\n    accessed: 2020-01-01", []),
        ("date: 2021\n    accessed: 2020-12-31", [("a", "accessed-before-date")]),
    ],
)
def test_dates_in_the_future_and_accessed_before_the_date(
    fields: str, expected: list[tuple[str, str]]
) -> None:
    assert codes(f"citations:\n  - id: a\n    title: T\n    {fields}\n") == expected


@pytest.mark.parametrize(
    ("publisher", "url", "warns"),
    [
        ("Reuters", "https://www.bbc.co.uk/news/x", True),
        ("BBC News", "https://www.bbc.com/news/x", False),  # an alias of BBC, on its domain
        ("Reuters", "https://www.example.org/x", False),  # the domain is no known publisher's
        ("A Small Press", "https://www.bbc.co.uk/news/x", False),  # the publisher is unknown
        ("Reuters", "https://uk.reuters.com/article/x", False),  # a subdomain of its own
    ],
)
def test_a_publisher_that_contradicts_the_domain(publisher: str, url: str, warns: bool) -> None:
    text = f"citations:\n  - id: a\n    title: T\n    publisher: {publisher}\n    url: {url}\n"
    assert codes(text) == ([("a", "publisher-domain")] if warns else [])


def test_aliases_from_the_settings_count() -> None:
    text = "citations:\n  - id: a\n    title: T\n    publisher: Reuters\n    url: https://www.bbc.co.uk/x\n"
    aliases = {"Reuters": ["bbc.co.uk"]}
    assert codes(text, publisher_aliases=aliases) == []


def test_same_address_key() -> None:
    assert same_address_key("HTTPS://WWW.Dawn.com/news/1/#top") == "dawn.com/news/1"
    assert same_address_key("http://dawn.com/news/1?a=1") == "dawn.com/news/1?a=1"
    assert same_address_key("https://dawn.com/news/1?a=1") != same_address_key(
        "https://dawn.com/news/1?a=2"
    )


# --------------------------------------------------------------------------- the command

CLEAN = "citations:\n  - id: a\n    title: T\n    url: https://example.org/a\n"
WARNED = CLEAN + "  - id: b\n    title: T\n    url: https://example.org/a/\n"
BROKEN = "citations:\n  - id: a\n    titel: T\n  - id: a\n"


def test_exit_codes(tmp_path: Path) -> None:
    clean, warned, broken = (
        tmp_path / "clean.yaml",
        tmp_path / "warned.yaml",
        tmp_path / "broken.yaml",
    )
    clean.write_text(CLEAN, encoding="utf-8")
    warned.write_text(WARNED, encoding="utf-8")
    broken.write_text(BROKEN, encoding="utf-8")

    assert run(str(clean))[0] == 0
    assert run(str(clean), "--strict")[0] == 0
    assert run(str(warned))[0] == 0
    assert run(str(warned), "--strict")[0] == 1
    assert run(str(broken))[0] == 2
    assert run(str(warned), str(broken), "--strict")[0] == 2
    assert run(str(tmp_path / "missing.yaml"))[0] == 2


def test_text_lines_name_file_line_citation_and_code(tmp_path: Path) -> None:
    warned = tmp_path / "citations.yaml"
    warned.write_text(WARNED, encoding="utf-8")

    code, stdout, stderr = run(str(warned))

    assert code == 0
    assert stdout.splitlines() == [
        f"{warned}:5: warning: citation 'b': the same source as citation 'a' (line 2): "
        "write `same_as: a` or remove one [duplicate]"
    ]
    assert "2 citation(s), 1 warning(s)" in stderr


def test_errors_are_the_loaders_one_line_each(tmp_path: Path) -> None:
    broken = tmp_path / "citations.yaml"
    broken.write_text(BROKEN, encoding="utf-8")

    code, stdout, _ = run(str(broken))

    assert code == 2
    lines = stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"error: {broken}:3: citation 'a': titel: unknown field")
    assert lines[1].startswith(f"error: {broken}:4: citation 'a': id: duplicate id")


def test_github_format_annotates_errors_and_warnings(tmp_path: Path) -> None:
    warned, broken = tmp_path / "w.yaml", tmp_path / "b.yaml"
    warned.write_text(WARNED, encoding="utf-8")
    broken.write_text(BROKEN, encoding="utf-8")

    code, stdout, _ = run(str(broken), str(warned), "--format", "github")

    assert code == 2
    lines = stdout.splitlines()
    assert lines[0].startswith("::error file=")
    assert ",line=3::" in lines[0]
    assert lines[-1].startswith("::warning file=")
    assert ",line=5::" in lines[-1]
    assert "%3A" not in lines[-1].split("::")[2]  # a colon in a message is not escaped


def test_default_file_is_citations_yaml_in_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "citations.yaml").write_text(WARNED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    assert run("--strict")[0] == 1


def test_publisher_aliases_come_from_citecheck_toml(tmp_path: Path) -> None:
    path = tmp_path / "citations.yaml"
    path.write_text(
        "citations:\n  - id: a\n    title: T\n    publisher: Reuters\n    url: https://www.bbc.co.uk/x\n",
        encoding="utf-8",
    )
    assert run(str(path), "--strict")[0] == 1
    (tmp_path / "citecheck.toml").write_text('[publishers]\n"Reuters" = ["bbc.co.uk"]\n')
    assert run(str(path), "--strict")[0] == 0
    (tmp_path / "citecheck.toml").write_text("[publisher]\n")
    code, stdout, _ = run(str(path))
    assert code == 2 and "unknown section" in stdout
