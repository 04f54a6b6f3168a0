"""Second pass on reference-list notes: journal names without their numbering, retrieval phrases,
titles of several sentences before an italic journal, bodies as authors, slashed author lists."""

from __future__ import annotations

import pytest

from citecheck.footnotes.note.journals import is_day_and_month, journal_name_only
from citecheck.footnotes.note.parser import parse_note
from citecheck.footnotes.note.retrieval import drop_retrieval_phrases
from citecheck.partial_date import PartialDate


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Soil Biology Letters 12: R45-53./", "Soil Biology Letters"),
        ("Harbour Studies 9(2): 14—29", "Harbour Studies"),
        ("Clin Rural Health 2011;41(3)", "Clin Rural Health"),
        ("Tidewater Review (October 12)", "Tidewater Review"),
        ("Field Notes Monthly June(4)", "Field Notes Monthly"),
        ("Marine Letters 3(1): 10.5555/ml.2019.001", "Marine Letters"),
        ("Regional Papers vol. 4", "Regional Papers"),
        ("Journal of Quiet Art", "Journal of Quiet Art"),  # a word of the name, not "Art."
        ("Proceedings of WXYZ-E-3", "Proceedings of WXYZ-E-3"),  # a series code stays
        ("3 Biotech", "3 Biotech"),  # the first word always stays
    ],
)
def test_journal_name_without_its_numbering(written: str, name: str) -> None:
    assert journal_name_only(written) == name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26 August", True),
        ("January 24", True),
        ("Sept. 3", True),
        ("March 2–28", True),
        ("The Guardian", False),
        ("August Review", False),
        ("24 Hours", False),
    ],
)
def test_day_and_month_without_a_year(text: str, expected: bool) -> None:
    assert is_day_and_month(text) is expected


def test_retrieval_phrases_are_dropped_and_the_rest_kept() -> None:
    text = (
        "Ortega, L. (2011). Tide tables for small harbours. Retrieved from the Coastal Office "
        "website. [cited 2014 May 2]"
    )
    assert drop_retrieval_phrases(text) == "Ortega, L. (2011). Tide tables for small harbours."
    # "Available" that opens a title is not a retrieval phrase.
    kept = "Berg, T. (2009). Available light in northern towns. Lumen, 4, 1-9."
    assert drop_retrieval_phrases(kept) == kept


def test_apa_web_page_retrieved_from_a_named_site_has_no_publication() -> None:
    note = parse_note(
        "Pellegrini, M. (2006). A guide to caring for river birds: Report on two seasons. "
        "Retrieved from Lakeland, Department of Wildlife website: "
        "http://wildlife.example.org/reports/river-birds.pdf"
    )
    assert note.title == "A guide to caring for river birds: Report on two seasons"
    assert note.container is None
    assert note.url == "http://wildlife.example.org/reports/river-birds.pdf"


def test_apa_journal_with_issue_and_article_pages_after_its_name() -> None:
    note = parse_note(
        "Mendes, P. 2014. Otters return to the estuary. The Estuary Naturalist 11(2): 40—47. "
        "http://naturalist.example.org/otters"
    )
    assert note.title == "Otters return to the estuary"
    assert note.container == "The Estuary Naturalist"
    assert note.date == PartialDate(2014)


def test_mla_newspaper_with_day_and_month_after_its_name() -> None:
    note = parse_note(
        'Okoro, Ada. 2013. "Why the Ferry Stopped". Harbour Times, 14 March. Online: '
        "http://www.harbourtimes.example/ferry (accessed 2 April 2013)."
    )
    assert note.title == "Why the Ferry Stopped"
    assert note.container == "Harbour Times"
    assert note.accessed == PartialDate(2013, 4, 2)


def test_vancouver_online_tag_keeps_the_sentence_break() -> None:
    note = parse_note(
        "12. Karlsen PB. Statistics for Field Ecologists [Internet]. Bergen: Fjord Academic "
        "Press; 2010 [cited 2015 Jan 9]. Available from: http://fjord.example.no/stats"
    )
    assert note.authors == ["Karlsen PB"]
    assert note.title == "Statistics for Field Ecologists"
    assert note.publisher == "Fjord Academic Press"
    assert note.date == PartialDate(2010)


def test_harvard_title_of_several_sentences_ends_at_the_italic_journal() -> None:
    note = parse_note(
        "Osei, K. & Brandt, L., 2011. Sediment in Slow Rivers. II. Bends and Bars. "
        "<i>Journal of River Science</i>, 22:4: 310. http://dx.doi.org/10.5555/jrs.2011.310."
    )
    assert note.title == "Sediment in Slow Rivers. II. Bends and Bars"
    assert note.container == "Journal of River Science"
    assert note.doi == "10.5555/jrs.2011.310"


def test_body_as_author_then_sentences() -> None:
    note = parse_note(
        "Pharmaciens sans frontières (PSF). Lesbos: PSF opens a second clinic. 3 mai 2016. "
        "[http://www.psf.example.org/lesbos] (consulté le 9 juin 2017)"
    )
    assert note.authors == ["Pharmaciens sans frontières (PSF)"]
    assert note.title == "Lesbos: PSF opens a second clinic"
    assert note.date == PartialDate(2016, 5, 3)


def test_body_and_its_unit_as_author_year() -> None:
    note = parse_note(
        "Ministère de la Culture, Direction générale des Patrimoines (2014a). Inventaire des "
        "phares de Bretagne. http://culture.example.fr/phares.pdf"
    )
    assert note.title == "Inventaire des phares de Bretagne"
    assert note.date == PartialDate(2014)


def test_german_slashed_authors_before_a_colon() -> None:
    note = parse_note(
        "Brenner, Anna/Kowalczyk, Jan/Suter, Lea: Lernen im Garten. Eine Studie an drei "
        "Grundschulen. Waldverlag, Freiburg 2015. http://garten.example.de/studie.pdf"
    )
    assert note.authors == ["Brenner, Anna", "Kowalczyk, Jan", "Suter, Lea"]
    assert note.title is not None and note.title.startswith("Lernen im Garten")


def test_title_ending_in_sans_date() -> None:
    note = parse_note(
        "Rivière, Paul. Les ponts oubliés : une histoire des bacs fluviaux, s. d. "
        "http://catalogue.example.ca"
    )
    assert note.title == "Les ponts oubliés: une histoire des bacs fluviaux"


def test_chicago_article_number_after_the_date_is_not_the_journal() -> None:
    note = parse_note(
        "Rosa Lindqvist et al., “Ferry Crews and Night Shifts,” Maritime Health, 2022, "
        "mh202100417, https://doi.org/10.5555/mh.2022.417."
    )
    assert note.container == "Maritime Health"
    assert note.date == PartialDate(2022)


def test_chicago_speech_with_city_and_state_has_no_publication() -> None:
    note = parse_note(
        "Ines Ferreira, “Remarks on Coastal Shipping,” Portland, ME, May 4, 2019, "
        "https://speeches.example.org/ferreira-2019."
    )
    assert note.title == "Remarks on Coastal Shipping"
    assert note.container is None
    assert note.date == PartialDate(2019, 5, 4)


def test_chicago_short_form_naming_a_news_outlet() -> None:
    note = parse_note("Harbour Evening News, “Ferry Fares Rise Again.”")
    assert note.backref is not None
    assert note.backref.short_title == "Ferry Fares Rise Again"
    assert note.container == "Harbour Evening News"
    assert note.authors == []
