"""The publisher check: the cited publisher against the page's site name, publisher and domain.

A cited publisher matches when, ignoring case, punctuation and a leading "The":
- it equals a publisher named on the page (og:site_name, JSON-LD publisher, ...), or nearly so;
- it and a page name are aliases of one publisher (see `aliases.py`);
- the page's host belongs to one of its aliases' domains ("Hudson Institute" ~ hudson.org);
- it is the page's domain label ("Dawn" ~ dawn.com, "The Guardian" ~ theguardian.com), or a
  host name of the page's site, as the address bar shows it ("www.dawn.com", "epaper.dawn.com").
A cited "Government of Pakistan, Ministry of Information" matches if any comma-separated part
does. A mismatch is only a warning: syndication and mirrors are common.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from citecheck.match.aliases import AliasTable
from citecheck.match.evidence import clip, quote
from citecheck.match.normalize import comparison_key, squash
from citecheck.models import Check, CheckName, CheckStatus, Found
from citecheck.public_suffix import site_domain, url_host
from citecheck.webarchive.url_forms import archived_url

_NAME_MATCH = 90.0


@dataclass(frozen=True)
class Host:
    """The page's host, and its registrable label ("www.dawn.com" -> "dawn")."""

    name: str
    registered_domain: str
    label: str


def page_host(url: str | None) -> Host | None:
    """The host a page belongs to; an archive.org snapshot counts as the page it archived."""
    hostname = url_host(archived_url(url.strip())) if url else None
    if not hostname:
        return None
    site = site_domain(hostname)
    return Host(
        name=hostname.removeprefix("www."),
        registered_domain=site.registered_domain or hostname,
        label=site.label,
    )


def known_site_names(
    cited_publisher: str | None,
    page_publishers: Sequence[Found],
    host: Host | None,
    aliases: AliasTable,
) -> list[str]:
    """Every name the page's site may be called, for cutting site names off titles."""
    names = [found.value for found in page_publishers]
    if cited_publisher:
        names += [cited_publisher, *_parts(cited_publisher)]
    if host:
        names += [host.name, host.registered_domain, host.label]
    canonicals: set[str] = set()
    for name in names:
        canonicals |= aliases.for_name(name)
    if host:
        canonicals |= aliases.for_host(host.name)
    return names + aliases.names_of(sorted(canonicals))


def check_publisher(
    cited: str | None,
    page_publishers: Sequence[Found],
    host: Host | None,
    aliases: AliasTable,
) -> Check:
    if not cited or not squash(cited):
        return Check(
            name=CheckName.PUBLISHER,
            status=CheckStatus.SKIP,
            reason="the citation names no publisher",
        )
    named = [found for found in page_publishers if squash(found.value)]
    if not named and host is None:
        return Check(
            name=CheckName.PUBLISHER,
            status=CheckStatus.SKIP,
            expected=cited,
            reason="no publisher information on the page",
        )
    cited_names = [cited, *_parts(cited)]
    for found in named:
        if any(_names_match(name, found.value, aliases) for name in cited_names):
            reason = f"publisher matches {quote(found.value)} from {found.source}"
            return _publisher_check(CheckStatus.PASS, cited, found.value, found.source, reason)
    if host is not None and any(_host_matches(name, host, aliases) for name in cited_names):
        reason = f"publisher matches the domain {host.name}"
        return _publisher_check(CheckStatus.PASS, cited, host.name, "domain", reason)
    evidence = [f"{quote(found.value)} ({found.source})" for found in named]
    if host is not None:
        evidence.append(f"the domain {host.name}")
    reason = f"publisher {quote(cited)} not found: the page has " + ", ".join(evidence)
    first = named[0] if named else Found(host.name if host else "", "domain")
    check = _publisher_check(CheckStatus.WARN, cited, first.value, first.source, reason)
    check.score = _best_ratio(cited_names, [found.value for found in named])
    return check


def _names_match(cited: str, page_name: str, aliases: AliasTable) -> bool:
    if squash(cited) == squash(page_name):
        return True
    if aliases.for_name(cited) & aliases.for_name(page_name):
        return True
    return fuzz.ratio(comparison_key(cited), comparison_key(page_name)) >= _NAME_MATCH


def _host_matches(cited: str, host: Host, aliases: AliasTable) -> bool:
    if aliases.for_name(cited) & aliases.for_host(host.name):
        return True
    if (named := _named_host(cited)) and named == host.registered_domain.lower():
        return True
    key = squash(cited)
    if not key:
        return False
    label = squash(host.label)
    return key in {label, squash(host.registered_domain)} or f"the{key}" == label


_HOST_NAME = re.compile(r"^(?:https?://)?([\w-]+(?:\.[\w-]+)+)\.?/?$", re.IGNORECASE)


def _named_host(cited: str) -> str | None:
    """The registered domain of a publisher cited as a host name, as the address bar shows it
    ("www.example.com", "news.example.co.uk", "https://www.example.com/"); else None."""
    found = _HOST_NAME.match(cited.strip())
    if not found:
        return None
    host = found.group(1).lower().removeprefix("www.")
    return site_domain(host).registered_domain or host


def _publisher_check(
    status: CheckStatus, cited: str, found: str, source: str, reason: str
) -> Check:
    return Check(
        name=CheckName.PUBLISHER,
        status=status,
        score=100.0 if status is CheckStatus.PASS else None,
        expected=cited,
        found=clip(found),
        source=source,
        reason=reason,
    )


def _best_ratio(cited_names: Sequence[str], page_names: Sequence[str]) -> float | None:
    scores = [
        fuzz.ratio(comparison_key(cited), comparison_key(page))
        for cited in cited_names
        for page in page_names
    ]
    return round(max(scores), 1) if scores else None


def _parts(publisher: str) -> list[str]:
    """ "Government of Pakistan, Ministry of Information" -> both halves, when there are halves."""
    pieces = [piece.strip() for piece in re.split(r"[,;]", publisher) if piece.strip()]
    return pieces if len(pieces) > 1 else []
