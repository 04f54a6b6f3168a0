"""One note the parser fails on is kept unparsed with a warning; the other notes are unaffected.

`parse_note` promises never to raise; these tests stand in for a future rule bug by handing
`citations_from_notes` a parser that raises on one chosen note and parses the rest for real.
"""

from __future__ import annotations

import functools
from pathlib import Path
from textwrap import dedent

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

import citecheck.footnotes.citation_mapping as citation_mapping
from citecheck.citations import load_citations
from citecheck.cli import main
from citecheck.footnotes.article.notes import ArticleNotes
from citecheck.footnotes.article.reader import ArticleFormat, find_article_notes
from citecheck.footnotes.backrefs import BackRefResolution
from citecheck.footnotes.citation_mapping import NoteParser, citations_from_notes
from citecheck.footnotes.citations_writer import render_citations
from citecheck.footnotes.note.parser import ParsedNote, parse_note
from citecheck.partial_date import PartialDate

FAULTY_NOTE = (
    "Tom Ash, “Keepers’ Wages,” Canal Gazette, June 3, 2019, https://cg.example.org/wages."
)

ARTICLE = dedent(
    f"""\
    Canal Locks and Their Keepers

    Keepers lived beside the locks until 1960.[1] Most were paid by the barge.[2] Their
    logbooks survive.[3]

    [1] Jane Roe, “Life on the Locks,” River Times, May 1, 2020, https://rt.example.com/locks.
    [2] {FAULTY_NOTE}
    [3] Roe, “Life on the Locks,” 14.
    """
)


def parser_failing_on(text: str, error: BaseException) -> NoteParser:
    """`parse_note`, except that it raises `error` on the note `text`."""

    def parse(note: str) -> ParsedNote:
        if note == text:
            raise error
        return parse_note(note)

    return parse


def article_notes(text: str = ARTICLE) -> ArticleNotes:
    found = find_article_notes(text, ArticleFormat.TEXT)
    assert found is not None
    return found


def eol_comment(entry: CommentedMap, key: str) -> str:
    """The comment written at the end of `key`'s line in a round-trip-loaded entry."""
    return str(entry.ca.items[key][2].value)


def test_the_faulty_note_is_kept_unparsed_and_the_others_are_read(tmp_path: Path) -> None:
    found = article_notes()
    assert [note.text for note in found.notes][1] == FAULTY_NOTE  # the fault hits note 2
    parse = parser_failing_on(FAULTY_NOTE, ValueError("rule 7 broke"))
    extraction = citations_from_notes(found, parse=parse)

    assert extraction.warnings == [
        "note 2: could not be parsed (ValueError: rule 7 broke); "
        "kept without fields, its text in a comment"
    ]
    written = tmp_path / "citations.yaml"
    written.write_text(render_citations(extraction, "locks.txt"), encoding="utf-8")

    document = YAML(typ="rt").load(written.read_text(encoding="utf-8"))
    first, faulty, short = document["citations"]
    # The faulty note: only its id and the sentence citing it, its raw text in a comment.
    assert dict(faulty) == {"id": "2", "context": "Most were paid by the barge."}
    assert eol_comment(faulty, "id").strip() == f'# not parsed: "{FAULTY_NOTE}"'
    # The notes around it are read as they would be without the fault.
    assert first["title"] == "Life on the Locks"
    assert first["url"] == "https://rt.example.com/locks"
    assert (short["same_as"], short["locator"]) == ("1", "14")

    loaded = load_citations(written)  # the file stays valid for `verify`
    assert [c.id for c in loaded.citations] == ["1", "2", "3"]
    assert loaded.citations[0].authors == ["Jane Roe"]
    assert loaded.citations[0].container == "River Times"
    assert loaded.citations[0].date == PartialDate.parse("2020-05-01")
    assert loaded.citations[1].title is None and loaded.citations[1].url is None


