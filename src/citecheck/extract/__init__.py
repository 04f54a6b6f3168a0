"""Extract stage: a page's HTML in, PageMetadata (title, dates, authors, publisher) out.

The extractors are imported on first use (PEP 562): they pull in lxml, rapidfuzz and
tldextract, a large share of start-up that a run answered from kept verdicts never needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from citecheck.extract.page import extract_metadata, metadata_from_fetch, page_text

__all__ = ["extract_metadata", "metadata_from_fetch", "page_text"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from citecheck.extract import page

        return getattr(page, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
