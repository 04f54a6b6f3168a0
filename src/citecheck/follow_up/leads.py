"""Where else a page that did not match says its article lives: its canonical URL (an AMP page
or a copy names the article's own address), and the PDF a landing page presents
(`citation_pdf_url` and the like). Each lead is fetched and judged like the cited page.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from citecheck.models import PageLinks

MAX_LEADS = 2  # a canonical article and a PDF: the extra requests a citation may cost


@dataclass(frozen=True)
class Lead:
    url: str
    why: str  # how the judged page named it, for the report


def leads_of(links: PageLinks | None, page_url: str) -> list[Lead]:
    """The leads worth fetching, best first: the canonical article when it is elsewhere (not
    the page itself, not the site's home page), then the PDF."""
    if links is None:
        return []
    found: list[Lead] = []
    if (
        links.canonical
        and not _same_page(links.canonical, page_url)
        and not _is_home(links.canonical)
    ):
        what = "the AMP page" if links.is_amp else "the page"
        found.append(Lead(links.canonical, f"{what} names {links.canonical} as its canonical"))
    if links.pdf and not _same_page(links.pdf, page_url):
        found.append(Lead(links.pdf, f"the page links its document as a PDF at {links.pdf}"))
    return found[:MAX_LEADS]


def _same_page(first: str, second: str) -> bool:
    return _page_key(first) == _page_key(second)


def _page_key(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    return host, parts.path.rstrip("/") or "/", parts.query


def _is_home(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path.strip("/") == "" and not parts.query
