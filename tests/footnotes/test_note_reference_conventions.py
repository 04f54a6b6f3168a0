"""Conventions of reference lists that cut across styles (issue 14, session 6).

Each fixture is composed here from a style's written rules, with invented authors and works:
Springer's LNCS ("Surname, I., Surname, I.: Title. In: Editor, I. (ed.) Book, pp. 1–9.
Publisher, Place (Year)"), APA 7 proceedings ("In Proceedings of the 12th ... (pp. 1–9).
Publisher."), Vancouver/ICMJE books and conference papers, and others named at each test.
"""

from __future__ import annotations

from citecheck.footnotes.note.links import take_links
from citecheck.footnotes.note.parser import parse_note
from citecheck.partial_date import PartialDate

# --------------------------------------------------------------------------- proceedings


def test_apa_proceedings_name_with_an_ordinal_is_not_cut_at_the_number() -> None:
    note = parse_note(
        "Okafor, C. (2018). Rainfall and school attendance. In Proceedings of the 12th "
        "International Conference on Rural Education (pp. 45–61). Riverside Press."
    )
    assert note.title == "Rainfall and school attendance"
    assert note.container == "Proceedings of the 12th International Conference on Rural Education"
    assert note.date == PartialDate(2018)


# --------------------------------------------------------------------------- Springer LNCS


def test_lncs_several_inverted_authors_before_the_colon() -> None:
    note = parse_note(
        "Okafor, C., Lindqvist, M.J., Brandt, P.: Rainfall and school attendance. "
        "J. Rural Stud. 61(3), 45–61 (2018)"
    )
    assert note.authors == ["Okafor, C.", "Lindqvist, M.J.", "Brandt, P."]
    assert note.title == "Rainfall and school attendance"
    assert note.container == "J. Rural Stud"
    assert note.date == PartialDate(2018)


def test_lncs_chapter_in_an_edited_book_names_the_book() -> None:
    note = parse_note(
        "Okafor, C., Lindqvist, M.: Rainfall and school attendance. In: Brandt, P. (ed.) "
        "Rural Schooling, pp. 45–61. Riverside Press, Lagos (2018)"
    )
    assert note.authors == ["Okafor, C.", "Lindqvist, M."]
    assert note.title == "Rainfall and school attendance"
    assert note.container == "Rural Schooling"


def test_lncs_proceedings_with_two_editors() -> None:
    note = parse_note(
        "Okafor, C.: Rainfall and school attendance. In: Lee, Q., Brandt, P. (eds.) "
        "Proceedings of the 3rd Workshop on Rural Data, pp. 1–9. ACM, New York (2019)"
    )
    assert note.title == "Rainfall and school attendance"
    assert note.container == "Proceedings of the 3rd Workshop on Rural Data"
    assert note.date == PartialDate(2019)


def test_lncs_book_edition_is_neither_title_nor_publisher() -> None:
    note = parse_note(
        "Okafor, C., Lindqvist, M.: Rural Schooling, 2nd edn. Riverside Press, Lagos (2015)"
    )
    assert note.title == "Rural Schooling"
    assert note.container == "Riverside Press"
    assert note.date == PartialDate(2015)


def test_vancouver_book_edition_sentence_is_skipped_before_the_imprint() -> None:
    note = parse_note("Okafor C. Rural schooling. 3rd ed. Lagos: Riverside Press; 2015.")
    assert note.title == "Rural schooling"
    assert note.publisher == "Riverside Press"
    assert note.date == PartialDate(2015)


# --------------------------------------------------------------------------- theses


def test_nature_thesis_names_the_university_not_the_degree() -> None:
    note = parse_note(
        "Okafor, C. J. Rainfall and school attendance. PhD thesis, Univ. Lagos (2017)."
    )
    assert note.title == "Rainfall and school attendance"
    assert note.container == "Univ. Lagos"
    assert note.date == PartialDate(2017)


def test_harvard_thesis_sentence_is_skipped_for_the_university() -> None:
    note = parse_note(
        "Okafor, C., 2017. Rainfall and school attendance. PhD thesis. University of Lagos."
    )
    assert note.title == "Rainfall and school attendance"
    assert note.container == "University of Lagos"


def test_apa6_unpublished_thesis_and_the_university_after_it() -> None:
    note = parse_note(
        "Okafor, C. (2017). Rainfall and school attendance. Unpublished master's thesis, "
        "University of Lagos, Lagos, Nigeria."
    )
    assert note.title == "Rainfall and school attendance"
    assert note.container == "University of Lagos"


