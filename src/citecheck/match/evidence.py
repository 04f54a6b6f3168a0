"""How page values are quoted in check results: whole when short, cut when a page is hostile."""

from __future__ import annotations

import re

REASON_LIMIT = 160  # characters of a value shown inside a one-line reason
FOUND_LIMIT = 500  # characters of a value kept in `Check.found`

_WHITESPACE = re.compile(r"\s+")


def clip(text: str, limit: int = FOUND_LIMIT) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    flat = _WHITESPACE.sub(" ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "\u2026"


def quote(text: str, limit: int = REASON_LIMIT) -> str:
    """`text` clipped for a reason and put in curly quotes: \u201clike this\u201d."""
    return f"\u201c{clip(text, limit)}\u201d"
