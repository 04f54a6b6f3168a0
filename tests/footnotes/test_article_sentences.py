"""Markers and the sentences that cite notes: the building blocks every note-list finder uses."""

from __future__ import annotations

import pytest

from citecheck.footnotes.article.citing_sentences import (
    MarkerRef,
    Segment,
    citing_sentences,
    sentence_spans,
)
from citecheck.footnotes.article.markers import (
    MarkerStyle,
    is_exponent,
    marker_group,
    roman_numeral,
    roman_value,
    sequence_style,
    strip_brackets,
)
from citecheck.footnotes.article.sections import is_notes_heading


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("i", 1), ("iv", 4), ("ix", 9), ("xiv", 14), ("xl", 40), ("XCIX", 99), ("cxx", 120)],
)
def test_roman_numerals_read_as_numbers(numeral: str, value: int) -> None:
    assert roman_value(numeral) == value


@pytest.mark.parametrize("word", ["iiii", "vx", "ic", "sic", "", "mix"])
def test_words_that_are_not_roman_numerals(word: str) -> None:
    assert roman_value(word) is None


@pytest.mark.parametrize(
    ("tokens", "style"),
    [
        (["i", "ii", "iii", "iv"], MarkerStyle.ROMAN),
        (["1", "2", "10"], MarkerStyle.ARABIC),
        (["a", "b", "c"], MarkerStyle.LETTER),
        (["i"], MarkerStyle.ROMAN),  # a lone "i" is read as the first roman note
        (["h", "i", "j"], MarkerStyle.LETTER),  # but after "h" it is a letter
        (["2", "1"], None),  # not ascending
        (["i", "b"], None),
    ],
)
def test_a_run_of_markers_has_one_style(tokens: list[str], style: MarkerStyle | None) -> None:
    assert sequence_style(tokens) is style


@pytest.mark.parametrize(
    ("written", "ids"),
    [
        ("[4]", ["4"]),
        ("4", ["4"]),
        ("[4, 5]", ["4", "5"]),
        ("4–6", ["4", "5", "6"]),
        ("¹²", ["12"]),
        ("(iv)", ["iv"]),
        ("[sic]", []),
        ("[1-9999]", []),  # a range that long is not a marker group
        ("[]", []),
    ],
)
def test_marker_groups(written: str, ids: list[str]) -> None:
    assert marker_group(written) == ids


def test_brackets_are_not_part_of_the_id() -> None:
    assert strip_brackets("[[iv]]") == "iv"
    assert strip_brackets(" (12) ") == "12"


@pytest.mark.parametrize(
    ("before", "exponent"),
    [("6,898 cm", True), ("an area of 40 m", True), ("10", True), ("x", True)],
)
def test_superscripts_after_units_and_numbers_are_powers(before: str, exponent: bool) -> None:
    assert is_exponent(before) is exponent


@pytest.mark.parametrize("before", ["the attacks.", "said “no”", "the IS", "von"])
def test_superscripts_after_words_are_markers(before: str) -> None:
    assert not is_exponent(before)


@pytest.mark.parametrize(
    "heading", ["Notes", "## Endnotes", "**References**", "SOURCES:", "Footnotes —", "Works Cited"]
)
def test_notes_headings(heading: str) -> None:
    assert is_notes_heading(heading)


@pytest.mark.parametrize("line", ["Notes on a scandal", "Related", "See the notes below.", ""])
def test_lines_that_are_not_notes_headings(line: str) -> None:
    assert not is_notes_heading(line)


def test_a_marker_after_a_full_stop_cites_the_sentence_that_ends_there() -> None:
    paragraph: list[Segment] = [
        "The dam failed in May.",
        MarkerRef("1"),
        " Repairs took a year.",
        MarkerRef("2"),
    ]
    assert citing_sentences(paragraph) == [
        ("1", "The dam failed in May."),
        ("2", "Repairs took a year."),
    ]


def test_a_marker_inside_a_sentence_cites_the_whole_sentence_without_it() -> None:
    paragraph: list[Segment] = [
        "Costs rose,",
        MarkerRef("a"),
        " but the board kept the plan. It was late.",
    ]
    assert citing_sentences(paragraph) == [("a", "Costs rose, but the board kept the plan.")]


def test_a_spaced_marker_leaves_no_double_space() -> None:
    paragraph: list[Segment] = [
        "Wages fell ",
        MarkerRef("3"),
        " and prices rose ",
        MarkerRef("4"),
        ".",
    ]
    assert citing_sentences(paragraph) == [
        ("3", "Wages fell and prices rose."),
        ("4", "Wages fell and prices rose."),
    ]


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    text = "Dr. Lee met J. K. Rowling in the U.S. on Jan. 5. Nobody else came."
    sentences = [text[start:end].strip() for start, end in sentence_spans(text)]
    assert sentences == ["Dr. Lee met J. K. Rowling in the U.S. on Jan. 5.", "Nobody else came."]


def test_a_quotation_ending_a_sentence_stays_with_it() -> None:
    paragraph: list[Segment] = ["He said “we will rebuild.”", MarkerRef("7"), " Then he left."]
    assert citing_sentences(paragraph) == [("7", "He said “we will rebuild.”")]


def test_a_paragraph_of_only_a_marker_gives_an_empty_sentence() -> None:
    assert citing_sentences([MarkerRef("1")]) == [("1", "")]


def test_roman_numerals_written_and_read_back() -> None:
    assert [roman_numeral(n) for n in (1, 4, 9, 14, 40, 99)] == [
        "i",
        "iv",
        "ix",
        "xiv",
        "xl",
        "xcix",
    ]
    assert roman_numeral(12, upper=True) == "XII"
    assert all(roman_value(roman_numeral(n)) == n for n in range(1, 300))
