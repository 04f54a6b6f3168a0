"""Authors, one Found per person or organisation, best first.

Structured sources first (JSON-LD, the article item's microdata, meta tags); rel=author links
and other microdata next; byline elements last. A later source is consulted only while the
earlier ones name no person (only the site or another organisation), and people come before
organisations in the result. When structured data names people, the visible byline may still
add to them: the people a definition list's "Author" entry names; the co-authors of a byline
that names every structured author and more; the person behind a CMS account ("jane-doe").

Every candidate must read like a name (see name_shapes): nothing is better than junk, since a
label or half sentence taken for the author makes a correct citation look wrong. Visible bylines
are held to a stricter standard than structured data, as they are scraped from running text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from citecheck.extract.date_parsing import find_dates
from citecheck.extract.html_tree import (
    HtmlElement,
    attribute,
    class_and_id,
    element_text,
    is_inside,
    owning_item,
)
from citecheck.extract.name_shapes import (
    AGENCY_WORDS,
    COUNTRIES,
    ROLE_WORDS,
    NameKind,
    cut_at_label,
    is_acronym,
    is_lower_case_name,
    is_user_name,
    name_kind,
    unshout,
)
from citecheck.extract.parsed_page import ParsedPage
from citecheck.extract.publisher import site_keys
from citecheck.extract.structured_data import ARTICLE_TYPES, first_text, node_types, text_values
from citecheck.extract.text_cleaning import clean_text, squash
from citecheck.models import AuthorKind, Found, FoundAuthor
from citecheck.vocabulary import NAME_PARTICLES, ORGANISATION_WORDS


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_HEAD_AUTHOR_ITEMPROPS = frozenset({"author", "creator"})
_META_AUTHORS = (
    ("author", False),
    ("article:author", False),
    ("og:author", False),
    ("og:article:author", False),
    ("twitter:creator:name", False),
    ("citation_author", True),
    ("dc.creator", True),
    ("dcterms.creator", True),
    ("dc.contributor", True),
    ("parsely-author", False),
    ("cxenseparse:author", False),
    ("sailthru.author", False),
    ("byl", False),
)
_BY_PREFIX = re.compile(
    r"^(?:(?:written|posted|reported|published|story|text|words|compiled|artikel|beitrag|"
    r"veröffentlicht|geschrieben|publiziert|erstellt|publié|escrito|publicado)\s+)?"
    r"(?:by|von|par|por|door|af|av|autor(?:in|a)?|authors?|auteur|écrit par|text)\b\s*[:\-–]?\s*",
    re.IGNORECASE,
)
# The label a byline starts with, when no class marks it: "By ", "Von ", "Autor: ".
_BYLINE_LABEL = re.compile(
    r"^[\s|·•:–—-]*(?:by|von|par|por|autor(?:in)?|author|text|written by|geschrieben von)"
    r"(?:\s*:\s*|\s+|$)",
    re.IGNORECASE,
)
# What _BYLINE_LABEL allows before the label, and the letters the labels start with.
_LABEL_LEAD = " \t\n\r\f\v\xa0|·•:–—-"
_LABEL_INITIALS = frozenset("bvpatwgBVPATWG")
_NAME_SEPARATORS = re.compile(
    r"\s*(?:,|;|\||•|·|/|\s-\s|\s–\s|\s—\s|&|\band\b|\bund\b|\bet\b|\by\b|\bwith\b|\bmit\b)\s*",
    re.IGNORECASE,
)
# A definition term that introduces the article's authors.
_AUTHOR_TERM = re.compile(
    r"(?:authors?|auteurs?|autor(?:in|en|innen)?|autore|autori|by|von|par|written by)",
    re.IGNORECASE,
)
# Where a byline stops naming people: "... Published 3 hours ago", "... Updated Aug 14".
_BYLINE_END = re.compile(
    r"\s(?:published|updated|posted|on\s+(?:mon|tue|wed|thu|fri|sat|sun)|"
    r"veröffentlicht|aktualisiert|publié|publicado|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|diens|donners|frei|sams|sonn)tag|"
    r"mittwoch)\b.*$|(?:^|\s)\d.*$",
    re.IGNORECASE,
)
# The word before a date in a byline, which introduces it: "on", "am", "le", "el", "il", "op".
# Lower case only ("Minh Le 3 May" ends in a name), unless the whole byline is in capitals.
_DATE_PREPOSITION = re.compile(r"\s(?:on|at|am|um|vom|den|le|el|il|em|op|à)\s*$")
# What separates the parts of a dateline: "11.12.2019 - Jane Roe", "3 May | 13:10 | Jane Roe".
_DATELINE_PARTS = re.compile(r"\s+[|·•–—-]\s+|\s*\|\s*")
# The label of a Twitter card's data field that names the author.
_WRITTEN_BY = re.compile(
    r"(?:written|posted|verfasst|geschrieben|escrito|écrit|scritto|geschreven)\s+(?:by|von|por|par|da|door)"
    r"|autor(?:in)?|author|auteur|autore",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?:^|\s)@\w+")
# Credits for other work than writing: what follows is an editor, a photographer, a developer.
_NOT_AUTHOR_CREDIT = re.compile(
    r"(?:^|\s)(?:edited|developed|designed|illustrated|translated|produced|moderated|"
    r"photos?|photographs?|pictures?|images?|videos?|graphics?|fotos?|bilder?|übersetzt|"
    r"bearbeitet|herausgegeben|redigiert)\s+(?:by|von|par|por)\b.*$"
    # A translator's credit: "Übersetzung Jane Roe", "Translation: Jane Roe".
    r"|(?:^|\s)(?:übersetzung|translation|traduction|traducción|traduzione)\b.*$",
    re.IGNORECASE,
)
# Addresses in a byline ("Jane Roe (https://jane.example)") are never part of a name.
_ADDRESS = re.compile(r"\S+://\S*|\bwww\.\S+|\S+@\S+\.\S+")
_ROLE_WORDS = ROLE_WORDS | AGENCY_WORDS
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
_BYLINE_HINTS = ("byline", "author", "autor", "auteur", "writer", "creator", "contributor")
_NOT_BYLINE_HINTS = ("bio", "avatar", "photo", "image", "img", "more", "other", "follow")
_NAME_PUNCTUATION = frozenset(" .'’‐-")
# Classes of a quotation or its attribution, and of the blocks that credit a picture.
_QUOTATION_TAGS = ("blockquote", "q")
_QUOTATION_HINTS = ("quote", "testimonial", "zitat", "citation")
_OTHER_WORK_HINTS = ("caption", "license", "licence", "credit", "copyright", *_QUOTATION_HINTS)
_OTHER_WORK_DEPTH = 3
_PLACE_WITH_RIVER = re.compile(r"\s(?:a\.|am|an der|\()")  # "Frankfurt a. M.", "Halle (Saale)"
_SLUG_JOINERS = re.compile(r"[-_+]+")
_FOR_PUBLICATION = re.compile(r"\s+for\s+.*$", re.IGNORECASE)  # "Jane Roe for The Times"
_MAX_NAME_LENGTH = 60
_MAX_NAME_WORDS = 6
_MAX_BYLINE_TEXT = 150
_MAX_BYLINE_ELEMENTS = 8
_MIN_BYLINE_USER_NAME = 4


def find_authors(page: ParsedPage) -> list[FoundAuthor]:
    keys = site_keys(page)
    # Names JSON-LD types as organisations: "Springer Medizin" has the shape of a person's name.
    organisations: set[str] = set()
    microdata = microdata_authors_by_item(page)
    tiers: list[Callable[[], list[Found]]] = [
        # The article item's own microdata is as deliberate as JSON-LD, and more so than a
        # site-wide <meta name="author"> (which may hold keywords or the site's owner).
        lambda: json_ld_authors(page, organisations) + microdata.of_article + meta_authors(page),
        lambda: rel_author_links(page) + microdata.elsewhere,
        lambda: byline_authors(page),
    ]
    found: list[Found] = []
    for number, tier in enumerate(tiers):
        for candidate in tier():
            _add_unique(found, candidate)
        people = [item for item in found if _rank(item.value, keys, organisations) == 0]
        if people:
            if number == 0:
                _add_byline_people(page, found, people)
            break
    # People first, then organisations, then the site that published them; a CMS account
    # ("jane-doe") after the people a byline names.
    ranked = sorted(
        ((_rank(item.value, keys, organisations), item) for item in found),
        key=lambda pair: (pair[0], is_account_name(pair[1].value)),
    )
    return [FoundAuthor(item.value, item.source, _KIND_OF_RANK[rank]) for rank, item in ranked]


def author_kind(name: str) -> AuthorKind:
    """Whether `name` reads as a person's or an organisation's, by its words and shape."""
    return _KIND_OF_RANK[_rank(name)]


def is_account_name(name: str) -> bool:
    """A CMS login shown as the author ("sarah-doe", "jdoe"): one lower-case word."""
    return " " not in name and name == name.lower() and any(char.isalpha() for char in name)


def _add_byline_people(page: ParsedPage, found: list[Found], people: list[Found]) -> None:
    """Add to the structured data's authors (`people`) the people a definition list's "Author"
    entry names, and those a marked byline names when the structured data gives only a CMS
    account made from a name, or fewer people than the byline."""
    byline = [
        item
        for item in marked_byline_authors(page)
        if name_kind(item.value) is NameKind.PERSON
        and not any(is_acronym(word) for word in item.value.split())
    ]
    # A definition list's "Author" entry states who wrote the article as plainly as
    # structured data does: its people are added whatever the structured data says.
    for item in labelled_definition_authors(page):
        if name_kind(item.value) is NameKind.PERSON:
            _add_unique(found, item)
    if not byline:
        return
    if all(is_account_name(item.value) for item in people):
        if any(
            _is_same_account(item.value, account.value) for item in byline for account in people
        ):
            for item in byline:
                _add_unique(found, item)
        return
    # JSON-LD often holds only the account that posted the article ("By Jane Roe and John
    # Doe" under an author of Jane Roe); only a byline naming every structured author is
    # believed.
    byline_surnames = {_surname(item.value) for item in byline}
    if len(byline) > len(people) and all(
        _surname(item.value) in byline_surnames for item in people
    ):
        for item in byline:
            _add_unique(found, item)


def _is_same_account(name: str, account: str) -> bool:
    """Whether `account` is a login made from `name`, or a slug of joined words ("sarah-doe"),
    which the CMS shows when nobody typed in a display name."""
    return squash(name) == squash(account) or any(joiner in account for joiner in "-_.")


def _surname(name: str) -> str:
    words = name.casefold().split()
    return words[-1].strip(".,") if words else ""


_KIND_OF_RANK = (AuthorKind.PERSON, AuthorKind.ORGANISATION, AuthorKind.ORGANISATION)


def _rank(name: str, keys: Collection[str] = (), organisations: Collection[str] = ()) -> int:
    """0 for a person, 1 for an organisation or news agency, 2 for the site itself."""
    if squash(name) in keys:
        return 2
    words = [word.strip(".,:()").casefold() for word in name.split()]
    if name in organisations or any(word in AGENCY_WORDS for word in words):
        return 1
    return 1 if name_kind(name) is NameKind.ORGANISATION else 0


def json_ld_authors(page: ParsedPage, organisations: set[str] | None = None) -> list[Found]:
    """The author of the page's main JSON-LD node; `organisations` collects the names typed
    as organisations."""
    for node in page.structured.main_nodes(page.url):
        value = node.get("author") or node.get("creator")
        if value:
            named_organisations = organisations if organisations is not None else set()
            names = _json_ld_names(page, value, named_organisations)
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
    # Twitter's card label/data pairs, where SEO plugins state the author: twitter:label1
    # "Written by" with twitter:data1 "Jane Roe" (handles dropped).
    for number in "1234":
        label = page.meta.first(f"twitter:label{number}")
        data = page.meta.first(f"twitter:data{number}")
        if label and data and _WRITTEN_BY.fullmatch(label.strip()):
            value = _HANDLE.sub(" ", data)
            found.extend(Found(name, "meta:twitter:data") for name in clean_names(value))
    # <meta itemprop="author" content="..."> in the head: some templates state it there.
    for element, prop in page.meta.head_itemprops:
        if prop not in _HEAD_AUTHOR_ITEMPROPS:
            continue
        value = attribute(element, "content").strip()
        if value and not value.lower().startswith(("http:", "https:", "www.")):
            found.extend(Found(name, "meta:itemprop:author") for name in clean_names(value))
    return found


def rel_author_links(page: ParsedPage) -> list[Found]:
    found: list[Found] = []
    for link in page.body_index.rel_links:
        if "author" not in link.get("rel").lower().split() or page.in_boilerplate(link):
            continue
        found.extend(Found(name, "rel-author") for name in clean_names(element_text(link, 200)))
    return found


@dataclass
class MicrodataAuthors:
    of_article: list[Found] = field(default_factory=list)  # author properties of an Article
    elsewhere: list[Found] = field(default_factory=list)


def microdata_authors_by_item(page: ParsedPage) -> MicrodataAuthors:
    """Authors in microdata, apart by the item they belong to. An author property of an
    article item counts wherever the page prints it (a box of document details at the foot
    of the article): whether it is boilerplate is judged by where the item sits."""
    found = MicrodataAuthors()
    for element, prop in page.itemprop_elements:
        if "author" not in prop.split():
            continue
        item = owning_item(element)
        of_article = item is not None and _is_article_item(item)
        if page.in_boilerplate(item if of_article else element):
            continue
        name_element = element.find(".//*[@itemprop='name']")
        if name_element is not None:
            text = attribute(name_element, "content") or element_text(name_element, 200)
        else:
            text = attribute(element, "content") or element_text(element, 200)
        target = found.of_article if of_article else found.elsewhere
        target.extend(Found(name, "itemprop:author") for name in clean_names(text))
    return found


def _is_article_item(item: HtmlElement) -> bool:
    """A top-level article item: one nested as another item's property (a reference the
    article cites) is another work."""
    if item.get("itemprop") is not None:
        return False
    item_type = attribute(item, "itemtype").rstrip("/").rsplit("/", 1)[-1].lower()
    return item_type in ARTICLE_TYPES


def byline_authors(page: ParsedPage) -> list[Found]:
    """Names in elements marked as bylines, and, unless those name a person, in a short line
    labelled "By", "Von", ..."""
    found = marked_byline_authors(page)
    for item in labelled_definition_authors(page):
        _add_unique(found, item)
    if any(_rank(item.value) == 0 for item in found):
        return found
    labelled = (
        element
        for element, text in page.body_index.with_text
        if _starts_with_label(text) and element.tag != "body"
    )
    people = _names_in_elements(page, labelled, label_only_parent=True)
    if not any(_rank(item.value) == 0 for item in people):
        people += dateline_authors(page)
    return people + [item for item in found if item not in people]


def dateline_authors(page: ParsedPage) -> list[Found]:
    """The person a dateline beside the headline names: the element just before or after the
    page's first <h1> that holds a date and, set apart from it, one person's name and nothing
    else ("11.12.2019 - Jane Roe", "04.02.2022 | 13:10 | Jane Roe")."""
    for heading in page.body_index.tagged("h1"):
        if page.in_boilerplate(heading):
            continue
        for element in (heading.getprevious(), heading.getnext()):
            if element is None or not isinstance(element.tag, str) or len(element) > 2:
                continue
            text = element_text(element, limit=_MAX_BYLINE_TEXT + 1)
            if len(text) > _MAX_BYLINE_TEXT or not find_dates(text):
                continue
            # The date and time are parts with digits; the rest must be one person's name.
            words = [part for part in _DATELINE_PARTS.split(text) if part.strip()]
            rest = [part for part in words if not any(char.isdigit() for char in part)]
            if len(rest) != 1 or len(words) < 2:
                continue
            names = clean_names(rest[0], from_byline=True)
            whole = _BY_PREFIX.sub("", rest[0].strip(_LABEL_LEAD + "/")).casefold()
            if [name.casefold() for name in names] != [whole]:
                continue  # more than a name: "Jane Roe and more", "Jane Roe Potenzial für"
            if name_kind(names[0]) is NameKind.PERSON:
                return [Found(names[0], "byline")]
        return []
    return []


def labelled_definition_authors(page: ParsedPage) -> list[Found]:
    """Names in the <dd> after a <dt> that reads "Author" ("Auteur", "Autor", "By"): a box of
    the article's details laid out as a definition list."""
    found: list[Found] = []
    for term in page.body_index.tagged("dt"):
        label = element_text(term, limit=40).rstrip(" :")
        if not _AUTHOR_TERM.fullmatch(label) or page.in_boilerplate(term):
            continue
        definition = term.getnext()
        if definition is None or definition.tag != "dd":
            continue
        text = element_text(definition, limit=_MAX_BYLINE_TEXT + 1)
        if len(text) <= _MAX_BYLINE_TEXT:
            found.extend(Found(name, "byline") for name in clean_names(text, from_byline=True))
    return found


