"""Text folding shared by the checks: the same words, typed differently, compare equal.

Citations are typed by people and pages are marked up by CMSs, so the same title arrives with
curly or straight quotes, en or em dashes, `&amp;` or `&`, and a site name glued on the end.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Long enough for any real title or name; hostile input beyond it is cut rather than scored.
MAX_TEXT_CHARS = 1000

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys(_SINGLE_QUOTES, "'"),
        **dict.fromkeys(_DOUBLE_QUOTES, '"'),
        **dict.fromkeys(_DASHES, "-"),
        "\u2502": "|",  # box-drawing bar, used by some CMSs as a title separator
        "\u00a0": " ",
        "\u200b": "",  # zero-width space: invisible, but it splits words for a matcher
        "\u00ad": "",  # soft hyphen
    }
)
_WHITESPACE = re.compile(r"\s+")
_TRAILING_PUNCTUATION = re.compile(r"[\s.,;:!?\-'\"]+$")
_LEADING_PUNCTUATION = re.compile(r"^[\s.,;:!?\-'\"]+")
# Separators a CMS puts between a title and its site name, or a title and its subtitle.
SEGMENT_SEPARATOR = re.compile(r"\s*\|+\s*|\s+[\-/·•~]\s+|\s*::\s*|\s+>>\s+")
# " » " separates breadcrumbs, unless the title quotes French-style: « like this ».
_GUILLEMET_SEPARATOR = re.compile(r"\s+»\s+")
_NOT_WORD = re.compile(r"[^\w]+")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_LEADING_THE = re.compile(r"^the\s+")


# The same titles, names and site names are normalized again and again while one citation is
# matched (every candidate against every site name), and across a run.
@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Fold typography, Unicode forms and case; collapse whitespace; drop trailing punctuation."""
    text = html.unescape(text[:MAX_TEXT_CHARS])
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).casefold()
    text = _WHITESPACE.sub(" ", text).strip()
    return _TRAILING_PUNCTUATION.sub("", text)


def fold_diacritics(text: str) -> str:
    """Drop combining marks ("Zahrā" -> "Zahra"); letters of other scripts are left alone."""
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFKC", folded)


@lru_cache(maxsize=8192)
def comparison_key(text: str) -> str:
    """Normalized words only: punctuation is where citations and pages differ most, harmlessly."""
    text = fold_diacritics(normalize(text))
    text = _APOSTROPHE.sub("", text)  # "isil's" ~ "isils", "o'brien" ~ "obrien"
    text = text.replace("&", " and ")
    return _WHITESPACE.sub(" ", _NOT_WORD.sub(" ", text)).strip()


@lru_cache(maxsize=8192)
def squash(name: str) -> str:
    """A name as bare letters and digits, without a leading "The": "The Guardian" -> "guardian"."""
    key = _LEADING_THE.sub("", comparison_key(name))
    return key.replace(" ", "").replace("_", "")


def segments(title: str) -> list[str]:
    """Split a normalized title on the separators sites put around their names and sections."""
    if "«" not in title:
        title = _GUILLEMET_SEPARATOR.sub(" | ", title)
    parts = (_LEADING_PUNCTUATION.sub("", part) for part in SEGMENT_SEPARATOR.split(title))
    return [cleaned for part in parts if (cleaned := _TRAILING_PUNCTUATION.sub("", part))]


def strip_site_names(title: str, site_names: Iterable[str]) -> str:
    """Remove leading/trailing segments that are a site's name: "x | Reuters" -> "x".

    The title is returned whole if removing names would leave nothing (a page titled "Reuters"),
    or only another of the names: some pages give their headline as a site name too (a CMS's
    `application-name` set to the headline), and "Site - Headline" must not lose its headline
    and keep "Site".
    """
    names = {squashed for name in site_names if (squashed := squash(name))}
    parts = segments(title)
    if not names or len(parts) < 2:
        return title
    start, end = 0, len(parts)
    while end - start > 1 and squash(parts[end - 1]) in names:
        end -= 1
    while end - start > 1 and squash(parts[start]) in names:
        start += 1
    if (start, end) == (0, len(parts)):
        return title
    if end - start == 1 and squash(parts[start]) in names:
        return title
    return " - ".join(parts[start:end])
