"""Writing citations.yaml: the schema `verify` reads, and --merge into a file the user edited."""

from __future__ import annotations

from textwrap import dedent

import pytest
from ruamel.yaml import YAML

from citecheck.citations import parse_citations
from citecheck.errors import InputError
from citecheck.footnotes.citation_mapping import ExtractedCitation, Extraction
from citecheck.footnotes.citations_writer import merge_citations, render_citations
from citecheck.models import Article, Citation
from citecheck.partial_date import PartialDate

FULL = Citation(
    id="3",
    authors=["Ana Ruiz", "Tom Berg"],
    title="Rivers: a “history”",
    publisher="River Press",
    container="Journal of River Studies",
    date=PartialDate(2019, 5, 2),
    doi="10.5555/rivers.2019.4",
    url="https://rivers.example.org/history",
    archive_url="https://web.archive.org/web/2020/https://rivers.example.org/history",
    locator="p. 4",
    accessed=PartialDate(2021, 1),
    context="Rivers shaped the town.",
)


def extraction(*citations: ExtractedCitation, article: Article | None = None) -> Extraction:
    return Extraction(article=article or Article(), citations=list(citations))


def test_fields_in_schema_order_without_empty_ones() -> None:
    text = render_citations(
        extraction(
            ExtractedCitation(FULL),
            ExtractedCitation(Citation(id="4", title="Only a title", date=PartialDate(2016))),
        ),
        "article.md",
    )
    entries = YAML(typ="safe").load(text)["citations"]
    assert list(entries[0]) == [
        "id", "authors", "title", "publisher", "container", "date", "doi", "url", "archive_url",
        "locator", "accessed", "context",
    ]  # fmt: skip
    assert list(entries[1]) == ["id", "title", "date"]


def test_dates_authors_and_quotes_are_written_as_people_write_them() -> None:
    text = render_citations(extraction(ExtractedCitation(FULL)), "article.md")
    assert "    authors: [Ana Ruiz, Tom Berg]\n" in text
    assert "    date: 2019-05-02\n" in text
    assert "    accessed: 2021-01\n" in text
    assert '    title: "Rivers: a “history”"\n' in text
    assert '    context: "Rivers shaped the town."\n' in text
    year_only = render_citations(
        extraction(ExtractedCitation(Citation(id="a", date=PartialDate(2016)))), "x"
    )
    assert "    date: 2016\n" in year_only


def test_the_written_file_loads_back_with_the_same_fields() -> None:
    short = ExtractedCitation(
        Citation(id="5", same_as="3", locator="p. 9", context="Again."),
        comment='"Ruiz, 9." (short form of note 3)',
        comment_key="same_as",
    )
    article = Article(title="Town and river", author="Ana Ruiz")
    loaded = parse_citations(
        render_citations(extraction(ExtractedCitation(FULL), short, article=article), "a.md")
    )
    assert loaded.article == article
    first, second = loaded.citations
    assert (first.id, first.authors, first.title, first.publisher) == (
        FULL.id, FULL.authors, FULL.title, FULL.publisher
    )  # fmt: skip
    assert (first.date, first.url, first.archive_url) == (FULL.date, FULL.url, FULL.archive_url)
    assert (first.container, first.doi) == ("Journal of River Studies", "10.5555/rivers.2019.4")
    assert (first.locator, first.accessed, first.context) == ("p. 4", FULL.accessed, FULL.context)
    assert (second.same_as, second.locator, second.context) == ("3", "p. 9", "Again.")


def test_comments_sit_beside_their_field_and_stay_on_one_line() -> None:
    text = render_citations(
        extraction(
            ExtractedCitation(Citation(id="1", title="T")),
            ExtractedCitation(
                Citation(id="2", same_as="1"), comment="short\nform of 1", comment_key="same_as"
            ),
            ExtractedCitation(Citation(id="3"), comment="unresolved: Smith."),
        ),
        "bad\nname.txt",
    )
    assert "    same_as: '1'  # short form of 1\n" in text
    assert "  - id: '3'  # unresolved: Smith.\n" in text
    assert text.startswith("# Citations extracted by `citecheck extract` from bad name.txt.\n")


