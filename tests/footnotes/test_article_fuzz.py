"""No input makes the note-list finders raise, and whatever extract writes, `verify` can load."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.citations import parse_citations
from citecheck.footnotes.article.html import find_html_notes
from citecheck.footnotes.article.markdown import find_markdown_notes
from citecheck.footnotes.article.notes import ArticleNotes
from citecheck.footnotes.article.text import find_text_notes
from citecheck.footnotes.citation_mapping import citations_from_notes
from citecheck.footnotes.citations_writer import render_citations

TEXT_PIECES = [
    "[i]", "[ii]", "[1]", "[2]", "[a]", "¹", "²³", "^1", "1. ", "2) ", "\n", "\n\n", " ", ".",
    "Notes", "## References", "Leave a Reply", "“", "”", "Ibid.", "Smith, 4.", "[^1]", "[^1]: ",
    "[^x]:", "    ", "---\n", "```", "<sup>1</sup>", "[1](#fn1)", "https://x.example/a",
    "[link](https://y.example)", "m³", "\u00a0", "\t", "[", "]", "(", ")", "*", "_", "\\",
]  # fmt: skip
HTML_PIECES = [
    "<p>", "</p>", "<sup>", "</sup>", '<a href="#fn1">', '<a href="#fnref1">', "</a>",
    '<a href="https://s.example/x">', '<a name="_ftn1">', '<li id="fn1">', "<li>", "</li>",
    '<ol start="3">', '<ol type="i">', "</ol>", '<section class="footnotes">', "</section>",
    "<h2>Notes</h2>", "1", "[1]", "i", "↩", "Text. ", "Source, 2020.", '<span id="fn1">',
    '<span class="modern-footnotes-footnote__note" data-mfn="1">', "</span>", "<br>",
    '<a data-footnote-content="&lt;p&gt;x">', "<div>", "</div>", "<!--", "-->", "<script>",
    '<a href="http://[bad">', "&amp;", "<", ">", "\n",
]  # fmt: skip

pieces_of = st.lists(st.sampled_from(TEXT_PIECES) | st.text(max_size=6), max_size=60).map("".join)
html_of = st.lists(st.sampled_from(HTML_PIECES) | st.text(max_size=6), max_size=80).map("".join)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def written_and_loaded(found: ArticleNotes | None) -> None:
    """What extract would write from `found` is a citations file the loader accepts."""
    if found is None or not found.notes:
        return
    extraction = citations_from_notes(found)
    loaded = parse_citations(render_citations(extraction, "fuzz"))
    assert len(loaded.citations) == len(found.notes)


@FUZZ
@given(st.text())
def test_any_text(text: str) -> None:
    written_and_loaded(find_text_notes(text))
    written_and_loaded(find_markdown_notes(text))
    written_and_loaded(find_html_notes(text))


@FUZZ
@given(pieces_of)
def test_text_and_markdown_made_of_note_syntax(text: str) -> None:
    written_and_loaded(find_text_notes(text))
    written_and_loaded(find_markdown_notes(text))


@FUZZ
@given(html_of)
def test_html_made_of_footnote_markup(html: str) -> None:
    written_and_loaded(find_html_notes(html, base_url="https://site.example/post"))


def test_a_short_form_with_a_colon_is_written_loadable() -> None:
    # Found by the fuzz test above: "A:<" was written plain in a flow list.
    html = '<span class="modern-footnotes-footnote__note" data-mfn="1">A:<'
    written_and_loaded(find_html_notes(html, base_url="https://site.example/post"))


def test_a_short_form_with_a_question_mark_is_written_loadable() -> None:
    # Found by the fuzz test: "i?Smith" was written plain in a flow list, which libyaml refuses.
    text = "[^1]: [i][i]?Smith, 4.[i]"
    written_and_loaded(find_text_notes(text))
    written_and_loaded(find_markdown_notes(text))


def test_deeply_nested_html() -> None:
    html = (
        "<div>" * 5000
        + "Claim.<sup>1</sup>"
        + "</div>" * 5000
        + "<h2>Notes</h2><ol><li>S.</li></ol>"
    )
    written_and_loaded(find_html_notes(html))