def test_apa_description_of_a_thesis_in_brackets_is_not_part_of_the_title() -> None:
    seventh = parse_note(
        "Okafor, C. (2017). Rainfall and attendance [Doctoral dissertation, University of "
        "Lagos]. Riverside Theses Online."
    )
    assert seventh.title == "Rainfall and attendance"
    assert seventh.container == "Riverside Theses Online"
    sixth = parse_note(
        "Okafor, C. (2017). Rainfall and attendance (Doctoral dissertation). University of Lagos."
    )
    assert sixth.title == "Rainfall and attendance"
    assert sixth.container == "University of Lagos"


def test_a_parenthesis_that_is_not_a_kind_of_work_stays_in_the_title() -> None:
    note = parse_note("Okafor, C. (2017). Rainfall and attendance (1990–2010). Riverside Press.")
    assert note.title == "Rainfall and attendance (1990–2010)"


# --------------------------------------------------------------------------- author lists


def test_vancouver_et_al_after_a_comma_without_a_space_and_capitalised() -> None:
    note = parse_note(
        "Okafor C, Brandt P,et Al. Rainfall and school attendance. Rural Educ Res. "
        "2015;50(2):103-8."
    )
    assert note.authors == ["Okafor C", "Brandt P"]
    assert note.title == "Rainfall and school attendance"
    assert note.container == "Rural Educ Res"
    assert note.date == PartialDate(2015)


def test_et_al_after_bare_surnames_closes_the_author_list() -> None:
    note = parse_note(
        "Okafor, Lindqvist, et al. Rainfall and school attendance. Rural Review 3 (2015)."
    )
    assert note.title == "Rainfall and school attendance"
    assert note.container == "Rural Review"
    assert note.date == PartialDate(2015)


# --------------------------------------------------------------------------- titles


def test_apa_chapter_number_heads_the_chapter_title() -> None:
    note = parse_note(
        "Okafor, C. (2018). Chapter 4. Rainfall and school attendance. In P. Brandt (Ed.), "
        "Handbook of rural schooling (pp. 61–80). Riverside Press."
    )
    assert note.title == "Chapter 4. Rainfall and school attendance"
    assert note.container == "Handbook of rural schooling"


def test_abnt_work_without_author_is_entered_under_its_title() -> None:
    note = parse_note(
        "ESCOLAS rurais fecham no inverno. Folha do Norte, Belém, 12 mar. 2014. Disponível em: "
        "http://example.org/escolas. Acesso em: 3 abr. 2014."
    )
    assert note.authors == []
    assert note.title == "ESCOLAS rurais fecham no inverno"
    assert note.container == "Folha do Norte"
    assert note.date == PartialDate(2014, 3, 12)
    assert note.accessed == PartialDate(2014, 4, 3)


def test_a_body_named_in_capitals_is_not_an_abnt_title() -> None:
    note = parse_note("RDA des Basques (2016). Bienvenue dans la région. Riverside Press.")
    assert note.authors == ["RDA des Basques"]
    assert note.title == "Bienvenue dans la région"


# --------------------------------------------------------------------------- GOST 7.1, AACR2


def test_gost_double_slash_separates_title_and_journal() -> None:
    note = parse_note(
        "Окафор К. Осадки и посещаемость школ [Текст] // Сельская школа. 2018. Т. 61, № 3. "
        "С. 45-61."
    )
    assert note.authors == ["Окафор К"]
    assert note.title == "Осадки и посещаемость школ"
    assert note.container == "Сельская школа"
    assert note.date == PartialDate(2018)


def test_gost_quoted_conference_name_after_the_slashes_is_not_the_title() -> None:
    note = parse_note(
        "Окафор К. Осадки и посещаемость школ // Сельское образование: «Школа и климат». "
        "М., 2018. С. 45-61."
    )
    assert note.title == "Осадки и посещаемость школ"
    assert note.date == PartialDate(2018)


def test_material_designations_in_other_languages_are_not_part_of_the_title() -> None:
    russian = parse_note(
        "Центр рыночных исследований [Электронный ресурс]. URL: http://example.org/a"
    )
    assert russian.title == "Центр рыночных исследований"
    spanish = parse_note(
        "Okafor, C. Rainfall and school attendance [Recurso electrónico]. Lagos: Riverside "
        "Press, 2018."
    )
    assert spanish.title == "Rainfall and school attendance"
    assert spanish.container == "Riverside Press"


# --------------------------------------------------------------------------- dates