# --------------------------------------------------------------------------- --merge

USER_FILE = dedent(
    """\
    # My citations, checked by hand.
    article:
      title: Town and river

    citations:
      - id: '1'  # confirmed with the author
        title: "The Flood"
        url: https://flood.example.org/report

      - id: '2'
        title: 'Old Bridges'
        publisher: Bridge Society
    """
)


def test_merge_keeps_the_file_and_appends_new_notes() -> None:
    new = extraction(
        ExtractedCitation(Citation(id="1", title="The Flood")),
        ExtractedCitation(Citation(id="2", title="Old Bridges", publisher="Bridge Society")),
        ExtractedCitation(Citation(id="3", title="New Dams", context="Dams came later.")),
    )
    result = merge_citations(USER_FILE, new, "cites.yaml")
    assert result.added == ["3"]
    assert result.changed == []
    assert result.missing == []
    # Everything the user wrote is there, byte for byte, with the new entry after it.
    assert result.text.startswith(USER_FILE)
    assert result.text[len(USER_FILE) :] == (
        '\n  - id: \'3\'\n    title: "New Dams"\n    context: "Dams came later."\n'
    )


def test_merge_reports_notes_that_changed_and_keeps_the_users_entry() -> None:
    new = extraction(
        ExtractedCitation(Citation(id="1", title="The Great Flood", date=PartialDate(1953))),
        ExtractedCitation(Citation(id="2", title="Old Bridges")),
    )
    result = merge_citations(USER_FILE, new, "cites.yaml")
    assert result.added == []
    assert result.changed == [
        'cites.yaml: note 1 reads differently in the article (title: "The Great Flood" in the '
        'article, "The Flood" in the file; date: "1953" in the article, nothing in the file); '
        "kept the file's entry"
    ]
    assert result.text == USER_FILE


def test_merge_lists_entries_the_article_no_longer_has() -> None:
    result = merge_citations(USER_FILE, extraction(ExtractedCitation(Citation(id="1"))), "c.yaml")
    assert result.missing == ["2"]


@pytest.mark.parametrize(
    "existing",
    [
        "citations: []\n",
        "citations:\n",
        "- id: a\n  title: A\n",  # a bare list
    ],
)
def test_merge_into_empty_and_bare_lists(existing: str) -> None:
    result = merge_citations(
        existing, extraction(ExtractedCitation(Citation(id="b", title="B"))), "c.yaml"
    )
    loaded = parse_citations(result.text)
    assert loaded.citations[-1].id == "b"
    assert loaded.citations[-1].title == "B"


def test_merge_keeps_the_files_indentation() -> None:
    existing = "citations:\n- id: a\n  title: A\n"
    result = merge_citations(existing, extraction(ExtractedCitation(Citation(id="b"))), "c.yaml")
    assert result.text == "citations:\n- id: a\n  title: A\n\n- id: b\n"


@pytest.mark.parametrize(
    ("existing", "message"),
    [
        ("citations: [\n  - a\n", "c.yaml:2: cannot merge: invalid YAML"),
        ("citations:\n  - id: a\n    date: 2016-02-30\n", "c.yaml: cannot merge: day is out"),
        ("just text\n", "c.yaml: cannot merge: expected a mapping with a 'citations' list"),
        ("citations: 5\n", "c.yaml: cannot merge: expected a mapping with a 'citations' list"),
    ],
)
def test_files_that_cannot_be_merged_into(existing: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        merge_citations(existing, extraction(ExtractedCitation(Citation(id="b"))), "c.yaml")
    assert len(caught.value.messages) == 1
    assert caught.value.messages[0].startswith(message)
