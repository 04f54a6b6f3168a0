"""The citations.yaml loader: every schema problem reported with its line, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.citations import load_citations, parse_citations
from citecheck.errors import InputError
from citecheck.partial_date import PartialDate, Precision

REPO = Path(__file__).resolve().parents[2]


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_citations(text, "cites.yaml")
    return caught.value.messages


def test_bundled_file_holds_the_eleven_seed_notes() -> None:
    loaded = load_citations(REPO / "citations.yaml")
    assert [c.id for c in loaded.citations] == [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi"
    ]  # fmt: skip
    by_id = {c.id: c for c in loaded.citations}
    assert by_id["i"].authors == ["Kay Johnson", "Mehreen Zahra-Malik"]
    assert by_id["i"].date == PartialDate(2016, 8, 14)
    assert by_id["v"].date is not None and by_id["v"].date.precision is Precision.MONTH
    assert by_id["v"].locator == "Peace Brief 213"
    assert by_id["viii"].same_as == "v"
    assert all(c.url is None for c in loaded.citations)  # the seed gives no addresses
    assert loaded.article.author == "Nicole Magney"


def test_bundled_titles_are_verbatim_from_the_article() -> None:
    article = REPO.parent / "shared" / "seed" / "article.txt"
    if not article.exists():
        pytest.skip("seed article not beside the repository")
    text = article.read_text(encoding="utf-8")
    for citation in load_citations(REPO / "citations.yaml").citations:
        for value in (citation.title, citation.container, citation.publisher, *citation.authors):
            assert value is None or value in text


def test_entries_keep_their_line_numbers() -> None:
    loaded = parse_citations("# header\ncitations:\n  - id: a\n    title: T\n\n  - id: b\n")
    assert [(c.id, c.line) for c in loaded.citations] == [("a", 3), ("b", 6)]


def test_a_bare_list_is_accepted() -> None:
    loaded = parse_citations("- id: 1\n  title: One\n- id: 2\n  same_as: 1\n")
    assert [c.id for c in loaded.citations] == ["1", "2"]
    assert loaded.citations[1].same_as == "1"


def test_one_author_as_a_string() -> None:
    loaded = parse_citations("citations:\n  - id: a\n    authors: Imtiaz Ali\n")
    assert loaded.citations[0].authors == ["Imtiaz Ali"]


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("    date: 2016-02-30\n", "cites.yaml:3: citation 'a': date: 2016-02-30 does not exist"),
        ("    date: 2016-13\n", "cites.yaml:3: citation 'a': date: month 13 does not exist"),
        ("    date: August 2016\n", "cites.yaml:3: citation 'a': date: 'August 2016' is not a date"),
        ("    accessed: 16-10-01\n", "cites.yaml:3: citation 'a': accessed: '16-10-01' is not a date"),
        ("    titel: X\n", "cites.yaml:3: citation 'a': titel: unknown field (did you mean 'title'?)"),
        ("    zzz: X\n", "cites.yaml:3: citation 'a': zzz: unknown field (known: id, authors"),
        ("    url: ftp://x.org/a\n", "cites.yaml:3: citation 'a': url: 'ftp://x.org/a' is not an http(s) URL"),
        ("    url: javascript:alert(1)\n", "cites.yaml:3: citation 'a': url: 'javascript:alert(1)' is not"),
        ("    archive_url: https://\n", "cites.yaml:3: citation 'a': archive_url: 'https://' has no host"),
        ("    authors: {a: 1}\n", "cites.yaml:3: citation 'a': authors: must be a list or one name"),
        ("    title: [a, b]\n", "cites.yaml:3: citation 'a': title: must be text"),
        ("    doi: 10.1080\n", "cites.yaml:3: citation 'a': doi: '10.1080' is not a DOI (10.NNNN/... or https://doi.org/10.NNNN/...)"),
        ("    doi: https://example.org/10.1080/x\n", "cites.yaml:3: citation 'a': doi: 'https://example.org/10.1080/x' is not a DOI"),
        ("    doi: [10.1080/x]\n", "cites.yaml:3: citation 'a': doi: must be text"),
        ("    container: {name: X}\n", "cites.yaml:3: citation 'a': container: must be text"),
    ],
)  # fmt: skip
def test_field_errors_name_file_line_and_field(entry: str, expected: str) -> None:
    found = problems("citations:\n  - id: a\n" + entry)
    assert len(found) == 1
    assert found[0].startswith(expected)


@pytest.mark.parametrize(
    "written",
    [
        "10.1080/1057610X.2016.1184062",
        "doi:10.1080/1057610X.2016.1184062",
        "DOI: 10.1080/1057610X.2016.1184062",
        "https://doi.org/10.1080/1057610X.2016.1184062",
        "http://dx.doi.org/10.1080/1057610X.2016.1184062",
        "https://doi.org/10.1080%2F1057610X.2016.1184062",
    ],
)
def test_doi_is_read_bare_from_each_usual_form(written: str) -> None:
    loaded = parse_citations(f"citations:\n  - id: a\n    doi: '{written}'\n")
    assert loaded.citations[0].doi == "10.1080/1057610X.2016.1184062"


def test_container_is_the_publication_the_work_appears_in() -> None:
    loaded = parse_citations(
        "citations:\n  - id: a\n    title: T\n    container: Studies in Conflict & Terrorism\n"
        "    publisher: Taylor & Francis\n"
    )
    citation = loaded.citations[0]
    assert citation.container == "Studies in Conflict & Terrorism"
    assert citation.publisher == "Taylor & Francis"


def test_a_short_form_takes_no_doi_or_container() -> None:
    found = problems("citations:\n  - id: a\n  - id: b\n    same_as: a\n    doi: 10.1080/x\n")
    assert found == ["cites.yaml:5: citation 'b': doi: not allowed with same_as (the note stands for 'a')"]  # fmt: skip


def test_duplicate_ids_point_at_the_first_use() -> None:
    found = problems("citations:\n  - id: a\n  - id: b\n  - id: a\n")
    assert found == ["cites.yaml:4: citation 'a': id: duplicate id (first used on line 2)"]


def test_same_as_must_point_back_at_a_known_id() -> None:
    found = problems(
        "citations:\n"
        "  - id: a\n    same_as: b\n"
        "  - id: b\n    title: B\n"
        "  - id: c\n    same_as: nope\n"
        "  - id: d\n    same_as: d\n"
    )
    assert found == [
        "cites.yaml:3: citation 'a': same_as: 'b' comes later (a short form points back at an earlier note)",
        "cites.yaml:7: citation 'c': same_as: 'nope' is not a citation id",
        "cites.yaml:9: citation 'd': same_as: points at itself",
    ]  # fmt: skip


def test_same_as_takes_no_bibliographic_fields() -> None:
    found = problems("citations:\n  - id: a\n  - id: b\n    same_as: a\n    title: T\n")
    assert found == ["cites.yaml:5: citation 'b': title: not allowed with same_as (the note stands for 'a')"]  # fmt: skip


def test_every_problem_is_reported_in_line_order() -> None:
    found = problems(
        "citations:\n"
        "  - id: a\n    date: 2016-02-30\n"
        "  - title: no id\n"
        "  - id: c\n    urll: https://x.org\n"
    )
    assert [m.split(":")[1] for m in found] == ["3", "4", "6"]
    assert "id: missing" in found[1]


def test_missing_citations_list_and_bad_yaml() -> None:
    assert problems("article:\n  title: T\n") == [
        "cites.yaml:1: citations: missing (a list of citations)"
    ]
    found = problems("citations: [\n  - a\n")
    assert len(found) == 1 and found[0].startswith("cites.yaml:2: invalid YAML")
    assert problems("just text") == ["cites.yaml:1: expected a mapping with a 'citations' list"]


def test_unknown_top_level_and_article_fields() -> None:
    found = problems("artcle:\n  title: T\ncitations: []\n")
    assert found == ["cites.yaml:1: artcle: unknown field (did you mean 'article'?)"]
    found = problems("article:\n  titel: T\ncitations: []\n")
    assert found == ["cites.yaml:2: article.titel: unknown field (did you mean 'title'?)"]


def test_missing_and_undecodable_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_citations(tmp_path / "absent.yaml")
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00garbage\xff")  # a UTF-16 mark, then an odd number of bytes
    with pytest.raises(InputError, match=r"binary.yaml:1: not UTF-16 text \(byte 10: 0xFF\)"):
        load_citations(binary)


def test_a_field_given_twice_is_reported_not_silently_dropped() -> None:
    found = problems("citations:\n  - id: a\n    title: One\n    title: Two\n")
    assert found == ["cites.yaml:4: citation 'a': title: given twice (first on line 3)"]


def test_null_values_count_as_absent_and_booleans_are_not_dates() -> None:
    loaded = parse_citations("citations:\n  - id: a\n    title: ~\n    date:\n    authors: []\n")
    assert loaded.citations[0].title is None and loaded.citations[0].date is None
    assert problems("citations:\n  - id: a\n    date: true\n") == [
        "cites.yaml:3: citation 'a': date: must be a date: YYYY, YYYY-MM or YYYY-MM-DD"
    ]


def test_anchors_and_aliases_are_read_like_any_value() -> None:
    loaded = parse_citations(
        "citations:\n  - id: a\n    publisher: &pub Reuters\n  - id: b\n    publisher: *pub\n"
    )
    assert [c.publisher for c in loaded.citations] == ["Reuters", "Reuters"]
    assert [c.line for c in loaded.citations] == [2, 4]
