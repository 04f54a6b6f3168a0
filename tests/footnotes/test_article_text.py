"""Plain-text articles: the note list at the end, the markers in the body, the page's furniture."""

from __future__ import annotations

from textwrap import dedent

from citecheck.footnotes.article.notes import ArticleNotes
from citecheck.footnotes.article.text import find_text_notes

BLOG_POST = dedent(
    """\
    Water Rights in the Upper Basin

    By: Dana Whitfield, Contributor

    The compact of 1922 split the river between two basins.[i] Its authors assumed a wet
    century, an assumption that later studies, drawing on tree rings,[ii] found wanting.

    Farmers in the lower valley have sued twice. Both suits failed.[iii] A third is planned.[ii]

    [i]\u00a0Colorado River Commission, “Minutes of the Santa Fe Meeting,” November 1922,

    [ii] Lena Marsh and Owen Price, “Reconstructing Flow from Tree Rings,” Journal of
    Hydrology, March 3, 2011,

    [iii] Marsh.


    Leave a Reply

    Your email address will not be published.
    """
)


def find(text: str) -> ArticleNotes:
    found = find_text_notes(text)
    assert found is not None
    return found


def test_notes_are_read_from_the_end_of_a_blog_post() -> None:
    found = find(BLOG_POST)
    assert [note.id for note in found.notes] == ["i", "ii", "iii"]
    assert found.notes[0].text == (
        "Colorado River Commission, “Minutes of the Santa Fe Meeting,” November 1922,"
    )
    # A note written over two lines is one note; what follows the list is not part of it.
    assert found.notes[1].text == (
        "Lena Marsh and Owen Price, “Reconstructing Flow from Tree Rings,” Journal of "
        "Hydrology, March 3, 2011,"
    )
    assert found.notes[2].text == "Marsh."


def test_each_marker_keeps_its_sentence() -> None:
    found = find(BLOG_POST)
    assert found.context_of("i") == "The compact of 1922 split the river between two basins."
    # Cited twice: the first sentence counts; the marker inside it is taken out.
    assert found.context_of("ii") == (
        "Its authors assumed a wet century, an assumption that later studies, drawing on "
        "tree rings, found wanting."
    )
    assert found.context_of("iii") == "Both suits failed."
    assert [c.note_id for c in found.citings] == ["i", "ii", "iii", "ii"]


def test_title_and_byline() -> None:
    found = find(BLOG_POST)
    assert found.article.title == "Water Rights in the Upper Basin"
    assert found.article.author == "Dana Whitfield"


def test_a_numbered_list_under_a_notes_heading() -> None:
    text = dedent(
        """\
        Turnout fell in the city¹ but rose in the suburbs.² Officials blamed the rain.³

        Notes

        1. County Clerk, Election Results 2020.
        2. Ann Lee, “Suburban Surge,” Metro Daily, November 4, 2020.
        3. Weather Service, Daily Summary, November 3, 2020.
        """
    )
    found = find(text)
    assert [note.id for note in found.notes] == ["1", "2", "3"]
    assert found.notes[1].text == "Ann Lee, “Suburban Surge,” Metro Daily, November 4, 2020."
    assert found.context_of("1") == "Turnout fell in the city but rose in the suburbs."
    assert found.context_of("3") == "Officials blamed the rain."


def test_lettered_notes_and_grouped_markers() -> None:
    text = dedent(
        """\
        Two reports disagree on the cause.[a, b] A third, later one settles it.[c]

        [a] First report, 2019.
        [b] Second report, 2020.
        [c] Final report, 2021.
        """
    )
    found = find(text)
    assert [note.id for note in found.notes] == ["a", "b", "c"]
    assert found.context_of("a") == found.context_of("b") == "Two reports disagree on the cause."


def test_markers_without_notes_and_notes_without_markers() -> None:
    text = dedent(
        """\
        The first claim.[1] The fourth claim.[4]

        [1] Source one.
        [2] Source two.
        [3] Source three.
        """
    )
    found = find(text)
    assert found.markers_without_notes() == ["4"]
    assert found.notes_without_markers() == ["2", "3"]


def test_a_numbered_list_in_the_body_is_not_a_note_list() -> None:
    text = dedent(
        """\
        How to plant a tree:

        1. Dig a hole.
        2. Water it.

        That is all there is to it.
        """
    )
    assert find_text_notes(text) is None


def test_the_cited_list_wins_over_a_later_one() -> None:
    text = dedent(
        """\
        Rents doubled in ten years.[1]

        [1] Housing Office, Rent Survey 2020.

        Most read

        1. Another story
        2. Yet another story
        """
    )
    found = find(text)
    assert [(note.id, note.text) for note in found.notes] == [
        ("1", "Housing Office, Rent Survey 2020.")
    ]


def test_units_with_superscripts_are_not_markers() -> None:
    text = dedent(
        """\
        The tank holds 40 m³ of water.¹

        Notes
        1. Plant manual, 2018.
        """
    )
    found = find(text)
    assert [c.note_id for c in found.citings] == ["1"]
    assert found.context_of("1") == "The tank holds 40 m³ of water."


def test_text_without_notes() -> None:
    assert find_text_notes("Just an essay.\n\nWith two paragraphs [and a bracket].") is None
    assert find_text_notes("") is None
