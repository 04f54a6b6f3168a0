"""Which kind of article a text is (plain text, Markdown, HTML), and its notes."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import PurePath

from citecheck.footnotes.article.html import find_html_notes
from citecheck.footnotes.article.markdown import find_markdown_notes
from citecheck.footnotes.article.notes import ArticleNotes
from citecheck.footnotes.article.text import find_text_notes


class ArticleFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


_BY_SUFFIX = {
    ".html": ArticleFormat.HTML,
    ".htm": ArticleFormat.HTML,
    ".xhtml": ArticleFormat.HTML,
    ".shtml": ArticleFormat.HTML,
    ".md": ArticleFormat.MARKDOWN,
    ".markdown": ArticleFormat.MARKDOWN,
    ".mdown": ArticleFormat.MARKDOWN,
    ".mkd": ArticleFormat.MARKDOWN,
    ".txt": ArticleFormat.TEXT,
    ".text": ArticleFormat.TEXT,
}
_BY_CONTENT_TYPE = {
    "text/html": ArticleFormat.HTML,
    "application/xhtml+xml": ArticleFormat.HTML,
    "text/markdown": ArticleFormat.MARKDOWN,
    "text/x-markdown": ArticleFormat.MARKDOWN,
}
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|article|p|div|sup|section)\b", re.I)
_MARKDOWN_SIGNS = re.compile(
    r"^ {0,3}\[\^[^\]\s]+\]:|\[\^[^\]\s]+\]|^#{1,6}\s+\S|\]\(https?://|^\s*\*\*[^*\n]+\*\*\s*$",
    re.MULTILINE,
)


def detect_format(
    text: str, name: str | None = None, content_type: str | None = None
) -> ArticleFormat:
    """The article's kind: from its content type or file name, else from what it looks like."""
    if content_type in _BY_CONTENT_TYPE:
        return _BY_CONTENT_TYPE[content_type]
    if name is not None and PurePath(name).suffix.lower() in _BY_SUFFIX:
        return _BY_SUFFIX[PurePath(name).suffix.lower()]
    head = text[:20_000]
    if (
        _HTML_START.search(head.lstrip()[:1000])
        or len(re.findall(r"</?[a-z][a-z0-9]*[\s>]", head)) > 20
    ):
        return ArticleFormat.HTML
    if _MARKDOWN_SIGNS.search(text):
        return ArticleFormat.MARKDOWN
    return ArticleFormat.TEXT


def find_article_notes(
    text: str, article_format: ArticleFormat, base_url: str | None = None
) -> ArticleNotes | None:
    """The article's note list and where each note is cited; None when it has no note list."""
    if article_format is ArticleFormat.HTML:
        return find_html_notes(text, base_url)
    if article_format is ArticleFormat.MARKDOWN:
        return find_markdown_notes(text)
    return find_text_notes(text)
