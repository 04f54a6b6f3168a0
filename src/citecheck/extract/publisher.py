"""Who published the page: its site name in metadata, else its registered domain."""

from __future__ import annotations

import weakref
from functools import lru_cache

from citecheck.extract.parsed_page import ParsedPage
from citecheck.extract.structured_data import first_text, node_types
from citecheck.extract.text_cleaning import clean_text, is_template_placeholder, squash
from citecheck.models import Found
from citecheck.public_suffix import site_domain, url_host

_META_PUBLISHERS = (
    ("og:site_name", "meta:og:site_name"),
    ("application-name", "meta:application-name"),
    ("citation_publisher", "meta:citation_publisher"),
    ("dc.publisher", "meta:dc.publisher"),
    ("dcterms.publisher", "meta:dcterms.publisher"),
    # Often the publisher's Facebook page (a URL, passed over); a name where sites write one.
    ("article:publisher", "meta:article:publisher"),
    ("citation_journal_title", "meta:citation_journal_title"),
)
_MAX_NAME_LENGTH = 120
# Every step asks for the site's names, several times a page: worked out once per page.
_SITE_KEYS: weakref.WeakKeyDictionary[ParsedPage, set[str]] = weakref.WeakKeyDictionary()


@lru_cache(maxsize=256)
def registered_domain(url: str | None) -> str | None:
    """'reuters.com' for https://www.reuters.com/article/...; None for IPs and bad URLs."""
    host = url_host(url)
    return site_domain(host).registered_domain if host else None


def find_publishers(page: ParsedPage) -> list[Found]:
    found: list[Found] = []
    for key, source in _META_PUBLISHERS[:2]:
        _add(found, page.meta.first(key), source)
    for node in page.structured.main_nodes(page.url):
        publisher = page.structured.resolve(node.get("publisher"))
        if isinstance(publisher, list) and publisher:
            publisher = page.structured.resolve(publisher[0])
        if isinstance(publisher, dict):
            name = first_text(publisher.get("name")) or first_text(publisher.get("legalName"))
            _add(found, name, "json-ld:publisher")
        elif isinstance(publisher, str):
            _add(found, publisher, "json-ld:publisher")
    for node in page.structured.nodes:
        if "website" in node_types(node):
            _add(found, first_text(node.get("name")), "json-ld:WebSite")
    for key, source in _META_PUBLISHERS[2:]:
        _add(found, page.meta.first(key), source)
    domain_publisher(found, page.url)
    return found


def domain_publisher(found: list[Found], url: str | None) -> None:
    """Append the URL's registered domain, the publisher of last resort."""
    _add(found, registered_domain(url), "domain")


def site_keys(page: ParsedPage) -> set[str]:
    """Squashed names the site goes by, to recognise its name inside a page title."""
    if page not in _SITE_KEYS:
        _SITE_KEYS[page] = _site_keys(page)
    return _SITE_KEYS[page]


def _site_keys(page: ParsedPage) -> set[str]:
    names = [
        page.meta.first("og:site_name"),
        page.meta.first("application-name"),
        page.meta.first("apple-mobile-web-app-title"),
        (page.meta.first("twitter:site") or "").lstrip("@"),
    ]
    for node in page.structured.nodes:
        if "website" in node_types(node) or "organization" in node_types(node):
            names.append(first_text(node.get("name")))
    for node in page.structured.main_nodes(page.url)[:1]:
        publisher = page.structured.resolve(node.get("publisher"))
        if isinstance(publisher, dict):
            names.append(first_text(publisher.get("name")))
    domain = registered_domain(page.url)
    if domain:
        names.extend([domain, domain.split(".", 1)[0]])
    keys = {squash(name) for name in names if name}
    return {key for key in keys if len(key) >= 2}


def _add(found: list[Found], value: str | None, source: str) -> None:
    if not value:
        return
    name = clean_text(value)
    if not name or len(name) > _MAX_NAME_LENGTH or name.lower().startswith(("http:", "https:")):
        return
    if is_template_placeholder(name):
        return
    if any(squash(item.value) == squash(name) for item in found):
        return
    found.append(Found(name, source))
