"""JSON-LD: every typed node of a page's ld+json scripts, flattened, with @id references resolved.

Pages nest their nodes in `@graph`, in lists, under `mainEntity`; some ship JSON that does not
parse (trailing commas, comments, raw newlines, two objects glued together). Broken scripts are
repaired where that is cheap and otherwise salvaged for their plain string fields.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from citecheck.extract.html_tree import HtmlElement, attribute
from citecheck.extract.text_cleaning import clean_text

JsonNode = dict[str, Any]

# Types whose node describes the article a page shows.
ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "askpublicnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "discussionforumposting",
        "report",
        "scholarlyarticle",
        "medicalscholarlyarticle",
        "techarticle",
        "apireference",
        "satiricalarticle",
        "advertisercontentarticle",
    }
)
# Other works a page can be about; weaker, since pages also embed them beside an article.
WORK_TYPES = frozenset(
    {
        "creativework",
        "thesis",
        "book",
        "chapter",
        "publicationissue",
        "dataset",
        "videoobject",
        "podcastepisode",
        "recipe",
        "howto",
        "review",
        "event",
        "product",
    }
)
# Media a page embeds beside its article (a video, a podcast player, a photo): the page's own
# work only when the node says it is about the page's address.
MEDIA_TYPES = frozenset(
    {"videoobject", "audioobject", "imageobject", "mediaobject", "clip", "podcastepisode"}
)
# Posts that articles embed as well as pages that are one.
_POSTING_TYPES = frozenset({"socialmediaposting"})
PAGE_TYPES = frozenset(
    {
        "webpage",
        "itempage",
        "aboutpage",
        "faqpage",
        "qapage",
        "profilepage",
        "collectionpage",
        "searchresultspage",
        "medicalwebpage",
        "realestatelisting",
    }
)
# What a node names itself by: a reference to a node carries none of these.
_NAMING_KEYS = frozenset({"name", "legalName", "givenName", "familyName", "headline"})
_NESTED_ENTITY_KEYS = ("mainEntity", "mainEntityOfPage", "@graph")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_WRAPPERS = re.compile(r"<!\[CDATA\[|\]\]>|<!--|-->|^\s*//.*$", re.MULTILINE)
# An author or publisher given whole: a string, an object without nested objects, or a list of
# such objects.
_SALVAGE_PARTY = re.compile(
    r'"(author|creator|publisher)"\s*:\s*('
    r'"(?:[^"\\]|\\.){1,300}"|\{[^{}]{1,2000}\}|\[(?:\s*\{[^{}]{1,2000}\}\s*,?)+\s*\])'
)
_SALVAGE_FIELD = re.compile(
    r'"(@type|headline|name|alternativeHeadline|datePublished|dateCreated|dateModified)"'
    r'\s*:\s*"((?:[^"\\]|\\.){1,1000})"'
)


@dataclass
class StructuredData:
    """The typed JSON-LD nodes of one page, in document order."""

    nodes: list[JsonNode] = field(default_factory=list)
    by_id: dict[str, JsonNode] = field(default_factory=dict)

    def resolve(self, value: Any) -> Any:
        """Follow a {"@id": ...} reference to the node it names, when the page has it: a
        reference may repeat the node's @type and address, but not its name."""
        if isinstance(value, dict) and "@id" in value and not _NAMING_KEYS & value.keys():
            target = self.by_id.get(str(value["@id"]))
            if target is not None:
                return target
        return value

    def main_nodes(self, url: str | None = None) -> list[JsonNode]:
        """Nodes describing the page itself: articles first (the one about `url` first), then
        other works, then web pages."""
        articles: list[JsonNode] = []
        works: list[JsonNode] = []
        pages: list[JsonNode] = []
        for node in self.nodes:
            types = node_types(node)
            if types & ARTICLE_TYPES:
                articles.append(node)
            elif types & MEDIA_TYPES:
                if url is None or _describes_url(node, url):
                    works.append(node)
            elif types & WORK_TYPES:
                works.append(node)
            elif types & PAGE_TYPES:
                pages.append(node)
        if len(articles) > 1:
            # The one about the page's address first; a social media post the article embeds
            # (a quoted tweet) after the article's own node.
            articles.sort(
                key=lambda node: (
                    not (url and _describes_url(node, url)),
                    bool(node_types(node) & _POSTING_TYPES),
                )
            )
        return articles + works + pages


def node_types(node: JsonNode) -> set[str]:
    """The node's @type names, lower-cased and without a schema.org prefix."""
    raw = node.get("@type")
    names = raw if isinstance(raw, list) else [raw]
    return {
        str(name).rsplit("/", 1)[-1].rsplit(":", 1)[-1].strip().lower()
        for name in names
        if isinstance(name, str)
    }


def text_values(value: Any) -> list[str]:
    """The plain strings of a JSON-LD value: a string, a list, or {"@value": ...}."""
    if isinstance(value, str):
        cleaned = clean_text(value)
        return [cleaned] if cleaned else []
    if isinstance(value, list):
        return [text for item in value for text in text_values(item)]
    if isinstance(value, dict) and "@value" in value:
        return text_values(value["@value"])
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [str(value)]
    return []


def first_text(value: Any) -> str | None:
    texts = text_values(value)
    return texts[0] if texts else None


def _describes_url(node: JsonNode, url: str) -> bool:
    wanted = _comparable_url(url)
    for key in ("url", "@id", "mainEntityOfPage"):
        value = node.get(key)
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if isinstance(value, str) and _comparable_url(value) == wanted:
            return True
    return False


