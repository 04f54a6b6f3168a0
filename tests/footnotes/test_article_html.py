"""HTML articles: the footnote markup of converters, blog platforms and plugins.

Each fixture is written here after the markup the tool or platform produces.
"""

from __future__ import annotations

import pytest

from citecheck.footnotes.article.html import find_html_notes
from citecheck.footnotes.article.notes import ArticleNotes


def find(html: str, base_url: str | None = None) -> ArticleNotes:
    found = find_html_notes(html, base_url)
    assert found is not None
    return found


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


PANDOC = page(
    """
    <h1>Harbour Tolls</h1>
    <p>Tolls doubled in 1998.<a href="#fn1" class="footnote-ref" id="fnref1"
    role="doc-noteref"><sup>1</sup></a> Shippers moved south, as the port had
    feared<a href="#fn2" class="footnote-ref" id="fnref2" role="doc-noteref"><sup>2</sup></a>
    and said so.</p>
    <p>The board later cut them.<a href="#fn1" class="footnote-ref" id="fnref1a"
    role="doc-noteref"><sup>1</sup></a></p>
    <section id="footnotes" class="footnotes footnotes-end-of-document" role="doc-endnotes">
    <hr /><ol>
    <li id="fn1"><p>Port Board, <em>Tariff Schedule 1998</em>, 4.<a href="#fnref1"
    class="footnote-back" role="doc-backlink">↩︎</a></p></li>
    <li id="fn2"><p>Carla Dunn, <a href="https://news.example.com/port-fears">“Port Fears
    Exodus,”</a> <em>Coast Times</em>, June 2, 1998.<a href="#fnref2" class="footnote-back"
    role="doc-backlink">↩︎</a></p></li>
    <li id="fn3"><p>Never cited.<a href="#fnref3" class="footnote-back"
    role="doc-backlink">↩︎</a></p></li>
    </ol></section>
    """,
    head='<meta name="author" content="Lee Park"><title>Harbour Tolls | Site</title>',
)


def test_pandoc_footnotes() -> None:
    found = find(PANDOC)
    assert [(note.id, note.text) for note in found.notes] == [
        ("1", "Port Board, Tariff Schedule 1998, 4."),
        ("2", "Carla Dunn, “Port Fears Exodus,” Coast Times, June 2, 1998."),
        ("3", "Never cited."),
    ]
    assert found.notes[1].links == ["https://news.example.com/port-fears"]
    assert found.context_of("1") == "Tolls doubled in 1998."
    assert found.context_of("2") == "Shippers moved south, as the port had feared and said so."
    assert [c.note_id for c in found.citings] == ["1", "2", "1"]
    assert found.notes_without_markers() == ["3"]
    assert (found.article.title, found.article.author) == ("Harbour Tolls", "Lee Park")


def test_markdown_it_footnotes_with_bracketed_markers() -> None:
    html = page(
        """<p>Bees returned to the valley<sup class="footnote-ref"><a href="#fn1"
        id="fnref1">[1]</a></sup> after the ban.</p>
        <hr class="footnotes-sep"><section class="footnotes"><ol class="footnotes-list">
        <li id="fn1" class="footnote-item"><p>Apiary Census 2022. <a href="#fnref1"
        class="footnote-backref">↩︎</a></p></li></ol></section>"""
    )
    found = find(html)
    assert [(n.id, n.text) for n in found.notes] == [("1", "Apiary Census 2022.")]
    assert found.context_of("1") == "Bees returned to the valley after the ban."


def test_ghost_footnotes() -> None:
    html = page(
        """<article class="post"><section class="post-content">
        <p>Ridership recovered by spring.<sup id="fnref:1"><a href="#fn:1"
        rel="footnote">1</a></sup></p>
        <div class="footnotes"><ol><li class="footnote" id="fn:1" value="1">
        <p>Transit Agency, Monthly Ridership, April 2023. <a href="#fnref:1"
        title="return to body" class="reversefootnote">↩</a></p></li></ol></div>
        </section></article>"""
    )
    found = find(html)
    assert [(n.id, n.text) for n in found.notes] == [
        ("1", "Transit Agency, Monthly Ridership, April 2023.")
    ]
    assert found.context_of("1") == "Ridership recovered by spring."