def test_a_double_issue_span_of_months_is_the_date_not_the_journal() -> None:
    french = parse_note(
        "Okafor, C., « Pluie et école », Revue rurale, Janvier-Juin 2012, n° 213-214, p. 43-54."
    )
    assert french.title == "Pluie et école"
    assert french.container == "Revue rurale"
    assert french.date == PartialDate(2012)
    english = parse_note(
        "Okafor, C., “Rain and School,” Rural Review, July–August 2012, no. 4, pp. 43-54."
    )
    assert english.container == "Rural Review"
    assert english.date_text == "July–August 2012"


# --------------------------------------------------------------------------- addresses


def test_an_address_broken_at_a_space_leaves_no_path_in_the_publisher() -> None:
    note = parse_note(
        "Okafor, C. (2010). Rural schooling. Riverside Bank of St. Louis. Retrieved from "
        "www.example.org/rural schooling/assets/pdf/Rural.pdf"
    )
    assert note.title == "Rural schooling"
    assert note.container == "Riverside Bank of St. Louis"
    assert note.url == "www.example.org/rural"


def test_words_with_one_slash_after_an_address_stay_in_the_note() -> None:
    links = take_links("Rural schooling. http://example.org/a/b and/or elsewhere")
    assert links.urls == ["http://example.org/a/b"]
    assert links.text == "Rural schooling.  and/or elsewhere"


# --------------------------------------------------------------------------- reviews


def test_mla_review_of_sentence_is_not_the_container() -> None:
    note = parse_note(
        "Okafor, C. “Rain and School.” Review of Rainfall and Schooling, by Pia Brandt. Rural "
        "Quarterly, vol. 50, no. 1, 2016, pp. 3-4."
    )
    assert note.title == "Rain and School"
    assert note.container == "Rural Quarterly"
    assert note.date == PartialDate(2016)


def test_apa_bracketed_review_description_is_not_part_of_the_title() -> None:
    note = parse_note(
        "Okafor, C. (2016). Rain and school [Review of the book Rainfall and schooling, by P. "
        "Brandt]. Rural Quarterly, 50(1), 3–4."
    )
    assert note.title == "Rain and school"
    assert note.container == "Rural Quarterly"


# --------------------------------------------------------------------------- bodies


def test_french_cour_and_institut_name_bodies_that_author_a_work() -> None:
    court = parse_note(
        "Cour des comptes. 2018. La politique des écoles rurales. Paris: Riverside Press."
    )
    assert court.authors == ["Cour des comptes"]
    assert court.title == "La politique des écoles rurales"
    assert court.date == PartialDate(2018)
    institute = parse_note(
        "Institut national des écoles, Les écoles rurales en hiver, Paris, 2019."
    )
    assert institute.authors == ["Institut national des écoles"]
    assert institute.title == "Les écoles rurales en hiver"


# --------------------------------------------------------------------------- Vancouver meetings


def test_vancouver_conference_paper_names_the_meeting_up_to_its_date() -> None:
    note = parse_note(
        "Okafor C. Rainfall and school attendance. In: Proc. of the 12th Int. Conf. on Rural "
        "Education; 2018 Mar 3-5; Lagos, Nigeria. p. 45-61."
    )
    assert note.title == "Rainfall and school attendance"
    assert note.container == "Proc. of the 12th Int. Conf. on Rural Education"
    assert note.date is not None and note.date.year == 2018


def test_vancouver_paper_presented_at_a_meeting() -> None:
    note = parse_note(
        "Okafor C, Lindqvist M. Rainfall and school attendance. Paper presented at: Annual "
        "Meeting of the Rural Education Society; 2018 Mar 3; Lagos, Nigeria."
    )
    assert note.container == "Annual Meeting of the Rural Education Society"


def test_vancouver_chapter_with_editors_is_not_read_as_a_meeting() -> None:
    note = parse_note(
        "Okafor C. Rainfall and attendance. In: Brandt P, Lee Q, editors. Handbook of rural "
        "schooling. Lagos: Riverside Press; 2017. p. 12-9."
    )
    assert note.container == "Handbook of rural schooling"


# --------------------------------------------------------------------------- IEEE


def test_ieee_book_imprint_place_colon_publisher_year() -> None:
    note = parse_note(
        "[2] C. Okafor and P. Brandt, Rural Schooling, 2nd ed. New York, NY, USA: Riverside "
        "Press, 2015."
    )
    assert note.authors == ["C. Okafor", "P. Brandt"]
    assert note.title == "Rural Schooling"
    assert note.publisher == "Riverside Press"
    assert note.date == PartialDate(2015)


