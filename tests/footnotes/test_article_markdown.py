"""Markdown articles: `[^id]` footnotes, and numbered note lists under a heading."""

from __future__ import annotations

from textwrap import dedent

from citecheck.footnotes.article.markdown import find_markdown_notes, plain_markdown
from citecheck.footnotes.article.notes import ArticleNotes

FOOTNOTED = dedent(
    """\
    ---
    title: "Bridges: a short history"
    author: [Ruth Okafor, Sam Lind]
    ---

    # Bridges

    The first iron bridge opened in *1779*.[^iron] It still stands, though it
    needed repairs in the 1970s.[^repairs] Later bridges used [steel](https://steel.example.org).[^iron]

    ```
    Code is not prose: [^fake] is no marker here.
    ```

    [^repairs]: Heritage Board, [“Conservation Report”](https://heritage.example.gov/report-1975),
        1976, 12.
    [^iron]: Ruth Okafor, *Iron and Industry* (Coalport Press, 2001).

    [^spare]: A note nobody cites.
    """
)


def find(text: str) -> ArticleNotes:
    found = find_markdown_notes(text)
    assert found is not None
    return found


def test_footnotes_in_the_order_they_are_first_cited() -> None:
    found = find(FOOTNOTED)
    assert [note.id for note in found.notes] == ["iron", "repairs", "spare"]
    assert found.notes[0].text == "Ruth Okafor, Iron and Industry (Coalport Press, 2001)."


def test_a_footnote_continued_on_an_indented_line_keeps_its_link() -> None:
    found = find(FOOTNOTED)
    repairs = found.notes[1]
    assert repairs.text == "Heritage Board, “Conservation Report”, 1976, 12."
    assert repairs.links == ["https://heritage.example.gov/report-1975"]


def test_sentences_lose_their_markdown() -> None:
    found = find(FOOTNOTED)
    assert found.context_of("iron") == "The first iron bridge opened in 1779."
    assert found.context_of("repairs") == "It still stands, though it needed repairs in the 1970s."
    assert [c.note_id for c in found.citings] == ["iron", "repairs", "iron"]
    assert found.citings[2].sentence == "Later bridges used steel."


def test_code_blocks_hold_no_markers() -> None:
    found = find(FOOTNOTED)
    assert "fake" not in [c.note_id for c in found.citings]
    assert found.markers_without_notes() == []
    assert found.notes_without_markers() == ["spare"]


def test_front_matter_gives_title_and_authors() -> None:
    found = find(FOOTNOTED)
    assert found.article.title == "Bridges: a short history"
    assert found.article.author == "Ruth Okafor, Sam Lind"


def test_a_numbered_list_under_a_notes_heading_numbered_as_rendered() -> None:
    text = dedent(
        """\
        # Night trains

        By Jo Marr

        Sleeper services returned in 2021.<sup>1</sup> Demand surprised the operators,[2]
        who added carriages.[^3]

        ## Notes

        1. Rail Authority, *Annual Report 2021*, <https://rail.example.org/ar2021>.
        1. Ben Ode, “Full Berths,” [Transit Weekly][tw], May 2, 2022.
        1. Operator statement,
           June 2022.

        [tw]: https://transit.example.com/full-berths
        """
    )
    found = find(text)
    assert [note.id for note in found.notes] == ["1", "2", "3"]
    assert (
        found.notes[0].text
        == "Rail Authority, Annual Report 2021, https://rail.example.org/ar2021."
    )
    assert found.notes[0].links == ["https://rail.example.org/ar2021"]
    assert found.notes[1].links == ["https://transit.example.com/full-berths"]
    assert found.notes[2].text == "Operator statement, June 2022."
    assert found.context_of("1") == "Sleeper services returned in 2021."
    assert found.context_of("2") == "Demand surprised the operators, who added carriages."
    assert found.article.title == "Night trains"
    assert found.article.author == "Jo Marr"


def test_a_setext_references_heading_and_bracketed_list() -> None:
    text = dedent(
        """\
        Glaciers lost a third of their mass.[1](#ref-1) The trend is speeding up.[2](#ref-2)

        References
        ----------

        \\[1\\] Ice Survey, 2019.

        \\[2\\] Polar Institute, 2021.
        """
    )
    found = find(text)
    assert [(note.id, note.text) for note in found.notes] == [
        ("1", "Ice Survey, 2019."),
        ("2", "Polar Institute, 2021."),
    ]
    assert found.context_of("2") == "The trend is speeding up."


def test_markdown_without_notes() -> None:
    assert find_markdown_notes("# Title\n\nJust [a link](https://x.example).\n") is None


def test_plain_markdown_keeps_words_and_collects_links() -> None:
    text, links = plain_markdown(
        "**Bold** and _italic_ `code` ![img](a.png) [site](https://a.example/x) <https://b.example>"
    )
    assert text == "Bold and italic code site https://b.example"
    assert links == ["https://a.example/x", "https://b.example"]
