"""The title check: the cited title against every title candidate the page offers.

Scoring, and why:
- Both sides are normalized (typography, case, Unicode) and known site names are cut off their
  ends ("... | Reuters", "Dawn - ..."), so a site name never counts for or against a match.
- `fuzz.ratio` on the remaining words is the base score: it punishes extra and missing words
  alike, so another page of the same site that shares a few words scores low.
- A subtitle or an unknown site/section name is forgiven only when it is a whole segment
  (after ": ", " | ", " - ", or in trailing parentheses) that ONE side has and the other lacks:
  the shorter side must then equal the remaining segments. Cutting both sides would let
  "Floods: the toll" match "Floods: the response".
- `token_set_ratio` (words added anywhere, word order) is used only when every word of the
  shorter title is in the longer one, the shorter has at least `_MIN_WORDS_FOR_TOKEN_SET` words
  and at least half as many as the longer: "Pakistan" must not match every title mentioning it.

A page title with German umlauts or ß is also compared as typed without them ("Brücke" as
"Bruecke"); dropping the marks ("Brucke") is already folded away with other diacritics.

A cited title cut short with an ellipsis ("Las trabas del Congreso: discusión parlamentaria
sobre …", as search results and browser tabs show long titles) is compared with the start of each
candidate, as long as the part kept has at least `_MIN_CUT_SHORT_WORDS` words and
`_MIN_CUT_SHORT_CHARS` characters: "Pakistan …" would match any title that opens with it. Only
a start that passes (`title_pass`) counts: comparing two equally long pieces forgives what a
whole-title score would not, so a near miss is scored the usual way. The reason says that the
cited title was cut short.

Mixed evidence is a warning, not a failure (a correct citation that fails is worse than one that
warns): below `title_warn`, a candidate that still scores at least `_WEAK_SCORE` (above what
unrelated titles reach) and shares at least half of the distinctive words of each side with the
cited title is partial support ("Dockers accept revised offer and end the harbour strike" and
"Harbour strike ends as dockers accept revised pay offer": a reworded headline). The check warns
and its reason names the cited title, that candidate and, when the page's main title (its first
candidate) is another, that one too; so does a partial match between the thresholds. Distinctive
words are words of letters only, at least `_MIN_WORD_CHARS` long, so that "a", "the", "in" and
years do not count; another story of the same site on the same topic shares fewer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from citecheck.match.evidence import clip, quote
from citecheck.match.normalize import comparison_key, normalize, segments, strip_site_names
from citecheck.models import Check, CheckName, CheckStatus, Found
from citecheck.settings import MatchSettings

_MIN_WORDS_FOR_TOKEN_SET = 6
_MIN_CUT_WORDS = 2  # a cut that leaves one word ("Pakistan") is too vague to stand for a title
_MIN_CUT_CHARS = 8
_MAX_SEGMENTS = 8  # more than this is a breadcrumb or junk, not a title with a subtitle
_MAX_CANDIDATES = 25
# Partial support below `title_warn` (see the module docstring).
_WEAK_SCORE = 50.0
_MIN_SHARED_WORDS = 2
_MIN_SHARED_SHARE = 0.5
_MIN_WORD_CHARS = 4
_SUBTITLE = re.compile(r":\s+")
_TRAILING_PARENTHESES = re.compile(r"\s*\([^()]*\)$")
# A title cut short: it ends in an ellipsis ("…", "...", "[…]").
_CLOSING_ELLIPSIS = re.compile(r"\s*(?:\[\s*)?(?:\u2026|\.{3})(?:\s*\])?\s*$")
# German umlauts and ß as typed on a keyboard without them (DIN 5007-2).
_UMLAUTS_TYPED = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)
_MIN_CUT_SHORT_WORDS = 4
_MIN_CUT_SHORT_CHARS = 20


@dataclass(frozen=True)
class TitleScore:
    """The best pairing of the cited title with one page candidate."""

    score: float
    candidate: Found
    cut_short: bool = False  # the score compares a cited title cut short with the title's start


def _scores(
    cited: str, candidates: Sequence[Found], names: list[str], pass_at: float
) -> list[TitleScore]:
    """Each comparable candidate's score, in the page's order (its main title first)."""
    cited_base = strip_site_names(normalize(cited), names)
    if not comparison_key(cited_base):
        return []
    head = _cut_short_head(cited, names)
    scores: list[TitleScore] = []
    for candidate in candidates[:_MAX_CANDIDATES]:
        best: TitleScore | None = None
        for spelling in _spellings(candidate.value):
            page_base = strip_site_names(normalize(spelling), names)
            if not comparison_key(page_base):
                continue
            score = round(_pair_score(cited_base, page_base), 1)
            start = round(_start_score(head, page_base), 1) if head else 0.0
            scored = (
                TitleScore(score=start, candidate=candidate, cut_short=True)
                if start > score and start >= pass_at
                else TitleScore(score=score, candidate=candidate)
            )
            if best is None or scored.score > best.score:
                best = scored
        if best is not None:
            scores.append(best)
    return scores


def _spellings(title: str) -> list[str]:
    """The title as the page writes it and, when it has German umlauts or ß, as they are typed
    without them ("Brücke" as "Bruecke", "groß" as "gross")."""
    typed = title.translate(_UMLAUTS_TYPED)
    return [title] if typed == title else [title, typed]


def _cut_short_head(cited: str, names: list[str]) -> str | None:
    """The comparison key of what is left of a title cut short with an ellipsis, when enough is
    left to stand for one title (see the module docstring); else None."""
    ending = _CLOSING_ELLIPSIS.search(cited)
    if ending is None:
        return None
    head = comparison_key(strip_site_names(normalize(cited[: ending.start()]), names))
    if len(head.split()) < _MIN_CUT_SHORT_WORDS or len(head) < _MIN_CUT_SHORT_CHARS:
        return None
    return head


def _start_score(head: str, page: str) -> float:
    """How well a cut-short cited title matches the start of a longer page title."""
    page_key = comparison_key(page)
    if len(page_key) <= len(head):
        return 0.0
    return float(fuzz.ratio(head, page_key[: len(head)]))


def check_title(
    cited: str | None,
    candidates: Sequence[Found],
    site_names: Iterable[str],
    settings: MatchSettings,
) -> Check:
    if not cited or not comparison_key(cited):
        return Check(
            name=CheckName.TITLE, status=CheckStatus.SKIP, reason="the citation has no title"
        )
    if not candidates:
        return Check(
            name=CheckName.TITLE,
            status=CheckStatus.SKIP,
            expected=cited,
            reason="no title found on the page",
        )
    names = list(site_names)
    scores = _scores(cited, candidates, names, settings.title_pass)
    if not scores:
        return Check(
            name=CheckName.TITLE,
            status=CheckStatus.SKIP,
            expected=cited,
            reason="no usable title found on the page",
        )
    main = scores[0]
    best = max(scores, key=lambda scored: scored.score)
    start = "the start of " if best.cut_short else ""
    if best.score >= settings.title_pass:
        status, reason = CheckStatus.PASS, f"title matches {start}{_shown(best)}"
    elif best.score >= settings.title_warn:
        status, reason = CheckStatus.WARN, f"title only partly matches {start}{_shown(best)}"
        if best is not main:
            reason += f"; the page's main title is {_shown(main)}"
    elif support := _shared_words_support(cited, scores, names):
        best, status = support, CheckStatus.WARN
        reason = (
            f"title only partly matches: the cited {quote(cited)} shares most of its words with "
            f"{_shown(support)}"
        )
        if support is not main:
            reason += f"; the page's main title is {_shown(main)}"
    else:
        status, reason = CheckStatus.FAIL, f"title does not match {_shown(best)}"
    if best.cut_short and status is not CheckStatus.FAIL:
        reason += f" (the cited {quote(cited)} is cut short)"
    return Check(
        name=CheckName.TITLE,
        status=status,
        score=best.score,
        expected=cited,
        found=clip(best.candidate.value),
        source=best.candidate.source,
        reason=reason,
    )


def _shown(scored: TitleScore) -> str:
    """(score 53) “A candidate” from h1"""
    return (
        f"(score {scored.score:.0f}) {quote(scored.candidate.value)} from {scored.candidate.source}"
    )


def _shared_words_support(
    cited: str, scores: Sequence[TitleScore], names: list[str]
) -> TitleScore | None:
    """The first candidate (best first) that partly supports the cited title: it scores at least
    `_WEAK_SCORE` and each side has at least half of its distinctive words in the other."""
    cited_words = _distinctive_words(cited, names)
    for scored in sorted(scores, key=lambda item: -item.score):
        if scored.score < _WEAK_SCORE:
            break
        for spelling in _spellings(scored.candidate.value):
            page_words = _distinctive_words(spelling, names)
            shared = len(cited_words & page_words)
            if (
                shared >= _MIN_SHARED_WORDS
                and shared >= _MIN_SHARED_SHARE * len(cited_words)
                and shared >= _MIN_SHARED_SHARE * len(page_words)
            ):
                return scored
    return None


def _distinctive_words(title: str, names: list[str]) -> set[str]:
    key = comparison_key(strip_site_names(normalize(title), names))
    return {word for word in key.split() if len(word) >= _MIN_WORD_CHARS and word.isalpha()}


def _pair_score(cited: str, page: str) -> float:
    cited_key, page_key = comparison_key(cited), comparison_key(page)
    best = max(fuzz.ratio(cited_key, page_key), _guarded_token_set(cited_key, page_key))
    # Forgive a whole subtitle or site segment on one side only (see the module docstring).
    for cut in _cuts(page):
        best = max(best, fuzz.ratio(cited_key, cut))
    for cut in _cuts(cited):
        best = max(best, fuzz.ratio(cut, page_key))
    return float(best)


def _guarded_token_set(first: str, second: str) -> float:
    """Words added anywhere to a long title (an "Exclusive:", a trailing clause) are forgiven."""
    shorter, longer = sorted((first.split(), second.split()), key=len)
    if len(shorter) < _MIN_WORDS_FOR_TOKEN_SET or len(shorter) * 2 < len(longer):
        return 0.0
    # Only pure additions: a replaced word ("battle" for "branding war") must cost points.
    if not set(shorter) <= set(longer):
        return 0.0
    return float(fuzz.token_set_ratio(first, second))


def _cuts(title: str) -> set[str]:
    """Comparison keys of the title with whole leading/trailing segments removed."""
    variants: set[str] = set()
    parts = segments(title)
    if 1 < len(parts) <= _MAX_SEGMENTS:
        for start in range(len(parts)):
            for end in range(start + 1, len(parts) + 1):
                if (start, end) != (0, len(parts)):
                    variants.add(comparison_key(" ".join(parts[start:end])))
    for part in [title, *parts]:
        subtitle_parts = _SUBTITLE.split(part, maxsplit=1)
        if len(subtitle_parts) == 2:
            variants.update(comparison_key(piece) for piece in subtitle_parts)
        without_parentheses = _TRAILING_PARENTHESES.sub("", part)
        if without_parentheses != part:
            variants.add(comparison_key(without_parentheses))
    whole = comparison_key(title)
    return {
        variant
        for variant in variants
        if variant != whole
        and len(variant.split()) >= _MIN_CUT_WORDS
        and len(variant) >= _MIN_CUT_CHARS
    }
