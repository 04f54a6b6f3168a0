"""Short forms and Ibid. become back references; full notes never do."""

from __future__ import annotations

import pytest

from citecheck.footnotes.note.parser import BackRef, parse_note


@pytest.mark.parametrize(
    ("note", "locator"),
    [
        ("Ibid.", None),
        ("Ibid., 4.", "4"),
        ("ibid., pp. 12–14.", "pp. 12–14"),
        ("Id.", None),
        ("Id. at 7.", "7"),
    ],
)
def test_ibid_and_id(note: str, locator: str | None) -> None:
    parsed = parse_note(note)
    assert parsed.backref == BackRef(kind="ibid", locator=locator)
    assert parsed.title is None


def test_words_that_start_like_ibid_are_not_back_references() -> None:
    assert parse_note("Idris Bello, “Dry Season,” Sahel Times, May 5, 2014,").backref is None
    assert parse_note("Ide, “Pearl Divers,” 12.").backref == BackRef(
        kind="short", surname="Ide", short_title="Pearl Divers", locator="12"
    )


def test_surname_alone() -> None:
    parsed = parse_note("Okonkwo.")
    assert parsed.backref == BackRef(kind="short", surname="Okonkwo")
    assert parsed.authors == ["Okonkwo"]


def test_surname_with_short_title_and_locator() -> None:
    parsed = parse_note("Okonkwo, “The River Trade,” 4.")
    assert parsed.backref == BackRef(
        kind="short", surname="Okonkwo", short_title="The River Trade", locator="4"
    )
    assert parsed.title == "The River Trade"
    assert parsed.locator == "4"


def test_short_form_with_unmarked_book_title() -> None:
    parsed = parse_note("Marsh and Kaur, Salt and Empire, 88.")
    assert parsed.authors == ["Marsh", "Kaur"]
    assert parsed.backref == BackRef(
        kind="short", surname="Marsh", short_title="Salt and Empire", locator="88"
    )


def test_short_form_with_several_surnames_and_et_al() -> None:
    parsed = parse_note("Abe, Brandt, and Costa, “Coral Bleaching.”")
    assert parsed.authors == ["Abe", "Brandt", "Costa"]
    assert parsed.backref is not None
    assert parsed.backref.short_title == "Coral Bleaching"
    assert parse_note("Lopez et al., “Glacier Melt,” 9.").authors == ["Lopez"]


def test_short_form_named_after_a_publication_has_no_author() -> None:
    parsed = parse_note("The Harbour Gazette, “Storm Warning,” 3.")
    assert parsed.authors == []
    assert parsed.container == "The Harbour Gazette"
    assert parsed.backref is not None
    assert parsed.backref.surname is None


@pytest.mark.parametrize(
    "note",
    [
        "Ruth Adeyemi, “Storm Warning,” Harbour Gazette, May 1, 2020,",  # URL cut off
        "Ruth Adeyemi, “Storm Warning,” Harbour Gazette, May 1, 2020.",  # dated
        "Ruth Adeyemi, “Storm Warning,” https://gazette.example.org/storm.",  # has a URL
        "Ruth Adeyemi, Storm Warnings (Harbour Press, n.d.).",  # publication details
    ],
)
def test_full_notes_are_not_short_forms(note: str) -> None:
    assert parse_note(note).backref is None
