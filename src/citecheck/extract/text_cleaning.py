"""Turn text found in HTML or metadata into plain, single-line text."""

from __future__ import annotations

import html
import re

# Markup that leaked into a value (a <title> is raw text, meta content is an attribute): inline
# tags join their neighbours, any other tag separates words.
_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|bdi|bdo|cite|code|em|i|mark|q|s|small|span|strong|sub|sup|u)\b[^<>]{0,300}>",
    re.IGNORECASE,
)
# Script and style blocks that leaked into a value: their content is code, never text.
_CODE_BLOCK = re.compile(r"<(script|style)\b[^<>]{0,300}>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*\b[^<>]{0,300}>")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Control characters that str.split takes for white space: dropped, they join their neighbours.
SPACING_CONTROLS = ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\x85")
_PLACEHOLDER = re.compile(
    r"\{\{.*\}\}|\{%.*%\}|\{\$[\w.]+\}|\$\{[\w.]+\}|^(?:null|undefined|none)$", re.I
)


def clean_text(value: str) -> str:
    """Unescape entities, drop tags and invisible characters, and collapse whitespace."""
    if "&" in value:
        # Values are often escaped twice ("&amp;amp;"); the parser already undid the first.
        value = html.unescape(value)
    if "<" in value:
        value = _ANY_TAG.sub(" ", _INLINE_TAG.sub("", _CODE_BLOCK.sub(" ", value)))
    return collapse_text(value)


def collapse_text(value: str) -> str:
    """Invisible and control characters dropped, whitespace collapsed: for text the parser
    has already decoded, where clean_text's unescaping and tag stripping would only cost."""
    collapsed = " ".join(value.split())
    # Mostly there is nothing to drop, which two quick scans tell: every invisible or control
    # character is unprintable, and the control characters that count as white space (which
    # are dropped, not turned into spaces) are looked for in the original.
    if collapsed.isprintable() and not any(char in value for char in SPACING_CONTROLS):
        return collapsed
    if not value.isascii():
        value = _INVISIBLE.sub("", value)
    return " ".join(_CONTROL.sub("", value).split())


def squash(value: str) -> str:
    """A comparison key: case-folded letters and digits only."""
    return "".join(filter(str.isalnum, value.casefold()))


def is_template_placeholder(value: str) -> bool:
    """Whether `value` is an unfilled template variable ("{{ title }}", "{$site_name}")."""
    return bool(_PLACEHOLDER.search(value))