def test_without_a_fault_the_same_notes_are_all_parsed() -> None:
    """The guard adds nothing when the parser works: the faulty note's fields are really there."""
    extraction = citations_from_notes(article_notes())
    assert extraction.warnings == []
    wages = extraction.citations[1]
    assert (wages.citation.title, wages.citation.url) == (
        "Keepers’ Wages",
        "https://cg.example.org/wages",
    )
    assert wages.comment is None


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (IndexError(), "IndexError"),
        (RecursionError("maximum recursion depth exceeded"), "RecursionError: maximum recursion"),
        (KeyError("title"), "KeyError: 'title'"),
        # A message spread over lines, with a terminal escape, stays one clean line.
        (ValueError("bad\nnote\x1b[31m\r\nhere"), "ValueError: bad note [31m here"),
    ],
)
def test_the_warning_is_one_line_naming_the_note_and_the_error(
    error: Exception, shown: str
) -> None:
    extraction = citations_from_notes(article_notes(), parse=parser_failing_on(FAULTY_NOTE, error))
    (warning,) = extraction.warnings
    assert warning.startswith(f"note 2: could not be parsed ({shown}")
    assert "\n" not in warning and "\r" not in warning and "\x1b" not in warning


def test_a_long_error_message_is_cut_short() -> None:
    error = ValueError("x" * 5000)
    extraction = citations_from_notes(article_notes(), parse=parser_failing_on(FAULTY_NOTE, error))
    (warning,) = extraction.warnings
    assert len(warning) < 300
    assert "x…" in warning


def test_every_faulty_note_is_warned_about_in_note_order() -> None:
    def parse_nothing(note: str) -> ParsedNote:
        raise RuntimeError("parser disabled")

    extraction = citations_from_notes(article_notes(), parse=parse_nothing)
    assert [w.split(":")[0] for w in extraction.warnings] == ["note 1", "note 2", "note 3"]
    assert [e.citation.id for e in extraction.citations] == ["1", "2", "3"]
    assert all(e.comment and e.comment.startswith("not parsed:") for e in extraction.citations)


def test_an_ibid_after_the_faulty_note_still_points_at_it() -> None:
    article = ARTICLE.replace("[3] Roe, “Life on the Locks,” 14.", "[3] Ibid., 9.")
    extraction = citations_from_notes(
        article_notes(article), parse=parser_failing_on(FAULTY_NOTE, ValueError("boom"))
    )
    ibid = extraction.citations[2].citation
    assert (ibid.same_as, ibid.locator) == ("2", "9")


def test_interrupting_the_run_is_not_swallowed() -> None:
    """Only errors are caught: Ctrl-C during parsing still stops the command."""
    with pytest.raises(KeyboardInterrupt):
        citations_from_notes(
            article_notes(), parse=parser_failing_on(FAULTY_NOTE, KeyboardInterrupt())
        )


def test_the_cli_writes_every_note_and_exits_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """End to end: the command itself, its extraction given the faulty parser."""
    faulty = parser_failing_on(FAULTY_NOTE, ValueError("rule 7 broke"))
    monkeypatch.setattr(
        citation_mapping,
        "citations_from_notes",
        functools.partial(citations_from_notes, parse=faulty),
    )
    article = tmp_path / "locks.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    output = tmp_path / "citations.yaml"

    result = CliRunner().invoke(main, ["extract", str(article), "-o", str(output)])

    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert result.stderr.splitlines() == [
        "warning: note 2: could not be parsed (ValueError: rule 7 broke); "
        "kept without fields, its text in a comment",
        f"wrote 3 citations to {output}",
    ]
    document = YAML(typ="rt").load(output.read_text(encoding="utf-8"))
    entries = document["citations"]
    assert [entry["id"] for entry in entries] == ["1", "2", "3"]
    assert eol_comment(entries[1], "id").strip() == f'# not parsed: "{FAULTY_NOTE}"'
    assert entries[0]["title"] == "Life on the Locks"
    assert entries[2]["same_as"] == "1"


def test_a_fault_in_matching_short_forms_keeps_every_note(tmp_path: Path) -> None:
    def broken_resolver(notes: list[ParsedNote]) -> list[BackRefResolution]:
        raise IndexError("list index out of range")

    extraction = citations_from_notes(article_notes(), resolve=broken_resolver)

    assert extraction.warnings == [
        "short forms could not be matched to their notes (IndexError: list index out of range); "
        "every note kept as written"
    ]
    written = tmp_path / "citations.yaml"
    written.write_text(render_citations(extraction, "locks.txt"), encoding="utf-8")
    loaded = load_citations(written)
    assert [c.id for c in loaded.citations] == ["1", "2", "3"]
    assert all(c.same_as is None for c in loaded.citations)
    assert loaded.citations[1].title == "Keepers’ Wages"
