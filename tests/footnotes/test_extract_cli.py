"""`citecheck extract`: from an article (file, stdin or URL) to citations.yaml, and --merge."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest
from click.testing import CliRunner, Result
from pytest_httpserver import HTTPServer
from ruamel.yaml import YAML

from citecheck.citations import load_citations, parse_citations
from citecheck.cli import main

REPO = Path(__file__).parents[2]
SEED = Path(__file__).parents[2].parent / "shared" / "seed" / "article.txt"

NOTES_ARTICLE = dedent(
    """\
    Canal Locks and Their Keepers

    Keepers lived beside the locks until 1960.[1] Most were paid by the barge.[2] Their
    logbooks survive.[3]

    [1] Jane Roe, “Life on the Locks,” River Times, May 1, 2020, https://web.archive.org/web/2020/https://rt.example.com/locks.
    [2] Ibid., 14.
    [3] Okonkwo, 12.
    """
)

HTML_ARTICLE = dedent(
    """\
    <!DOCTYPE html><html><head><title>Ferry Lines</title>
    <meta name="author" content="Rosa Vik"></head><body><article>
    <h1>Ferry Lines</h1>
    <p>The last ferry ran in 1969.<sup id="fnref1"><a href="#fn1" class="footnote-ref">1</a></sup>
    A bridge replaced it.<sup id="fnref2"><a href="#fn2" class="footnote-ref">2</a></sup></p>
    <section class="footnotes"><ol>
    <li id="fn1">Per Dahl, <a href="/archive/last-ferry">“The Last Ferry,”</a> Harbour News,
    June 2, 1969. <a href="#fnref1" class="footnote-back">↩</a></li>
    <li id="fn2">Road Agency, <em>Bridge Report</em>, 1971. <a href="#fnref2">↩</a></li>
    </ol></section></article></body></html>
    """
)


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, ["extract", *args], input=stdin)


def load_yaml(text: str) -> object:
    return YAML(typ="safe").load(text)


def test_the_seed_article_gives_the_bundled_citations() -> None:
    if not SEED.exists():
        pytest.skip("the seed article is not beside the repository")
    result = run(str(SEED))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    extracted = load_yaml(result.stdout)
    bundled = load_yaml((REPO / "citations.yaml").read_text(encoding="utf-8"))
    assert isinstance(extracted, dict) and isinstance(bundled, dict)
    assert extracted["citations"] == bundled["citations"]
    assert extracted["article"] == bundled["article"]


def test_output_file_is_written_and_loads(tmp_path: Path) -> None:
    article = tmp_path / "locks.txt"
    article.write_text(NOTES_ARTICLE, encoding="utf-8")
    output = tmp_path / "out" / "citations.yaml"
    result = run(str(article), "-o", str(output))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"wrote 3 citations to {output}" in result.stderr
    assert sorted(p.name for p in output.parent.iterdir()) == ["citations.yaml"]  # no temp left
    loaded = load_citations(output)
    assert loaded.article.title == "Canal Locks and Their Keepers"
    first, ibid, short = loaded.citations
    assert first.url is None
    assert first.archive_url == "https://web.archive.org/web/2020/https://rt.example.com/locks"
    assert (ibid.same_as, ibid.locator) == ("1", "14")
    assert ibid.context == "Most were paid by the barge."
    assert (short.id, short.same_as) == ("3", None)  # unresolved: see the next test


def test_an_unresolved_short_form_is_kept_warned_about_and_commented(tmp_path: Path) -> None:
    article = tmp_path / "locks.txt"
    article.write_text(NOTES_ARTICLE, encoding="utf-8")
    result = run(str(article))
    assert result.exit_code == 0, result.output
    assert result.stderr.count("warning:") == 1
    assert 'note 3: short form "Okonkwo, 12." not resolved' in result.stderr
    entry = parse_citations(result.stdout).citations[2]
    assert (entry.id, entry.same_as, entry.authors, entry.locator) == ("3", None, ["Okonkwo"], "12")
    assert "  - id: '3'  # unresolved short form \"Okonkwo, 12.\"" in result.stdout


def test_markers_without_notes_and_notes_without_markers_are_warnings(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        "Tides rose.[^1] Storms came.[^9]\n\n[^1]: Sea Office, Tide Tables, 2020.\n"
        "[^2]: Harbour Master, Log, 2021.\n",
        encoding="utf-8",
    )
    result = run(str(article))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "warning: marker [9] in the text has no note",
        "warning: note 2 is not cited in the text",
    ]
    assert [c.id for c in parse_citations(result.stdout).citations] == ["1", "2"]


def test_markdown_from_stdin() -> None:
    text = "# Mills\n\nThe mill burned in 1881.[^a]\n\n[^a]: Town Council, *Minutes*, 1881.\n"
    result = run("-", "--format", "markdown", stdin=text)
    assert result.exit_code == 0, result.output
    loaded = parse_citations(result.stdout)
    assert loaded.article.title == "Mills"
    assert [(c.id, c.context) for c in loaded.citations] == [("a", "The mill burned in 1881.")]


def test_an_html_article_fetched_by_url(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/story").respond_with_data(
        HTML_ARTICLE, content_type="text/html; charset=utf-8"
    )
    url = httpserver.url_for("/story")
    result = run(url, "--allow-private", "--cache-dir", str(tmp_path / "cache"))
    assert result.exit_code == 0, result.output
    loaded = parse_citations(result.stdout)
    assert (loaded.article.title, loaded.article.author) == ("Ferry Lines", "Rosa Vik")
    ferry, bridge = loaded.citations
    # The note prints no address; its link gives one, made absolute against the page's URL.
    assert ferry.url == httpserver.url_for("/archive/last-ferry")
    assert ferry.context == "The last ferry ran in 1969."
    assert bridge.context == "A bridge replaced it."
    # The page is cached: a second run reads it without asking the server.
    httpserver.clear()
    again = run(url, "--allow-private", "--cache-dir", str(tmp_path / "cache"))
    assert again.exit_code == 0, again.output
    assert again.stdout == result.stdout


def test_an_article_url_that_fails(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    result = run(httpserver.url_for("/gone"), "--allow-private", "--no-cache")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {httpserver.url_for('/gone')}: cannot fetch the article: the server answered 404\n"
    )


def test_a_private_address_needs_allow_private(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/story").respond_with_data(HTML_ARTICLE, content_type="text/html")
    result = run(httpserver.url_for("/story"), "--no-cache")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "cannot fetch the article" in result.stderr
    assert len(httpserver.log) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Just an essay with no notes.\n", "no note list found"),
        (b"\x00\xff\xfe binary \x89PNG", "no note list found"),
    ],
)
def test_an_article_without_a_note_list(tmp_path: Path, content: str | bytes, message: str) -> None:
    article = tmp_path / "essay.txt"
    if isinstance(content, bytes):
        article.write_bytes(content)
    else:
        article.write_text(content, encoding="utf-8")
    result = run(str(article))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"error: {article}: {message}")


def test_missing_and_unreadable_articles(tmp_path: Path) -> None:
    missing = run(str(tmp_path / "absent.txt"))
    assert (missing.exit_code, missing.stderr) == (
        2,
        f"error: {tmp_path / 'absent.txt'}: no such file\n",
    )
    folder = run(str(tmp_path))
    assert folder.exit_code == 2
    assert folder.stderr == f"error: {tmp_path}: is a directory, not an article\n"


def test_merge_needs_an_output_file(tmp_path: Path) -> None:
    article = tmp_path / "locks.txt"
    article.write_text(NOTES_ARTICLE, encoding="utf-8")
    result = run(str(article), "--merge")
    assert result.exit_code == 2
    assert result.stderr == "error: --merge needs -o FILE: the citations.yaml to merge into\n"


def test_merge_adds_new_notes_and_reports_changed_ones(tmp_path: Path) -> None:
    article = tmp_path / "locks.txt"
    article.write_text(NOTES_ARTICLE, encoding="utf-8")
    cites = tmp_path / "citations.yaml"
    edited = dedent(
        """\
        citations:
          - id: '1'  # checked by hand
            authors: [Jane Roe]
            title: "Life on the Locks (corrected)"
            url: https://rt.example.com/locks
        """
    )
    cites.write_text(edited, encoding="utf-8")
    result = run(str(article), "-o", str(cites), "--merge")
    assert result.exit_code == 0, result.output
    assert "note 1 reads differently in the article" in result.stderr
    assert "merged into" in result.stderr and "added 2, 3" in result.stderr
    merged = cites.read_text(encoding="utf-8")
    assert merged.startswith(edited)  # the user's entry and comment, untouched
    assert [c.id for c in load_citations(cites).citations] == ["1", "2", "3"]


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
        ("utf-8", b"\xef\xbb\xbf"),
    ],
)
def test_merge_keeps_the_files_encoding_and_byte_order_mark(
    tmp_path: Path, encoding: str, bom: bytes
) -> None:
    article = tmp_path / "locks.txt"
    article.write_text(NOTES_ARTICLE, encoding="utf-8")
    cites = tmp_path / "citations.yaml"
    edited = "citations:\n  - id: '1'  # vérifié à la main\n    title: \"Life on the Locks\"\n"
    cites.write_bytes(bom + edited.encode(encoding))
    result = run(str(article), "-o", str(cites), "--merge")
    assert result.exit_code == 0, result.output
    assert "added 2, 3" in result.stderr
    raw = cites.read_bytes()
    assert raw.startswith(bom)
    merged = raw[len(bom) :].decode(encoding)  # strict: every byte is in the file's encoding
    assert merged.startswith(edited)
    assert "\ufeff" not in merged
    assert [c.id for c in load_citations(cites).citations] == ["1", "2", "3"]


def test_merge_into_a_file_that_is_not_text_changes_nothing(tmp_path: Path) -> None:
    article = tmp_path / "locks.txt"
    article.write_text(NOTES_ARTICLE, encoding="utf-8")
    cites = tmp_path / "citations.yaml"
    latin1 = "citations:\n  - id: '1'\n    title: Caf\xe9\n".encode("latin-1")
    cites.write_bytes(latin1)
    result = run(str(article), "-o", str(cites), "--merge")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"error: {cites}:3: not UTF-8 text (byte ")
    assert cites.read_bytes() == latin1


def test_merge_into_a_file_that_does_not_exist_yet(tmp_path: Path) -> None:
    article = tmp_path / "locks.txt"
    article.write_text(NOTES_ARTICLE, encoding="utf-8")
    cites = tmp_path / "new.yaml"
    result = run(str(article), "-o", str(cites), "--merge")
    assert result.exit_code == 0, result.output
    assert [c.id for c in load_citations(cites).citations] == ["1", "2", "3"]


def test_merge_into_a_broken_file_changes_nothing(tmp_path: Path) -> None:
    article = tmp_path / "locks.txt"
    article.write_text(NOTES_ARTICLE, encoding="utf-8")
    cites = tmp_path / "citations.yaml"
    cites.write_text("citations: [\n", encoding="utf-8")
    result = run(str(article), "-o", str(cites), "--merge")
    assert result.exit_code == 2
    error = result.stderr.splitlines()[-1]
    assert error.startswith(f"error: {cites}:2: cannot merge: invalid YAML")
    assert cites.read_text(encoding="utf-8") == "citations: [\n"
