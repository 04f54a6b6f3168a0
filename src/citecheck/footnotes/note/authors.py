"""A note's author part split into one string per person or organisation, as written."""

from __future__ import annotations

import re

from citecheck.footnotes.note.names import (
    is_initials,
    looks_like_organisation,
    words,
)
from citecheck.vocabulary import NAME_PARTICLES

_ROLE = re.compile(
    r"[,;]?\s*\(?\b(?:eds?|editors?|comps?|compilers?|trans|translators?|hrsg|hg|coords?|dirs?|"
    r"orgs?)\b\.?\)?\s*$",
    re.IGNORECASE,
)
_ET_AL = re.compile(r",?\s*(?:et\s+al\b\.?|and\s+others|u\.\s?a\.|\[et\s+al\.?\])\s*", re.I)
_LIST_JOINER = re.compile(r"^(?:and|And|&|et|und|y|e|og|och|en)\s+")
_AND = re.compile(r"\s+(?:and|&)\s+")
_SUFFIX = re.compile(r"^(?:Jr|Sr|II|III|IV)\.?$")
_COMPANY = re.compile(r"\b(?:LLC|Inc|Ltd|GmbH|Co|Corp|Sons|Partners|AG|SA|plc)\b\.?", re.I)
_SLASHED_INVERTED = re.compile(r"^[^/,;]+,[^/,;]+(?:/[^/,;]+,[^/,;]+)+$")
_BARE_INITIALS = re.compile(r"([^\W\d_][^,&;]{0,40}?),\s([A-Z]{1,3})(?=,|\s+(?:&|and)\s|$)")
_BARE_INITIALS_LIST = re.compile(
    r"^[^\W\d_][^,&;]{0,40}?,\s[A-Z]{1,3}"
    r"(?:(?:,\s*(?:&\s*|and\s+)?|\s+(?:&|and)\s+)[^\W\d_][^,&;]{0,40}?,\s[A-Z]{1,3})+$"
)
_HANDLE = re.compile(r"\s*\[@[^\]]*\]")


def split_authors(text: str) -> list[str]:
    """'A and B' / 'A, B, and C' / 'A et al.' / 'Surname, I., & Surname, I.' / 'Org' -> names."""
    cleaned = _strip_roles(text.strip().strip(" ,;:"))
    cleaned = _ET_AL.sub(" ", cleaned).strip(" ,;:")
    # APA 7 lists the first nineteen authors, an ellipsis, then the last: ". . . Okoye, N."
    cleaned = re.sub(r",?\s*(?:\.\s?\.\s?\.|…)\s*", ", ", cleaned).strip(" ,;:")
    if not cleaned:
        return []
    if _BARE_INITIALS_LIST.match(cleaned):
        # Harvard's initials without periods: "Okafor, CN, Lindqvist, M & Brandt, P".
        return [f"{surname}, {initials}" for surname, initials in _BARE_INITIALS.findall(cleaned)]
    if _SLASHED_INVERTED.match(cleaned):
        return [name.strip() for name in cleaned.split("/")]  # "Schöler, Jutta/Merz, Kerstin"
    inverted = _inverted_pairs(_comma_pieces(cleaned))
    if inverted is not None:
        return inverted
    if ";" in cleaned:
        pieces = [piece.strip() for piece in cleaned.split(";")]
    else:
        pieces = _comma_pieces(cleaned)
    if _inverted_single_name(pieces, cleaned):
        return [cleaned]  # "Levy, Steven": one person, family name first
    if _inverted_first_of_several(pieces):
        # Chicago and MLA bibliographies invert only the first name: "Okafor, Chidi, and Maja
        # Lindqvist".
        pieces = [f"{pieces[0].strip()}, {pieces[1].strip()}", *pieces[2:]]
    names: list[str] = []
    for piece in pieces:
        piece = _LIST_JOINER.sub("", piece.strip()).strip(" ,")
        if not piece:
            continue
        if names and piece[:1].islower() and words(piece)[0] not in NAME_PARTICLES:
            names[-1] = f"{names[-1]}, {piece}"  # "Company, the Board of Control, or other ..."
            continue
        for part in _split_on_and(piece):
            if names and (is_initials(part) or _SUFFIX.match(part)):
                names[-1] = f"{names[-1]}, {part}"  # "Solon, G." or "King, Jr." belong together
            else:
                names.append(part)
    return [name for name in (n.strip(" ,") for n in names) if name]


