"""File and folder names made from text the user or a page chose: safe characters only.

Letters, digits, `.`, `_` and `-` (ASCII, after stripping accents); everything else becomes
`-`; never empty, never starting with a dot, never longer than `limit`.
"""

from __future__ import annotations

import re
import unicodedata

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_RUNS = re.compile(r"-{2,}")


def safe_name(text: str, *, fallback: str, limit: int = 80) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    name = _RUNS.sub("-", _UNSAFE.sub("-", ascii_text)).strip(".-_")[:limit].rstrip(".-_")
    return name or fallback


def unique(name: str, taken: set[str]) -> str:
    """`name`, or `name-2`, `name-3`... whichever is not in `taken` (compared ignoring case,
    for case-insensitive file systems); the result is added to `taken`."""
    candidate, number = name, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{name}-{number}"
    taken.add(candidate.lower())
    return candidate