def test_substack_footnotes() -> None:
    html = page(
        """<div class="body markup"><p>The vote was close.<a class="footnote-anchor"
        data-component-name="FootnoteAnchorToDOM" id="footnote-anchor-1" href="#footnote-1"
        target="_self">1</a> Nobody expected it.</p>
        <div class="footnote" data-component-name="FootnoteToDOM"><a id="footnote-1"
        href="#footnote-anchor-1" class="footnote-number" contenteditable="false"
        target="_self">1</a><div class="footnote-content"><p>City Clerk,
        <a href="https://city.example.gov/minutes/0504">“Council Minutes,”</a> May 4,
        2021.</p></div></div></div>"""
    )
    found = find(html)
    assert [(n.id, n.text) for n in found.notes] == [
        ("1", "City Clerk, “Council Minutes,” May 4, 2021.")
    ]
    assert found.notes[0].links == ["https://city.example.gov/minutes/0504"]
    assert found.context_of("1") == "The vote was close."


def test_wordpress_footnotes_block() -> None:
    html = page(
        """<div class="entry-content"><p>Orchards shrank by half<sup data-fn="7f3c"
        class="fn"><a href="#7f3c" id="7f3c-link">1</a></sup> in a decade.</p>
        <ol class="wp-block-footnotes"><li id="7f3c">Farm Bureau, Orchard Survey,
        2015. <a href="#7f3c-link" aria-label="Jump to footnote reference 1">↩︎</a></li>
        </ol></div>"""
    )
    found = find(html)
    assert [(n.id, n.text) for n in found.notes] == [("1", "Farm Bureau, Orchard Survey, 2015.")]
    assert found.context_of("1") == "Orchards shrank by half in a decade."


def test_easy_footnotes_with_absolute_links() -> None:
    html = page(
        """<div class="entry"><p>Enrolment rose to 40 %<span id="easy-footnote-1-88"
        class="easy-footnote-margin-adjust"></span><span class="easy-footnote"><a
        href="https://blog.example.com/schools/#easy-footnote-bottom-1-88"
        title="Ministry figures"><sup>1</sup></a></span> in the decade.</p>
        <div class="easy-footnote-title"><h4>Sources</h4></div>
        <ol class="easy-footnotes-wrapper"><li class="easy-footnote-single"><span
        id="easy-footnote-bottom-1-88" class="easy-footnote-margin-adjust"></span>Ministry
        of Education, <em>School Census</em>, 2019.<a class="easy-footnote-to-top"
        href="https://blog.example.com/schools/#easy-footnote-1-88"></a></li></ol></div>"""
    )
    found = find(html)
    assert [(n.id, n.text) for n in found.notes] == [
        ("1", "Ministry of Education, School Census, 2019.")
    ]
    assert found.notes[0].links == []  # the way back up is not the source
    assert found.context_of("1") == "Enrolment rose to 40 % in the decade."


def test_modern_footnotes_inline_notes() -> None:
    html = page(
        """<article><p>The river flooded twice.<sup class="modern-footnotes-footnote "
        data-mfn="1" data-mfn-post-scope="00_1"><a href="javascript:void(0)" role="button"
        aria-describedby="mfn-content-00_1-1">1</a></sup><span id="mfn-content-00_1-1"
        role="tooltip" class="modern-footnotes-footnote__note" tabindex="0"
        data-mfn="1">Water Board, <a href="https://water.example.org/floods">“Flood
        Record,”</a> 1999.</span> Farmers left.</p></article>"""
    )
    found = find(html)
    assert [(n.id, n.text) for n in found.notes] == [("1", "Water Board, “Flood Record,” 1999.")]
    assert found.notes[0].links == ["https://water.example.org/floods"]
    # The note's own text is no part of the sentence that cites it.
    assert found.context_of("1") == "The river flooded twice."


