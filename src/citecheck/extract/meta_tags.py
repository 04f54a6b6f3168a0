"""Every <meta> of a page, read once into a lookup by lower-cased name or property."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from citecheck.extract.html_tree import HtmlElement, attribute

_KEY_ATTRIBUTES = ("property", "name", "http-equiv")


@dataclass
class MetaTags:
    """Meta contents by key ('og:title', 'citation_author', ...), in document order; and the
    <meta itemprop> tags of the head with their property, which some templates put there."""

    values: dict[str, list[str]] = field(default_factory=dict)
    head_itemprops: list[tuple[HtmlElement, str]] = field(default_factory=list)

    def all(self, key: str) -> list[str]:
        return self.values.get(key, [])

    def first(self, key: str) -> str | None:
        found = self.values.get(key)
        return found[0] if found else None

    def first_of(self, keys: tuple[str, ...]) -> tuple[str, str] | None:
        """The first key of `keys` that the page has, with its first content."""
        for key in keys:
            found = self.values.get(key)
            if found:
                return key, found[0]
        return None

    def __contains__(self, key: object) -> bool:
        return key in self.values


def collect_meta_tags(root: HtmlElement, elements: Iterable[HtmlElement] | None = None) -> MetaTags:
    """The meta tags of the page `root`; `elements`: its <meta> elements, when the caller has
    listed them."""
    meta = MetaTags()
    for element in root.iter("meta") if elements is None else elements:
        prop = element.get("itemprop")
        if prop:
            parent = element.getparent()
            if parent is not None and parent.tag == "head" and parent.getparent() is root:
                meta.head_itemprops.append((element, prop))
        content = attribute(element, "content").strip()
        if not content:
            continue
        for name in _KEY_ATTRIBUTES:
            key = attribute(element, name).strip().lower()
            if key:
                meta.values.setdefault(key, []).append(content)
    return meta
