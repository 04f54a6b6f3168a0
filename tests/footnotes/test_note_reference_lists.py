"""Reference-list strings as the major academic styles write them (issue 14).

Each fixture is written here from the style's own rules, with invented authors and works:
APA 7 ("Author, A. A. (Year). Title. Journal, vol(issue), pages."), Vancouver/ICMJE
("Author AA, Author BB. Title. J Abbrev. Year;vol(issue):pages."), Harvard (Elsevier's
"Author, A., Year. Title. J. Abbrev. vol, pages."), Nature ("Author, A. B. & Author, C. Title.
J. Abbrev. vol, pages (Year)."), and Chicago's bibliography form.
"""

from __future__ import annotations

import pytest

from citecheck.footnotes.note.parser import parse_note
from citecheck.partial_date import PartialDate

# --------------------------------------------------------------------------- Nature


def test_nature_two_authors_with_ampersand_and_abbreviated_journal() -> None:
    note = parse_note(
        "Okafor, C. & Lindqvist, M. J. Rainfall and school attendance in rural districts. "
        "Nat. Clim. Change 7, 45–61 (2018)."
    )
    assert note.authors == ["Okafor, C.", "Lindqvist, M. J."]
    assert note.title == "Rainfall and school attendance in rural districts"
    assert note.container == "Nat. Clim. Change"
    assert note.date == PartialDate(2018)


def test_nature_three_authors_and_a_doi() -> None:
    note = parse_note(
        "Berg, K. L., Osei, A. & Tanaka, H. Enzyme stability in cold brines. "
        "J. Appl. Microbiol. 33, 118–125 (2014). https://doi.org/10.5555/jam.33.118"
    )
    assert note.authors == ["Berg, K. L.", "Osei, A.", "Tanaka, H."]
    assert note.title == "Enzyme stability in cold brines"
    assert note.container == "J. Appl. Microbiol"
    assert note.date == PartialDate(2014)
    assert note.doi == "10.5555/jam.33.118"


def test_nature_et_al_and_a_journal_name_of_several_abbreviated_words() -> None:
    note = parse_note(
        "Quist, H. et al. Peat formation under warming: a field experiment. "
        "Proc. Natl Acad. Sci. USA 115, 4521–4526 (2019)."
    )
    assert note.authors == ["Quist, H."]
    assert note.title == "Peat formation under warming: a field experiment"
    assert note.container == "Proc. Natl Acad. Sci. USA"
    assert note.date == PartialDate(2019)


def test_nature_single_word_journal() -> None:
    note = parse_note(
        "Moreau, L. & Abara, T. Tidal power at small harbours. Science 359, 220–231 (2017)."
    )
    assert note.authors == ["Moreau, L.", "Abara, T."]
    assert note.title == "Tidal power at small harbours"
    assert note.container == "Science"
    assert note.date == PartialDate(2017)


def test_nature_preprint_names_no_journal() -> None:
    note = parse_note(
        "Okafor, C. & Lindqvist, M. J. Rainfall and school attendance. Preprint at "
        "https://doi.org/10.5555/pre.1 (2018)."
    )
    assert note.title == "Rainfall and school attendance"
    assert note.container is None
    assert note.doi == "10.5555/pre.1"
    assert note.date == PartialDate(2018)


# --------------------------------------------------------------------------- Science, PNAS


def test_science_initials_first_and_the_journal_after_the_title() -> None:
    note = parse_note(
        "C. Okafor, M. J. Lindqvist, Rainfall and school attendance. Science 359, 45–61 (2018)."
    )
    assert note.authors == ["C. Okafor", "M. J. Lindqvist"]
    assert note.title == "Rainfall and school attendance"
    assert note.container == "Science"
    assert note.date == PartialDate(2018)


def test_pnas_initials_without_periods_and_an_abbreviated_journal() -> None:
    note = parse_note(
        "C Okafor, MJ Lindqvist, Rainfall and school attendance. "
        "Proc. Natl. Acad. Sci. U.S.A. 115, 45–61 (2018)."
    )
    assert note.authors == ["C Okafor", "MJ Lindqvist"]
    assert note.title == "Rainfall and school attendance"
    assert note.container == "Proc. Natl. Acad. Sci. U.S.A."
    assert note.date == PartialDate(2018)


# --------------------------------------------------------------------------- Vancouver


