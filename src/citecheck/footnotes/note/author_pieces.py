"""Which leading comma pieces of a note name its authors, when no quotation marks say so.

'Jason Puckett, Zotero: A Guide (…)' has one author piece; 'A, B, and C, Title' three;
'Hargreaves, Ian, Title' two (inverted); 'Annual Fisheries Statistics, Northern Sea Authority,
2018' none (title, then publisher). Short forms name surnames ('Beech, Mackay, and Wiltgen,
Title') or, where the work had no author, the publication ('The Times of India, “Title”').
"""

from __future__ import annotations

import re

from citecheck.footnotes.note.authors import GIVEN_THEN_SURNAME, inverted_given_names
from citecheck.footnotes.note.names import (
    is_capitalised,
    is_initials,
    looks_like_organisation,
    looks_like_person,
    words,
)
from citecheck.vocabulary import NAME_PARTICLES

_AND_START = re.compile(r"^(?:and|&)\s", re.IGNORECASE)
_AND = re.compile(r"\s(?:and|&)\s")
_ROLE = re.compile(r"^(?:eds?|editors?|comps?|trans|hrsg|hg)\.?$", re.IGNORECASE)
_NAME_CONNECTORS = frozenset(
    """of for the and on at de du des la le di y für und & :""".split()  # noqa: SIM905
)
_HANDLE = re.compile(r"[^\W\d_][\w.-]*")
# A short form whose "author" is one of these names a news outlet: 'Ariana News, “Title.”'
_OUTLET_WORD = re.compile(
    r"\b(?:news|times|post|journal|daily|weekly|gazette|herald|tribune|magazine|radio|tv)\b",
    re.IGNORECASE,
)


# An editor's or director's role after a name: "Rønning, Anne Holden (ed.)", "MIDAL Alexandra
# (dir.)", "Brandt, P. (Hrsg.)".
_ROLE_AFTER = re.compile(
    r"\s*\((?:eds?|editors?|dirs?|coords?|hrsg|hg|comps?|trans)\.?\)\s*$", re.IGNORECASE
)


def leading_author_pieces(pieces: list[str], content: int) -> int:
    """How many of the first `content` pieces name the authors; at least one is left for the
    title, and 0 means the note starts with its title."""
    pieces = [_ROLE_AFTER.sub("", piece) for piece in pieces]
    if content < 2 or not names_authors(pieces[0]):
        return 0
    if _names_a_publisher(pieces[1]) and not _clearly_people(pieces[0]):
        return 0  # "Annual Fisheries Statistics, Northern Sea Authority, 2018"
    count = 1
    if content >= 3 and len(words(pieces[0])) == 1 and _given_names(pieces[1]):
        count = 2  # inverted, as reference lists write it: "Hargreaves, Ian, Title"
    elif len(words(pieces[0])) == 1:
        # All inverted, joined by a word: "Deo, Sarang and Jain, Aditya, Title".
        pair = 1
        while (
            pair + 1 < content - 1
            and GIVEN_THEN_SURNAME.fullmatch(pieces[pair])
            and inverted_given_names(pieces[pair + 1])
        ):
            pair += 2
        count = max(count, pair)
    for index in range(count, content - 1):
        if _AND_START.match(pieces[index]) and all(
            looks_like_person(piece) for piece in pieces[count:index]
        ):
            count = index + 1
            break
    else:
        # Without a final "and": names written alike ("I. Karnadi, A.A. Iskandar, Title").
        while count < content - 1 and _same_name_style(pieces[0], pieces[count]):
            count += 1
    while count < len(pieces) and _ROLE.match(pieces[count]):
        count += 1  # "Thomas Eakins et al., eds., Title"
    return min(count, content - 1)