def test_word_footnotes_with_named_anchors() -> None:
    html = page(
        """<p class=MsoNormal>The bridge opened in 1932.<a href="#_ftn1" name="_ftnref1"
        title=""><span class=MsoFootnoteReference>[1]</span></a> It cost a fortune.<a
        href="#_ftn2" name="_ftnref2"><sup>[2]</sup></a></p>
        <div style='mso-element:footnote-list'><hr align=left size=1 width="33%">
        <div id=ftn1><p class=MsoFootnoteText><a href="#_ftnref1" name="_ftn1"
        title="">[1]</a> Harbour Trust, <i>Annual Report 1932</i> (Sydney, 1933).</p></div>
        <div id=ftn2><p class=MsoFootnoteText><a href="#_ftnref2" name="_ftn2">[2]</a>
        Ibid., 14.</p></div></div>"""
    )
    found = find(html)
    assert [(n.id, n.text) for n in found.notes] == [
        ("1", "Harbour Trust, Annual Report 1932 (Sydney, 1933)."),
        ("2", "Ibid., 14."),
    ]
    assert found.context_of("2") == "It cost a fortune."


def test_wikipedia_style_references() -> None:
    html = page(
        """<div class="mw-parser-output"><p>The town was founded in 1850.<sup
        id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup></p>
        <h2>References</h2><div class="reflist"><ol class="references">
        <li id="cite_note-1"><span class="mw-cite-backlink"><b><a
        href="#cite_ref-1">^</a></b></span> <span class="reference-text">Hill, Anna (1990).
        <i>A Town History</i>. Valley Press.</span></li></ol></div></div>"""
    )
    found = find(html)
    assert [(n.id, n.text) for n in found.notes] == [
        ("1", "Hill, Anna (1990). A Town History. Valley Press.")
    ]


def test_an_unlinked_list_under_a_notes_heading_with_superscript_markers() -> None:
    html = page(
        """<article><h1>Essay</h1><p>First claim.<sup>1</sup> Second claim.<sup>2,3</sup>
        A cube of 2 m<sup>3</sup> is small.</p><h3>Notes</h3><ol>
        <li>Alpha, “One,” <a href="https://one.example/a">Site</a>, 2020.</li>
        <li>Beta, “Two,” 2021.</li><li>Gamma, “Three.”</li></ol></article>
        <aside><h3>Most read</h3><ol><li>Other story</li></ol></aside>"""
    )
    found = find(html)
    assert [n.id for n in found.notes] == ["1", "2", "3"]
    assert found.notes[0].links == ["https://one.example/a"]
    assert [(c.note_id, c.sentence) for c in found.citings] == [
        ("1", "First claim."),
        ("2", "Second claim."),
        ("3", "Second claim."),
    ]


def test_roman_numbered_list() -> None:
    html = page(
        """<p>Ice cover fell.<sup>i</sup> Then it rose again.<sup>ii</sup></p>
        <p><strong>Endnotes</strong></p><ol type="i"><li>Survey one.</li>
        <li>Survey two.</li></ol>"""
    )
    found = find(html)
    assert [(n.id, n.text) for n in found.notes] == [("i", "Survey one."), ("ii", "Survey two.")]
    assert found.context_of("ii") == "Then it rose again."


def test_bracketed_notes_in_paragraphs_then_a_comment_form() -> None:
    html = page(
        """<article><div class="entry-content">
        <p>Exports slowed in spring.[i] Imports did not.[ii]</p>
        <p>[i] Trade Office, “Spring Figures,” <a href="https://trade.example.gov/spring">
        link</a>, April 2, 2019,</p>
        <p>[ii] Trade Office.</p></div>
        <div id="respond"><h3>Leave a Reply</h3><form><p>Comment</p></form></div>
        </article>"""
    )
    found = find(html)
    assert [n.id for n in found.notes] == ["i", "ii"]
    assert found.notes[0].links == ["https://trade.example.gov/spring"]
    assert found.notes[1].text == "Trade Office."
    assert found.context_of("i") == "Exports slowed in spring."


def test_relative_links_in_notes_become_full_addresses() -> None:
    html = page(
        """<p>Fares rose.<a href="#fn1" class="footnote-ref"><sup>1</sup></a></p>
        <section class="footnotes"><ol><li id="fn1"><a href="/reports/fares-2020">Fare
        Review 2020</a>; copy at <a href="https://web.archive.org/web/2021/https://x.example/f">
        archive</a>.</li></ol></section>"""
    )
    found = find(html, base_url="https://transit.example.org/blog/post")
    assert found.notes[0].links == [
        "https://transit.example.org/reports/fares-2020",
        "https://web.archive.org/web/2021/https://x.example/f",
    ]


