"""The seed article's eleven endnotes parse into the fields transcribed in citations.yaml."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from citecheck.footnotes.backrefs import resolve_backrefs
from citecheck.footnotes.note.parser import ParsedNote, parse_note

REPO = Path(__file__).parents[2]
ARTICLE = REPO.parent / "shared" / "seed" / "article.txt"
CITATIONS = REPO / "citations.yaml"
NOTE_LINE = re.compile(r"^\[(?P<id>[ivxlc]+)\]\s*(?P<text>.+)$")


def _article_notes() -> list[tuple[str, str]]:
    if not ARTICLE.exists():
        pytest.skip(f"{ARTICLE} is not here")
    notes = []
    for line in ARTICLE.read_text(encoding="utf-8").splitlines():
        match = NOTE_LINE.match(line.strip())
        if match:
            notes.append((match.group("id"), match.group("text")))
    return notes


def _transcribed() -> dict[str, dict[str, Any]]:
    if not CITATIONS.exists():
        pytest.skip(f"{CITATIONS} is not here")
    data = YAML(typ="safe").load(CITATIONS.read_text(encoding="utf-8"))
    return {str(entry["id"]): entry for entry in data["citations"]}


@pytest.fixture(scope="module")
def parsed() -> dict[str, ParsedNote]:
    return {note_id: parse_note(text) for note_id, text in _article_notes()}


def test_every_note_of_the_article_is_found(parsed: dict[str, ParsedNote]) -> None:
    assert list(parsed) == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi"]


@pytest.mark.parametrize("note_id", ["i", "ii", "iii", "iv", "v", "vi", "vii", "ix", "x", "xi"])
def test_full_note_matches_the_transcription(parsed: dict[str, ParsedNote], note_id: str) -> None:
    expected = _transcribed()[note_id]
    note = parsed[note_id]
    assert note.authors == expected.get("authors", [])
    assert note.title == expected["title"]
    if "container" in expected:
        assert note.container == expected["container"]
    if "publisher" in expected:
        assert expected["publisher"] in (note.container, note.publisher)
    assert (str(note.date) if note.date else None) == (
        str(expected["date"]) if "date" in expected else None
    )
    assert note.locator == expected.get("locator")
    assert note.url is None  # the article's URLs were cut off, leaving the trailing comma
    assert note.backref is None


def test_parvez_short_form_resolves_to_note_v(parsed: dict[str, ParsedNote]) -> None:
    ids = list(parsed)
    short = parsed["viii"]
    assert short.backref is not None
    assert short.backref.kind == "short"
    assert short.backref.surname == "Parvez"
    resolutions = resolve_backrefs(list(parsed.values()))
    assert len(resolutions) == 1
    resolution = resolutions[0]
    assert ids[resolution.index] == "viii"
    assert resolution.refers_to is not None
    assert ids[resolution.refers_to] == _transcribed()["viii"]["same_as"]
    assert resolution.problem is None


def test_seed_specifics(parsed: dict[str, ParsedNote]) -> None:
    assert parsed["v"].publisher == "United States Institute of Peace"
    assert parsed["v"].date_text == "September 2016"
    assert parsed["vi"].locator == "Counterterrorism Guide"
    assert parsed["x"].publisher == (
        "Government of Pakistan, Ministry of Information, Broadcasting & National Heritage"
    )
