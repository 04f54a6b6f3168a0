"""One citation looked up: ask the sources in turn, verify their best candidates, rank them.

Sources are asked in the order given (the publisher's own site first); each source's best
`check_top` candidates are fetched and verified exactly as `verify` would verify the citation
at that URL, and the search stops at the first source that yields a candidate that passes
(verified, or a warning with a passing title). Candidates that pass rank first, the cited
publisher's own site before copies elsewhere (a Reuters story reprinted by another site is still
cited to Reuters); then by verdict, by the title score verify gave, and by the source's score.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from citecheck.lookup.candidates import Candidate, LookupSource
from citecheck.match.aliases import AliasTable
from citecheck.models import CheckName, CheckStatus, Citation, CitationResult, Status

CheckFn = Callable[[Citation, str], CitationResult]
NETWORK_DOWN = "network unavailable: nothing was looked up"
_STATUS_RANK = {
    Status.VERIFIED: 0,
    Status.WARNING: 1,
    Status.BLOCKED: 2,
    Status.UNVERIFIABLE: 3,
    Status.FAILED: 4,
}


@dataclass
class Checked:
    """A candidate and the verdict `verify` gives the citation at its URL."""

    candidate: Candidate
    result: CitationResult

    @property
    def passes(self) -> bool:
        title = self.result.checks.get(CheckName.TITLE)
        return (
            self.result.status in (Status.VERIFIED, Status.WARNING)
            and title is not None
            and title.status is CheckStatus.PASS
        )

    @property
    def title_score(self) -> float:
        title = self.result.checks.get(CheckName.TITLE)
        return title.score if title is not None and title.score is not None else 0.0


@dataclass
class LookupResult:
    citation: Citation
    checked: list[Checked] = field(default_factory=list)  # verified, best first
    unchecked: list[Candidate] = field(default_factory=list)  # proposed, not fetched
    troubles: list[str] = field(default_factory=list)  # "crossref: answered HTTP 503" ...
    network_down: bool = False
    requests: int = 0

    @property
    def best(self) -> Checked | None:
        """The best candidate that passes, if any."""
        return next((c for c in self.checked if c.passes), None)

    @property
    def candidates(self) -> list[Candidate]:
        return [c.candidate for c in self.checked] + self.unchecked


def cited_at(citation: Citation, url: str) -> Citation:
    """The citation as it would read with `url` as its address."""
    return dataclasses.replace(citation, url=url, archive_url=None)


class Finder:
    def __init__(
        self,
        sources: Sequence[LookupSource],
        check: CheckFn,
        aliases: AliasTable,
        *,
        check_top: int = 3,
    ) -> None:
        self._sources = list(sources)
        self._check = check
        self._aliases = aliases
        self._check_top = max(1, check_top)

    @property
    def source_names(self) -> list[str]:
        return [source.name for source in self._sources]

    def find(self, citation: Citation) -> LookupResult:
        result = LookupResult(citation)
        checked: dict[str, Checked] = {}
        proposed: dict[str, Candidate] = {}
        for source in self._sources:
            answer = source.find(citation)
            result.requests += answer.requests
            if answer.network_down:
                result.network_down = True
                result.troubles = [NETWORK_DOWN]
                break
            if answer.trouble and not answer.candidates:
                result.troubles.append(f"{source.name}: {answer.trouble}")
            for candidate in answer.candidates:
                proposed.setdefault(candidate.url, candidate)
            for candidate in answer.candidates[: self._check_top]:
                if candidate.url not in checked:
                    verdict = self._check(cited_at(citation, candidate.url), candidate.url)
                    checked[candidate.url] = Checked(candidate, verdict)
            if any(c.passes for c in checked.values()):
                break
        own_hosts = self._own_hosts(citation)
        result.checked = sorted(checked.values(), key=lambda c: self._rank(c, own_hosts))
        result.unchecked = sorted(
            (c for url, c in proposed.items() if url not in checked), key=lambda c: -c.score
        )
        return result

    def _own_hosts(self, citation: Citation) -> Callable[[str], bool]:
        publishers = self._aliases.for_name(citation.publisher) if citation.publisher else set()
        dead_host = urlsplit(citation.url).hostname if citation.url else None

        def is_own(url: str) -> bool:
            host = urlsplit(url).hostname or ""
            if dead_host and _same_site(host, dead_host):
                return True
            return bool(publishers and publishers & self._aliases.for_host(host))

        return is_own

    @staticmethod
    def _rank(checked: Checked, is_own: Callable[[str], bool]) -> tuple[float, ...]:
        return (
            0 if checked.passes else 1,
            0 if is_own(checked.candidate.url) else 1,
            _STATUS_RANK.get(checked.result.status, 5),
            -round(checked.title_score),
            -checked.candidate.score,
        )


def _same_site(host: str, other: str) -> bool:
    return host.removeprefix("www.") == other.removeprefix("www.")
