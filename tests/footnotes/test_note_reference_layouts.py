"""Reference-list layouts read since session 7 (issue 14): each fixture is written here from the
convention it follows, with invented authors, works and addresses."""

from __future__ import annotations

from citecheck.footnotes.note.links import take_links
from citecheck.footnotes.note.parser import parse_note
from citecheck.partial_date import PartialDate

# --------------------------------------------------------------------------- addresses


def test_an_address_in_angle_brackets_broken_by_spaces_is_one_address() -> None:
    # RFC 3986, appendix C: whitespace inside "<...>" is ignored when the address is read.
    links = take_links(
        "Okafor, C. (2018) Rainfall and school attendance. "
        "< http:// www.rural-example.org/ reports/ rainfall_2018 >."
    )
    assert links.urls == ["http://www.rural-example.org/reports/rainfall_2018"]
    assert "rainfall" not in links.text


def test_a_reference_with_a_broken_bracketed_address_names_no_container() -> None:
    note = parse_note(
        "Rural Schools Network (2014) Counting the Rain: A Handbook for Teachers. "
        "< http:// www.rural-example.org/ index.php/ handbook >."
    )
    assert note.url == "http://www.rural-example.org/index.php/handbook"
    assert note.title == "Counting the Rain: A Handbook for Teachers"
    assert note.container is None


def test_a_doi_broken_after_its_own_colon_is_read_whole() -> None:
    # ASCE's DOIs hold a colon ("...(2002)128:5(534)"); a line break after it leaves a space.
    links = take_links(
        "Okafor, C., 2002. Rain gauges. J. Rural Eng., 128:5: 534. "
        "http://dx.doi.org/ 10.9999/(RURAL)0733-9429(2002)128: 5(534)."
    )
    assert links.doi == "10.9999/(RURAL)0733-9429(2002)128:5(534)"


def test_a_colon_after_an_ordinary_address_is_not_joined_to_what_follows() -> None:
    links = take_links("Rain. Available at http://rural-example.org/rain: 12 May 2016.")
    assert links.urls == ["http://rural-example.org/rain"]


# --------------------------------------------------------------------------- Emerald's Harvard


def test_emerald_web_page_names_its_publisher_then_its_place() -> None:
    # Emerald: "Surname, I. (Year), “Title”, Publisher, Place, available at: URL (accessed ...)".
    note = parse_note(
        "Okafor, C. (2018), “Rainfall and school attendance in the delta”, Riverside Policy "
        "Centre, Port Harcourt, available at: https://riverside-example.org/rain.pdf "
        "(accessed 3 March 2019)."
    )
    assert note.title == "Rainfall and school attendance in the delta"
    assert note.publisher == "Riverside Policy Centre"
    assert note.container == "Riverside Policy Centre"
    assert note.date == PartialDate(2018)


def test_emerald_publisher_with_a_comma_before_the_place() -> None:
    note = parse_note(
        "RPC (2016), “Counting the rain”, Rural Policy, Research Centre, Lagos, available at: "
        "https://rpc-example.org/count.html"
    )
    assert note.publisher == "Rural Policy, Research Centre"


def test_emerald_journal_article_keeps_its_journal() -> None:
    note = parse_note(
        "Okafor, C. (2018), “Rainfall and school attendance”, Journal of Rural Studies, "
        "Vol. 12 No. 3, pp. 45-61."
    )
    assert note.container == "Journal of Rural Studies"


def test_apa_year_with_a_period_is_not_read_as_emerald() -> None:
    # Chicago/APA-like "..., Section, Publication": the last name is the publication.
    note = parse_note(
        "Okafor, C. (2018). “Rainfall and school attendance,” Opinion, Rural Times, "
        "https://rural-times-example.com/rain"
    )
    assert note.container == "Rural Times"


# --------------------------------------------------------------------------- journal issues


def test_a_whole_journal_issue_has_no_title() -> None:
    note = parse_note(
        "Journal of Rural Studies. 2018. 12 (3): 45-61. https://rural-example.org/issues/12-3"
    )
    assert note.title is None
    assert note.container == "Journal of Rural Studies"
    assert note.date == PartialDate(2018)
    assert note.authors == []


def test_a_titled_article_after_initials_is_no_journal_issue() -> None:
    note = parse_note("Okafor C. Rainfall and attendance. J Rural Stud. 2018;12(3):45-61.")
    assert note.title == "Rainfall and attendance"


# --------------------------------------------------------------------------- address labels


def test_a_lower_case_web_colon_inside_a_title_is_part_of_the_title() -> None:
    # "Online:", "Web:" announce an address at the start of a sentence; "vu du web :" is French.
    note = parse_note(
        "Okafor C. (2012) : « le littoral vu du web : discours et images », Revue rurale, "
        "n°30, p. 85-98. Url : http://revue-rurale-example.fr/30/okafor.pdf"
    )
    assert note.title is not None
    assert "vu du web" in note.title


# --------------------------------------------------------------------------- names and a year


def test_harvard_site_cited_by_its_name_and_no_date_has_no_title() -> None:
    note = parse_note(
        "Rainfall Watch n.d. <http://rainfall-watch-example.org/> (accessed 2 May 2016)."
    )
    assert note.title is None
    assert note.authors == ["Rainfall Watch"]
    assert note.url == "http://rainfall-watch-example.org/"


def test_inverted_name_with_an_initial_and_a_year_has_no_title() -> None:
    note = parse_note(
        "Okafor, C., 2014 http://rural-example.org/news/2014/rain, Consulted Sept 2016."
    )
    assert note.title is None
    assert note.authors == ["Okafor, C."]
    assert note.date == PartialDate(2014)


def test_chicago_name_title_and_year_keeps_its_title() -> None:
    note = parse_note("Chidi Okafor, Counting the Rain, 2014.")
    assert note.title == "Counting the Rain"


# --------------------------------------------------------------------------- closing imprints


def test_apa_report_with_describing_sentences_before_its_imprint() -> None:
    # French typography puts a space before the colon: "Lyon : Presses rurales".
    note = parse_note(
        "Okafor, C. (2013). Compter la pluie. Guide pour les enseignants 2013-2014. "
        "Document administratif. Lyon : Presses rurales du Rhône. Consulté le 4 août 2014."
    )
    assert note.title == "Compter la pluie"
    assert note.publisher == "Presses rurales du Rhône"
    assert note.container == "Presses rurales du Rhône"


def test_harvard_report_second_sentence_is_no_container_when_an_imprint_closes_it() -> None:
    note = parse_note(
        "Rural Schools Network (2008). Counting the rain! Rain gauges can be made in class. "
        "Lagos, Nigeria: Riverside Press."
    )
    assert note.container == "Riverside Press"


def test_a_journal_article_ending_in_a_subtitle_colon_is_no_imprint() -> None:
    note = parse_note(
        "Okafor, C. (2015). Counting the rain. Journal of Rural Studies, 12(3), 45-61. "
        "Rain gauges: A classroom guide."
    )
    assert note.container == "Journal of Rural Studies"
