"""DOIs as people write them ("doi:10.1000/xyz", "https://doi.org/10.1000/xyz", "10.1000/xyz"),
reduced to the bare DOI, and the resolver address of one."""

from __future__ import annotations

import re
from urllib.parse import unquote

# A DOI: the directory indicator 10, a registrant code, a slash and a suffix without spaces.
BARE_DOI = re.compile(r"10\.\d{4,9}/\S+")
# The DOI in a resolver address: "https://doi.org/10.1000/xyz", "dx.doi.org/10.1000/xyz".
DOI_URL = re.compile(r"^(?:https?://)?(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+)$", re.IGNORECASE)
_DOI_PREFIX = re.compile(r"^doi\s*:\s*", re.IGNORECASE)
_RESOLVER = re.compile(r"^(?:https?://)?(?:dx\.)?doi\.org/", re.IGNORECASE)


def normalise_doi(text: str) -> str | None:
    """The bare DOI `text` names (as written, case kept: DOIs compare case-insensitively), or
    None when it names none."""
    text = text.strip()
    if _RESOLVER.match(text):
        # An address may escape the DOI's slash: "doi.org/10.1000%2Fxyz" is "10.1000/xyz".
        text = unquote(_RESOLVER.sub("", text, count=1))
    else:
        text = _DOI_PREFIX.sub("", text, count=1)
    return text if BARE_DOI.fullmatch(text) else None


def doi_url(doi: str) -> str:
    """The resolver address of a bare DOI."""
    return f"https://doi.org/{doi}"
