"""Lookup wired to a run: the sources on the run's HTTP client, candidates verified by the
run's own fetch-and-judge step, so a candidate gets exactly the verdict `verify` would give."""

from __future__ import annotations

from citecheck.fetch.base import Fetcher
from citecheck.judging import Judging
from citecheck.lookup.finder import Finder
from citecheck.lookup.http_port import FetcherPort
from citecheck.lookup.sources import build_sources
from citecheck.match.aliases import alias_table
from citecheck.models import Citation, CitationResult, Target
from citecheck.settings import Settings


def make_finder(settings: Settings, fetcher: Fetcher, judging: Judging | None = None) -> Finder:
    from citecheck.pipeline import check_target  # the pipeline imports lookup in turn

    def check(citation: Citation, url: str) -> CitationResult:
        return check_target(Target(citation=citation, url=url), fetcher, settings, judging)

    return Finder(
        build_sources(settings, FetcherPort(fetcher)),
        check,
        alias_table(settings.match.publisher_aliases),
        check_top=settings.lookup.check_top,
    )
