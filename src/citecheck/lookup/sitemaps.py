"""Reading sitemaps (sitemaps.org 0.9, with the news extension); robots.txt, which lists them,
is read by `citecheck.robots`. Sitemaps are parsed with lxml without entities, network or
huge-tree support: a sitemap is hostile input like any page.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from dataclasses import dataclass, field

from lxml import etree

from citecheck.partial_date import PartialDate

_GZIP_MAGIC = b"\x1f\x8b"
_MAX_ENTRIES = 50_000  # the protocol's own cap per file
# Date-named sitemap files: /2016/08.xml, /sitemap-2016-08.xml, ?yyyy=2016&mm=08, 2016-08-14 ...
_YEAR_MONTH_DAY = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?:[-_/]|&mm=|(?=\d\d(?!\d)))(?P<m>0[1-9]|1[0-2])"
    r"(?:(?:[-_/]|&dd=)(?P<d>0[1-9]|[12]\d|3[01]))?(?!\d)"
)
_YEAR_ONLY = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)(?![\d])")


@dataclass(frozen=True)
class SitemapRef:
    """An entry of a sitemap index: a child sitemap and when it last changed."""

    url: str
    lastmod: dt.date | None = None


@dataclass(frozen=True)
class SitemapUrl:
    """An entry of a urlset: a page, when it last changed, and its news title and date."""

    url: str
    lastmod: dt.date | None = None
    news_title: str | None = None
    news_date: dt.date | None = None


@dataclass
class Sitemap:
    """One parsed file: an index (`children`) or a urlset (`urls`), never both."""

    children: list[SitemapRef] = field(default_factory=list)
    urls: list[SitemapUrl] = field(default_factory=list)


class SitemapError(ValueError):
    """Not a sitemap: not XML, or neither a urlset nor a sitemapindex."""


def inflate(body: bytes, max_bytes: int) -> bytes:
    """A `.xml.gz` body inflated (at most `max_bytes`); other bodies as they are."""
    if not body.startswith(_GZIP_MAGIC):
        return body
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise SitemapError(f"broken gzip: {exc}") from None
    if len(out) > max_bytes:
        raise SitemapError(f"larger than {max_bytes} bytes once inflated")
    return out


def parse_sitemap(body: bytes, max_bytes: int = 50_000_000) -> Sitemap:
    data = inflate(body, max_bytes)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, recover=True, remove_pis=True
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise SitemapError(f"not XML: {exc}") from None
    if root is None or not isinstance(root.tag, str):
        raise SitemapError("not XML")
    kind = etree.QName(root).localname
    sitemap = Sitemap()
    if kind == "sitemapindex":
        for entry in _entries(root, "sitemap"):
            loc = _child_text(entry, "loc")
            if loc:
                sitemap.children.append(SitemapRef(loc, _date(_child_text(entry, "lastmod"))))
    elif kind == "urlset":
        for entry in _entries(root, "url"):
            loc = _child_text(entry, "loc")
            if not loc:
                continue
            news = _first_child(entry, "news")
            sitemap.urls.append(
                SitemapUrl(
                    url=loc,
                    lastmod=_date(_child_text(entry, "lastmod")),
                    news_title=_child_text(news, "title") if news is not None else None,
                    news_date=(
                        _date(_child_text(news, "publication_date")) if news is not None else None
                    ),
                )
            )
    else:
        raise SitemapError(f"a <{kind}> document, not a sitemap")
    return sitemap


def date_in_name(url: str) -> PartialDate | None:
    """The year, month (and day) a date-named sitemap file covers, e.g. `.../2016/08.xml`."""
    match = _YEAR_MONTH_DAY.search(url)
    if match:
        day = match.group("d")
        try:
            return PartialDate(
                int(match.group("y")), int(match.group("m")), int(day) if day else None
            )
        except ValueError:  # 2016-02-30: keep the month
            return PartialDate(int(match.group("y")), int(match.group("m")))
    years = _YEAR_ONLY.findall(url)
    if len(years) == 1:
        return PartialDate(int(years[0]))
    return None


def _entries(root: etree._Element, name: str) -> list[etree._Element]:
    found = [child for child in root if isinstance(child.tag, str) and _local(child) == name]
    return found[:_MAX_ENTRIES]


def _local(element: etree._Element) -> str:
    return str(etree.QName(element).localname)


def _first_child(element: etree._Element, name: str) -> etree._Element | None:
    for child in element:
        if isinstance(child.tag, str) and _local(child) == name:
            return child
    return None


def _child_text(element: etree._Element, name: str) -> str | None:
    child = _first_child(element, name)
    if child is None:
        return None
    text = "".join(child.itertext()).strip()
    return text or None


def _date(text: str | None) -> dt.date | None:
    """The date of a W3C datetime (`2016-08-14`, `2016-08-14T09:30:00+05:00`), else None."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None
