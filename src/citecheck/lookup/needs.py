"""Which citations lookup is for: those without a working url."""

from __future__ import annotations

from citecheck.fetch.base import Fetcher
from citecheck.models import Citation


def needs_lookup(citation: Citation, fetcher: Fetcher, *, dead_too: bool) -> bool:
    """True for a citation with no url and no archive_url; with `dead_too`, also for one whose
    url is dead now (fetched through the run's fetcher and its cache)."""
    if citation.same_as is not None:
        return False
    if not citation.url:
        return not citation.archive_url
    if not dead_too:
        return False
    from citecheck.locate import is_dead

    return is_dead(fetcher.fetch(citation.url))