def marked_byline_authors(page: ParsedPage) -> list[Found]:
    """Names in the first elements whose class or id marks a byline ("byline", "author"), not
    a photo's credit or an author's biography."""
    # A generator: the credit test walks up from each element, and only the first few count.
    marked = (
        element
        for element in page.elements_hinting(_BYLINE_HINTS)
        if element.tag not in ("img", "body")
        and not any(word in class_and_id(element).lower() for word in _NOT_BYLINE_HINTS)
        and not _credits_other_work(element)
    )
    return _names_in_elements(page, marked, marked=True)


def _credits_other_work(element: HtmlElement) -> bool:
    """Whether `element` credits a picture or names the person a quotation is by (the
    attribution of a blockquote, a pull quote, a testimonial), not the article's author: it
    sits in a figure or a quotation, or it or a block around it has a class naming a caption,
    a licence or a quote."""
    if is_inside(element, _QUOTATION_TAGS):
        return True
    hints = class_and_id(element).lower()
    if any(word in hints for word in _QUOTATION_HINTS):
        return True
    node = element.getparent()
    for _ in range(_OTHER_WORK_DEPTH):
        if node is None:
            return False
        if node.tag in ("figure", "figcaption"):
            return True
        hints = class_and_id(node).lower()
        if any(word in hints for word in _OTHER_WORK_HINTS):
            return True
        node = node.getparent()
    return False