@pytest.mark.parametrize(
    ("text", "container", "date"),
    [
        (
            "Berg KL, Osei A, Tanaka H. Enzyme stability in cold brines. "
            "N Engl J Med 2014; 370: 118–25.",
            "N Engl J Med",
            PartialDate(2014),
        ),
        (
            "Berg KL, Osei A, Tanaka H. Enzyme stability in cold brines. BMJ 2014;348:g118.",
            "BMJ",
            PartialDate(2014),
        ),
        (
            "Berg KL, Osei A, Tanaka H. Enzyme stability in cold brines. "
            "Appl Environ Microbiol. 2014 Apr;80(7):118-25.",
            "Appl Environ Microbiol",
            PartialDate(2014, 4),
        ),
        (
            "Berg KL, Osei A, Tanaka H, et al. Enzyme stability in cold brines. "
            "Lancet. 2014 Mar 8;383(9920):118-25.",
            "Lancet",
            PartialDate(2014, 3, 8),
        ),
    ],
)
def test_vancouver_journal_and_date_before_the_volume(
    text: str, container: str, date: PartialDate
) -> None:
    note = parse_note(text)
    assert note.authors == ["Berg KL", "Osei A", "Tanaka H"]
    assert note.title == "Enzyme stability in cold brines"
    assert note.container == container
    assert note.date == date


def test_vancouver_journal_abbreviated_with_periods() -> None:
    note = parse_note(
        "Berg KL, Osei A. Enzyme stability in cold brines. J. Appl. Microbiol. 2014;33(2):118-25."
    )
    assert note.title == "Enzyme stability in cold brines"
    assert note.container == "J. Appl. Microbiol"
    assert note.date == PartialDate(2014)


# --------------------------------------------------------------------------- Harvard, APA


def test_harvard_elsevier_with_abbreviated_journal() -> None:
    note = parse_note(
        "Patel, A.K., Moreau, L., 2009. Salt marsh carbon budgets. J. Coast. Res. 14, 201–215."
    )
    assert note.authors == ["Patel, A.K.", "Moreau, L."]
    assert note.title == "Salt marsh carbon budgets"
    assert note.container == "J. Coast. Res"
    assert note.date == PartialDate(2009)


def test_apa_many_authors_with_two_initials_each() -> None:
    note = parse_note(
        "Okafor, C. N., Lindqvist, M. J., & Brandt, P. O. (2018). Rainfall and school "
        "attendance. Education and Climate, 7(2), 45–61."
    )
    assert note.authors == ["Okafor, C. N.", "Lindqvist, M. J.", "Brandt, P. O."]
    assert note.title == "Rainfall and school attendance"
    assert note.container == "Education and Climate"


def test_a_title_that_is_one_abbreviated_word_sentence_stays_the_title() -> None:
    # Only a run of abbreviated words that leads to the volume is read as one journal name.
    note = parse_note(
        "Hale, D. (2004). The glass coast. Northfield: Lantern Press. "
        "http://lantern.example.org/glass"
    )
    assert note.title == "The glass coast"
    assert note.container == "Lantern Press"


def test_nature_book_names_publisher_and_year_after_the_title() -> None:
    note = parse_note("Hale, D. Floodplain Restoration (Riverside Press, 2004).")
    assert note.authors == ["Hale, D."]
    assert note.title == "Floodplain Restoration"
    assert note.publisher == "Riverside Press"
    assert note.date == PartialDate(2004)


def test_nature_book_chapter_starts_with_a_lower_case_in() -> None:
    note = parse_note(
        "Okafor, C. N. & Lindqvist, M. J. Rainfall and school attendance. in Handbook of "
        "Climate Education (eds Brandt, P. & Lee, Q.) 12–30 (Riverside Press, 2018)."
    )
    assert note.authors == ["Okafor, C. N.", "Lindqvist, M. J."]
    assert note.title == "Rainfall and school attendance"
    assert note.container == "Handbook of Climate Education"
    assert note.date == PartialDate(2018)


# --------------------------------------------------------------------------- Harvard


def test_harvard_title_in_typewriter_single_quotes() -> None:
    note = parse_note(
        "Okafor, C. and Lindqvist, M. (2018) 'Teachers' pay in rural districts', "
        "Education and Climate, 7(2), pp. 45–61. doi:10.5555/ec.7.45"
    )
    assert note.authors == ["Okafor, C.", "Lindqvist, M."]
    assert note.title == "Teachers' pay in rural districts"
    assert note.container == "Education and Climate"
    assert note.date == PartialDate(2018)


def test_an_apostrophe_in_a_name_is_no_quotation_mark() -> None:
    note = parse_note("O'Brien, C. (2018). Rainfall and Ireland's schools. Education, 7(2), 4-5.")
    assert note.authors == ["O'Brien, C."]
    assert note.title == "Rainfall and Ireland's schools"
    assert note.container == "Education"