def _comparable_url(url: str) -> str:
    return url.split("#", 1)[0].split("?", 1)[0].rstrip("/").split("://", 1)[-1].lower()


def collect_json_ld(scripts: Iterable[HtmlElement]) -> StructuredData:
    """The JSON-LD of a page's <script> elements."""
    data = StructuredData()
    for script in scripts:
        if "ld+json" not in attribute(script, "type").lower():
            continue
        text = script.text or ""
        if not text.strip():
            continue
        for document in parse_json_ld_text(text):
            for node in _walk(document, depth=0):
                data.nodes.append(node)
    # A node's name wins over a reference to it that repeats its type and address.
    named: dict[str, JsonNode] = {}
    for node in data.nodes:
        _index_ids(node, named, data.by_id, depth=0)
    data.by_id.update(named)
    return data


def parse_json_ld_text(text: str) -> list[Any]:
    """The JSON documents in one script's text; [] when nothing can be made of it."""
    try:
        return [json.loads(text, strict=False)]
    except (ValueError, RecursionError):  # RecursionError: nesting deeper than Python's stack
        pass
    if "&quot;" in text and '"' not in text:
        # Escaped for HTML by a template that did not know it writes a script ("{&quot;@type").
        return parse_json_ld_text(html.unescape(text))
    repaired = _TRAILING_COMMA.sub(r"\1", _BLOCK_COMMENT.sub("", _WRAPPERS.sub("", text))).strip()
    documents = _decode_concatenated(repaired)
    if documents:
        return documents
    # Unescaped quotes inside a string ('"articleBody": "He said "no" to it"'): escaped, the
    # fields around the broken one read whole.
    documents = _decode_concatenated(_escape_stray_quotes(repaired))
    if documents:
        return documents
    salvaged = _salvage(text)
    return [salvaged] if salvaged else []


def _decode_concatenated(text: str) -> list[Any]:
    decoder = json.JSONDecoder(strict=False)
    documents: list[Any] = []
    position = 0
    while position < len(text):
        while position < len(text) and text[position] in " \t\r\n;,":
            position += 1
        if position >= len(text):
            break
        try:
            document, position = decoder.raw_decode(text, position)
        except (ValueError, RecursionError):
            return documents
        documents.append(document)
    return documents


def _escape_stray_quotes(text: str) -> str:
    """`text` with every quote inside a string escaped unless it ends the string: a quote
    ends a string when what follows it (after white space) is , : } ] or the end."""
    out: list[str] = []
    in_string = False
    index, size = 0, len(text)
    while index < size:
        char = text[index]
        if in_string and char == "\\":
            out.append(text[index : index + 2])
            index += 2
            continue
        if char == '"':
            if not in_string:
                in_string = True
            else:
                following = index + 1
                while following < size and text[following] in " \t\r\n":
                    following += 1
                if following >= size or text[following] in ",:}]":
                    in_string = False
                else:
                    out.append('\\"')
                    index += 1
                    continue
        out.append(char)
        index += 1
    return "".join(out)


def _salvage(text: str) -> JsonNode | None:
    """A flat node from the string fields of JSON that would not parse, with its author and
    publisher where they are whole objects or lists of their own (whose inner fields, such as
    a person's name, are not the node's)."""
    node: JsonNode = {}
    party_spans: list[tuple[int, int]] = []
    for match in _SALVAGE_PARTY.finditer(text):
        party_spans.append(match.span())
        key = match.group(1)
        if key in node:
            continue
        fragment = _TRAILING_COMMA.sub(r"\1", match.group(2))
        try:
            node[key] = json.loads(fragment, strict=False)
        except (ValueError, RecursionError):
            continue
    for match in _SALVAGE_FIELD.finditer(text):
        key, raw = match.group(1), match.group(2)
        if key in node or any(start <= match.start() < end for start, end in party_spans):
            continue
        try:
            node[key] = json.loads(f'"{raw}"', strict=False)
        except ValueError:
            node[key] = raw
    return node if "@type" in node else None


def _walk(value: Any, depth: int) -> Iterator[JsonNode]:
    """Every typed node reachable through lists, @graph and mainEntity(OfPage)."""
    if depth > 8:
        return
    if isinstance(value, list):
        for item in value:
            yield from _walk(item, depth + 1)
        return
    if not isinstance(value, dict):
        return
    if "@type" in value:
        yield value
    for key in _NESTED_ENTITY_KEYS:
        nested = value.get(key)
        if isinstance(nested, dict | list):
            yield from _walk(nested, depth + 1)


def _index_ids(
    value: Any, named: dict[str, JsonNode], other: dict[str, JsonNode], depth: int
) -> None:
    """Record every node that carries both an @id and content, however deep it sits: in
    `named` those that give a name, in `other` the rest."""
    if depth > 8:
        return
    if isinstance(value, list):
        for item in value:
            _index_ids(item, named, other, depth + 1)
    elif isinstance(value, dict):
        identifier = value.get("@id")
        if isinstance(identifier, str) and _NAMING_KEYS & value.keys():
            named.setdefault(identifier, value)
        elif isinstance(identifier, str) and len(value) > 2:
            other.setdefault(identifier, value)
        for item in value.values():
            if isinstance(item, dict | list):
                _index_ids(item, named, other, depth + 1)
