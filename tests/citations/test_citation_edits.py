"""Edits of citations.yaml keep the file as the user wrote it, apart from the edited fields."""

from __future__ import annotations

import datetime as dt
import difflib
import io
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from citecheck.citation_edits import edit_citations, edit_citations_text
from citecheck.citations import parse_citations
from citecheck.errors import InputError
from citecheck.partial_date import PartialDate

BUNDLED = Path(__file__).resolve().parents[2] / "citations.yaml"

HAND_WRITTEN = """\
# Notes of a test article.
citations:
    -   id: a   # the Reuters story
        title: 'Single quoted: kept'
        publisher: Reuters
        date: 2016-08-14
        accessed: 2016-10-01

    -   id: b
        authors: [Ann Smith, "Bob Jones"]
        title: "Double quoted"
        url: http://example.org/old
        context: >-
          A folded
          sentence.
"""


def _added_and_removed(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    added = [line[2:] for line in diff if line.startswith("+ ")]
    removed = [line[2:] for line in diff if line.startswith("- ")]
    return added, removed


def _read_back(text: str) -> dict[str, dict[str, object]]:
    document = YAML(typ="rt").load(io.StringIO(text))
    return {str(entry["id"]): dict(entry) for entry in document["citations"]}


def test_bundled_file_gains_only_the_added_lines(tmp_path: Path) -> None:
    path = tmp_path / "citations.yaml"
    original = BUNDLED.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    capture = "https://web.archive.org/web/20160815000000/https://www.reuters.com/article/x"
    result = edit_citations(
        path,
        {"i": {"archive_url": capture, "archive_date": PartialDate.parse("2016-08-15")}},
    )
    assert result.changed == ["i"]
    after = path.read_text(encoding="utf-8")
    added, removed = _added_and_removed(original, after)
    assert removed == []
    assert added == [f"    archive_url: {capture}", "    archive_date: 2016-08-15"]
    entries = _read_back(after)
    assert entries["i"]["archive_url"] == capture
    assert entries["i"]["archive_date"] == dt.date(2016, 8, 15)
    # Schema order: after the date, before the context.
    keys = list(entries["i"])
    assert keys.index("date") < keys.index("archive_url") < keys.index("context")


def test_hand_written_indentation_quotes_comments_and_folds_survive() -> None:
    result = edit_citations_text(
        HAND_WRITTEN,
        {"a": {"url": "https://www.reuters.com/a"}, "b": {"url": "https://example.org/new"}},
    )
    assert sorted(result.changed) == ["a", "b"]
    added, removed = _added_and_removed(HAND_WRITTEN, result.text)
    assert removed == ["        url: http://example.org/old"]
    assert added == [
        "        url: https://www.reuters.com/a",
        "        url: https://example.org/new",
    ]
    # The file still loads as citations, with the new addresses.
    loaded = parse_citations(result.text, "c.yaml")
    by_id = {c.id: c for c in loaded.citations}
    assert by_id["a"].url == "https://www.reuters.com/a"
    assert by_id["a"].title == "Single quoted: kept"
    assert by_id["b"].context == "A folded sentence."


def test_url_goes_between_date_and_accessed() -> None:
    result = edit_citations_text(HAND_WRITTEN, {"a": {"url": "https://www.reuters.com/a"}})
    keys = list(_read_back(result.text)["a"])
    assert keys == ["id", "title", "publisher", "date", "url", "accessed"]


def test_none_removes_a_field_and_same_value_changes_nothing() -> None:
    removed = edit_citations_text(HAND_WRITTEN, {"b": {"url": None}})
    assert removed.changed == ["b"]
    assert "example.org/old" not in removed.text
    unchanged = edit_citations_text(HAND_WRITTEN, {"b": {"url": "http://example.org/old"}})
    assert unchanged.changed == []
    assert unchanged.text == HAND_WRITTEN


def test_unknown_ids_are_reported_and_the_file_is_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    before = path.stat().st_mtime_ns
    result = edit_citations(path, {"zz": {"url": "https://example.org/"}})
    assert result.unknown == ["zz"]
    assert result.changed == []
    assert path.stat().st_mtime_ns == before


def test_a_byte_order_mark_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + HAND_WRITTEN.encode("utf-8"))
    edit_citations(path, {"a": {"url": "https://www.reuters.com/a"}})
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"url: https://www.reuters.com/a" in data


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("citations: [\n  - a\n", "c.yaml:2: cannot edit: invalid YAML"),
        ("just text\n", "c.yaml: cannot edit: expected a mapping with a 'citations' list"),
    ],
)
def test_files_that_are_not_citations_are_input_errors(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        edit_citations_text(text, {"a": {"url": "https://example.org/"}}, "c.yaml")
    assert str(caught.value).startswith(message)


def test_undecodable_file_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(b"citations:\n  - id: caf\xe9\n")
    with pytest.raises(InputError, match=r"c.yaml:2: not UTF-8 text \(byte 22"):
        edit_citations(path, {"a": {"url": "https://example.org/"}})


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_utf16_file_is_written_back_in_utf16(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(HAND_WRITTEN.encode(encoding))  # "utf-16" writes a byte-order mark
    before = path.read_bytes()
    edit_citations(path, {"a": {"url": "https://www.reuters.com/a"}})
    after = path.read_bytes()
    assert after[:2] == before[:2]  # the mark, or the first character, as it was
    text = after.decode(encoding)
    added, removed = _added_and_removed(HAND_WRITTEN, text)
    assert removed == []
    assert added == ["        url: https://www.reuters.com/a"]
