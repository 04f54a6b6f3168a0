"""An article's author from its byline: "By: Nicole Magney, Columnist" -> "Nicole Magney"."""

from __future__ import annotations

import re

_BYLINE = re.compile(
    r"^\s*(?:by|written by|author|authors)\s*[:\-–—]?\s+(?P<names>\S.{0,150})$", re.I
)
# A job title after the name is not part of the name.
_ROLE = re.compile(
    r",\s*(?:(?:senior|staff|contributing|guest|special|associate|chief|managing|deputy)\s+)*"
    r"(?:columnist|contributor|writer|editor|reporter|correspondent|author|fellow|analyst"
    r"|intern|researcher|blogger)s?\s*$",
    re.IGNORECASE,
)


def author_from_byline(line: str) -> str | None:
    match = _BYLINE.match(line)
    if match is None:
        return None
    names = _ROLE.sub("", match.group("names").strip()).strip(" ,;")
    return names or None
