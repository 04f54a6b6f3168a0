"""Reference-list styles built of sentences: APA, Harvard, Vancouver, MLA."""

from __future__ import annotations

from citecheck.footnotes.note.parser import parse_note
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


def test_journal_name_with_a_comma_runs_to_the_volume() -> None:
    note = parse_note(
        "Moreau, L., & Abara, T. (2014). Tidal power at small harbours. Journal of Energy, "
        "Coasts and Planning, 12(4), 220-231. http://jecp.example.org/12/4/220"
    )
    assert note.title == "Tidal power at small harbours"
    assert note.container == "Journal of Energy, Coasts and Planning"


def test_proceedings_name_with_a_comma_before_a_bare_volume() -> None:
    note = parse_note(
        "Ito, K. (2009). Sensor grids for orchards. Proceedings of the Workshop on Sensing, "
        "Farming and Food, 3. Retrieved from http://sff.example.net/2009/ito.pdf"
    )
    assert note.container == "Proceedings of the Workshop on Sensing, Farming and Food"


def test_publisher_and_place_after_a_journal_stay_out_of_its_name() -> None:
    note = parse_note(
        "Brandt, O. (2012). Salt roads. Alpine History, Bern, 4(1), 3-19. http://ah.example.ch/4"
    )
    assert note.container == "Alpine History"


def test_a_question_title_keeps_its_long_subtitle() -> None:
    note = parse_note(
        "Krüger, Anna: Wohin mit dem Wasser? Eine Untersuchung der Entwässerung in kleinen "
        "Gemeinden des Alpenvorlands. Landesamt für Umwelt, Augsburg 2013. "
        "http://lfu.example.de/wasser.pdf"
    )
    assert note.title == (
        "Wohin mit dem Wasser? Eine Untersuchung der Entwässerung in kleinen Gemeinden des "
        "Alpenvorlands"
    )


def test_a_question_title_keeps_a_second_question() -> None:
    note = parse_note(
        "Okoye, B. (2016, June 2) Who owns the river? And who pays for it?. Retrieved from "
        "https://blog.example.org/river"
    )
    assert note.title == "Who owns the river? And who pays for it?"


def test_a_short_sentence_after_a_question_title_is_the_site() -> None:
    note = parse_note(
        "Lund, P. (2012, May 3). Can bees count? Insect Weekly. Retrieved from "
        "http://insectweekly.example.com/bees"
    )
    assert note.title == "Can bees count?"
    assert note.container == "Insect Weekly"


def test_french_repere_le_phrase_is_not_part_of_the_title() -> None:
    note = parse_note(
        "Vigie-Crues. (s.d.). Les crues historiques du Rhône. Repéré le 2016-02-11 à "
        "http://vigie.example.fr/crues.html"
    )
    assert note.title == "Les crues historiques du Rhône"
    assert note.url == "http://vigie.example.fr/crues.html"


def test_published_on_before_a_cut_date_is_not_part_of_the_journal() -> None:
    note = parse_note(
        "DUPONT Marie, « La ville durable », Le Journal des villes, publié le 3 mars 2014 "
        "[en ligne], http://journal.example.fr/ville (consulté le 8 décembre)"
    )
    assert note.title == "La ville durable"
    assert note.container == "Le Journal des villes"


def test_mla_bare_host_and_path_is_the_url() -> None:
    note = parse_note(
        "Hale, Dora. The Glass Coast. Northfield: Lantern Press, 2004. "
        "archive.lantern.example.org/books/glass-coast.pdf (accessed May 2, 2015)."
    )
    assert note.url == "archive.lantern.example.org/books/glass-coast.pdf"
    assert note.title == "The Glass Coast"
    assert note.container == "Lantern Press"


def test_words_joined_by_a_slash_are_not_an_address() -> None:
    note = parse_note("Ames, R. (2010). Work and/or leisure. Time Studies, 2, 1-8.")
    assert note.url is None


def test_a_sentence_that_opens_with_a_volume_names_no_journal_piece() -> None:
    note = parse_note("Pohl A. Moss on roofs. 12(3), 4-9. http://moss.example.org/roofs")
    assert note.title == "Moss on roofs"
    assert note.url == "http://moss.example.org/roofs"
