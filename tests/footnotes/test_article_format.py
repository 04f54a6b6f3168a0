"""Telling plain text, Markdown and HTML articles apart, and reading each with its own finder."""

from __future__ import annotations

import pytest

from citecheck.footnotes.article.reader import ArticleFormat, detect_format, find_article_notes

HTML = "<html><body><p>Claim.<sup>1</sup></p><h2>Notes</h2><ol><li>Source.</li></ol></body></html>"
MARKDOWN = "Claim.[^1]\n\n[^1]: Source.\n"
TEXT = "Claim.[1]\n\n[1] Source.\n"


@pytest.mark.parametrize(
    ("text", "name", "content_type", "expected"),
    [
        (TEXT, "post.html", None, ArticleFormat.HTML),  # the name decides
        (HTML, "post.txt", None, ArticleFormat.TEXT),
        (TEXT, "post.MD", None, ArticleFormat.MARKDOWN),
        (TEXT, None, "text/html", ArticleFormat.HTML),  # a server's content type decides first
        (HTML, "page", "text/markdown", ArticleFormat.MARKDOWN),
        (HTML, None, None, ArticleFormat.HTML),  # else what the text looks like
        ("<!doctype html>\n<title>x</title>", "noext", None, ArticleFormat.HTML),
        (MARKDOWN, None, None, ArticleFormat.MARKDOWN),
        ("# Title\n\nText.\n", None, "text/plain", ArticleFormat.MARKDOWN),
        (TEXT, None, None, ArticleFormat.TEXT),
        ("", None, None, ArticleFormat.TEXT),
    ],
)
def test_detect_format(
    text: str, name: str | None, content_type: str | None, expected: ArticleFormat
) -> None:
    assert detect_format(text, name, content_type) is expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [(HTML, ArticleFormat.HTML), (MARKDOWN, ArticleFormat.MARKDOWN), (TEXT, ArticleFormat.TEXT)],
)
def test_each_format_has_its_finder(text: str, kind: ArticleFormat) -> None:
    found = find_article_notes(text, kind)
    assert found is not None
    assert [(n.id, n.text) for n in found.notes] == [("1", "Source.")]
    assert found.context_of("1") == "Claim."


def test_the_wrong_format_finds_nothing_rather_than_failing() -> None:
    assert find_article_notes(MARKDOWN, ArticleFormat.HTML) is None
