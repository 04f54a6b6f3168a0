from __future__ import annotations

import pytest

from citecheck.match.authors import check_authors
from citecheck.models import CheckStatus, Found


def bylines(*names: str, source: str = "json-ld:author") -> list[Found]:
    return [Found(name, source) for name in names]


@pytest.mark.parametrize(
    ("cited", "page"),
    [
        (["Kay Johnson", "Mehreen Zahra-Malik"], ["Kay Johnson", "Mehreen Zahra-Malik"]),
        (["Kay Johnson", "Mehreen Zahra-Malik"], ["Mehreen Zahra Malik", "Kay Johnson"]),
        (["Johnson, Kay", "Zahra-Malik, Mehreen"], ["By Kay Johnson and Mehreen Zahra-Malik"]),
        (["K. Johnson"], ["KAY JOHNSON"]),
        (["Imtiaz Ali"], ["Imtiaz Ali | Dawn"]),
        (["Mehreen Zahra-Malik"], ["Mehreen Zahrā-Mālik"]),  # diacritics
        (["José Núñez"], ["Jose Nunez"]),
        (["Pieter van der Berg"], ["P. van den Berg"]),  # particles
        (["Berg, Pieter van der"], ["Pieter Berg"]),
        (["Abu Bakr al-Baghdadi"], ["Abu Bakr Al Baghdadi"]),
        (["Martin Luther King, Jr."], ["Martin Luther King"]),
        (["Sean O’Brien"], ["Sean O'Brien"]),
        (["Nguyen Thi Le"], ["Le, Nguyen Thi"]),  # a surname that is also a particle
        (["National Counterterrorism Center"], ["The National Counterterrorism Center"]),
    ],
)
def test_authors_match(cited: list[str], page: list[str]) -> None:
    check = check_authors(cited, bylines(*page))
    assert check.status is CheckStatus.PASS
    assert check.score == 100.0


def test_organisation_is_compared_by_its_whole_name() -> None:
    check = check_authors(["National Counterterrorism Center"], bylines("Center for Global Policy"))
    assert check.status is CheckStatus.WARN


def test_some_cited_surnames_missing_is_a_warning() -> None:
    check = check_authors(["Farhan Zahid", "Muhammad Ismail Khan"], bylines("Farhan Zahid"))
    assert check.status is CheckStatus.WARN
    assert check.score == 50.0
    assert check.reason is not None and "Muhammad Ismail Khan" in check.reason


def test_none_matching_is_a_warning_never_a_failure() -> None:
    check = check_authors(["Salman Masood"], bylines("Kay Johnson", source="meta:author"))
    assert check.status is CheckStatus.WARN
    assert check.score == 0.0
    assert check.reason == (
        "none of the cited authors is on the page, which names Kay Johnson (meta:author)"
    )


def test_page_without_authors_is_skipped_not_failed() -> None:
    check = check_authors(["Salman Masood"], [])
    assert check.status is CheckStatus.SKIP
    assert check.reason is not None and check.reason.startswith("not found")
    assert check.expected == "Salman Masood"
    assert check_authors(["Salman Masood"], bylines("  ", "—")).status is CheckStatus.SKIP


def test_citation_without_authors_is_skipped() -> None:
    check = check_authors([], bylines("Kay Johnson"))
    assert (check.status, check.reason) == (CheckStatus.SKIP, "the citation names no authors")
    assert check_authors([" ", "..."], bylines("Kay Johnson")).status is CheckStatus.SKIP


def test_pass_reason_names_bylines_and_source() -> None:
    check = check_authors(["Imtiaz Ali"], bylines("Imtiaz Ali", source="meta:author"))
    assert check.reason == "authors match: Imtiaz Ali from meta:author"
    assert (check.found, check.source) == ("Imtiaz Ali", "meta:author")


def test_comma_without_a_surname_does_not_match_everyone() -> None:
    check = check_authors([", Kay"], bylines("Boris Smith"))
    assert check.status is CheckStatus.WARN