def _starts_with_label(text: str | None) -> bool:
    """Whether `text` starts with a byline label; most texts of a page are ruled out by their
    first letter, without the case-insensitive regex."""
    if not text:
        return False
    first = text.lstrip(_LABEL_LEAD)[:1]
    # Rarer white space than _LABEL_LEAD strips is left for the regex to judge.
    if first not in _LABEL_INITIALS and not first.isspace():
        return False
    return _BYLINE_LABEL.match(text) is not None


def _names_in_elements(
    page: ParsedPage,
    elements: Iterable[HtmlElement],
    label_only_parent: bool = False,
    marked: bool = False,
) -> list[Found]:
    """Names in the first few of `elements` that are not boilerplate: up to the first that
    names a person, gathering the organisations named before it."""
    found: list[Found] = []
    tried = 0
    for element in elements:
        if tried >= _MAX_BYLINE_ELEMENTS:
            break
        if page.in_boilerplate(element) or is_inside(element, _QUOTATION_TAGS):
            continue
        text = element_text(element, limit=_MAX_BYLINE_TEXT + 1)
        if label_only_parent and _BYLINE_LABEL.fullmatch(text):
            # <span>By</span> <span>Jane Doe</span>: the name is beside the label.
            parent = element.getparent()
            text = element_text(parent, limit=_MAX_BYLINE_TEXT + 1) if parent is not None else ""
        if not text or len(text) > _MAX_BYLINE_TEXT:
            continue
        tried += 1
        names = clean_names(text, from_byline=True, colon_ends_name=marked)
        for name in names:
            _add_unique(found, Found(name, "byline"))
        if any(_rank(name) == 0 for name in names):
            break
    return sorted(found, key=lambda item: _rank(item.value))