def names_authors(piece: str) -> bool:
    """A person, a list of people, or a body ('Independent Evaluation Group', 'Всемирная
    организация здравоохранения') — not a title that happens to name one."""
    if re.search(r"\bet al\b|\[@", piece):
        return True
    names = [name for name in _AND.split(piece) if name.strip()]
    if len(names) > 1 and any(looks_like_person(name) for name in names):
        # "sudhin jacob and Kishore Tiruveedhula": one clear name vouches for the list
        return all(
            (len(words(name)) <= 4 or looks_like_organisation(name))
            and not re.search(r"[\d:?!]", name)
            for name in names
        )
    if len(names) == 1 and _HANDLE.fullmatch(piece) and piece.islower():
        return True  # a handle: "teubi"
    return all(names_one_author(name) for name in names)


def names_one_author(name: str) -> bool:
    if looks_like_person(name):
        return True
    if not looks_like_organisation(name) or re.search(r"[:?!]", name):
        return False
    tokens = words(name)
    capitalised = all(is_capitalised(word) or word.lower() in _NAME_CONNECTORS for word in tokens)
    return capitalised or len(tokens) <= 4


def short_form_names_authors(names: list[str]) -> bool:
    """Surnames ('Parvez', 'Carrillo Hermosilla') or a body ('World Health Organization'), not
    a publication ('The Times of India', 'Anne Frank Knowledge Base', 'Bloomberg.Com')."""
    for name in names:
        tokens = words(name)
        if not tokens or tokens[0] == "The" or re.search(r"\w\.\w", name):
            return False
        if len(tokens) > 1 and _OUTLET_WORD.search(name):
            return False
        if looks_like_organisation(name) or len(tokens) == 1:
            continue  # a body, a surname, or a handle ('zeshen')
        if len(tokens) > 3 or not all(
            is_capitalised(token) or token.lower() in NAME_PARTICLES for token in tokens
        ):
            return False
    return True


def short_form_author_pieces(pieces: list[str]) -> int:
    """'Beech, Mackay, and Wiltgen, Title' -> 3; 'Lindgren, Ronia, the Robber’s Daughter' -> 1."""
    for index in range(1, len(pieces) - 1):
        if _AND_START.match(pieces[index]):
            if all(looks_like_person(piece) for piece in pieces[1:index]):
                return index + 1
            break
    return 1


def _names_a_publisher(piece: str) -> bool:
    return looks_like_organisation(piece) and len(words(piece)) <= 6 and names_one_author(piece)


def _clearly_people(piece: str) -> bool:
    """Several names, or a name with initials: authors even before a publisher's name."""
    return bool(re.search(r"\s(?:and|&)\s|\bet al\b", piece)) or any(
        is_initials(word) for word in words(piece)
    )


def _given_names(piece: str) -> bool:
    """'Ian', 'R.', 'Anne Holden': the given names of an inverted 'Surname, Given'."""
    if is_initials(piece):
        return True
    if not looks_like_person(piece):
        return False
    tokens = words(piece)
    with_initial = any(is_initials(token) for token in tokens)
    return with_initial or (len(tokens) <= 2 and not looks_like_organisation(piece))


def _same_name_style(first: str, piece: str) -> bool:
    """Both carry initials ('I. Karnadi', 'M.O. Tjia') or a surname in capitals ('ACKET Claude')."""
    if not looks_like_person(first) or not looks_like_person(piece):
        return False
    first_style = _name_style(first)
    return any(first_style) and first_style == _name_style(piece)


def _name_style(name: str) -> tuple[bool, bool]:
    tokens = words(name)
    with_initial = any(is_initials(token) for token in tokens) or (
        len(tokens) == 2 and bool(re.fullmatch(r"[A-Z]{1,3}", tokens[0]))
    )  # "M. J. Lindqvist", and PNAS's "MJ Lindqvist"
    with_capitals = any(
        len(token) > 2 and token.isupper() and not is_initials(token) for token in tokens
    )  # "ACKET Claude"; "A.A. Iskandar" has initials only
    return with_initial, with_capitals