def test_a_surname_spelt_slightly_differently_still_matches() -> None:
    check = check_authors(["Alexandra Illina"], [Found("Alexandra Ilina", "json-ld:author")])
    assert check.status is CheckStatus.PASS


def test_short_surnames_are_not_matched_fuzzily() -> None:
    check = check_authors(["Tom Lee"], [Found("Tom Lei", "meta:author")])
    assert check.status is CheckStatus.WARN


def test_a_byline_of_the_given_name_alone_matches_the_cited_person() -> None:
    check = check_authors(["Nils Pickert"], [Found("Nils", "json-ld:author")])
    assert check.status is CheckStatus.PASS
    other = check_authors(["Nils Pickert"], [Found("Anna", "json-ld:author")])
    assert other.status is CheckStatus.WARN


def test_a_page_crediting_only_its_publisher_says_nothing_about_the_cited_person() -> None:
    check = check_authors(
        ["Kay Johnson"], [Found("Eat Smarter", "json-ld:author")], ["Eat Smarter", "eatsmarter.de"]
    )
    assert check.status is CheckStatus.SKIP
    assert check.reason is not None and "only its publisher" in check.reason
    agency = check_authors(["Kay Johnson"], [Found("Press Association", "meta:author")])
    assert agency.status is CheckStatus.SKIP


def test_another_person_in_the_byline_is_still_a_warning() -> None:
    check = check_authors(["Kay Johnson"], [Found("Salman Masood", "byline")], ["Reuters"])
    assert check.status is CheckStatus.WARN


def test_a_cited_organisation_is_compared_even_with_an_organisation_byline() -> None:
    check = check_authors(
        ["National Counterterrorism Center"], [Found("Hudson Institute", "meta:author")]
    )
    assert check.status is CheckStatus.WARN


def test_a_user_name_spelling_the_whole_name_matches() -> None:
    check = check_authors(
        ["Arian Schlichenmayer"], [Found("arianschlichenmayer", "json-ld:author")]
    )
    assert check.status is CheckStatus.PASS


# --- bylines copied whole into a citation -------------------------------------------------


@pytest.mark.parametrize(
    ("cited", "page"),
    [
        # "A / B" in one string, as Spanish-language papers sign shared stories
        (["A. TORRES / J. I. RIVERA"], ["Ana Torres", "José Ignacio Rivera"]),
        # a whole English byline typed as one author
        (["Kay Johnson and Mehreen Zahra-Malik"], ["Mehreen Zahra-Malik", "Kay Johnson"]),
        # German "und", and the same people in a semicolon list
        (["Lena Vogt und Jonas Brand"], ["Jonas Brand", "Lena Vogt"]),
        (["Lena Vogt; Jonas Brand"], ["Lena Vogt", "Jonas Brand"]),
    ],
)
def test_several_people_in_one_cited_string_are_checked_one_by_one(
    cited: list[str], page: list[str]
) -> None:
    check = check_authors(cited, bylines(*page))
    assert check.status is CheckStatus.PASS
    assert check.score == 100.0


def test_one_of_two_people_in_one_cited_string_missing_is_named() -> None:
    check = check_authors(["A. TORRES / J. I. RIVERA"], bylines("Ana Torres"))
    assert check.status is CheckStatus.WARN
    assert check.score == 50.0
    assert check.reason is not None and "J. I. RIVERA" in check.reason


def test_an_organisation_with_and_in_its_name_is_kept_whole() -> None:
    check = check_authors(
        ["Department of Health and Human Services"],
        bylines("U.S. Department of Health and Human Services", source="meta:author"),
    )
    assert check.status is CheckStatus.PASS
    assert check.expected == "Department of Health and Human Services"


@pytest.mark.parametrize(
    ("cited", "byline"),
    [
        ("Camila Ortiz en Montevideo", "Camila Ortiz"),  # the desk's city after the name
        ("Amber Lindqvist Shares", "Amber Lindqvist"),  # a share button's label glued on
        ("Lena Vogt, Staff Writer", "Lena Vogt"),
    ],
)
def test_the_page_byline_inside_a_longer_cited_credit_matches(cited: str, byline: str) -> None:
    assert check_authors([cited], bylines(byline)).status is CheckStatus.PASS


