"""Reference-list styles built of sentences: APA, Harvard, Vancouver, MLA."""

from __future__ import annotations

from citecheck.notes.note_parser import parse_note
from citecheck.partial_date import PartialDate


def test_apa_journal_article() -> None:
    note = parse_note(
        "Okafor, C., & Lindqvist, M. J. (2018). Rainfall and school attendance in rural districts. "
        "Education and Climate, 7(2), 45-61. https://doi.org/10.5555/ec.2018.045"
    )
    assert note.authors == ["Okafor, C.", "Lindqvist, M. J."]
    assert note.title == "Rainfall and school attendance in rural districts"
    assert note.container == "Education and Climate"
    assert note.date == PartialDate(2018)
    assert note.doi == "10.5555/ec.2018.045"


def test_apa_news_item_with_full_date_and_retrieved_from() -> None:
    note = parse_note(
        "Haddad, R. (2015, March 9). Water prices climb again. Retrieved from "
        "http://news.example.com/water-prices"
    )
    assert note.authors == ["Haddad, R."]
    assert note.title == "Water prices climb again"
    assert note.date == PartialDate(2015, 3, 9)
    assert note.date_text == "2015, March 9"
    assert note.url == "http://news.example.com/water-prices"


def test_apa_organisation_author_and_publisher() -> None:
    note = parse_note(
        "Northern Rivers Trust. (2012). Floodplain restoration handbook. Leeds: Riverside Press."
    )
    assert note.authors == ["Northern Rivers Trust"]
    assert note.title == "Floodplain restoration handbook"
    assert note.publisher == "Riverside Press"


def test_harvard_year_after_authors() -> None:
    note = parse_note(
        "Patel, A.K. & Moreau, L., 2009. Salt marsh carbon budgets. Estuarine Science, 14:3: 201. "
        "http://dx.doi.org/10.5555/es.14.201."
    )
    assert note.authors == ["Patel, A.K.", "Moreau, L."]
    assert note.title == "Salt marsh carbon budgets"
    assert note.container == "Estuarine Science"
    assert note.date == PartialDate(2009)


def test_vancouver_authors_with_initials_and_no_commas_inside_names() -> None:
    note = parse_note(
        "Berg KL, Osei A, Tanaka H. Enzyme stability in cold brines. Journal of Applied "
        "Microbiology. 2014. 33(2): 118-125. http://dx.doi.org/10.5555/jam.2014.118"
    )
    assert note.authors == ["Berg KL", "Osei A", "Tanaka H"]
    assert note.title == "Enzyme stability in cold brines"
    assert note.container == "Journal of Applied Microbiology"
    assert note.date == PartialDate(2014)


def test_mla_with_quoted_title() -> None:
    note = parse_note(
        "Lindgren, Maja. “The Lighthouse Keepers.” Northern Review, 2 Mar. 2017, "
        "www.northernreview.example/lighthouse."
    )
    assert note.authors == ["Lindgren, Maja"]
    assert note.title == "The Lighthouse Keepers"
    assert note.container == "Northern Review"
    assert note.date == PartialDate(2017, 3, 2)
    assert note.url == "www.northernreview.example/lighthouse"


def test_harvard_with_quoted_title_and_year_after_the_author() -> None:
    note = parse_note(
        'Okri, Ben. 2014. "The Tide Tables". Coastal Review, 3 June. '
        "Online: http://coastal.example.org/tides (accessed 9 June 2014)."
    )
    assert note.authors == ["Okri, Ben"]
    assert note.title == "The Tide Tables"
    assert note.container == "Coastal Review"
    assert note.date == PartialDate(2014)
    assert note.accessed == PartialDate(2014, 6, 9)


def test_british_single_quotes_for_the_title() -> None:
    note = parse_note(
        "Tom Price, ‘Why the Ferry Was Late,’ The Island Courier, 4 May 2018, "
        "https://courier.example.co.uk/ferry, accessed 9 May 2018."
    )
    assert note.title == "Why the Ferry Was Late"
    assert note.container == "The Island Courier"
    assert note.date == PartialDate(2018, 5, 4)
    assert note.accessed == PartialDate(2018, 5, 9)


def test_reference_list_numbering_is_not_part_of_the_author() -> None:
    note = parse_note("[12] Quist, H. (2001). Peat and people. Bog Studies, 2, 1-9.")
    assert note.authors == ["Quist, H."]


def test_url_broken_over_a_line_is_joined() -> None:
    note = parse_note(
        "Field, R. (2011). Dune mapping. Retrieved from http://www.example.org/ maps/dunes.pdf"
    )
    assert note.url == "http://www.example.org/maps/dunes.pdf"
    assert note.title == "Dune mapping"
