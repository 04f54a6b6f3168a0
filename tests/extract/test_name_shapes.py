"""Name shapes: people and organisations accepted, labels, datelines and sentences refused."""

from __future__ import annotations

import pytest

from citecheck.extract.authors import clean_names
from citecheck.extract.name_shapes import (
    NameKind,
    cut_at_label,
    is_acronym,
    is_lower_case_name,
    is_user_name,
    name_kind,
    unshout,
)


@pytest.mark.parametrize(
    "name",
    [
        "Jane Roe",
        "A. B. Carter",
        "Anna van der Berg",
        "Mehreen Zahra-Malik",
        "Sean O'Neill",
        "Omar al-Rashid",
        "Jean DUPONT",  # family name in capitals, as French pages print it
        "Dr. Lena Brandt",
        "Иван Петров",
        "王小明",  # no capitals in the script: its shape says nothing against it
    ],
)
def test_people(name: str) -> None:
    assert name_kind(name) is NameKind.PERSON


@pytest.mark.parametrize(
    "name",
    ["Institute of Physics", "Harbour Verlag GmbH", "Das Magazin für Gärten", "Redaktion"],
)
def test_organisations(name: str) -> None:
    assert name_kind(name) is NameKind.ORGANISATION


@pytest.mark.parametrize(
    "label",
    ["Teaching Materials", "Press Releases", "Unterrichtsmaterialien", "Recursos Educativos"],
)
def test_a_sites_section_is_no_person(label: str) -> None:
    assert name_kind(label) is not NameKind.PERSON


def test_a_byline_holding_a_section_label_names_nobody() -> None:
    assert clean_names("Teaching Materials", from_byline=True) == []
    assert clean_names("By Jane Roe", from_byline=True) == ["Jane Roe"]


@pytest.mark.parametrize(
    "text",
    [
        "Anhören",  # a read-aloud button
        "Sponsored Stories",  # an advertising badge
        "Gesponserte Beiträge",
        "der grünen zur blauen Wirtschaft",  # the rest of a heading that began with "Von"
        "Schutzhelm über Fahrradweg",  # a sentence piece: "über" joins no name
        "note from Harriet",
        "Montag",  # a weekday after a byline
        "Portugal",  # a dateline's country
        "Stand",  # the label before an update time
        "Show all articles of Jane Roe",
        "",
    ],
)
def test_not_names(text: str) -> None:
    assert name_kind(text) is None


def test_user_names() -> None:
    assert is_user_name("jdoe42")
    assert is_user_name("delta201")
    assert not is_user_name("blogadmin")  # a CMS account, nobody
    assert not is_user_name("XY1234")  # a code: more digits than letters
    assert not is_user_name("teilen")  # a button
    assert not is_user_name("jane roe")


def test_lower_case_names() -> None:
    assert is_lower_case_name("marta rossi")
    assert not is_lower_case_name("the way")
    assert not is_lower_case_name("uns eine nachricht")
    assert not is_lower_case_name("marta")


def test_acronyms() -> None:
    assert is_acronym("NDR")
    assert is_acronym("LD")
    assert not is_acronym("Ndr")
    assert not is_acronym("ABCDEFG")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("JANE ROE", "Jane Roe"),
        ("KARL-HEINZ O'BRIEN", "Karl-Heinz O'Brien"),
        ("E. NURMI", "E. Nurmi"),
        ("NDR", "NDR"),  # one word in capitals is an acronym
        ("HARBOUR MEDIA GROUP", "HARBOUR MEDIA GROUP"),  # an organisation keeps its capitals
        ("Jane Roe", "Jane Roe"),
    ],
)
def test_unshout(text: str, expected: str) -> None:
    assert unshout(text) == expected


def test_cut_at_label() -> None:
    assert cut_at_label("Jane Roe Tags") == "Jane Roe"
    assert cut_at_label("Jane Roe Teilen Drucken") == "Jane Roe"
    # Starting with a label, the text is left for name_kind to refuse.
    assert cut_at_label("Teilen Jane Roe") == "Teilen Jane Roe"
    assert cut_at_label("Jane Roe") == "Jane Roe"
