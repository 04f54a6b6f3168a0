"""Lookup wired to a run: the sources on the run's HTTP client, candidates verified by the
run's own fetch-and-judge step, so a candidate gets exactly the verdict `verify` would give."""

from __future__ import annotations

from citecheck.fetch.base import Fetcher
from citecheck.lookup.finder import Finder
from citecheck.lookup.http_port import FetcherPort
from citecheck.lookup.sources import build_sources
from citecheck.match.aliases import alias_table
from citecheck.settings import Settings
from citecheck.worker_pool import PageJudge


def make_finder(settings: Settings, fetcher: Fetcher, judge: PageJudge | None = None) -> Finder:
    from citecheck.pipeline import Verifier  # the pipeline imports lookup in turn

    transport = getattr(fetcher, "transport", None)  # a replay has none
    port = FetcherPort(fetcher, transport, offline=settings.fetch.offline)
    return Finder(
        build_sources(settings, port, transport),
        Verifier(fetcher, settings, judge).check_url,
        alias_table(settings.match.publisher_aliases),
        check_top=settings.lookup.check_top,
    )