def test_ieee_book_without_edition() -> None:
    note = parse_note("[3] C. Okafor, Rural Schooling. London, U.K.: Riverside Press, 2015.")
    assert note.authors == ["C. Okafor"]
    assert note.title == "Rural Schooling"
    assert note.publisher == "Riverside Press"


def test_a_subtitle_after_a_colon_is_no_imprint() -> None:
    note = parse_note("C. Okafor, Rural Schooling. Rain: A review of attendance and growth, 2011.")
    assert note.publisher is None


def test_ieee_technical_report_number_is_not_the_publication() -> None:
    note = parse_note(
        '[5] C. Okafor, "Rainfall and attendance," Riverside Inst., Tech. Rep. TR-2018-04, 2018.'
    )
    assert note.title == "Rainfall and attendance"
    assert note.container == "Riverside Inst"
    assert note.date == PartialDate(2018)


# --------------------------------------------------------------------------- DOIs


def test_a_doubled_doi_resolver_still_gives_the_doi() -> None:
    note = parse_note(
        "Okafor, C. (2018). Rainfall and school attendance. Rural Review, 3(1), 4–9. "
        "https://doi.org/https://doi.org/10.5555/rr.3.4"
    )
    assert note.doi == "10.5555/rr.3.4"


# --------------------------------------------------------------------------- second half


def test_a_straight_quote_between_letters_is_an_apostrophe_not_the_closing_mark() -> None:
    note = parse_note(
        'Okafor, Chidi. 2012. "Why the Rain"s Schools Never Closed". Rural Times, 4 October. '
        "Online: http://example.org/a (accessed 6 October 2012)."
    )
    assert note.title == 'Why the Rain"s Schools Never Closed'
    assert note.container == "Rural Times"


def test_a_day_and_month_after_a_titled_sentence_is_no_publication() -> None:
    note = parse_note(
        "Okafor, Chidi. 2013. “Rain Closes Rural Schools.” January 24. Accessed through: "
        "https://example.org/a"
    )
    assert note.title == "Rain Closes Rural Schools"
    assert note.container is None
    assert note.date == PartialDate(2013)


def test_names_all_inverted_and_joined_by_a_word() -> None:
    ssrn = parse_note(
        "Brandt, Pia and Okafor, Cedric, Rainfall and School Attendance: Evidence from Ten "
        "Districts (March 2, 2015). Available at SSRN: https://ssrn.com/abstract=1"
    )
    assert ssrn.authors == ["Brandt, Pia", "Okafor, Cedric"]
    assert ssrn.title == "Rainfall and School Attendance: Evidence from Ten Districts"
    assert ssrn.date == PartialDate(2015, 3, 2)
    french = parse_note(
        "Okafor, Chidi et Brandt, Pia (avril 2015). Le portrait des écoles rurales. "
        "Le Courrier du Sud."
    )
    assert french.authors == ["Okafor, Chidi", "Brandt, Pia"]
    assert french.title == "Le portrait des écoles rurales"
    assert french.date == PartialDate(2015, 4)


def test_a_chicago_list_of_surnames_is_not_read_as_inverted_pairs() -> None:
    note = parse_note("Beech, Mackay, and Wiltgen, Rural Schooling, 4.")
    assert note.authors == ["Beech", "Mackay", "Wiltgen"]


def test_an_editors_role_after_an_inverted_name_stays_with_the_name() -> None:
    english = parse_note(
        "Okafor, Chidi Ama (ed.), Rainfall: Essays and Studies 3.1, Centre for Rural Studies, 2011."
    )
    assert english.authors == ["Okafor, Chidi Ama"]
    assert english.title == "Rainfall: Essays and Studies 3.1"
    french = parse_note(
        "BRANDT Pia (dir.), Écoles rurales, l’anthologie, Lyon, Cité des Écoles, 2013."
    )
    assert french.authors == ["BRANDT Pia"]
    assert french.title == "Écoles rurales, l’anthologie"


def test_a_title_that_asks_ends_at_its_question_mark_before_the_journal() -> None:
    note = parse_note("Okafor, C., Does rain close schools? Rural Review 23(1): 54–55, 2000.")
    assert note.authors == ["Okafor, C"]
    assert note.title == "Does rain close schools?"
    assert note.container == "Rural Review"
    assert note.date == PartialDate(2000)


def test_a_single_initial_is_not_a_page_in_roman_numerals() -> None:
    note = parse_note("Okafor, C., Rain and schools, Riverside Press, 2000.")
    assert note.authors == ["Okafor, C"]
    assert note.title == "Rain and schools"