def test_a_different_person_with_the_same_surname_inside_a_credit_does_not_match() -> None:
    check = check_authors(["Camila Ortiz en Montevideo"], bylines("Carla Ortiz"))
    assert check.status is CheckStatus.WARN


@pytest.mark.parametrize("byline", ["DF", "D. F.", "D.F."])
def test_a_byline_of_the_cited_persons_initials_matches(byline: str) -> None:
    check = check_authors(["Dana Fischer"], bylines(byline, source="rel-author"))
    assert check.status is CheckStatus.PASS


@pytest.mark.parametrize("byline", ["DK", "FD", "DFX", "df"])
def test_other_initials_do_not_match(byline: str) -> None:
    check = check_authors(["Dana Fischer"], bylines(byline, source="rel-author"))
    assert check.status is CheckStatus.WARN


# --- credits that name no one the page could confirm ---------------------------------------


@pytest.mark.parametrize("credit", ["Redaktion", "Staff", "The Editors", "Editorial Team"])
def test_a_cited_desk_is_not_compared(credit: str) -> None:
    check = check_authors([credit], bylines("Lena Vogt"))
    assert check.status is CheckStatus.SKIP
    assert check.reason is not None and check.reason.startswith("not compared")
    assert credit in check.reason


def test_a_cited_desk_beside_a_person_leaves_the_person_to_compare() -> None:
    check = check_authors(["Staff", "Lena Vogt"], bylines("Lena Vogt"))
    assert check.status is CheckStatus.PASS
    assert check.score == 100.0
    missing = check_authors(["Staff", "Lena Vogt"], bylines("Jonas Brand"))
    assert missing.status is CheckStatus.WARN


SITE = ["Gartenfreunde Nord", "gartenfreunde-nord.de", "gartenfreunde-nord"]


@pytest.mark.parametrize(
    "credit",
    [
        "Gartenfreunde Nord",  # the site's name, as og:site_name gives it
        "gartenfreundenord",  # the same, as a user name
        "gartenfreunde-nord.de",  # the domain
        "Gartenfreunde Nord Redaktion",  # the site's own desk
    ],
)
def test_the_site_itself_cited_as_author_is_not_compared_with_a_persons_byline(
    credit: str,
) -> None:
    check = check_authors([credit], bylines("Lena Vogt"), SITE)
    assert check.status is CheckStatus.SKIP
    assert check.reason is not None and "the site itself" in check.reason


def test_another_site_cited_as_author_is_still_a_warning() -> None:
    check = check_authors(["Blumenwelt Süd"], bylines("Lena Vogt"), SITE)
    assert check.status is CheckStatus.WARN


@pytest.mark.parametrize(
    "byline",
    [
        "Redaktion",
        "Agencies",
        "Nordblick Editorial",
        "EFC Gartenfreunde Nord",  # the club's site name with its prefix
        "OÖ Gartenfreunde Nord",
    ],
)
def test_a_page_crediting_only_a_desk_or_its_own_site_says_nothing_about_the_person(
    byline: str,
) -> None:
    check = check_authors(["Lena Vogt"], bylines(byline, source="meta:author"), SITE)
    assert check.status is CheckStatus.SKIP
    assert check.reason is not None and "only its publisher" in check.reason


@pytest.mark.parametrize(
    ("cited", "byline"),
    [
        (["Staff", "News Service Reports"], "service reports"),  # one name is part of the other
        (["Reuters Staff"], "Reuters"),  # the same organisation with and without its desk
    ],
)
def test_organisation_credits_that_differ_only_by_a_desk_match(
    cited: list[str], byline: str
) -> None:
    check = check_authors(cited, bylines(byline))
    assert check.status is CheckStatus.PASS


def test_one_shared_word_does_not_make_two_organisations_one() -> None:
    check = check_authors(["National Weather Service"], bylines("Postal Service"))
    assert check.status is CheckStatus.WARN