def clean_names(text: str, from_byline: bool = False, colon_ends_name: bool = False) -> list[str]:
    """The names in a byline: "By A, B and C | Staff Writers" -> [A, B, C]. `from_byline`:
    the text was read off the page, not from metadata, so a name must look like one without
    doubt (a person of two words or more, a known organisation, a lone user name).
    `colon_ends_name`: the text is an element marked as a byline, where a colon after the
    name starts another field."""
    text = _ADDRESS.sub(" ", clean_text(text))
    dates = find_dates(text)
    if dates:
        # "By Jane Roe on 3 May", "Von Hans Meier am 3. Mai", "Par Jean Roy le 3 mai": the
        # word that introduces the date goes with it.
        text = text[: dates[0].start]
        preposition = _DATE_PREPOSITION.search(text.lower() if text.isupper() else text)
        if preposition:
            text = text[: preposition.start()]
    text = _NOT_AUTHOR_CREDIT.sub("", text)
    text = _BYLINE_END.sub("", _BY_PREFIX.sub("", text.strip()))
    if colon_ends_name:
        # "By Jane Roe: EN": after the name, a colon starts another field of the byline.
        text = text.split(": ", 1)[0]
    parts = [_BY_PREFIX.sub("", part) for part in _NAME_SEPARATORS.split(text)]
    parts = _without_datelines([part.strip(" .,:;-–—()[]") for part in parts])
    alone = len(parts) == 1
    names = [_capitalise_initialled(unshout(cut_at_label(_strip_roles(part)))) for part in parts]
    people = [name for name in names if name and _acceptable(name, from_byline, alone)]
    if people:
        return people
    # Nobody but an organisation ("By Reuters", "Reuters Staff"): keep the organisation.
    return [unshout(part) for part in parts if _is_named_organisation(part, from_byline)]