def author_block(text: str) -> str:
    """The author part without the stops around it, keeping the period of a final initial."""
    text = re.sub(r"(?:\s*[.,;:])+\s*$", lambda m: "." if "." in m.group(0) else "", text.strip())
    text = text.strip(" ,;:")
    if text.endswith(".") and not re.search(r"(?:^|[\s.,-])[^\W\d_]\.$", text):
        text = text[:-1]
    return text.strip(" ,;:")


# "Sarang and Jain": the given names of one inverted name, a joiner, the next one's surname.
GIVEN_THEN_SURNAME = re.compile(
    r"\s*(?P<given>\S.*?)\s+(?:and|et|und|y|e|&)\s+(?P<surname>[^\s,]+)\s*"
)


def inverted_given_names(piece: str) -> bool:
    """'Sarang', 'Anne Holden', 'M. J.': the given names after an inverted surname."""
    tokens = words(piece)
    if is_initials(piece.strip()):
        return True
    return (
        1 <= len(tokens) <= 3
        and all(token[:1].isupper() for token in tokens)
        and not looks_like_organisation(piece)
    )


def _inverted_pairs(pieces: list[str]) -> list[str] | None:
    """SSRN's and some European lists' names all inverted, joined by a word: 'Deo, Sarang and
    Jain, Aditya', 'Lévesque, Kathleen et Gagnon, Katia' -> one name each."""
    if len(pieces) < 3 or len(words(pieces[0])) != 1:
        return None
    names: list[str] = []
    surname = pieces[0].strip()
    for middle in pieces[1:-1]:
        match = GIVEN_THEN_SURNAME.fullmatch(middle)
        if match is None or not inverted_given_names(match.group("given")):
            return None
        names.append(f"{surname}, {match.group('given')}")
        surname = match.group("surname")
    if not inverted_given_names(pieces[-1]):
        return None
    names.append(f"{surname}, {pieces[-1].strip()}")
    return names


def _inverted_single_name(pieces: list[str], text: str) -> bool:
    if len(pieces) != 2 or _AND.search(text) or len(words(pieces[0])) != 1:
        return False
    given = words(pieces[1])
    return 1 <= len(given) <= 3 and all(word[:1].isupper() for word in given)


def _inverted_first_of_several(pieces: list[str]) -> bool:
    """'Okafor', 'Chidi', 'and Maja Lindqvist': a surname, given names, then names written
    given name first. A list of surnames ('Beech, Mackay, and Wiltgen') is not one."""
    if len(pieces) < 3 or len(words(pieces[0])) != 1 or _AND.search(pieces[1]):
        return False
    given = words(pieces[1])
    if not 1 <= len(given) <= 3 or is_initials(pieces[1]) or looks_like_organisation(pieces[1]):
        return False
    if not all(word[:1].isupper() for word in given):
        return False
    later = [_LIST_JOINER.sub("", piece.strip()) for piece in pieces[2:]]
    return all(len(words(name)) >= 2 and not _AND.search(name) for name in later)


def surname_of(name: str) -> str:
    """The family name: 'Kay Johnson' -> 'Johnson', 'Solon, G.' -> 'Solon', 'Liu S' -> 'Liu'."""
    name = _HANDLE.sub("", name).strip()
    if "," in name:
        return name.split(",")[0].strip()
    tokens = [token for token in words(name) if not _SUFFIX.match(token)]
    if not tokens:
        return name
    if len(tokens) > 1 and re.fullmatch(r"[A-Z]{1,3}\.?", tokens[-1]):
        return " ".join(tokens[:-1])  # Vancouver order: surname, then initials
    return tokens[-1]


def _strip_roles(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _ROLE.sub("", text).strip()
    return text


def _comma_pieces(text: str) -> list[str]:
    pieces: list[str] = []
    depth = 0
    current = ""
    for char in text:
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        if char == "," and depth == 0:
            pieces.append(current)
            current = ""
        else:
            current += char
    pieces.append(current)
    return pieces


def _split_on_and(piece: str) -> list[str]:
    parts = _AND.split(piece)
    if len(parts) == 1:
        return parts
    names = [parts[0]]
    for joiner, part in zip(_AND.findall(piece), parts[1:], strict=True):
        left = names[-1]
        if _one_body(left, joiner.strip(), part):
            names[-1] = f"{left}{joiner}{part}"
        else:
            names.append(part)
    return names


def _one_body(left: str, joiner: str, right: str) -> bool:
    """'Ministry of Information and Broadcasting', 'Merck Sharp & Dohme LLC' name one body."""
    if " of " in left and len(words(right)) <= 2 and not looks_like_organisation(right):
        return True
    single_words = len(words(left)) == len(words(right)) == 1 and not is_initials(left)
    return joiner == "&" and (bool(_COMPANY.search(right)) or single_words)
