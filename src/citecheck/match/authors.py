"""The authors check: cited surnames against the page's bylines, in any order.

People are compared by surname, because citations shorten given names ("Kay Johnson",
"Johnson, K.") and bylines add titles and prefixes ("By Kay Johnson"). Diacritics, hyphens and
particles are folded: "Zahra-Malik" ~ "Zahra Malik", "van der Berg" ~ "Berg". Organisations
("Reuters Staff", "National Counterterrorism Center") are compared by their whole name.

A cited string with several people in it ("A / B", "A and B") is checked person by person
(see `author_names.py`). A byline also confirms a cited person when it is that person's whole
name inside a longer cited credit ("Camila Méndez en Territorio" ~ "Camila Méndez") or their
initials ("DT" ~ "Donald Townsend"): sites sign that way.

Some cited credits name no one the page could confirm: a desk ("Staff", "Redaktion") or the
site itself ("Greator" on greator.com, "Teufel Blog Redaktion" on teufel.de). They are set
aside rather than counted missing; the publisher check covers the site.

Bylines are unreliable (wire credits, CMS accounts, missing markup), so this check never fails:
missing or mismatched authors are a warning, and a page without author data, or whose bylines
only credit its own site or a desk, is skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from citecheck.match.author_names import (
    CitedAuthor,
    SiteNames,
    contains_words,
    is_generic_credit,
    is_initials_of,
    looks_like_organisation,
    organisation_core,
    parse_author,
    split_names,
)
from citecheck.match.evidence import REASON_LIMIT, clip
from citecheck.match.normalize import comparison_key, squash
from citecheck.models import Check, CheckName, CheckStatus, Found

_ORGANISATION_MATCH = 90.0
# Surnames this close are one name spelt two ways ("Ilina" / "Illina", transliterations).
_SURNAME_MATCH = 85.0
_FUZZY_SURNAME_MIN_LENGTH = 5
# A byline found inside a cited credit must be a whole name, not one common word.
_MIN_NAME_WORDS = 2


@dataclass
class AuthorTally:
    """Each cited author sorted by what the page says about them."""

    matched: list[CitedAuthor] = field(default_factory=list)
    missing: list[CitedAuthor] = field(default_factory=list)
    set_aside: list[CitedAuthor] = field(default_factory=list)  # desks, the site itself

    @property
    def compared(self) -> int:
        return len(self.matched) + len(self.missing)


def matches(author: CitedAuthor, byline: str) -> bool:
    if author.is_organisation:
        return _organisations_match(author.name, byline)
    byline_words = set(comparison_key(byline).split())
    if author.surname <= byline_words:
        return True
    if all(_close_to_any(word, byline_words) for word in author.surname):
        return True
    if squash(byline) == squash(author.name):  # a user name: "arianschlichenmayer"
        return True
    if _byline_is_name_inside_credit(author, byline):
        return True
    return is_initials_of(byline, author) or _byline_is_part_of_name(author, byline_words)


def _organisations_match(cited: str, byline: str) -> bool:
    if squash(cited) == squash(byline):
        return True
    cited_key, byline_key = comparison_key(cited), comparison_key(byline)
    if fuzz.ratio(cited_key, byline_key) >= _ORGANISATION_MATCH:
        return True
    core = organisation_core(cited)
    if core and core == organisation_core(byline):  # "Reuters Staff" ~ "Reuters"
        return True
    # One name is a whole part of the other: "service reports" ~ "news service reports".
    shorter, longer = sorted((cited_key, byline_key), key=len)
    return len(shorter.split()) >= _MIN_NAME_WORDS and contains_words(longer, shorter)


def _close_to_any(surname_word: str, byline_words: set[str]) -> bool:
    if len(surname_word) < _FUZZY_SURNAME_MIN_LENGTH:
        return False
    return any(fuzz.ratio(surname_word, word) >= _SURNAME_MATCH for word in byline_words)


def _byline_is_name_inside_credit(author: CitedAuthor, byline: str) -> bool:
    """A full byline name ("Amber Guetebier") inside a longer cited credit ("... Shares")."""
    byline_key = comparison_key(byline)
    if len(byline_key.split()) < _MIN_NAME_WORDS or looks_like_organisation(byline):
        return False
    return contains_words(author.key, byline_key)


def _byline_is_part_of_name(author: CitedAuthor, byline_words: set[str]) -> bool:
    """A one-word byline ("Nils") that the cited name contains ("Nils Pickert")."""
    cited_words = set(author.key.split())
    return (
        len(byline_words) == 1 and len(next(iter(byline_words))) >= 3 and byline_words < cited_words
    )


def cited_authors(cited: Sequence[str]) -> list[CitedAuthor]:
    """Every person (or organisation) the citation names, one per entry."""
    return [
        parsed for entry in cited for part in split_names(entry) if (parsed := parse_author(part))
    ]


def tally(authors: Sequence[CitedAuthor], bylines: Sequence[Found], site: SiteNames) -> AuthorTally:
    result = AuthorTally()
    for author in authors:
        if any(matches(author, found.value) for found in bylines):
            result.matched.append(author)
        elif _names_no_one_checkable(author, site):
            result.set_aside.append(author)
        else:
            result.missing.append(author)
    return result


def _names_no_one_checkable(author: CitedAuthor, site: SiteNames) -> bool:
    if is_generic_credit(author.name) or site.is_named(author.name):
        return True
    # "Teufel Blog Redaktion": an organisation credit carrying the site's own name.
    return author.is_organisation and site.is_mentioned(author.name)


def check_authors(
    cited: Sequence[str], page_authors: Sequence[Found], site_names: Iterable[str] = ()
) -> Check:
    """`site_names`: the page's own names (site, publisher, domain); a byline of those only is
    the publisher taking credit, which says nothing about the cited person."""
    authors = cited_authors(cited)
    if not authors:
        return Check(
            name=CheckName.AUTHORS, status=CheckStatus.SKIP, reason="the citation names no authors"
        )
    expected = "; ".join(author.display for author in authors)
    bylines = [found for found in page_authors if comparison_key(found.value)]
    if not bylines:
        return Check(
            name=CheckName.AUTHORS,
            status=CheckStatus.SKIP,
            expected=expected,
            reason="not found: no author named on the page",
        )
    site = SiteNames.of(site_names)
    found_text = clip("; ".join(found.value for found in bylines))
    shown = clip(found_text, REASON_LIMIT)
    sources = ", ".join(dict.fromkeys(found.source for found in bylines))

    def skipped(reason: str) -> Check:
        return Check(
            name=CheckName.AUTHORS,
            status=CheckStatus.SKIP,
            expected=expected,
            found=found_text,
            source=sources,
            reason=reason,
        )

    counts = tally(authors, bylines, site)
    if not counts.compared:
        credits = clip(", ".join(author.display for author in counts.set_aside), REASON_LIMIT)
        return skipped(f"not compared: the citation credits a desk or the site itself ({credits})")
    if not counts.matched and _only_the_publisher(counts.missing, bylines, site):
        return skipped(
            f"not found: the page credits only its publisher or an organisation ({shown})"
        )
    score = round(100.0 * len(counts.matched) / counts.compared, 1)
    if not counts.missing:
        status = CheckStatus.PASS
        reason = f"authors match: {shown} from {sources}"
    elif counts.matched:
        status = CheckStatus.WARN
        names = ", ".join(author.display for author in counts.missing)
        reason = f"some cited authors are not on the page: {names} (page names {shown})"
    else:
        status = CheckStatus.WARN
        reason = f"none of the cited authors is on the page, which names {shown} ({sources})"
    return Check(
        name=CheckName.AUTHORS,
        status=status,
        score=score,
        expected=expected,
        found=found_text,
        source=sources,
        reason=reason,
    )


def _only_the_publisher(
    authors: Sequence[CitedAuthor], bylines: Sequence[Found], site: SiteNames
) -> bool:
    """Every byline is an organisation, a desk or the site itself ("OÖ Volksblatt")."""
    if any(author.is_organisation for author in authors):
        return False  # an organisation was cited: comparing it with the byline is meaningful
    return all(
        looks_like_organisation(found.value) or site.is_mentioned(found.value) for found in bylines
    )