def _capitalise_initialled(name: str) -> str:
    """ "e. roe", "J. I. da silva" -> "E. Roe", "J. I. da Silva": a name with initials written
    in lower case, as bylines are that CSS sets in capitals. Without an initial, lower case
    is how some people write their name, and is left alone."""
    words = name.split()
    if len(words) < 2 or not any(_is_initial_word(word) for word in words[:-1]):
        return name
    if not words[-1].isalpha() or not words[-1].islower() or words[-1] in NAME_PARTICLES:
        return name
    return " ".join(
        word if word in NAME_PARTICLES or word[:1].isupper() else word[:1].upper() + word[1:]
        for word in words
    )


def _is_initial_word(word: str) -> bool:
    return len(word) == 2 and word[0].isalpha() and word[1] == "."


def _acceptable(name: str, from_byline: bool, alone: bool) -> bool:
    """Whether `name`, one part of a byline, can stand as an author."""
    if not looks_like_name(name):
        return False
    kind = name_kind(name)
    if not from_byline:
        # A lower-case word beside other names is a piece of text, not an account name.
        return kind is not None or (alone and is_user_name(name)) or is_lower_case_name(name)
    if is_acronym(name):
        return True  # initials or a broadcaster ("LD", "NDR")
    if kind is NameKind.PERSON:
        # One capitalised word off a page is as often a label ("Invitation") as a name.
        return len(name.split()) >= 2 or _caseless(name)
    if kind is NameKind.ORGANISATION:
        return _has_organisation_word(name)
    # A lone account name ("jdoe") or lower-case name is what blogs print; among other words
    # it is text. Shorter ones are an editor's mark ("(red)", "(mwo)") or a photo credit.
    if not alone or len(name) < _MIN_BYLINE_USER_NAME:
        return False
    return (is_user_name(name) and not name[:1].isupper()) or is_lower_case_name(name)


