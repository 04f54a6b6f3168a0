"""How cited author strings and page bylines are read before the authors check compares them.

A cited list of authors often ends in "et al." (or "and others", "u. a."): the first author
stands for all of them, and the words name no one, so they are dropped before names are read
("Kay Johnson et al." is Kay Johnson; an entry "et al." on its own names no one).

A cited "author" is often a byline copied whole: several people in one string ("E. Barreneche /
J. I. da Silva", "Kay Johnson and Mehreen Zahra-Malik", "FR mit dpa"), a desk rather than a
person ("Staff", "Redaktion"), or the site itself ("Greator" on greator.com). Bylines, in turn,
are sometimes only initials ("DT") or the site's own name ("OÖ Volksblatt" on volksblatt.at).
This module turns both into things that can be compared fairly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from citecheck.match.normalize import comparison_key, squash
from citecheck.vocabulary import NAME_PARTICLES, ORGANISATION_WORDS

_SUFFIXES = re.compile(r"[,\s]+(jr|sr|ii|iii|iv|phd|md)\.?$", re.IGNORECASE)
# Words that credit a desk or a wire rather than a person ("Staff", "Redaktion", "Agencies").
GENERIC_CREDIT_WORDS = frozenset(
    {"staff", "editor", "editors", "editorial", "redaktion", "redaction", "redaccion"}
    | {"redazione", "newsroom", "desk", "team", "admin", "agencies", "wires", "reports"}
)
_FILLER_WORDS = frozenset({"the", "by", "von", "and", "of", "de", "la", "le", "die", "der"})
# Words that make a name an organisation, compared by its whole name.
_ORGANISATION_WORDS = GENERIC_CREDIT_WORDS | ORGANISATION_WORDS
_ORGANISATION_MIN_WORDS = 5
# Joiners between the people of one byline. "/" also splits "APA/AP"; "mit"/"with" credit a
# wire alongside the writer ("FR mit dpa").
_NAME_SEPARATOR = re.compile(r"\s*[/;]\s*|\s+&\s+|\s+(?:and|und|mit|with)\s+", re.IGNORECASE)
# More "people" than this in one string is not a byline (hostile or garbled input): kept whole.
_MAX_PEOPLE_PER_CREDIT = 20
_ET_AL = re.compile(
    r"(?:^|[,;\s]+)"
    r"(?:et(?:\.\s*|\s+)al(?:ii|ia)?\b\.?|and\s+others|u\.\s*a\.|y\s+otros|et\s+autres)\s*$",
    re.IGNORECASE,
)
_INITIALS_BYLINE = re.compile(r"^(?:[A-Z]\.?\s?){2,4}$")
# A site name this short ("fr", "ap") is too vague to be found inside a longer credit.
_MIN_SITE_KEY_CHARS = 4


@dataclass(frozen=True)
class CitedAuthor:
    """One cited name and the words that must appear in a byline for it to match."""

    name: str
    is_organisation: bool
    surname: frozenset[str]  # folded surname words, particles removed

    @property
    def display(self) -> str:
        return self.name.strip()

    @property
    def key(self) -> str:
        return comparison_key(self.name)


@dataclass(frozen=True)
class SiteNames:
    """The names a page's own site goes by, to tell "the site credits itself" from a person."""

    squashed: frozenset[str]
    keys: frozenset[str]  # comparison keys long enough to be looked for inside a longer name

    @classmethod
    def of(cls, names: Iterable[str]) -> SiteNames:
        keys = {comparison_key(name) for name in names}
        return cls(
            squashed=frozenset(squash(name) for name in keys if squash(name)),
            keys=frozenset(key for key in keys if len(squash(key)) >= _MIN_SITE_KEY_CHARS),
        )

    def is_named(self, text: str) -> bool:
        """`text` is one of the site's names ("Heavenlynn Healthy" ~ "heavenlynnhealthy")."""
        return bool(squash(text)) and squash(text) in self.squashed

    def is_mentioned(self, text: str) -> bool:
        """`text` is a site name or contains one as whole words ("Teufel Blog Redaktion")."""
        padded = f" {comparison_key(text)} "
        return self.is_named(text) or any(f" {key} " in padded for key in self.keys)


def split_names(cited: str) -> list[str]:
    """The people of one cited string: "A / B", "A and B", "A mit dpa" -> each on its own.

    An organisation's name is kept whole: "Department of Health and Human Services". Length
    alone does not make one here: "E. Barreneche / J. I. da Silva" is two short names. A closing
    "et al." is dropped: "Kay Johnson et al." is Kay Johnson, "et al." alone names no one.
    """
    cited = _ET_AL.sub("", cited)
    if not cited.strip():
        return []
    if _ORGANISATION_WORDS.intersection(comparison_key(cited).split()):
        return [cited]
    parts = [stripped for part in _NAME_SEPARATOR.split(cited) if (stripped := part.strip())]
    return parts if len(parts) <= _MAX_PEOPLE_PER_CREDIT else [cited]


def parse_author(name: str) -> CitedAuthor | None:
    """Read a cited name; None when nothing comparable is left (e.g. only punctuation)."""
    cleaned = _SUFFIXES.sub("", name.strip())
    if not comparison_key(cleaned):
        return None
    if looks_like_organisation(cleaned):
        return CitedAuthor(name=name, is_organisation=True, surname=frozenset())
    surname_words = set(comparison_key(_surname_text(cleaned)).split())
    # A surname made only of particles ("Thi Le") keeps them: there is nothing else to compare.
    surname = (
        (surname_words - NAME_PARTICLES) or surname_words or set(comparison_key(cleaned).split())
    )
    return CitedAuthor(name=name, is_organisation=False, surname=frozenset(surname))


def is_generic_credit(name: str) -> bool:
    """A credit that names no one: "Staff", "The Editors", "Redaktion", "Editorial Team"."""
    words = set(comparison_key(name).split())
    return bool(words & GENERIC_CREDIT_WORDS) and words <= GENERIC_CREDIT_WORDS | _FILLER_WORDS


def looks_like_organisation(name: str) -> bool:
    words = comparison_key(name).split()
    return bool(_ORGANISATION_WORDS.intersection(words)) or len(words) >= _ORGANISATION_MIN_WORDS


def organisation_core(name: str) -> str:
    """An organisation's distinctive words: "Reuters Staff" -> "reuters"."""
    words = comparison_key(name).split()
    return " ".join(word for word in words if word not in GENERIC_CREDIT_WORDS | {"the"})


def contains_words(longer: str, shorter: str) -> bool:
    """`shorter` occurs in `longer` as whole consecutive words (both comparison keys)."""
    return bool(shorter) and f" {shorter} " in f" {longer} "


def is_initials_of(byline: str, author: CitedAuthor) -> bool:
    """A byline of capital initials ("DT", "D. T.") that spells the cited name's initials."""
    if author.is_organisation or not _INITIALS_BYLINE.match(byline.strip()):
        return False
    letters = "".join(char for char in byline.lower() if char.isalpha())
    words = author.key.split()
    without_particles = [word for word in words if word not in NAME_PARTICLES]
    return letters in {
        "".join(word[0] for word in words),
        "".join(word[0] for word in without_particles),
    }


def _surname_text(name: str) -> str:
    if "," in name:  # "Zahra-Malik, Mehreen": the surname comes first
        return name.split(",", 1)[0]
    return name.split()[-1]
