"""A journal's or publication's name without the volume, issue, pages and dates written after it:
'Arthritis Res Ther 6: R161-168' -> 'Arthritis Res Ther', 'RFID J. (October 30)' -> 'RFID J.',
'Am J Phys Med Rehabil 2010;89(6)' -> 'Am J Phys Med Rehabil'; and a name abbreviated word by
word ('J. Appl. Microbiol. 33, 118–125') read as one name, not as sentences."""

from __future__ import annotations

import re

from citecheck.footnotes.note.dates import MONTHS

# Words that only label the numbers around them; the short ones only as abbreviations ("Art."
# is an article number, "Art" a word of the name).
_NUMBER_WORDS = frozenset(
    """vol vols volume pp n° issue pages page supplement article cited heft""".split()  # noqa: SIM905
)
_NUMBER_ABBREVIATIONS = frozenset("""no nos nr iss p suppl art bd jg t s e""".split())  # noqa: SIM905
_TOKEN_EDGES = "()[]{},;:/–—-*"


def journal_name_only(name: str) -> str:
    """Drop the trailing run of numbered tokens ('7(1):', '32—37', '2003') and the words that
    label them ('vol.', 'May'), keeping at least the first word of the name."""
    tokens = re.sub(r"(?<=\w)\(", " (", name).split()  # "May(26)": a month, then a day
    keep = len(tokens)
    while keep > 1 and _is_numbering(tokens[keep - 1]):
        keep -= 1
    if keep == len(tokens):
        return name
    return " ".join(tokens[:keep]).rstrip(" ,;:(–—-[")


def _is_numbering(token: str) -> bool:
    bare = token.strip(_TOKEN_EDGES)
    if not bare:
        return True
    if any(char.isdigit() for char in bare):
        # "R161-168", "2010;89(6)" and DOIs are numbering; "RNTI-E-3" names a series.
        letters = sum(char.isalpha() for char in bare)
        return letters <= 2 or "/" in bare
    word = bare.lower()
    if word.endswith(".") and word.rstrip(".") in _NUMBER_ABBREVIATIONS:
        return True
    word = word.rstrip(".")
    return word in _NUMBER_WORDS or word in MONTHS


def is_day_and_month(text: str) -> bool:
    """'26 August', 'January 24', 'March 2–28': a date without its year, never a publication."""
    match = re.fullmatch(
        r"\s*(?:(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.)?\s+(?P<m1>[^\W\d_]+)\.?"
        r"|(?P<m2>[^\W\d_]+)\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?)\s*[.,]?\s*",
        text,
    )
    if match is None:
        return False
    month = (match.group("m1") or match.group("m2") or "").lower()
    return month in MONTHS


# One piece of an abbreviated journal name that a sentence split cut off: "Nat.", "J. Appl.",
# "Natl Acad.", "Sci. & Technol." — capitalised words, the last one abbreviated, no numbers.
_ABBREVIATED_PIECE = re.compile(r"^(?:[A-Z][^\W\d_]{0,11}\.?\s(?:&\s)?){0,2}[A-Z][^\W\d_]{0,11}\.$")
# What follows the name: its volume, year or pages ("7, 45–61 (2018)", "2014;33(2):118-25",
# "Technol., 44:24: 9535").
_NAME_THEN_NUMBERS = re.compile(r"^(?:(?:[A-Z][^\W\d_]*\.?,?|&)\s+){0,3}\(?\d")


def abbreviated_journal(pieces: list[str]) -> str | None:
    """The journal part of a reference when its name is abbreviated with periods (ISO 4, as
    Nature, Elsevier and Vancouver lists write it: 'Nat. Clim. Change 7, 45–61 (2018).',
    'J. Appl. Microbiol. 2014;33:118-25.'): the leading `pieces` (sentences) that are
    abbreviated words, joined up to the numbers that follow the name; None otherwise."""
    count = 0
    while count < len(pieces) and _ABBREVIATED_PIECE.match(pieces[count]):
        count += 1
    if count == 0 or count >= len(pieces) or not _NAME_THEN_NUMBERS.match(pieces[count]):
        return None
    if count == 1 and pieces[count][:1].isdigit():
        return None  # "Lancet. 2018;391": one sentence names the journal already
    return " ".join(pieces[: count + 1])
