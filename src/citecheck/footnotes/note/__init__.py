"""Parsing one note into citation fields: authors, title, publication, date, URL, DOI, locator."""
