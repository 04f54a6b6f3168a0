"""`verify --changed-since REF` in real git repositories built in temp folders: commits that add,
change and remove citations, a renamed file, a file new since REF, a REF that does not exist.

Runs are --offline with no cache, so nothing is fetched: every checked citation comes out
unverifiable, and the report says which were checked."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.changes import changes_since
from citecheck.citations import load_citations
from citecheck.cli import main

FIRST = """citations:
  - id: a
    title: Floods in Sindh
    url: https://example.org/floods
  - id: b
    title: A report
    url: https://example.org/report
    authors: [One Writer]
  - id: c
    title: A book
    publisher: A Press
    date: 2019
    context: The first sentence.
  - id: d
    same_as: c
  - id: f
    title: Unchanged
    url: https://example.org/same
"""

# a removed; b's authors changed; c's context changed only (not compared) and its date changed;
# d stands for c; e added; f unchanged; g's only change is its place in the file.
SECOND = """citations:
  - id: e
    title: A new source
    url: https://example.org/new
  - id: b
    title: A report
    url: https://example.org/report
    authors: [One Writer, Another Writer]
  - id: c
    title: A book
    publisher: A Press
    date: 2020
    context: Another sentence.
  - id: d
    same_as: c
  - id: f
    title: Unchanged
    url: https://example.org/same
