"""A footnote's markup reduced to plain text, with italics kept as marks the parser can see.

Notes arrive as plain text, Markdown or HTML fragments. Italics matter (they set off the
titles of books and reports, or a journal's name), so they survive as two private-use
characters around the italic run; every other tag is dropped and entities are decoded.
"""

from __future__ import annotations

import html
import re

ITALIC_OPEN = "\ue000"
ITALIC_CLOSE = "\ue001"
_MARKS = ITALIC_OPEN + ITALIC_CLOSE

_ITALIC_TAG = re.compile(r"<\s*(/?)\s*(?:i|em|cite|italic)\s*>", re.IGNORECASE)
_ANCHOR = re.compile(
    r"""<a\b[^<>]*?\bhref\s*=\s*["']([^"'<>]*)["'][^<>]*>(.*?)<\s*/\s*a\s*>""",
    re.IGNORECASE | re.DOTALL,
)
# Only tag names that occur in formatted notes: a bare "<" before a URL must survive.
_OTHER_TAG = re.compile(
    r"<\s*/?\s*(?:b|strong|span|sup|sub|br|p|div|font|u|small|li|ol|ul|bdi|mark|q|abbr|"
    r"a|i|em|cite|italic)\b[^<>]*>",
    re.IGNORECASE,
)
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_WHITESPACE = re.compile(r"\s+")
# Markdown emphasis: the delimiters hug the text and do not sit inside a word.
_MD_STAR = re.compile(r"(?<![\w*])\*(?![\s*])([^*]+?)(?<!\s)\*(?![\w*])")
_MD_UNDERSCORE = re.compile(r"(?<![\w_])_(?![\s_])([^_]+?)(?<!\s)_(?![\w_])")


def plain_text(raw: str) -> str:
    """HTML tags and entities resolved, whitespace collapsed; italic runs marked."""
    text = raw.translate({ord(mark): None for mark in _MARKS})
    if "<" in text:
        text = _ANCHOR.sub(_anchor_text, text)
        text = _ITALIC_TAG.sub(lambda m: ITALIC_CLOSE if m.group(1) else ITALIC_OPEN, text)
        text = _OTHER_TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    text = _ZERO_WIDTH.sub("", text)
    return _WHITESPACE.sub(" ", text).strip()


def mark_markdown_italics(text: str) -> str:
    """`*Title*` and `_Title_` become marked italics. Run this once URLs are out of the text."""
    text = _MD_STAR.sub(lambda m: ITALIC_OPEN + m.group(1) + ITALIC_CLOSE, text)
    return _MD_UNDERSCORE.sub(lambda m: ITALIC_OPEN + m.group(1) + ITALIC_CLOSE, text)


def without_marks(text: str) -> str:
    return text.translate({ord(mark): None for mark in _MARKS})


def _anchor_text(match: re.Match[str]) -> str:
    href, label = match.group(1).strip(), match.group(2)
    # A link whose label is not its address would otherwise lose the address.
    if href and href not in label and "://" in href:
        return f"{label} {href}"
    return label
