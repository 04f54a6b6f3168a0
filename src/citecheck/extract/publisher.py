"""Who published the page: its site name in metadata or in the header of its template, the
organisation its JSON-LD names as the publisher's parent, else its registered domain.

The names a site goes by (`site_keys`, for cutting them from titles and telling the site from an
author) come from its metadata, its domain, and the site header that blog and CMS templates
print on every page: an <h1> that is nothing but a link to the site's home page.
"""

from __future__ import annotations

import re
import weakref
from functools import lru_cache
from urllib.parse import urlsplit

from citecheck.extract.html_tree import attribute, element_text, owning_item
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
_MAX_HOME_HEADINGS = 3
# The address a web archive's copy wraps: ".../web/2015.../http://www.example.com/".
_WRAPPED_URL = re.compile(r".(https?://)", re.IGNORECASE)
_HOME_PATHS = frozenset({"", "/", "/index.html", "/index.htm", "/index.php"})
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
    # The group a site belongs to ("M. DuMont Schauberg" for a newspaper), which citations
    # name as often as the site: after the site's own names.
    parents: list[object] = []
    for node in page.structured.main_nodes(page.url):
        publisher = page.structured.resolve(node.get("publisher"))
        if isinstance(publisher, list) and publisher:
            publisher = page.structured.resolve(publisher[0])
        if isinstance(publisher, dict):
            _add(found, _organisation_name(publisher), "json-ld:publisher")
            parents.append(publisher.get("parentOrganization"))
        elif isinstance(publisher, str):
            _add(found, publisher, "json-ld:publisher")
    for node in page.structured.nodes:
        if "website" in node_types(node):
            _add(found, first_text(node.get("name")), "json-ld:WebSite")
        parents.append(node.get("parentOrganization"))
    _add(found, _microdata_publisher(page), "itemprop:publisher")
    for key, source in _META_PUBLISHERS[2:]:
        _add(found, page.meta.first(key), source)
    for name in home_headings(page):
        _add(found, name, "h1:home-link")
    for value in parents:
        parent = page.structured.resolve(value)
        if isinstance(parent, list) and parent:
            parent = page.structured.resolve(parent[0])
        if isinstance(parent, dict):
            _add(found, _organisation_name(parent), "json-ld:parentOrganization")
        elif isinstance(parent, str):
            _add(found, parent, "json-ld:parentOrganization")
    domain_publisher(found, page.url)
    return found


def _microdata_publisher(page: ParsedPage) -> str | None:
    """The name of the page's microdata publisher (itemprop="publisher", its name given by a
    nested itemprop="name" or by its own content or text), not a cited work's."""
    for element, prop in page.itemprop_elements:
        if "publisher" not in prop.split() or page.in_boilerplate(element):
            continue
        item = owning_item(element)
        if item is not None and item.get("itemprop") is not None:
            continue  # the publisher of a work the article cites
        named = element.find(".//*[@itemprop='name']")
        holder = named if named is not None else element
        return attribute(holder, "content") or element_text(holder, limit=_MAX_NAME_LENGTH + 1)
    return None


def _organisation_name(node: dict[str, object]) -> str | None:
    return first_text(node.get("name")) or first_text(node.get("legalName"))


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
    names.extend(home_headings(page))
    domain = registered_domain(page.url)
    if domain:
        names.extend([domain, domain.split(".", 1)[0]])
    keys = {squash(name) for name in names if name}
    return {key for key in keys if len(key) >= 2}


def is_home_page(url: str | None) -> bool:
    """Whether `url` is a site's home page ("/", "/index.html", an archive's copy of one)."""
    if not url:
        return False
    try:
        parts = urlsplit(_unwrapped(url.strip()))
    except ValueError:
        return False
    return parts.path in _HOME_PATHS and not parts.query


def home_headings(page: ParsedPage) -> list[str]:
    """The texts of the <h1>s that are wholly one link to the site's home page: the site's
    name in the header of a template that sets it as a heading ("<h1><a href="/">Site</a>")."""
    found: list[str] = []
    for heading in page.body_index.tagged("h1")[: _MAX_HOME_HEADINGS * 2]:
        links = list(heading.iter("a"))
        if len(links) != 1 or not _is_home_link(links[0].get("href"), page.url):
            continue
        text = element_text(heading, limit=_MAX_NAME_LENGTH)
        if text and element_text(links[0], limit=_MAX_NAME_LENGTH) == text:
            found.append(text)
    return found[:_MAX_HOME_HEADINGS]


def _is_home_link(href: str | None, page_url: str | None) -> bool:
    """Whether `href` leads to the home page of the site `page_url` is on ("/",
    "https://www.example.com", an archive's copy of either)."""
    if not href:
        return False
    try:
        target = urlsplit(_unwrapped(href.strip()))
    except ValueError:
        return False
    if target.query or target.path not in _HOME_PATHS:
        return False
    if not target.netloc:
        # Relative: only "/" itself ("" and "#top" are this page).
        return not target.scheme and target.path.startswith("/")
    own = url_host(_unwrapped(page_url)) if page_url else None
    host = target.hostname or ""
    return own is not None and own.removeprefix("www.") == host.removeprefix("www.")


def _unwrapped(url: str) -> str:
    """The address a web archive's copy wraps, or `url` itself."""
    wrapped = list(_WRAPPED_URL.finditer(url))
    return url[wrapped[-1].start(1) :] if wrapped else url


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
