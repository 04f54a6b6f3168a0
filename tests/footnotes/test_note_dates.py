"""Dates at the precision a note writes them, and access dates kept apart."""

from __future__ import annotations

import pytest

from citecheck.footnotes.note.dates import find_dates, parse_date, take_accessed
from citecheck.footnotes.note.parser import parse_note
from citecheck.partial_date import PartialDate


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("August 14, 2016", PartialDate(2016, 8, 14)),
        ("14 August 2016", PartialDate(2016, 8, 14)),
        ("Aug. 14, 2016", PartialDate(2016, 8, 14)),
        ("Sept. 2016", PartialDate(2016, 9)),
        ("September 2016", PartialDate(2016, 9)),
        ("2016", PartialDate(2016)),
        ("2016-08-14", PartialDate(2016, 8, 14)),
        ("(2016, August 14)", PartialDate(2016, 8, 14)),
        ("3 mars 2011", PartialDate(2011, 3, 3)),
        ("Winter 2009", PartialDate(2009)),
        ("May 6–9, 2019", PartialDate(2019, 5)),  # a span of days is only as precise as its month
        # Month names the page extractor reads too (one shared table): Polish, Dutch, Romanian.
        ("14 sierpnia 2016", PartialDate(2016, 8, 14)),
        ("3 maart 2011", PartialDate(2011, 3, 3)),
        ("1 decembrie 2018", PartialDate(2018, 12, 1)),
    ],
)
def test_date_forms(written: str, date: PartialDate) -> None:
    assert parse_date(written) == date


@pytest.mark.parametrize(
    ("written", "date", "text"),
    [
        ("Tidewater Journal, August 14, 2016,", PartialDate(2016, 8, 14), "August 14, 2016"),
        ("Tidewater Journal, Sept. 2016,", PartialDate(2016, 9), "Sept. 2016"),
        ("Tidewater Journal, 2016-08-14,", PartialDate(2016, 8, 14), "2016-08-14"),
    ],
)
def test_date_in_a_note_keeps_its_text(written: str, date: PartialDate, text: str) -> None:
    note = parse_note(f"Kim Tran, “Harbour Lights,” {written}")
    assert (note.date, note.date_text) == (date, text)


def test_impossible_day_keeps_month_and_year() -> None:
    assert parse_date("February 30, 2020") == PartialDate(2020, 2)


def test_bare_number_inside_a_phrase_is_not_a_year() -> None:
    assert find_dates("Report 2016 Update") == []
    assert find_dates("no. 2016") == []
    assert [found.text for found in find_dates("Journal, 2016, 3")] == ["2016"]


def test_page_range_is_not_a_year_range() -> None:
    assert find_dates("pp. 1911–15") == []


def test_no_date() -> None:
    note = parse_note("Ana Reyes, Harbour Songs (Lisbon: Atlântico, n.d.), 3.")
    assert note.date is None
    assert note.date_text is None
    assert note.publisher == "Atlântico"


@pytest.mark.parametrize(
    ("text", "accessed", "left"),
    [
        ("Site, 2019, accessed March 3, 2021.", PartialDate(2021, 3, 3), "Site, 2019."),
        ("Site, 2019 (accessed 3 March 2021).", PartialDate(2021, 3, 3), "Site, 2019."),
        ("Site. Retrieved March 3, 2021, from Site Name:", PartialDate(2021, 3, 3), "Site."),
    ],
)
def test_access_phrases_are_cut_out(text: str, accessed: PartialDate, left: str) -> None:
    result = take_accessed(text)
    assert result.date == accessed
    assert result.text.strip() == left


def test_access_date_without_a_year_is_still_cut_out() -> None:
    result = take_accessed("Page, 2014 (consulté le 8 décembre)")
    assert result.date is None
    assert "8 décembre" not in result.text