def test_ama_dated_sentences_date_the_page_and_name_nothing() -> None:
    note = parse_note(
        "Okafor C. Rain and schools. Rural Times. Published May 2, 2014. Updated March 1, 2016. "
        "Accessed October 3, 2016. https://example.org/rain"
    )
    assert note.title == "Rain and schools"
    assert note.container == "Rural Times"
    assert note.date == PartialDate(2014, 5, 2)
    assert note.accessed == PartialDate(2016, 10, 3)


def test_an_address_broken_before_its_file_name_leaves_no_file_name_in_the_title() -> None:
    note = parse_note(
        "Rural Schools Office screening recommendations. http://example.org/docs/screening-wall "
        "chart.pdf . Published 2014. Accessed October 3, 2016"
    )
    assert note.title == "Rural Schools Office screening recommendations"
    assert note.date == PartialDate(2014)


def test_an_imprint_without_a_place_opens_its_own_sentence() -> None:
    note = parse_note(
        "Okafor, C. (2005). L’école rurale : situations et concepts. s. l. : Riverside Press."
    )
    assert note.title == "L’école rurale: situations et concepts"
    assert note.publisher == "Riverside Press"


def test_an_italic_journal_with_its_volume_after_a_title_without_author() -> None:
    note = parse_note(
        "Rainfall and School Attendance in Rural Districts. <italic>Rural Review</italic>, 44: 561."
    )
    assert note.authors == []
    assert note.title == "Rainfall and School Attendance in Rural Districts"
    assert note.container == "Rural Review"


def test_an_italic_journal_after_vancouver_names_keeps_the_names() -> None:
    note = parse_note(
        "Okafor C. Rainfall and school attendance. <italic>Rural Review</italic>, 44: 561."
    )
    assert note.authors == ["Okafor C"]
    assert note.title == "Rainfall and school attendance"
    assert note.container == "Rural Review"


# --------------------------------------------------------------------------- style guides


def test_apa7_ellipsis_before_the_last_author() -> None:
    note = parse_note(
        "Okafor, C., Lindqvist, M., Quist, H., . . . Okoye, N. (2020). Rainfall and school "
        "attendance. Rural Review, 3(1), 4–9."
    )
    assert note.authors == ["Okafor, C.", "Lindqvist, M.", "Quist, H.", "Okoye, N."]
    assert note.title == "Rainfall and school attendance"
    assert note.container == "Rural Review"


def test_acs_book_title_semicolon_publisher_colon_place() -> None:
    note = parse_note(
        "Okafor, C.; Brandt, P. Rural Schooling, 2nd ed.; Riverside Press: New York, NY, 2015."
    )
    assert note.authors == ["Okafor, C.", "Brandt, P."]
    assert note.title == "Rural Schooling"
    assert note.publisher == "Riverside Press"
    assert note.date == PartialDate(2015)


def test_ieee_thesis_names_the_university_not_the_country() -> None:
    note = parse_note(
        'C. Okafor, "Rainfall and school attendance," Ph.D. dissertation, Dept. Educ., '
        "Riverside University, Lagos, Nigeria, 2017."
    )
    assert note.title == "Rainfall and school attendance"
    assert note.container == "Riverside University"
    assert note.date == PartialDate(2017)


def test_harvard_chapter_in_an_edited_book_names_the_book() -> None:
    note = parse_note(
        "Okafor, C. (2015) 'Rainfall and school attendance', in Brandt, P. (ed.) Rural "
        "schooling. Lagos: Riverside Press, pp. 4–9."
    )
    assert note.title == "Rainfall and school attendance"
    assert note.container == "Rural schooling"
    assert note.date == PartialDate(2015)


def test_apa_chapter_edition_and_pages_in_parentheses_are_not_the_book_name() -> None:
    note = parse_note(
        "Okafor, C. (2015). Rainfall and school attendance. In P. Brandt (Ed.), Rural schooling "
        "(2nd ed., pp. 4–9). Riverside Press."
    )
    assert note.container == "Rural schooling"


def test_bmc_year_comma_volume_colon_pages_is_the_date() -> None:
    note = parse_note("Okafor C, Brandt P: Rainfall and school attendance. Rural Rev 2020, 3:4–9.")
    assert note.title == "Rainfall and school attendance"
    assert note.container == "Rural Rev"
    assert note.date == PartialDate(2020)


def test_french_book_place_then_publishing_house() -> None:
    note = parse_note("OKAFOR Chidi, Pluie et école, Lyon, Presses rurales, 2015, 240 p.")
    assert note.authors == ["OKAFOR Chidi"]
    assert note.title == "Pluie et école"
    assert note.publisher == "Presses rurales"
    assert note.date == PartialDate(2015)
