"""The authors check: cited surnames against the page's bylines, in any order.

People are compared by surname, because citations shorten given names ("Kay Johnson",
"Johnson, K.") and bylines add titles and prefixes ("By Kay Johnson"). Diacritics, hyphens and
particles are folded: "Zahra-Malik" ~ "Zahra Malik", "van der Berg" ~ "Berg". Organisations
("Reuters Staff", "National Counterterrorism Center") are compared by their whole name.

Bylines are unreliable (wire credits, CMS accounts, missing markup), so this check never fails:
missing or mismatched authors are a warning, and a page without author data is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from citecheck.match.evidence import REASON_LIMIT, clip
from citecheck.match.normalize import comparison_key, squash
from citecheck.models import Check, CheckStatus, Found

_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "du", "la"}
    | {"le", "al", "el", "bin", "ibn", "ben", "ter", "ten", "zu", "y", "e"}
)
_SUFFIXES = re.compile(r"[,\s]+(jr|sr|ii|iii|iv|phd|md)\.?$", re.IGNORECASE)
# Words that make a cited "author" an organisation, compared by its whole name.
_ORGANISATION_WORDS = frozenset(
    {"agency", "association", "board", "bureau", "center", "centre", "college", "commission"}
    | {"committee", "corporation", "council", "department", "foundation", "government", "group"}
    | {"inc", "institute", "institution", "league", "limited", "ltd", "ministry", "news"}
    | {"office", "organisation", "organization", "press", "project", "service", "society"}
    | {"staff", "university"}
)
_ORGANISATION_MATCH = 90.0
# Surnames this close are one name spelt two ways ("Ilina" / "Illina", transliterations).
_SURNAME_MATCH = 85.0
_FUZZY_SURNAME_MIN_LENGTH = 5


@dataclass(frozen=True)
class CitedAuthor:
    """One cited name and the words that must appear in a byline for it to match."""

    name: str
    is_organisation: bool
    surname: frozenset[str]  # folded surname words, particles removed

    @property
    def display(self) -> str:
        return self.name.strip()


def parse_author(name: str) -> CitedAuthor | None:
    """Read a cited name; None when nothing comparable is left (e.g. only punctuation)."""
    cleaned = _SUFFIXES.sub("", name.strip())
    if not comparison_key(cleaned):
        return None
    if _looks_like_organisation(cleaned):
        return CitedAuthor(name=name, is_organisation=True, surname=frozenset())
    surname_words = set(comparison_key(_surname_text(cleaned)).split())
    # A surname made only of particles ("Thi Le") keeps them: there is nothing else to compare.
    surname = (surname_words - _PARTICLES) or surname_words or set(comparison_key(cleaned).split())
    return CitedAuthor(name=name, is_organisation=False, surname=frozenset(surname))


def matches(author: CitedAuthor, byline: str) -> bool:
    if author.is_organisation:
        if squash(author.name) == squash(byline):
            return True
        score = fuzz.ratio(comparison_key(author.name), comparison_key(byline))
        return score >= _ORGANISATION_MATCH
    byline_words = set(comparison_key(byline).split())
    if author.surname <= byline_words:
        return True
    if all(_close_to_any(word, byline_words) for word in author.surname):
        return True
    if squash(byline) == squash(author.name):  # a user name: "arianschlichenmayer"
        return True
    return _byline_is_part_of_name(author, byline_words)


def _close_to_any(surname_word: str, byline_words: set[str]) -> bool:
    if len(surname_word) < _FUZZY_SURNAME_MIN_LENGTH:
        return False
    return any(fuzz.ratio(surname_word, word) >= _SURNAME_MATCH for word in byline_words)


def _byline_is_part_of_name(author: CitedAuthor, byline_words: set[str]) -> bool:
    """A one-word byline ("Nils") that the cited name contains ("Nils Pickert")."""
    cited_words = set(comparison_key(author.name).split())
    return (
        len(byline_words) == 1 and len(next(iter(byline_words))) >= 3 and byline_words < cited_words
    )


def check_authors(
    cited: Sequence[str], page_authors: Sequence[Found], site_names: Iterable[str] = ()
) -> Check:
    """`site_names`: the page's own names (site, publisher, domain); a byline of those only is
    the publisher taking credit, which says nothing about the cited person."""
    authors = [parsed for name in cited if (parsed := parse_author(name))]
    if not authors:
        return Check(
            name="authors", status=CheckStatus.SKIP, reason="the citation names no authors"
        )
    expected = "; ".join(author.display for author in authors)
    bylines = [found for found in page_authors if comparison_key(found.value)]
    if not bylines:
        return Check(
            name="authors",
            status=CheckStatus.SKIP,
            expected=expected,
            reason="not found: no author named on the page",
        )
    found_text = clip("; ".join(found.value for found in bylines))
    shown = clip(found_text, REASON_LIMIT)
    sources = ", ".join(dict.fromkeys(found.source for found in bylines))
    matched: list[CitedAuthor] = []
    missing: list[CitedAuthor] = []
    for author in authors:
        hit = any(matches(author, found.value) for found in bylines)
        (matched if hit else missing).append(author)
    score = round(100.0 * len(matched) / len(authors), 1)
    if not matched and _only_the_publisher(authors, bylines, site_names):
        return Check(
            name="authors",
            status=CheckStatus.SKIP,
            expected=expected,
            found=found_text,
            source=sources,
            reason=f"not found: the page credits only its publisher or an organisation ({shown})",
        )
    if not missing:
        status = CheckStatus.PASS
        reason = f"authors match: {shown} from {sources}"
    elif matched:
        status = CheckStatus.WARN
        names = ", ".join(author.display for author in missing)
        reason = f"some cited authors are not on the page: {names} (page names {shown})"
    else:
        status = CheckStatus.WARN
        reason = f"none of the cited authors is on the page, which names {shown} ({sources})"
    return Check(
        name="authors",
        status=status,
        score=score,
        expected=expected,
        found=found_text,
        source=sources,
        reason=reason,
    )


def _only_the_publisher(
    authors: Sequence[CitedAuthor], bylines: Sequence[Found], site_names: Iterable[str]
) -> bool:
    if any(author.is_organisation for author in authors):
        return False  # an organisation was cited: comparing it with the byline is meaningful
    own_names = {squash(name) for name in site_names if squash(name)}
    return all(
        _looks_like_organisation(found.value) or squash(found.value) in own_names
        for found in bylines
    )


def _surname_text(name: str) -> str:
    if "," in name:  # "Zahra-Malik, Mehreen": the surname comes first
        return name.split(",", 1)[0]
    return name.split()[-1]


def _looks_like_organisation(name: str) -> bool:
    words = comparison_key(name).split()
    return bool(_ORGANISATION_WORDS.intersection(words)) or len(words) >= 5
