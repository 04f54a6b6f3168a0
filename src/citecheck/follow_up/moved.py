"""Pages that moved: the cited URL answers with a permanent redirect (301, 308) to a page that
still matches the citation, or the article turned up at a new address on the same site. Either
way the citation is right about the article and only its address is old: the result says where
the article is now (`moved_to`), and `citecheck verify --fix-moved --write` puts that address
into citations.yaml.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from citecheck.models import CheckName, CheckStatus, CitationResult, Report

if TYPE_CHECKING:
    from citecheck.citation_edits import EditResult

PERMANENT_REDIRECTS = frozenset({301, 308})
FIX_HINT = "`citecheck verify --fix-moved --write` updates citations.yaml"


def permanent_address(result: CitationResult) -> str | None:
    """Where the permanent redirects at the start of the chain lead, when that is another
    address than the cited one (a temporary redirect ends the chain's permanent part)."""
    if not result.redirects or result.url is None:
        return None
    if result.redirects[0].url != result.url:
        return None  # the chain is not the cited URL's (an archive copy's, say)
    address = None
    for index, hop in enumerate(result.redirects):
        if hop.status not in PERMANENT_REDIRECTS:
            break
        following = result.redirects[index + 1 :]
        address = following[0].url if following else result.final_url
    if address is None or _trivially_same(address, result.url):
        return None
    return address


def with_move_noted(result: CitationResult) -> CitationResult:
    """`result` with `moved_to` and a note when its page moved permanently and still matches
    (its title passes)."""
    title = result.checks.get(CheckName.TITLE)
    if title is None or title.status is not CheckStatus.PASS:
        return result
    address = permanent_address(result)
    if address is None:
        return result
    note = f"the page moved permanently to {address}; {FIX_HINT}"
    return dataclasses.replace(result, moved_to=address, reasons=[note, *result.reasons])


def found_at_new_address(
    result: CitationResult, found_url: str, source: str = "lookup"
) -> CitationResult:
    """A dead cited URL whose article `source` found at `found_url` on the same site: reported
    as moved, with the new address. Another site's copy is not a move (None stays)."""
    if result.url is None or not same_site(result.url, found_url):
        return result
    note = f"the page moved to {found_url} (found by {source}); {FIX_HINT}"
    return dataclasses.replace(result, moved_to=found_url, reasons=[note, *result.reasons])


def same_site(first: str, second: str) -> bool:
    return _host(first) == _host(second)


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def _trivially_same(first: str, second: str) -> bool:
    """Equal but for a trailing slash or a fragment: no address worth rewriting a file for."""

    def key(url: str) -> str:
        return url.split("#", 1)[0].rstrip("/")

    return key(first) == key(second)


def moved_addresses(report: Report) -> dict[str, str]:
    """{citation id: new address} for every citation whose page moved and still matches. A
    short form ("Ibid.") reports its target's move, and its target is the one rewritten."""
    return {
        result.id: result.moved_to
        for result in report.results
        if result.moved_to is not None and result.same_as is None
    }


def write_moved(path: Path, moves: Mapping[str, str]) -> EditResult:
    """Put each moved citation's new address into its `url` in the citations file at `path`
    (a ruamel round trip, written atomically; nothing else in the file changes)."""
    from citecheck.citation_edits import edit_citations

    return edit_citations(path, {citation_id: {"url": url} for citation_id, url in moves.items()})
