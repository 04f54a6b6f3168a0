"""Likely mistakes in a citations file, found without the network: what `citecheck lint` warns.

The loader already refuses what is wrong (schema, ids, dates that do not exist, `same_as` that
points nowhere). These are entries that are valid but probably not meant:

- `url-two-titles`: one address cited under two different titles;
- `duplicate`: the same source (address and title, or title, publisher, date and locator when
  there is no address) under two ids, where a `same_as` short form was likely meant;
- `future-date`: a `date` or `accessed` after today, and
- `accessed-before-date`: the source was accessed before it was published (both as the loader
  tells them: `citations.date_doubts`);
- `publisher-domain`: the cited publisher is known, and so is the URL's domain, as another's.

Each warning names the citation, its line and the other entry involved, so that one line is
enough to fix it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from citecheck.citations import date_doubts
from citecheck.match.aliases import AliasTable, alias_table
from citecheck.match.normalize import normalize
from citecheck.models import Citation, CitationSet

WARNING_CODES = (
    "url-two-titles",
    "duplicate",
    "future-date",
    "accessed-before-date",
    "publisher-domain",
)


@dataclass(frozen=True)
class LintWarning:
    code: str  # one of WARNING_CODES
    citation_id: str
    line: int | None
    message: str


def lint_citations(
    citation_set: CitationSet,
    *,
    today: dt.date | None = None,
    publisher_aliases: Mapping[str, object] | None = None,
) -> list[LintWarning]:
    """Every likely mistake in `citation_set`, in the order of the file."""
    today = today or dt.date.today()
    aliases = alias_table(publisher_aliases)
    warnings: list[LintWarning] = []
    first_by_url: dict[str, Citation] = {}
    first_by_source: dict[tuple[str, ...], Citation] = {}
    for citation in citation_set.citations:
        if citation.same_as is not None:
            continue
        warnings += [_warning(citation, code, text) for code, text in date_doubts(citation, today)]
        warnings += _publisher(citation, aliases)
        warnings += _repeats(citation, first_by_url, first_by_source)
    warnings.sort(key=lambda warning: warning.line or 0)
    return warnings


def _warning(citation: Citation, code: str, message: str) -> LintWarning:
    return LintWarning(code, citation.id, citation.line, message)


def _publisher(citation: Citation, aliases: AliasTable) -> list[LintWarning]:
    if citation.publisher is None or citation.url is None:
        return []
    host = (urlsplit(citation.url).hostname or "").lower()
    cited = aliases.for_name(citation.publisher)
    on_host = aliases.for_host(host) if host else set()
    if not cited or not on_host or cited & on_host:
        return []
    others = ", ".join(sorted(on_host))
    return [
        _warning(
            citation,
            "publisher-domain",
            f"publisher: '{citation.publisher}' but the URL is on {host}, a domain of {others}",
        )
    ]


def _repeats(
    citation: Citation,
    first_by_url: dict[str, Citation],
    first_by_source: dict[tuple[str, ...], Citation],
) -> list[LintWarning]:
    title = normalize(citation.title) if citation.title else ""
    address = same_address_key(citation.url) if citation.url else None
    if address is not None:
        source: tuple[str, ...] = ("url", address, title, citation.locator or "")
    elif title and (citation.publisher or citation.date):
        publisher = normalize(citation.publisher) if citation.publisher else ""
        source = ("note", title, publisher, str(citation.date or ""), citation.locator or "")
    else:
        source = ()
    earlier = first_by_source.get(source) if source else None
    if earlier is not None:
        return [
            _warning(
                citation,
                "duplicate",
                f"the same source as citation '{earlier.id}' (line {earlier.line}): "
                f"write `same_as: {earlier.id}` or remove one",
            )
        ]
    if source:
        first_by_source[source] = citation
    if address is None:
        return []
    first = first_by_url.setdefault(address, citation)
    if first is citation or not title or not first.title:
        return []
    if normalize(first.title) == title:
        return []
    return [
        _warning(
            citation,
            "url-two-titles",
            f"url: the same address as citation '{first.id}' (line {first.line}), "
            f"cited there as '{first.title}'",
        )
    ]


def same_address_key(url: str) -> str | None:
    """What makes two written URLs the same address to a reader: scheme, `www.`, the case of
    the host, a trailing slash and the fragment do not matter."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"
