"""How a result's fields are shown to a reader, shared by every format so that they agree.

Everything here takes text that came from web pages or the citations file and may be hostile:
control characters, lone surrogates, ANSI escapes. Each format escapes for its own syntax on top.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from citecheck.models import (
    STATUS_ORDER,
    Check,
    CheckName,
    CheckStatus,
    CitationResult,
    Report,
    Status,
)

# The order checks are shown in.
CHECK_ORDER = tuple(CheckName)

INTERRUPTED_NOTE = "The run was interrupted: citations not listed here were not checked."

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 and C1 controls (ESC among them, so no ANSI sequence survives) and DEL; tab and newlines
# are folded into spaces by `one_line` instead.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Bidi overrides and isolates can make a displayed URL read differently from its real target.
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
_WHITESPACE_RUN = re.compile(r"\s+")
_SAFE_LINK = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)


def without_surrogates(text: str) -> str:
    """Replace lone surrogates, which no encoder accepts, with U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def clean_text(text: str) -> str:
    """Text safe to print: no lone surrogates, no control or bidi-override characters."""
    return _BIDI_CONTROL.sub("", _CONTROL.sub("", without_surrogates(text)))


def one_line(text: str | None) -> str:
    """`clean_text` folded onto one line with runs of whitespace collapsed; '' for None."""
    if text is None:
        return ""
    return _WHITESPACE_RUN.sub(" ", clean_text(text)).strip()


def is_linkable(url: str | None) -> bool:
    """Only plain http(s) URLs become links: never javascript:, data: or anything obfuscated."""
    return url is not None and _SAFE_LINK.fullmatch(url) is not None


def shown_url(result: CitationResult) -> str | None:
    """The URL a reader should see: where the page ended up, else what was asked for."""
    return result.final_url or result.fetched_url or result.url


def has_details(result: CitationResult) -> bool:
    """Whether a report gives `result` a section of details: a citation checked and not
    verified. A skipped one (`verify.skip_urls`) was not checked: it is listed apart."""
    return result.status not in (Status.VERIFIED, Status.SKIPPED)


def skip_reason_of(result: CitationResult) -> str:
    """Why a skipped citation was not checked, as its reason says it ("its url matches ...")."""
    reason = result.reasons[0] if result.reasons else "skipped"
    return reason.removeprefix("not checked: ")


def ordered_checks(result: CitationResult) -> list[Check]:
    known = [result.checks[name] for name in CHECK_ORDER if name in result.checks]
    others = [check for name, check in result.checks.items() if name not in CHECK_ORDER]
    return known + others


def detail_facts(
    result: CitationResult, text: Callable[[str | None], str], link: Callable[[str | None], str]
) -> list[tuple[str, str]]:
    """The labelled facts of one result's details, rendered by a format's own escaping (`text`)
    and linking (`link`); facts with nothing to say are left out."""
    facts = [
        ("Line", text(str(result.line)) if result.line is not None else ""),
        ("Cited title", text(result.title)),
        ("URL", link(result.url)),
        ("Fetched", link(result.fetched_url) if result.fetched_url != result.url else ""),
        ("Final URL", link(result.final_url) if result.final_url != result.url else ""),
        ("HTTP status", text(str(result.http_status)) if result.http_status is not None else ""),
        ("Same source as", text(result.same_as)),
        ("From cache", "yes" if result.from_cache else ""),
        ("Redirects", " → ".join(f"{link(hop.url)} ({hop.status})" for hop in result.redirects)),
    ]
    return [(label, value) for label, value in facts if value]


def key_reasons(result: CitationResult) -> list[str]:
    """The result's reasons, else the reasons of its failing and then its warning checks."""
    if result.reasons:
        return [one_line(reason) for reason in result.reasons]
    checks = ordered_checks(result)
    return [
        one_line(check.reason)
        for wanted in (CheckStatus.FAIL, CheckStatus.WARN)
        for check in checks
        if check.status is wanted and check.reason
    ]


def format_score(score: float | None) -> str:
    if score is None or score != score:  # NaN compares unequal to itself
        return ""
    return f"{score:.0f}"


def check_detail(check: Check) -> str:
    """One line describing a check, e.g. 'title warn 78: expected "A", found "B" (og:title)'."""
    score = format_score(check.score)
    head = f"{check.name} {check.status.value} {score}".strip()
    parts = []
    if check.expected is not None:
        parts.append(f"expected “{one_line(check.expected)}”")
    if check.found is not None:
        found = f"found “{one_line(check.found)}”"
        parts.append(f"{found} ({one_line(check.source)})" if check.source else found)
    if check.reason:
        parts.append(one_line(check.reason))
    return f"{one_line(head)}: {'; '.join(parts)}" if parts else one_line(head)


def status_counts(report: Report) -> Iterator[tuple[str, int]]:
    counts = report.summary()
    for status in STATUS_ORDER:
        yield status.value, counts[status.value]


def summary_line(report: Report) -> str:
    """E.g. '11 citations: 7 verified, 2 warning, 1 failed, 0 blocked, 1 unverifiable', and
    ', 2 skipped' when the settings left some unchecked (verify.skip_urls)."""
    total = len(report.results)
    noun = "citation" if total == 1 else "citations"
    counts = ", ".join(
        f"{count} {status}"
        for status, count in status_counts(report)
        if count or status != Status.SKIPPED.value
    )
    return f"{total} {noun}: {counts}"
