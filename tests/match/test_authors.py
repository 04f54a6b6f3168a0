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