def _is_named_organisation(part: str, from_byline: bool) -> bool:
    """An organisation or agency alone in a byline ("Reuters", "Reuters Staff")."""
    if not looks_like_name(part) or name_kind(part) is None:
        return False
    words = [word.strip(".,:()").casefold() for word in part.split()]
    if all(word in ROLE_WORDS for word in words):
        return False
    return (
        not from_byline
        or any(word in AGENCY_WORDS for word in words)
        or (_has_organisation_word(part))
    )


def _has_organisation_word(name: str) -> bool:
    return any(word.strip(".,:()").casefold() in ORGANISATION_WORDS for word in name.split())


def _caseless(name: str) -> bool:
    """A name in a script without capitals ("蔡健雅"), which shape tests cannot judge."""
    return all(not char.isalpha() or char.upper() == char.lower() for char in name)


def _without_datelines(parts: list[str]) -> list[str]:
    """Byline parts without a dateline: a country, and the one-word place before it
    ("Jane Roe, Frankfurt, Germany" -> ["Jane Roe"])."""
    kept: list[str] = []
    for part in parts:
        if part.casefold() not in COUNTRIES:
            kept.append(part)
        elif kept and (len(kept[-1].split()) == 1 or _is_place_abbreviated(kept[-1])):
            kept.pop()
    return kept


