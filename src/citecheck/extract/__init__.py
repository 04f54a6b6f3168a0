"""Extract stage: a page's HTML in, PageMetadata (title, dates, authors, publisher) out."""

from citecheck.extract.page import extract_metadata, metadata_from_fetch

__all__ = ["extract_metadata", "metadata_from_fetch"]
