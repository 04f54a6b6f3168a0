"""Where a page says its article really lives: its canonical URL (`<link rel=canonical>`),
whether it is an AMP page (`<html amp>`), and the PDF of the document it presents
(`citation_pdf_url` and its kin, or `<link rel=alternate type=application/pdf>`).

Only http(s) links are kept, made absolute against the page's URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

from citecheck.extract.html_tree import HtmlElement, attribute
from citecheck.extract.parsed_page import ParsedPage
from citecheck.models import PageLinks

# Meta tags that academic and document repositories use for the document's PDF.
_PDF_META_KEYS = (
    "citation_pdf_url",
    "bepress_citation_pdf_url",
    "eprints.document_url",
    "dc.identifier.pdf",
)
_AMP_ATTRIBUTES = ("amp", "⚡")
_MAX_URL = 2000


def find_page_links(page: ParsedPage) -> PageLinks:
    links = PageLinks(is_amp=any(page.root.get(name) is not None for name in _AMP_ATTRIBUTES))
    for element in _link_elements(page):
        rel = attribute(element, "rel").lower().split()
        href = attribute(element, "href").strip()
        if not href:
            continue
        if "canonical" in rel and links.canonical is None:
            links.canonical = _absolute(href, page.url)
        elif "amphtml" in rel and links.amp is None:
            links.amp = _absolute(href, page.url)
        elif (
            "alternate" in rel
            and attribute(element, "type").strip().lower() == "application/pdf"
            and links.pdf is None
        ):
            links.pdf = _absolute(href, page.url)
    found = page.meta.first_of(_PDF_META_KEYS)
    if found is not None:
        links.pdf = _absolute(found[1], page.url) or links.pdf
    return links


def _link_elements(page: ParsedPage) -> Iterator[HtmlElement]:
    """The page's <link> elements, in document order: the body's from its index, the head's
    (where nearly all are) by a walk of the head alone."""
    if page.body is page.root:
        yield from page.body_index.tagged("link")
        return
    for part in page.root:
        if part is page.body:
            yield from page.body_index.tagged("link")
        else:
            yield from part.iter("link")


def _absolute(href: str, base: str | None) -> str | None:
    if len(href) > _MAX_URL:
        return None
    try:
        url = urljoin(base, href) if base else href
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None