def _is_place_abbreviated(part: str) -> bool:
    """ "Frankfurt a. M.", "Halle (Saale)": a town with its river, before a country."""
    return bool(_PLACE_WITH_RIVER.search(part))


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
    words = _SLUG_JOINERS.sub(" ", segments[-1]).split()
    name = " ".join(word.capitalize() for word in words if word.isalpha())
    return name if looks_like_name(name) and " " in name else None


def _json_ld_names(page: ParsedPage, value: Any, organisations: set[str]) -> list[str]:
    value = page.structured.resolve(value)
    if isinstance(value, list):
        return [name for item in value[:30] for name in _json_ld_names(page, item, organisations)]
    if isinstance(value, str):
        if value.lower().startswith(("http:", "https:")):
            name = name_from_profile_url(value)
            return [name] if name else []
        return clean_names(value)
    if isinstance(value, dict):
        names = text_values(value.get("name")) or text_values(value.get("legalName"))
        if not names and ("givenName" in value or "familyName" in value):
            given = first_text(value.get("givenName")) or ""
            family = first_text(value.get("familyName")) or ""
            names = [f"{given} {family}".strip()]
        if "organization" in node_types(value):
            # An organisation's name is kept whole ("Marks and Spencer") when it reads as one.
            kept = [
                part
                for name in (clean_text(name) for name in names)
                for part in ([name] if _reads_as_one_name(name) else clean_names(name))
            ]
            organisations.update(kept)
            return kept
        return [person for name in names for person in clean_names(name)]
    return []


def _reads_as_one_name(name: str) -> bool:
    return looks_like_name(name) and name_kind(name) is not None


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
    part = _FOR_PUBLICATION.sub("", part.strip())
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
