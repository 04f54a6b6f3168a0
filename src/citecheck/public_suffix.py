"""The public-suffix list, as bundled with tldextract: which part of a host name is the site.

One extractor for the whole process: building its lookup tables costs about 50 ms, and both the
extract and the match stage ask it.
"""

from __future__ import annotations

from functools import cache

import tldextract


@cache
def domain_parts() -> tldextract.TLDExtract:
    # The bundled snapshot: never download the list, never write a cache directory.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
