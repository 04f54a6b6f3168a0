"""Resolve stage: decide, for each citation, what to look at.

A citation with a `url` is fetched there, its `archive_url` kept as the fallback for a dead link;
one with only an `archive_url` is checked against the archive copy; a `same_as` short form is not
fetched at all (it reports its target's result); anything else has nothing to look at.
"""

from __future__ import annotations

from citecheck.models import Citation, Target

NO_URL = "no URL to check (add a url or archive_url)"


def resolve(citation: Citation) -> Target:
    if citation.url:
        return Target(citation=citation, url=citation.url, fallback_url=citation.archive_url)
    if citation.archive_url:
        return Target(citation=citation, url=citation.archive_url)
    return Target(citation=citation, url=None, unverifiable_reason=NO_URL)
