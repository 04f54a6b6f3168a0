"""The kinds of problem a result can show, for the formats that file each under a rule.

Code scanning (SARIF) and GitHub annotations group findings by kind and severity. A citation
that is not verified has exactly one kind, told by its status and, for a failure, by which
check failed: a dead link and a cited title that the page contradicts call for different
fixes.
"""

from __future__ import annotations

from dataclasses import dataclass

from citecheck.models import CheckStatus, CitationResult, Status


@dataclass(frozen=True)
class ProblemKind:
    id: str  # the SARIF ruleId, stable across versions
    name: str  # PascalCase, as SARIF's reportingDescriptor.name
    level: str  # SARIF level: error | warning | note
    short: str  # one line
    full: str  # what it means
    help: str  # what to do


DEAD_LINK = ProblemKind(
    "dead-link",
    "DeadLink",
    "error",
    "The cited URL does not lead to the source",
    "Fetching the cited URL failed for good: a 4xx status such as 404 or 410, a server error "
    "that lasted through the retries, an unknown host, a refused or broken connection, or "
    "too many redirects.",
    "Open the URL. If the source moved, cite its new address; if it is gone, cite an archived "
    "copy in archive_url (for example from the Wayback Machine) or drop the url.",
)
TITLE_MISMATCH = ProblemKind(
    "title-mismatch",
    "TitleMismatch",
    "error",
    "The page's title does not match the cited title",
    "The page was fetched, but the best title found on it scores below the warning threshold "
    "against the cited title: the URL may lead to a different article.",
    "Check that the URL is the cited article and that the cited title is spelled as "
    "published; correct whichever is wrong.",
)
DATE_MISMATCH = ProblemKind(
    "date-mismatch",
    "DateMismatch",
    "error",
    "The page's date contradicts the cited date",
    "The page states a publication date clearly different from the cited date.",
    "Check the cited date against the source and correct it, or cite the right version of "
    "the page.",
)
FIELD_MISMATCH = ProblemKind(
    "field-mismatch",
    "FieldMismatch",
    "error",
    "The page contradicts the citation",
    "A field of the citation (authors, publisher or another) is contradicted by the page.",
    "Compare the citation's fields with the source and correct the one named in the message.",
)
WEAK_MATCH = ProblemKind(
    "weak-match",
    "WeakMatch",
    "warning",
    "The page matches the citation only loosely",
    "The page answered, but a check is uncertain: a title between the thresholds, a date a "
    "day off, authors or publisher not found as cited, no title to compare, or an archive "
    "copy standing in for a dead URL.",
    "Read the reasons; fix the citation where it is wrong, or accept the warning.",
)
BLOCKED = ProblemKind(
    "blocked",
    "Blocked",
    "note",
    "The source refused to be checked",
    "The site answered 401, 403, 429 or similar, a bot challenge, or a paywall: the source "
    "may be fine, but citecheck could not look.",
    "Check the source by hand, or cite an archived copy in archive_url that can be checked.",
)
UNVERIFIABLE = ProblemKind(
    "unverifiable",
    "Unverifiable",
    "note",
    "The citation could not be checked",
    "There was nothing to compare: no URL, a timeout, the network down, an empty or "
    "script-only page, or a document without a readable title.",
    "Add a url or archive_url, or check the source by hand; a timeout may pass on the next run.",
)

KINDS = (
    DEAD_LINK,
    TITLE_MISMATCH,
    DATE_MISMATCH,
    FIELD_MISMATCH,
    WEAK_MATCH,
    BLOCKED,
    UNVERIFIABLE,
)
_BY_CHECK = {"title": TITLE_MISMATCH, "date": DATE_MISMATCH}


def problem_kind(result: CitationResult) -> ProblemKind | None:
    """The kind of problem `result` shows; None for a verified citation, and for one skipped
    as the settings asked (not checked, so no problem found)."""
    if result.status in (Status.VERIFIED, Status.SKIPPED):
        return None
    if result.status is Status.WARNING:
        return WEAK_MATCH
    if result.status is Status.BLOCKED:
        return BLOCKED
    if result.status is Status.UNVERIFIABLE:
        return UNVERIFIABLE
    for check in result.checks.values():
        if check.status is CheckStatus.FAIL:
            return _BY_CHECK.get(check.name, FIELD_MISMATCH)
    return DEAD_LINK
