"""Is this piece of a note a person's name, a list of surnames, or an organisation?"""

from __future__ import annotations

import re

from citecheck.vocabulary import INSTITUTION_WORDS, NAME_PARTICLES

_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "мл", "мл.", "ст."})
_HIERARCHY_WORDS = frozenset(
    """ministry department office bureau division directorate agency committee commission
    council board centre center institute school faculty college library service
    unit""".split()  # noqa: SIM905
)
_INITIAL = re.compile(r"^(?:[^\W\d_][a-z]?\.)+(?:-(?:[^\W\d_]\.)+)?$|^[^\W\d_]\.?-[^\W\d_]\.$")
_CAPS_INITIALS = re.compile(r"^[A-Z]{1,3}\.?$")
_INITIALS_ONLY = re.compile(r"^(?:[^\W\d_][a-z]?\.\s?-?){1,4}$")


def words(text: str) -> list[str]:
    return [word for word in re.split(r"\s+", text.strip()) if word]


def is_capitalised(word: str) -> bool:
    """Starts with a capital, or is written in a script without letter case."""
    core = word.lstrip("(“‘\"'[")
    first = core[:1]
    if not first:
        return False
    if first.isupper():
        return True
    return first.isalpha() and first.lower() == first.upper()


def is_initials(text: str) -> bool:
    """'G.', 'M. J.', 'D.K.', 'J.-P.': a given name reduced to initials."""
    return bool(_INITIALS_ONLY.match(text.strip())) and any(c.isupper() for c in text)


def _is_name_word(word: str) -> bool:
    if word.lower().strip(",") in NAME_PARTICLES or word.lower() in _SUFFIXES:
        return True
    if _INITIAL.match(word) or _CAPS_INITIALS.match(word):
        return True
    return is_capitalised(word)


def looks_like_person(text: str) -> bool:
    """A personal name as notes write it: 'Kay Johnson', 'J. K. Rowling', 'Liu S'."""
    if re.search(r"[:?!;\d]", text):
        return False
    tokens = words(text.replace("(", " ").replace(")", " "))
    if not 1 <= len(tokens) <= 6:
        return False
    if all(token.lower() in NAME_PARTICLES for token in tokens):
        return False
    if looks_like_organisation(text):
        return False
    return all(_is_name_word(token) for token in tokens)


def looks_like_organisation(text: str) -> bool:
    lowered = re.findall(r"[^\W\d_]+\.?", text.lower())
    return any(
        word in INSTITUTION_WORDS or word.rstrip(".") in INSTITUTION_WORDS for word in lowered
    )


def starts_with_hierarchy_word(text: str) -> bool:
    """'Ministry of ...', 'Office of ...': a unit named after its parent body in a note."""
    tokens = words(text.lower())
    return bool(tokens) and tokens[0] in _HIERARCHY_WORDS


def looks_like_surname(text: str) -> bool:
    """A short form's author: one family name ('Parvez', 'van Ours', 'Zahra-Malik', '史')."""
    tokens = words(text)
    if not tokens or len(tokens) > 3:
        return False
    *particles, family = tokens
    if any(particle.lower() not in NAME_PARTICLES for particle in particles):
        return False
    if any(char.isdigit() for char in family) or family.lower() in NAME_PARTICLES:
        return False
    return is_capitalised(family) or (family[:1].islower() and bool(particles))
