"""Chicago notes, as news and policy writing uses them: who, what, where, when, and the URL."""

from __future__ import annotations

import pytest

from citecheck.footnotes.note.parser import parse_note
from citecheck.partial_date import PartialDate

# ----------------------------------------------------------------------------- authors


@pytest.mark.parametrize(
    ("note", "authors"),
    [
        ("Lena Ortiz, “Harbour Dredging Resumes,” Coastal Herald, March 3, 2019,", ["Lena Ortiz"]),
        (
            "Lena Ortiz and Piet van Dam, “Harbour Dredging Resumes,” Coastal Herald, March 3, 2019,",
            ["Lena Ortiz", "Piet van Dam"],
        ),
        (
            "A. B. Carter, Dana Flores, and Mo Li, “Tidal Power Costs,” Energy Weekly, May 2020,",
            ["A. B. Carter", "Dana Flores", "Mo Li"],
        ),
        (
            "Rosa Kim et al., “Reading Sediment Cores,” Marine Letters 12, no. 4 (2018): 33–40.",
            ["Rosa Kim"],
        ),
        (
            "Global Water Council, “Annual Drought Outlook,” June 2, 2021, https://gwc.example.org/outlook.",
            ["Global Water Council"],
        ),
        ("“Port Strike Ends,” Daily Courier, July 9, 2017,", []),
        (
            "Hanna Berg, ed., Coastal Futures (Oslo: Fjord Press, 2015), 12.",
            ["Hanna Berg"],
        ),
    ],
)
def test_author_forms(note: str, authors: list[str]) -> None:
    assert parse_note(note).authors == authors


# ----------------------------------------------------------------------------- titles


def test_title_keeps_inner_single_quotes_and_loses_the_comma_inside_the_marks() -> None:
    note = parse_note(
        "Omar Haddad, “Rebels Lose ‘Safe Haven’ in Hills, Officials Say,” Gulf Times, May 1, 2015,"
    )
    assert note.title == "Rebels Lose ‘Safe Haven’ in Hills, Officials Say"
    assert note.container == "Gulf Times"


def test_title_that_is_a_quotation_loses_the_comma_inside_both_marks() -> None:
    note = parse_note("Ben Ako, “‘We Will Rebuild,’” Harbour Times, May 2, 2016,")
    assert note.title == "‘We Will Rebuild’"


def test_title_ending_in_a_question_mark_keeps_it() -> None:
    note = parse_note("Ana Silva, “Who Owns the River?,” Tribune Online, April 4, 2022,")
    assert note.title == "Who Owns the River?"


def test_straight_quotes() -> None:
    note = parse_note('Mark Dale, "Rail Fares Rise Again," Metro News, January 5, 2023,')
    assert (note.title, note.container) == ("Rail Fares Rise Again", "Metro News")


@pytest.mark.parametrize(
    "note",
    [
        "Ines Moreau, <i>Cities of Salt and Glass</i> (Lyon: Maison Verte, 2011), 45.",
        "Ines Moreau, *Cities of Salt and Glass* (Lyon: Maison Verte, 2011), 45.",
        "Ines Moreau, _Cities of Salt and Glass_ (Lyon: Maison Verte, 2011), 45.",
        "Ines Moreau, Cities of Salt and Glass (Lyon: Maison Verte, 2011), 45.",
    ],
)
def test_book_title_in_italics_or_plain(note: str) -> None:
    parsed = parse_note(note)
    assert parsed.authors == ["Ines Moreau"]
    assert parsed.title == "Cities of Salt and Glass"
    assert parsed.publisher == "Maison Verte"
    assert parsed.date == PartialDate(2011)
    assert parsed.locator == "45"


def test_report_title_in_italics_with_series_number() -> None:
    parsed = parse_note(
        "Chen Wei, <em>Water Rights in the Delta</em>, Policy Brief 88 "
        "(Institute for River Studies, 2014), https://irs.example.org/pb88."
    )
    assert parsed.title == "Water Rights in the Delta"
    assert parsed.locator == "Policy Brief 88"
    assert parsed.publisher == "Institute for River Studies"
    assert parsed.url == "https://irs.example.org/pb88"


# ----------------------------------------------------------------------------- sources


def test_news_with_a_section_before_the_paper() -> None:
    parsed = parse_note(
        "Jo Park, “Budget Talks Stall,” Politics, The Evening Ledger, October 2, 2020, "
        "https://ledger.example.com/politics/budget."
    )
    assert parsed.container == "The Evening Ledger"
    assert parsed.date == PartialDate(2020, 10, 2)


def test_policy_report_with_publisher_and_series_number() -> None:
    parsed = parse_note(
        "Maya Osei, “Border Markets After the Ceasefire,” Centre for Regional Security, "
        "Special Report 41, November 2019,"
    )
    assert parsed.title == "Border Markets After the Ceasefire"
    assert parsed.publisher == "Centre for Regional Security"
    assert parsed.locator == "Special Report 41"
    assert parsed.date == PartialDate(2019, 11)
    assert parsed.date_text == "November 2019"