def test_inline_note_content_attributes() -> None:
    html = page(
        """<p>Biden leads in endorsements.<a class="espn-footnote-link" data-footnote-id="1"
        href="#fn-1" data-footnote-content="&lt;p&gt;See &lt;a
        href=&quot;https://stats.example.com/method&quot;&gt;our method&lt;/a&gt;.&lt;/p&gt;"><sup
        id="ss-1">1</sup></a></p>"""
    )
    found = find(html)
    assert [(n.id, n.text, n.links) for n in found.notes] == [
        ("1", "See our method.", ["https://stats.example.com/method"])
    ]
    assert found.context_of("1") == "Biden leads in endorsements."


def test_a_marker_whose_note_is_missing() -> None:
    html = page(
        """<p>One.<a href="#fn1" class="footnote-ref"><sup>1</sup></a> Two.<a href="#fn2"
        class="footnote-ref"><sup>2</sup></a></p><section class="footnotes"><ol>
        <li id="fn1">Source one.</li></ol></section>"""
    )
    found = find(html)
    assert [n.id for n in found.notes] == ["1"]
    assert found.markers_without_notes() == ["2"]


@pytest.mark.parametrize(
    "body",
    [
        # A comment counter, a table of contents and author affiliations are not footnotes.
        '<p>Story text.</p><a href="#comments">12</a><div id="comments"><ol><li>Nice</li>'
        "<li>Agreed</li></ol></div>",
        '<nav><a href="#part-2">2</a></nav><h2 id="part-2">Part two</h2><p>Text.</p>',
        '<p>A. Author<sup><a href="#aff1">1</a></sup></p><ol><li id="aff1">University of X'
        "</li></ol><p>Abstract text.</p>",
        "<p>No notes at all.</p>",
        "",
    ],
)
def test_pages_without_footnotes(body: str) -> None:
    assert find_html_notes(page(body)) is None


def test_word_endnotes_with_roman_numerals() -> None:
    html = page(
        """<p>Aid arrived late.<a href="#_edn1" name="_ednref1">[i]</a> Most went north,<a
        href="#_edn2" name="_ednref2">[ii]</a> where roads were open.</p><hr>
        <p><a href="#_ednref1" name="_edn1">[i]</a> Relief Office, “Aid Log,” March 2, 2016,</p>
        <p><a href="#_ednref2" name="_edn2">[ii]</a> Relief Office.</p>"""
    )
    found = find(html)
    assert [(n.id, n.text) for n in found.notes] == [
        ("i", "Relief Office, “Aid Log,” March 2, 2016,"),
        ("ii", "Relief Office."),
    ]
    assert found.context_of("ii") == "Most went north, where roads were open."


def test_control_characters_after_a_back_link() -> None:
    # A page may hold control characters that lxml refuses to be given back as text; taking
    # the back-link out must keep the text after it without handing it back.
    found = find(
        page(
            '<p>Claim.<sup><a href="#fn1">1</a></sup></p>'
            '<ol><li id="fn1">Source, 2020.<a href="#fnref1">↩</a>\x0b\x01 p. 4</li></ol>'
        )
    )
    assert [(note.id, note.text) for note in found.notes] == [("1", "Source, 2020. p. 4")]
    assert found.context_of("1") == "Claim."


def test_a_note_holding_a_copy_of_its_own_marker_is_still_cited() -> None:
    # The marker in the text is not inside the note, though the note shows the same link.
    found = find(
        page(
            '<p>Claim.<sup><a href="#fn1">1</a></sup></p>'
            '<ol><li id="fn1">Source, 2020; see <sup><a href="#fn1">1</a></sup>.</li></ol>'
        )
    )
    assert [note.id for note in found.notes] == ["1"]
    assert found.context_of("1") == "Claim."


def test_ruby_annotations_are_not_part_of_the_sentence() -> None:
    found = find(
        page(
            '<p><ruby>東京<rt>とうきょう</rt></ruby>に着いた。<sup><a href="#fn1">1</a></sup></p><ol><li id="fn1">山田, 2020.</li></ol>'
        )
    )
    assert found.context_of("1") == "東京に着いた。"