def test_harvard_edition_sentence_is_not_the_publisher() -> None:
    note = parse_note(
        "Okafor, C. and Lindqvist, M. (2018) Floodplain restoration handbook. 2nd edn. "
        "Leeds: Riverside Press."
    )
    assert note.title == "Floodplain restoration handbook"
    assert note.publisher == "Riverside Press"


# --------------------------------------------------------------------------- ACS, ABNT


def test_acs_names_separated_by_semicolons() -> None:
    note = parse_note(
        "Okafor, C.; Lindqvist, M. J. Rainfall and School Attendance. J. Clim. Educ. 2018, "
        "7, 45–61."
    )
    assert note.authors == ["Okafor, C.", "Lindqvist, M. J."]
    assert note.title == "Rainfall and School Attendance"
    assert note.container == "J. Clim. Educ"
    assert note.date == PartialDate(2018)


def test_abnt_surnames_in_capitals() -> None:
    note = parse_note(
        "OKAFOR, C.; LINDQVIST, M. J. Rainfall and school attendance. Education and Climate, "
        "v. 7, n. 2, p. 45-61, 2018."
    )
    assert note.authors == ["OKAFOR, C.", "LINDQVIST, M. J."]
    assert note.title == "Rainfall and school attendance"
    assert note.container == "Education and Climate"
    assert note.date == PartialDate(2018)


# --------------------------------------------------------------------------- Chicago, MLA


@pytest.mark.parametrize(
    "text",
    [
        'Okafor, Chidi, and Maja Lindqvist. 2018. "Rainfall and School Attendance." '
        "Education and Climate 7 (2): 45–61.",
        'Okafor, Chidi, and Maja Lindqvist. "Rainfall and School Attendance." '
        "Education and Climate, vol. 7, no. 2, 2018, pp. 45–61.",
    ],
)
def test_bibliography_inverts_only_the_first_name(text: str) -> None:
    note = parse_note(text)
    assert note.authors == ["Okafor, Chidi", "Maja Lindqvist"]
    assert note.title == "Rainfall and School Attendance"
    assert note.container == "Education and Climate"
    assert note.date == PartialDate(2018)


def test_a_list_of_surnames_stays_three_people() -> None:
    note = parse_note("Beech, Mackay, and Wiltgen, Salt Roads, 12.")
    assert note.authors == ["Beech", "Mackay", "Wiltgen"]


# --------------------------------------------------------------------------- initials first


def test_initials_first_authors_of_elsevier_numbered_style() -> None:
    # "P. Brandt" is a person, not a page ("p. 4").
    note = parse_note(
        "C. Okafor, M.J. Lindqvist, P. Brandt, Rainfall and school attendance in rural "
        "districts, Educ. Clim. Res. 7 (2018) 45–61."
    )
    assert note.authors == ["C. Okafor", "M.J. Lindqvist", "P. Brandt"]
    assert note.title == "Rainfall and school attendance in rural districts"
    assert note.date == PartialDate(2018)


def test_title_ends_where_in_names_the_proceedings() -> None:
    note = parse_note(
        "Okafor C, Lindqvist MJ: Rainfall and school attendance, in Proceedings of the "
        "Conference on Climate Education. Vol 2. Riverside Press, 2018, pp. 45–61."
    )
    assert note.authors == ["Okafor C", "Lindqvist MJ"]
    assert note.title == "Rainfall and school attendance"
    assert note.container == "Proceedings of the Conference on Climate Education"


def test_german_in_colon_names_the_journal() -> None:
    note = parse_note(
        "Okafor, C. (2018). Regen und Schulbesuch, in: Zeitschrift für Klima, 7(2), 45-61."
    )
    assert note.title == "Regen und Schulbesuch"
    assert note.container == "Zeitschrift für Klima"


# --------------------------------------------------------------------------- Harvard (AGPS)


def test_harvard_no_date_after_a_body() -> None:
    note = parse_note(
        "Northern Rivers Trust n.d., Floodplain restoration handbook, viewed 3 May 2020, "
        "<http://nrt.example.org/f>."
    )
    assert note.authors == ["Northern Rivers Trust"]
    assert note.title == "Floodplain restoration handbook"
    assert note.date is None
    assert note.accessed == PartialDate(2020, 5, 3)


def test_harvard_year_after_names_with_initials_without_periods() -> None:
    note = parse_note(
        "Okafor, CN, Lindqvist, MJ & Brandt, P 2018, 'Rainfall and school attendance', "
        "Education and Climate, vol. 7, no. 2, pp. 45-61."
    )
    assert note.authors == ["Okafor, CN", "Lindqvist, MJ", "Brandt, P"]
    assert note.title == "Rainfall and school attendance"
    assert note.container == "Education and Climate"
    assert note.date == PartialDate(2018)