"""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "notes").mkdir()
    (repo / "notes" / "citations.yaml").write_text(FIRST, encoding="utf-8")
    commit(repo, "first")
    return repo


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["verify", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def checked(citations: Path, *args: str) -> tuple[int, list[str], str]:
    out = citations.parent / "report.json"
    code, stdout, stderr = run(
        str(citations), "--offline", "--no-cache", "--no-progress", "-o", str(out), *args
    )
    ids = (
        [r["id"] for r in json.loads(out.read_text(encoding="utf-8"))["results"]]
        if out.exists()
        else []
    )
    out.unlink(missing_ok=True)
    return code, ids, stdout + stderr


def test_only_added_and_changed_citations_are_checked_and_removed_ones_listed(repo: Path) -> None:
    citations = repo / "notes" / "citations.yaml"
    citations.write_text(SECOND, encoding="utf-8")
    commit(repo, "second")

    code, ids, output = checked(citations, "--changed-since", "HEAD~1")

    assert code == 0
    assert sorted(ids) == ["b", "c", "d", "e"]
    assert "1 added, 3 changed, 1 unchanged, 1 removed" in output
    assert "removed since HEAD~1: a (line 2 at HEAD~1)" in output


def test_uncommitted_edits_count_against_head(repo: Path) -> None:
    citations = repo / "notes" / "citations.yaml"
    citations.write_text(FIRST.replace("Floods in Sindh", "Floods in Sindh province"), "utf-8")

    code, ids, _ = checked(citations, "--changed-since", "HEAD")

    assert code == 0 and ids == ["a"]


def test_a_change_outside_the_compared_fields_checks_nothing(repo: Path) -> None:
    citations = repo / "notes" / "citations.yaml"
    citations.write_text(FIRST.replace("The first sentence.", "Reworded."), encoding="utf-8")

    code, ids, output = checked(citations, "--changed-since", "HEAD")

    assert code == 0 and ids == []
    assert "0 added, 0 changed, 5 unchanged, 0 removed" in output


def test_a_renamed_file_is_compared_with_its_old_name(repo: Path) -> None:
    git(repo, "mv", "notes/citations.yaml", "notes/sources.yaml")
    sources = repo / "notes" / "sources.yaml"
    sources.write_text(
        FIRST.replace("url: https://example.org/same", "url: https://example.org/moved"), "utf-8"
    )
    commit(repo, "rename")

    code, ids, output = checked(sources, "--changed-since", "HEAD~1")

    assert code == 0 and ids == ["f"]
    assert "was notes/citations.yaml then (renamed)" in output


def test_a_file_new_since_ref_has_only_new_citations(repo: Path) -> None:
    other = repo / "other.yaml"
    other.write_text(SECOND, encoding="utf-8")
    commit(repo, "another file")

    code, ids, output = checked(other, "--changed-since", "HEAD~1")

    assert code == 0 and sorted(ids) == ["b", "c", "d", "e", "f"]
    assert "did not exist then; every citation is new" in output


def test_a_version_at_ref_that_does_not_read_checks_everything(repo: Path) -> None:
    citations = repo / "notes" / "citations.yaml"
    citations.write_text("citations:\n  - id: [broken\n", encoding="utf-8")
    commit(repo, "broken")
    citations.write_text(SECOND, encoding="utf-8")

    code, ids, output = checked(citations, "--changed-since", "HEAD")

    assert code == 0 and len(ids) == 5
    assert "the version then does not read" in output


def test_a_ref_that_does_not_exist_is_bad_input(repo: Path) -> None:
    code, ids, output = checked(
        repo / "notes" / "citations.yaml", "--changed-since", "no-such-branch"
    )

    assert code == 2 and ids == []
    assert "--changed-since no-such-branch: no such commit" in output
    assert "Traceback" not in output


def test_a_file_outside_git_is_bad_input(tmp_path: Path) -> None:
    citations = tmp_path / "citations.yaml"
    citations.write_text(FIRST, encoding="utf-8")

    code, _, output = checked(citations, "--changed-since", "HEAD")

    assert code == 2
    assert "needs the file in a git work tree" in output


def test_only_narrows_the_changed_citations(repo: Path) -> None:
    citations = repo / "notes" / "citations.yaml"
    citations.write_text(SECOND, encoding="utf-8")

    assert checked(citations, "--changed-since", "HEAD", "--only", "e")[1] == ["e"]
    assert checked(citations, "--changed-since", "HEAD", "--only", "f")[1] == []
    code, _, output = checked(citations, "--changed-since", "HEAD", "--only", "zz")
    assert code == 2 and "--only zz: no citation has this id" in output


def test_a_bad_file_is_bad_input_before_git_is_asked(repo: Path) -> None:
    citations = repo / "notes" / "citations.yaml"
    citations.write_text(FIRST + "  - id: h\n    title: T\n    url: not a url\n", "utf-8")

    code, _, output = checked(citations, "--changed-since", "HEAD")

    assert code == 2  # the file itself is bad input, before git is asked anything
    assert "is not an http(s) URL" in output


def test_the_library_call(repo: Path) -> None:
    citations = repo / "notes" / "citations.yaml"
    citations.write_text(SECOND, encoding="utf-8")

    changes = changes_since(citations, "HEAD", load_citations(citations))

    assert changes.added == ["e"]
    assert changes.changed == ["b", "c", "d"]
    assert changes.removed == [("a", 2)]
    assert changes.unchanged == 1
    assert changes.path_at_ref == "notes/citations.yaml" and not changes.renamed


def report_of(citations: Path, *args: str) -> dict[str, object]:
    out = citations.parent / "report.json"
    code, _, output = run(
        str(citations), "--offline", "--no-cache", "--no-progress", "-o", str(out), *args
    )
    assert code == 0, output
    document: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    return document


def test_the_json_report_lists_the_removed_citations_with_their_file_and_line_at_ref(
    repo: Path,
) -> None:
    citations = repo / "notes" / "citations.yaml"
    citations.write_text(SECOND.replace("  - id: d\n    same_as: c\n", ""), encoding="utf-8")
    commit(repo, "second")

    document = report_of(citations, "--changed-since", "HEAD~1")

    # Lines as the file at HEAD~1 has them: a's entry starts on line 2, d's on line 14.
    first_lines = FIRST.splitlines()
    assert first_lines[1] == "  - id: a" and first_lines[13] == "  - id: d"
    assert document["removed"] == [
        {"id": "a", "file": "notes/citations.yaml", "line": 2},
        {"id": "d", "file": "notes/citations.yaml", "line": 14},
    ]
    assert [r["id"] for r in document["results"]] == ["e", "b", "c"]  # type: ignore[attr-defined]


def test_removed_citations_are_reported_when_nothing_is_left_to_check(repo: Path) -> None:
    """A removal alone checks nothing, yet the report still says what was removed, under the
    file's name at REF when it was renamed since."""
    git(repo, "mv", "notes/citations.yaml", "notes/sources.yaml")
    sources = repo / "notes" / "sources.yaml"
    sources.write_text(FIRST.replace("  - id: f\n", "  - id: g\n", 1), encoding="utf-8")
    commit(repo, "rename, replace f with g")
    sources.write_text(
        FIRST.replace("  - id: f\n    title: Unchanged\n    url: https://example.org/same\n", ""),
        encoding="utf-8",
    )

    document = report_of(sources, "--changed-since", "HEAD~1")

    assert document["results"] == []
    line_at_ref = FIRST.splitlines().index("  - id: f") + 1  # 16
    assert document["removed"] == [{"id": "f", "file": "notes/citations.yaml", "line": line_at_ref}]


def test_a_run_without_changed_since_reports_removed_as_null(repo: Path) -> None:
    document = report_of(repo / "notes" / "citations.yaml")
    assert document["removed"] is None