def test_government_body_named_with_its_ministry_stays_whole() -> None:
    parsed = parse_note(
        "“Coastal Housing Scheme,” Government of Ruritania, Ministry of Housing, Land & Works,"
    )
    assert parsed.publisher == "Government of Ruritania, Ministry of Housing, Land & Works"


def test_journal_volume_issue_and_pages() -> None:
    parsed = parse_note(
        "Ravi Nair, “Monsoon Variability and Rice Yields,” Journal of Agrarian Studies 41, "
        "no. 2 (2016): 101–19, https://doi.org/10.5555/jas.2016.041."
    )
    assert parsed.container == "Journal of Agrarian Studies"
    assert parsed.date == PartialDate(2016)
    assert parsed.doi == "10.5555/jas.2016.041"
    assert parsed.url == "https://doi.org/10.5555/jas.2016.041"


def test_chapter_in_an_edited_book() -> None:
    parsed = parse_note(
        "Tom Reyes, “Ports and Power,” in Maritime Histories, ed. Sara Lind "
        "(Boston: Harbor University Press, 2012), 77."
    )
    assert parsed.title == "Ports and Power"
    assert parsed.container == "Maritime Histories"
    assert parsed.publisher == "Harbor University Press"
    assert parsed.date == PartialDate(2012)


def test_unclosed_bracket_does_not_swallow_the_note() -> None:
    parsed = parse_note("Eli Hart, Tides and Mills (Bristol: Avon Press, 2010, 14.")
    assert parsed.authors == ["Eli Hart"]
    assert parsed.title is not None and parsed.title.startswith("Tides and Mills")
    assert parsed.date == PartialDate(2010)
    assert parsed.locator == "14"


def test_newspaper_place_in_parentheses_is_not_part_of_its_name() -> None:
    parsed = parse_note("Eva Lund, “Ferry Delayed,” The Island Post (Kirkwall), June 30, 2018,")
    assert parsed.container == "The Island Post"


# ----------------------------------------------------------------------------- URLs, DOIs


def test_url_loses_trailing_period_but_keeps_its_own_parentheses() -> None:
    parsed = parse_note(
        "“Tidal range,” Wikipedia, accessed May 2, 2021, https://en.wikipedia.org/wiki/Tide_(disambiguation)."
    )
    assert parsed.url == "https://en.wikipedia.org/wiki/Tide_(disambiguation)"
    assert parsed.accessed == PartialDate(2021, 5, 2)
    assert parsed.date is None


def test_url_in_angle_brackets() -> None:
    parsed = parse_note(
        "Li Na, “Dust Storms Return,” Asia Weather, March 2, 2021, <https://aw.example.net/dust>."
    )
    assert parsed.url == "https://aw.example.net/dust"
    assert parsed.container == "Asia Weather"


def test_bare_doi() -> None:
    parsed = parse_note(
        "Kofi Mensah, “Cocoa Prices,” African Economic Review 9 (2019): 1–20, doi:10.1234/aer.9.1."
    )
    assert parsed.doi == "10.1234/aer.9.1"


def test_url_cut_off_leaves_no_url_and_no_junk() -> None:
    parsed = parse_note("Sam Cole, “Grid Failure Explained,” Power Daily, February 8, 2021,")
    assert parsed.url is None
    assert parsed.container == "Power Daily"
    assert parsed.backref is None


@pytest.mark.parametrize(
    "phrase",
    ["accessed June 1, 2022", "Accessed 1 June 2022", "retrieved June 1, 2022"],
)
def test_access_dates_are_not_publication_dates(phrase: str) -> None:
    parsed = parse_note(
        f"“Flood Maps,” River Agency, March 3, 2020, {phrase}, https://river.example.gov/maps."
    )
    assert parsed.date == PartialDate(2020, 3, 3)
    assert parsed.accessed == PartialDate(2022, 6, 1)


def test_plain_title_publisher_date_url() -> None:
    parsed = parse_note(
        "Annual Fisheries Statistics, Northern Sea Authority, 2018, https://nsa.example.org/stats."
    )
    assert parsed.title == "Annual Fisheries Statistics"
    assert parsed.container == "Northern Sea Authority"
    assert parsed.date == PartialDate(2018)
    assert parsed.url == "https://nsa.example.org/stats"


# ----------------------------------------------------------------------------- locators


@pytest.mark.parametrize(
    ("tail", "locator"),
    [("Report No. 12", "Report No. 12"), ("Working Paper 7", "Working Paper 7")],
)
def test_report_numbers(tail: str, locator: str) -> None:
    parsed = parse_note(f"“Tariffs and Trade,” Trade Policy Institute, {tail}, 2017,")
    assert parsed.locator == locator
    assert parsed.container == "Trade Policy Institute"


@pytest.mark.parametrize(("pages", "locator"), [("p. 4", "p. 4"), ("pp. 4–6", "pp. 4–6")])
def test_page_locators_after_a_book(pages: str, locator: str) -> None:
    parsed = parse_note(f"Ada Quinn, Salt Roads (London: Meridian Books, 2009), {pages}.")
    assert parsed.locator == locator
    assert parsed.title == "Salt Roads"
