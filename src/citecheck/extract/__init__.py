"""Extract stage: a page's HTML in, PageMetadata (title, dates, authors, publisher) out."""
