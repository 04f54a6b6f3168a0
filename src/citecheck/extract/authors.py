"""Authors, one Found per person or organisation, best first.

Structured sources first (JSON-LD, meta tags); rel=author links and microdata next; byline
elements last, consulted only when the sources before them name nobody but the site itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote, urlsplit

from citecheck.extract.date_parsing import find_dates
from citecheck.extract.html_tree import (
    HtmlElement,
    attribute,
    class_and_id,
    element_text,
)
from citecheck.extract.parsed_page import ParsedPage
from citecheck.extract.publisher import site_keys
from citecheck.extract.structured_data import first_text, node_types, text_values
from citecheck.extract.text_cleaning import clean_text, squash
from citecheck.models import Found


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_META_AUTHORS = (
    ("author", False),
    ("article:author", False),
    ("citation_author", True),
    ("dc.creator", True),
    ("dcterms.creator", True),
    ("dc.contributor", True),
    ("parsely-author", False),
    ("sailthru.author", False),
    ("byl", False),
)
_BY_PREFIX = re.compile(
    r"^(?:(?:written|posted|reported|published|story|text|words|compiled|artikel|beitrag|"
    r"veröffentlicht|geschrieben|publiziert|erstellt|publié|escrito|publicado)\s+)?"
    r"(?:by|von|par|por|door|autor(?:in|a)?|authors?|auteur|écrit par|text)\b\s*[:\-–]?\s*",
    re.IGNORECASE,
)
# The label a byline starts with, when no class marks it: "By ", "Von ", "Autor: ".
_BYLINE_LABEL = re.compile(
    r"^[\s|·•:–—-]*(?:by|von|par|por|autor(?:in)?|author|text|written by|geschrieben von)"
    r"(?:\s*:\s*|\s+|$)",
    re.IGNORECASE,
)
_NAME_SEPARATORS = re.compile(
    r"\s*(?:,|;|\||•|·|/|\s-\s|\s–\s|\s—\s|&|\band\b|\bund\b|\bet\b|\by\b)\s*", re.IGNORECASE
)
# Where a byline stops naming people: "... Published 3 hours ago", "... Updated Aug 14".
_BYLINE_END = re.compile(
    r"\s(?:published|updated|posted|on\s+(?:mon|tue|wed|thu|fri|sat|sun)|"
    r"veröffentlicht|aktualisiert|publié|publicado)\b.*$|(?:^|\s)\d.*$",
    re.IGNORECASE,
)
# Addresses in a byline ("Jane Roe (https://jane.example)") are never part of a name.
_ADDRESS = re.compile(r"\S+://\S*|\bwww\.\S+|\S+@\S+\.\S+")
_GENERIC_ROLE_WORDS = _words(
    """
    writer writers reporter reporters correspondent correspondents editor editors
    contributor contributors contributing columnist journalist staff bureau chief senior
    editorial associate assistant deputy managing executive producer photographer analyst
    fellow director professor researcher intern news desk team agency wire wires press
    service services the of for at in a an and special political economics business sports
    science health technology international national foreign affairs digital online web
    content
    """
)
# News agencies: a name of their own when alone, a role when after a person's name.
_AGENCY_WORDS = _words(
    """
    reuters ap afp dpa upi ians pti ani efe ansa
    """
)
_ROLE_WORDS = _GENERIC_ROLE_WORDS | _AGENCY_WORDS
_NOT_NAMES = _words(
    """
    admin administrator staff editor editors unknown anonymous guest author authors
    webmaster user none null undefined news team contributor contributors by
    """
)
# Words of a byline's labels and widgets, never of a name.
_NOT_NAME_WORDS = _words(
    """
    posted published updated modified stand veröffentlicht publiziert aktualisiert erstellt
    geschrieben publié publicado actualizado last share teilen follow folgen sagt says said
    comment comments kommentar kommentare reply antworten read lesen more mehr min minutes
    minuten lesezeit photo foto fotos image bild video am um on at uhr no
    """
)
_AUTHOR_PATH_SEGMENTS = _words(
    """
    author authors by people staff profile profiles journalist journalists writer writers
    contributor contributors team experts expert autor autoren auteur
    """
)
_SOCIAL_HOSTS = ("facebook.", "twitter.", "x.com", "instagram.", "linkedin.", "t.me")
_DOMAIN_LIKE = re.compile(r"\b[\w-]+\.(?:com|org|net|edu|gov|co|io|info|de|fr|uk|es)\b", re.I)
_BYLINE_HINTS = ("byline", "author", "writer", "creator", "contributor")
_NOT_BYLINE_HINTS = ("bio", "avatar", "photo", "image", "img", "more", "other", "follow")
_NAME_PUNCTUATION = frozenset(" .'’‐-")
_MAX_NAME_LENGTH = 60
_MAX_NAME_WORDS = 6
_MAX_BYLINE_TEXT = 150
_MAX_BYLINE_ELEMENTS = 8


def find_authors(page: ParsedPage) -> list[Found]:
    keys = site_keys(page)
    found: list[Found] = []
    for tier in (_structured_authors, _linked_authors, byline_authors):
        for candidate in tier(page):
            _add_unique(found, candidate)
        if any(squash(item.value) not in keys for item in found):
            break
    # People before the organisation that published them.
    return sorted(found, key=lambda item: squash(item.value) in keys)


def _structured_authors(page: ParsedPage) -> list[Found]:
    return json_ld_authors(page) + meta_authors(page)


def _linked_authors(page: ParsedPage) -> list[Found]:
    return rel_author_links(page) + microdata_authors(page)


def json_ld_authors(page: ParsedPage) -> list[Found]:
    for node in page.structured.main_nodes(page.url):
        value = node.get("author") or node.get("creator")
        if value:
            names = _json_ld_names(page, value)
            if names:
                return [Found(name, "json-ld:author") for name in names]
    return []


def meta_authors(page: ParsedPage) -> list[Found]:
    found: list[Found] = []
    for key, one_per_tag in _META_AUTHORS:
        for value in page.meta.all(key)[:20]:
            if value.lower().startswith(("http:", "https:", "www.")):
                name = name_from_profile_url(value)
                names = [name] if name else []
            elif one_per_tag:
                names = clean_names(_inverted_name(value))
            else:
                names = clean_names(value)
            found.extend(Found(name, f"meta:{key}") for name in names)
    return found


def rel_author_links(page: ParsedPage) -> list[Found]:
    found: list[Found] = []
    for link in page.body.iterfind(".//a[@rel]"):
        if "author" not in attribute(link, "rel").lower().split() or page.in_boilerplate(link):
            continue
        found.extend(Found(name, "rel-author") for name in clean_names(element_text(link, 200)))
    return found


def microdata_authors(page: ParsedPage) -> list[Found]:
    found: list[Found] = []
    for element, prop in page.itemprop_elements:
        if "author" not in prop.split() or page.in_boilerplate(element):
            continue
        name_element = element.find(".//*[@itemprop='name']")
        if name_element is not None:
            text = attribute(name_element, "content") or element_text(name_element, 200)
        else:
            text = attribute(element, "content") or element_text(element, 200)
        found.extend(Found(name, "itemprop:author") for name in clean_names(text))
    return found


def byline_authors(page: ParsedPage) -> list[Found]:
    """Names in elements marked as bylines, else in a short line labelled "By", "Von", ..."""
    marked = [
        element
        for element in page.elements_hinting(_BYLINE_HINTS)
        if element.tag not in ("img", "body")
        and not any(word in class_and_id(element).lower() for word in _NOT_BYLINE_HINTS)
    ]
    found = _names_in_elements(page, marked)
    if found:
        return found
    labelled = (
        element
        for element in page.body.iter()
        if element.tag != "body" and _BYLINE_LABEL.match(element.text or "")
    )
    return _names_in_elements(page, labelled, label_only_parent=True)


def _names_in_elements(
    page: ParsedPage, elements: Iterable[HtmlElement], label_only_parent: bool = False
) -> list[Found]:
    found: list[Found] = []
    tried = 0
    for element in elements:
        if tried >= _MAX_BYLINE_ELEMENTS:
            break
        if page.in_boilerplate(element):
            continue
        text = element_text(element, limit=_MAX_BYLINE_TEXT + 1)
        if label_only_parent and _BYLINE_LABEL.fullmatch(text):
            # <span>By</span> <span>Jane Doe</span>: the name is beside the label.
            parent = element.getparent()
            text = element_text(parent, limit=_MAX_BYLINE_TEXT + 1) if parent is not None else ""
        if not text or len(text) > _MAX_BYLINE_TEXT:
            continue
        tried += 1
        found.extend(Found(name, "byline") for name in clean_names(text))
        if found:
            break
    return found


def clean_names(text: str) -> list[str]:
    """The names in a byline: "By A, B and C | Staff Writers" -> [A, B, C]."""
    text = _ADDRESS.sub(" ", clean_text(text))
    dates = find_dates(text)
    if dates:
        text = text[: dates[0].start]
    text = _BYLINE_END.sub("", _BY_PREFIX.sub("", text.strip()))
    parts = [_BY_PREFIX.sub("", part) for part in _NAME_SEPARATORS.split(text)]
    names = [_strip_roles(part) for part in parts]
    people = [name for name in names if name and looks_like_name(name)]
    if people:
        return people
    # Nobody but an organisation ("By Reuters", "Reuters Staff"): keep the organisation.
    return [
        part.strip(" .,:;-–—()[]")
        for part in parts
        if looks_like_name(part.strip(" .,:;-–—()[]"))
        and any(word.casefold() not in _GENERIC_ROLE_WORDS for word in part.split())
    ]


def looks_like_name(text: str) -> bool:
    """Whether `text` can be a person's or an organisation's name: no URL, e-mail, handle,
    number or sentence."""
    if not 2 <= len(text) <= _MAX_NAME_LENGTH or len(text.split()) > _MAX_NAME_WORDS:
        return False
    if "@" in text or "://" in text or "www." in text.lower() or _DOMAIN_LIKE.search(text):
        return False
    if not any(char.isalpha() for char in text) or not all(_is_name_char(c) for c in text):
        return False
    if text.casefold() in _NOT_NAMES:
        return False
    words = text.casefold().split()
    if any(word.strip(".:") in _NOT_NAME_WORDS for word in words):
        return False
    # Digits belong only to user names ("delta201"), never to a name of several words.
    return len(words) == 1 or not any(char.isdigit() for char in text)


def _is_name_char(char: str) -> bool:
    return char.isalnum() or char in _NAME_PUNCTUATION or unicodedata.category(char) == "Mn"


def name_from_profile_url(url: str) -> str | None:
    """'Salman Masood' from https://www.example.com/by/salman-masood; None for social
    profiles and URLs that name no one."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if any(social in host for social in _SOCIAL_HOSTS):
        return None
    segments = [unquote(segment) for segment in parts.path.split("/") if segment]
    if len(segments) < 2 or segments[-2].lower() not in _AUTHOR_PATH_SEGMENTS:
        return None
    words = re.sub(r"[-_+]+", " ", segments[-1]).split()
    name = " ".join(word.capitalize() for word in words if word.isalpha())
    return name if looks_like_name(name) and " " in name else None