def test_emerald_harvard_year_in_parentheses_then_a_comma() -> None:
    note = parse_note(
        "Okafor, C. and Lindqvist, M. (2018), Rainfall and school attendance. Education and "
        "Climate, Vol. 7 No. 2, pp. 45-61."
    )
    assert note.authors == ["Okafor, C.", "Lindqvist, M."]
    assert note.title == "Rainfall and school attendance"
    assert note.date == PartialDate(2018)


def test_chicago_book_year_in_parentheses_is_not_an_author_year_label() -> None:
    note = parse_note("Dora Hale, The Glass Coast (2004), 12.")
    assert note.authors == ["Dora Hale"]
    assert note.title == "The Glass Coast"


# --------------------------------------------------------------------------- journals, books


def test_abbreviated_journal_with_an_ampersand_and_a_comma_before_the_volume() -> None:
    note = parse_note(
        "Okafor, C.N., Brandt, P., 2010. Rainfall and school attendance. "
        "Environ. Sci. & Technol., 44:24: 9535."
    )
    assert note.title == "Rainfall and school attendance"
    assert note.container == "Environ. Sci. & Technol"


def test_a_journal_name_with_a_colon_is_not_place_and_publisher() -> None:
    note = parse_note(
        "Okafor CN, Brandt P. Rainfall and school attendance. Nanomedicine: Nanotechnology, "
        "Biology and Medicine. 2012. 8(3): 275-290."
    )
    assert note.container == "Nanomedicine: Nanotechnology, Biology and Medicine"
    assert note.publisher is None
    assert note.date == PartialDate(2012)


@pytest.mark.parametrize(
    ("text", "publisher"),
    [
        ("Okafor, C. (2018). Rainfall. Chichester, UK: John Wiley & Sons.", "John Wiley & Sons"),
        ("Okafor C. Rainfall. New York: Riverside Press; 2018.", "Riverside Press"),
    ],
)
def test_place_and_publisher_of_a_book(text: str, publisher: str) -> None:
    note = parse_note(text)
    assert note.title == "Rainfall"
    assert note.publisher == publisher
    assert note.container == publisher


def test_german_editors_marked_hg_go_with_the_in() -> None:
    note = parse_note(
        "Schnell, Irmtraud (2013): Schule für alle. In: Kreling, Kim; Stenitzer, Thomas (Hg.): "
        "Soziale Inklusion. Graz: Leykam, S. 12-30."
    )
    assert note.title == "Schule für alle"
    assert note.container == "Soziale Inklusion"


def test_french_en_ligne_is_not_a_book_or_a_journal() -> None:
    note = parse_note(
        "DUPONT Marie, « La ville durable », Revue des villes, 2011, en ligne : "
        "http://revue.example.fr/1731"
    )
    assert note.title == "La ville durable"
    assert note.container == "Revue des villes"


def test_available_at_before_a_link_in_angle_brackets_names_nothing() -> None:
    note = parse_note(
        "INSTITUTO NACIONAL DE CLIMA. Chuvas e escolas. Disponível em: "
        "<http://inc.example.br/chuvas.htm>. Acesso em 28 de novembro de 2017."
    )
    assert note.title == "Chuvas e escolas"
    assert note.container is None
    assert note.url == "http://inc.example.br/chuvas.htm"


# --------------------------------------------------------------------------- list numbers


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        (
            "32 Northern Rivers Trust. Floodplain restoration. Leeds: Riverside Press, 2006.",
            ["Northern Rivers Trust"],
        ),
        (
            '84 Okafor C., "Rainfall and schools", Education and Climate, 2011.',
            ["Okafor C."],
        ),
    ],
)
def test_a_bare_reference_number_is_not_part_of_the_author(text: str, authors: list[str]) -> None:
    assert parse_note(text).authors == authors


def test_a_title_that_starts_with_a_number_keeps_it() -> None:
    note = parse_note("12 Years a Slave, directed by Steve McQueen (Fox Searchlight, 2013).")
    assert note.title == "12 Years a Slave"


def test_vancouver_chapter_names_its_book_after_the_editors() -> None:
    note = parse_note(
        "Rogers GE, Bawden CS. Wool and weather. In: Johnson NAG, Russell IM, editors. "
        "Advances in wool technology. Cambridge: Woodhead; 2009. p. 3-20."
    )
    assert note.authors == ["Rogers GE", "Bawden CS"]
    assert note.title == "Wool and weather"
    assert note.container == "Advances in wool technology"
    assert note.date == PartialDate(2009)
