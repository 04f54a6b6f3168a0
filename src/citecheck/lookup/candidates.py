"""The one interface every lookup source has: a citation in, ranked candidate URLs out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from citecheck.models import Citation


@dataclass
class Candidate:
    """A URL a source proposes for a citation. `score` (0-100) is the source's own confidence
    that this is the cited work, from what it knows before the page is fetched."""

    url: str
    source: str  # the source's name: publisher-site, wayback-cdx, crossref, openalex, ...
    score: float
    title: str | None = None  # the title the source knows for it (sitemap, API record)
    date: dt.date | None = None
    publisher: str | None = None


@dataclass
class SourceAnswer:
    """What one source found for one citation; `trouble` says why it found nothing, if it
    could not ask (network down, service error), as one line."""

    candidates: list[Candidate] = field(default_factory=list)
    trouble: str | None = None
    network_down: bool = False
    requests: int = 0  # requests this source sent for the citation


class LookupSource(Protocol):
    name: str

    def find(self, citation: Citation) -> SourceAnswer:
        """Candidates for `citation`, best first; never raises for network or service trouble."""
        ...
