"""The extract stage: a page in, PageMetadata out, every value with where it was found."""

from __future__ import annotations

import re

from citecheck.extract.authors import author_kind, find_authors
from citecheck.extract.dates import find_page_dates
from citecheck.extract.page_kind import classify_page
from citecheck.extract.page_links import find_page_links
from citecheck.extract.parsed_page import ParsedPage, parse_page
from citecheck.extract.pdf_info import pdf_metadata
from citecheck.extract.publisher import domain_publisher, find_publishers
from citecheck.extract.titles import find_titles
from citecheck.fetch.decode import decode_body
from citecheck.models import FetchResult, Found, FoundAuthor, PageKind, PageMetadata, PageText

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_LOOKS_LIKE_HTML = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)",
    re.IGNORECASE | re.DOTALL,
)


def extract_metadata(
    html: str, url: str | None = None, utf8: bytes | None = None, *, keep_text: bool = False
) -> PageMetadata:
    """Titles, dates, authors and publishers of one HTML page, best candidates first. `utf8`,
    when the caller has it, is `html` encoded as UTF-8 (the page's own bytes, if it came as
    UTF-8), which spares encoding the page again for the parser. With `keep_text`, the result's
    `text_of` reads the page's text from this parse (and keeps the parsed page alive as long
    as the result: for a caller that drops it once judged, not one that collects results)."""
    page = parse_page(html, url, utf8)
    if page is None:
        return PageMetadata(url=url, kind=PageKind.EMPTY, publishers=_domain_only(url))
    titles = find_titles(page)
    published, modified = find_page_dates(page, titles)
    return PageMetadata(
        url=url,
        kind=classify_page(page),
        titles=titles,
        published=published,
        modified=modified,
        authors=find_authors(page),
        publishers=find_publishers(page),
        language=page.language,
        links=find_page_links(page),
        text_of=(lambda limit: _text_of(page, limit)) if keep_text else None,
    )


def metadata_from_fetch(result: FetchResult, *, keep_text: bool = False) -> PageMetadata:
    """Extract from a fetched response: HTML is read; a PDF gives what its metadata and first
    page say (or is UNREADABLE, saying why); anything else is NOT_HTML; no body at all is EMPTY."""
    url = result.final_url or result.requested_url
    if not result.body and not result.text:
        return PageMetadata(url=url, kind=PageKind.EMPTY, publishers=_domain_only(url))
    if _is_html(result):
        if result.text is not None:
            return extract_metadata(result.text, url, keep_text=keep_text)
        text, charset = decode_body(result.body, result.headers.get("content-type"))
        utf8 = result.body if _body_is_utf8_of(text, charset) else None
        return extract_metadata(text, url, utf8, keep_text=keep_text)
    metadata = PageMetadata(url=url, kind=PageKind.NOT_HTML, publishers=_domain_only(url))
    if result.content_type == "application/pdf" or result.body.startswith(b"%PDF"):
        info = pdf_metadata(result.body)
        if info.unreadable is not None:
            metadata.kind = PageKind.UNREADABLE
            metadata.unreadable = f"unreadable PDF: {info.unreadable}"
        metadata.titles = info.titles
        metadata.authors = [
            FoundAuthor(found.value, found.source, author_kind(found.value))
            for found in info.authors
        ]
        metadata.published = info.published
        metadata.modified = info.modified
    return metadata


def page_text(result: FetchResult, limit: int) -> PageText:
    """A fetched page's head title and the start of its visible text (about `limit` characters).
    Empty for non-HTML."""
    nothing = PageText("", "")
    if not result.body and not result.text:
        return nothing
    if not _is_html(result):
        return nothing
    text = result.text
    if text is None:
        text, _ = decode_body(result.body, result.headers.get("content-type"))
    page = parse_page(text, result.final_url or result.requested_url)
    if page is None:
        return nothing
    return _text_of(page, limit)


def _text_of(page: ParsedPage, limit: int) -> PageText:
    return PageText(page.head_title, page.text_start(limit)[:limit])


def _body_is_utf8_of(text: str, charset: str) -> bool:
    """Whether the body is `text` encoded as UTF-8, byte for byte: decode_body read it as UTF-8
    ("utf-8 (http)", "utf-8 (meta)", "utf-8 (detected)"), after no byte-order mark (which it
    cuts) and without replacing a byte it could not read."""
    return charset.startswith("utf-8 (") and charset != "utf-8 (bom)" and "\ufffd" not in text


def _is_html(result: FetchResult) -> bool:
    if result.content_type in _HTML_TYPES:
        return True
    if result.content_type and result.content_type != "application/octet-stream":
        return False
    return bool(_LOOKS_LIKE_HTML.match(result.body[:2048]))


def _domain_only(url: str | None) -> list[Found]:
    found: list[Found] = []
    domain_publisher(found, url)
    return found