def _json_ld_names(page: ParsedPage, value: Any) -> list[str]:
    value = page.structured.resolve(value)
    if isinstance(value, list):
        return [name for item in value[:30] for name in _json_ld_names(page, item)]
    if isinstance(value, str):
        if value.lower().startswith(("http:", "https:")):
            name = name_from_profile_url(value)
            return [name] if name else []
        return clean_names(value)
    if isinstance(value, dict):
        names = text_values(value.get("name"))
        if not names and ("givenName" in value or "familyName" in value):
            given = first_text(value.get("givenName")) or ""
            family = first_text(value.get("familyName")) or ""
            names = [f"{given} {family}".strip()]
        if "organization" in node_types(value):
            return [clean_text(name) for name in names if looks_like_name(clean_text(name))]
        return [person for name in names for person in clean_names(name)]
    return []


def _inverted_name(value: str) -> str:
    """'Zahid, Farhan' -> 'Farhan Zahid': scholarly tags hold one author each, family first."""
    text = clean_text(value)
    if text.count(",") == 1 and ";" not in text and " and " not in text:
        family, given = (part.strip() for part in text.split(","))
        if family and given and len(family.split()) <= 3 and len(given.split()) <= 3:
            return f"{given} {family}"
    return text


def _strip_roles(part: str) -> str:
    """Drop a role before or after a name: 'Staff Writer', 'for The Times', 'Reuters'."""
    part = re.sub(r"\s+for\s+.*$", "", part.strip(), flags=re.IGNORECASE)
    words = part.split()
    if words and all(word.strip(".,:()").casefold() in _ROLE_WORDS for word in words):
        return ""
    while len(words) > 2 and words[-1].strip(".,:()").casefold() in _ROLE_WORDS:
        words.pop()
    while len(words) > 2 and words[0].strip(".,:()").casefold() in _ROLE_WORDS:
        words.pop(0)
    return " ".join(words).strip(" .,:;-–—()[]")


def _add_unique(found: list[Found], candidate: Found) -> None:
    key = candidate.value.casefold()
    if all(item.value.casefold() != key for item in found):
        found.append(candidate)
