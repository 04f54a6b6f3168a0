"""Headings that open an article's note list: "Notes", "Endnotes", "References", "Sources" ..."""

from __future__ import annotations

import re

_NOTES_HEADING = re.compile(
    r"^(?:(?:end|foot)?notes?|references?|sources?|bibliography|works cited|citations"
    r"|notes and references|notes and sources|sources and notes|references and notes)$",
    re.IGNORECASE,
)
# Markdown and plain-text decorations around a heading's words: "## Notes", "**Notes:**", "NOTES —".
_DECORATION = re.compile(r"^[#*_=\-\s]+|[#*_=\-\s:.—–]+$")


def is_notes_heading(text: str) -> bool:
    """True for a line or heading whose whole text names a note list."""
    words = _DECORATION.sub("", text.strip())
    return len(words) <= 40 and bool(_NOTES_HEADING.match(" ".join(words.split())))
