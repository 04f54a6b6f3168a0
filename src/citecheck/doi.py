"""DOIs as people write them ("doi:10.1000/xyz", "https://doi.org/10.1000/xyz", "10.1000/xyz"),
reduced to the bare DOI, and the resolver address of one."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

# A DOI: the directory indicator 10, a registrant code, a slash and a suffix without spaces.
BARE_DOI = re.compile(r"10\.\d{4,9}/\S+")
# The DOI in a resolver address: "https://doi.org/10.1000/xyz", "dx.doi.org/10.1000/xyz".
DOI_URL = re.compile(r"^(?:https?://)?(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+)$", re.IGNORECASE)
_DOI_PREFIX = re.compile(r"^doi\s*:\s*", re.IGNORECASE)
_RESOLVER = re.compile(r"^(?:https?://)?(?:dx\.)?doi\.org/", re.IGNORECASE)


def normalise_doi(text: str) -> str | None:
    """The bare DOI `text` names (as written, case kept: DOIs compare case-insensitively), or
    None when it names none."""
    text = _without_prefix(text)
    return text if BARE_DOI.fullmatch(text) else None


def _without_prefix(text: str) -> str:
    """`text` less a resolver address or "doi:" before the DOI."""
    text = text.strip()
    if _RESOLVER.match(text):
        # An address may escape the DOI's slash: "doi.org/10.1000%2Fxyz" is "10.1000/xyz".
        return unquote(_RESOLVER.sub("", text, count=1))
    return _DOI_PREFIX.sub("", text, count=1)


DOI_RESOLVER = "https://doi.org"
# Kept as they are in the resolver path; everything else (spaces, '?', '#', '<'...) escaped, so
# that the whole DOI reaches the resolver.
_DOI_PATH_SAFE = "/:;()._-"


def doi_url(doi: str, resolver: str = DOI_RESOLVER) -> str:
    """The resolver address of a DOI (bare, or as people write it: `normalise_doi`), at
    `resolver` (https://doi.org by default; `[lookup] doi_resolver`)."""
    bare = _without_prefix(doi)
    return f"{resolver.rstrip('/')}/{quote(bare, safe=_DOI_PATH_SAFE)}"


def is_resolver_address(url: str, resolver: str = DOI_RESOLVER) -> bool:
    """Whether `url` is a DOI resolver's address (doi.org or dx.doi.org, or under `resolver`):
    a redirect to the work's page, not a page of its own."""
    if _RESOLVER.match(url.strip()):
        return True
    prefix = resolver.rstrip("/") + "/"
    return url.strip().lower().startswith(prefix.lower())
