"""HTML articles: footnote markup of blogs, newsletters and document converters.

Three ways a page ties a marker to its note, tried in turn:
1. linked markers: `<sup><a href="#fn1">1</a></sup>` pointing at the note's element (Pandoc and
   markdown-it `section.footnotes`, Ghost `fn:1`, Substack `footnote-anchor`, WordPress footnote
   blocks and plugins, Word's `_ftn1`/`_edn1`, Wikipedia's `cite_note-1`);
2. inline notes: the note's text next to its marker (Modern Footnotes' tooltip spans,
   `data-footnote-content` attributes);
3. no links at all: the page read as plain text (html_page_text.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

import lxml.etree  # type: ignore[import-untyped, unused-ignore]

from citecheck.extract.html_tree import HtmlElement, attribute
from citecheck.footnotes.article.citing_sentences import (
    MarkerRef,
    Segment,
    citing_sentences,
    clean_text,
)
from citecheck.footnotes.article.html_page_text import notes_from_page_text
from citecheck.footnotes.article.html_text import (
    BLOCK_TAGS,
    MARKER_END,
    MARKER_START,
    REMOVED_TAG,
    all_elements,
    block_text,
    contains,
    is_inside,
    list_ordinals,
    nearest_block,
    parse_fragment,
    parse_page,
    remove,
)
from citecheck.footnotes.article.markers import marker_values, strip_brackets
from citecheck.footnotes.article.notes import ArticleNotes, Citing, RawNote
from citecheck.footnotes.web_addresses import split_url, web_address
from citecheck.models import Article

# Words in ids and classes that name footnotes: "fn1", "fnref:2", "_ftn3", "cite_note-4",
# "footnote-anchor-5", "sup.fn" ("footer" and "comments" are not among them).
_NOTE_WORDS = frozenset(
    {
        "fn", "fnref", "ftn", "ftnref", "edn", "ednref", "note", "notes", "noteref", "ref",
        "refs", "reference", "references", "cite", "citation", "footnote", "footnotes",
        "footnoteref", "endnote", "endnotes", "endnoteref", "sidenote", "mfn",
    }
)  # fmt: skip
# Link targets that are page furniture or author affiliations, whatever their markup.
_NOT_NOTE_WORDS = frozenset(
    {
        "comment", "comments", "respond", "reply", "replies", "top", "content", "main", "nav",
        "menu", "search", "header", "footer", "share", "disqus", "aff", "affil", "affiliation",
        "affiliations", "corresp", "author", "authors", "page", "slide", "tab",
    }
)  # fmt: skip
_WORD_PARTS = re.compile(r"[^a-z]+")
_BACKLINK_CLASS = re.compile(
    r"back|revers|return|to-?top|footnote-number|mw-cite-backlink", re.IGNORECASE
)
# What a link back to the text shows: arrows, carets, "Back", "Return to text", "Jump up".
_BACKLINK_TEXT = re.compile(
    r"^[\s↩↑⇧⤴⬆︎️^↵⏎\[\]()]*$|^(?:back|return(?: to (?:text|article))?|jump up|top)$",
    re.IGNORECASE,
)
_INLINE_NOTE_CLASS = re.compile(r"footnote__note|footnote-content-inline|mfn-content", re.I)
_STAND_IN = re.compile(f"{MARKER_START}(\\d+){MARKER_END}")
_LONGEST_NOTE = 6000  # characters: a "note" longer than this is the article itself
_LEFTOVER_BRACKETS = re.compile(r"\s*(?:\[\s*\]|\(\s*\))")


@dataclass
class _Found:
    """Notes found so far, and the marker elements that cite them, in document order."""

    notes: dict[str, RawNote] = field(default_factory=dict)
    markers: list[tuple[HtmlElement, list[str]]] = field(default_factory=list)  # element, ids
    blocks: dict[str, HtmlElement] = field(default_factory=dict)  # note id -> its element
    block_set: set[HtmlElement] = field(default_factory=set)  # those elements
    removed: set[HtmlElement] = field(default_factory=set)  # back-links taken out, with content

    def add(self, note: RawNote, block: HtmlElement) -> None:
        self.notes[note.id] = note
        self.blocks[note.id] = block
        self.block_set.add(block)

    def in_a_note(self, element: HtmlElement) -> bool:
        return any(parent in self.block_set for parent in element.iterancestors())


def find_html_notes(html: str, base_url: str | None = None) -> ArticleNotes | None:
    """The notes of an HTML article, or None when it has no note list.

    `base_url` (the page's address) turns relative links inside notes into full URLs.
    """
    root = parse_page(html)
    if root is None:
        return None
    tags = all_elements(root)
    article = _article(tags)
    found = _Found()
    _linked_notes(tags, found, base_url)
    _inline_notes(tags, found, base_url)
    if not found.notes:
        return notes_from_page_text(root, article, base_url)
    notes = _in_document_order(tags, found)
    return ArticleNotes(article=article, notes=notes, citings=_citings(found))


def _in_document_order(tags: list[HtmlElement], found: _Found) -> list[RawNote]:
    """Notes in the order the page shows them (their list's order, else their markers')."""
    position = {tag: index for index, tag in enumerate(tags)}
    first_marker: dict[str, int] = {}
    for marker, note_ids in found.markers:
        for note_id in note_ids:
            first_marker.setdefault(note_id, position.get(marker, 0))

    def place(note: RawNote) -> int:
        block = found.blocks.get(note.id)
        if block is not None and block in position:
            return position[block]
        return first_marker.get(note.id, 0)

    return sorted(found.notes.values(), key=place)


# --------------------------------------------------------------------------- linked markers


def _linked_notes(tags: list[HtmlElement], found: _Found, base_url: str | None) -> None:
    by_id = _elements_by_id(tags)
    block_note: dict[HtmlElement, str] = {}  # a note's element -> the note's id
    for anchor in tags:
        if anchor.tag != "a" or anchor in found.removed or found.in_a_note(anchor):
            continue  # a back-link or a link inside a note
        parts = split_url(attribute(anchor, "href"))
        fragment = parts.fragment if parts is not None else ""
        if not fragment:
            continue
        token = strip_brackets(block_text(anchor))
        if not marker_values(token) or not _looks_like_note_ref(anchor, fragment):
            continue
        target = by_id.get(fragment)
        if target is None:
            found.markers.append((anchor, [token]))  # a marker whose note is missing
            continue
        block = _note_block(target, token) if target not in found.removed else None
        if block is None or any(parent is block for parent in anchor.iterancestors()):
            continue
        if block not in block_note:
            note = _note_from_block(block, token, base_url, found.removed)
            if note is None or note.id in found.notes:
                continue
            block_note[block] = note.id
            found.add(note, block)
        found.markers.append((anchor, [block_note[block]]))
    _add_uncited_list_items(found, base_url)


def _elements_by_id(tags: list[HtmlElement]) -> dict[str, HtmlElement]:
    """Link targets: ids, and the `<a name>` anchors of older pages (ids win)."""
    by_id: dict[str, HtmlElement] = {}
    for tag in tags:
        if tag.tag == "a" and tag.get("name") is not None:
            by_id.setdefault(attribute(tag, "name"), tag)
    for tag in tags:
        if tag.get("id") is not None:
            by_id[attribute(tag, "id")] = tag
    return by_id


def _looks_like_note_ref(anchor: HtmlElement, fragment: str) -> bool:
    """A footnote reference rather than a table-of-contents or "page 2" link."""
    if _words(fragment) & _NOT_NOTE_WORDS:
        return False
    if contains(anchor, "sup") or is_inside(anchor, "sup"):
        return True
    if _names_a_note(fragment) or block_text(anchor).startswith("["):
        return True
    near = [anchor, *islice(anchor.iterancestors(), 2)]
    return any(
        _names_a_note(attribute(tag, name)) for tag in near for name in ("class", "rel", "role")
    )


def _names_a_note(text: str) -> bool:
    return bool(_words(text) & _NOTE_WORDS)


def _words(text: str) -> set[str]:
    """The words of an id or class: "fnref:2" -> {"fnref"}, "cite_note-4" -> {"cite", "note"}."""
    return set(_WORD_PARTS.split(text.lower())) - {""}


def _note_block(target: HtmlElement, token: str) -> HtmlElement | None:
    """The element holding the note's text: the target itself, or the block around it."""
    block: HtmlElement | None = target
    while block is not None and (block.tag not in BLOCK_TAGS or not block_text(block)):
        block = block.getparent()
    if block is None or block.tag in {"body", "html", "article", "main"}:
        return None
    names_notes = _names_a_note(f"{attribute(block, 'id')} {attribute(block, 'class')}")
    listing = names_notes and block.tag in {"ol", "ul", "section"}
    items = list(block.iterdescendants("li")) if listing else []
    if len(items) >= 2:
        # The link points at the whole note list: the note is the item with the marker's number.
        numbers = [value.number for value in marker_values(token)]
        return items[numbers[0] - 1] if numbers and numbers[0] <= len(items) else None
    return block


def _note_from_block(
    block: HtmlElement, note_id: str, base_url: str | None, removed: set[HtmlElement]
) -> RawNote | None:
    """The note read from `block`, its back-links taken out of the tree (added to `removed`)."""
    for tag in list(block.iterdescendants(lxml.etree.Element)):
        if tag not in removed and _is_backlink(tag):
            removed.update(tag.iter())
            remove(tag)
    links = _links(block, base_url)
    text = _without_leading_marker(block_text(block), note_id)
    if not text or len(text) > _LONGEST_NOTE:
        return None
    return RawNote(note_id, text, links)


def _is_backlink(tag: HtmlElement) -> bool:
    if _BACKLINK_CLASS.search(attribute(tag, "class")):
        return True
    parts = split_url(attribute(tag, "href")) if tag.tag == "a" else None
    if parts is None or not parts.fragment:
        return False
    if parts.path.strip("/") and not attribute(tag, "href").startswith("#"):
        return False  # a link to another page that happens to carry a fragment
    text = block_text(tag)
    return bool(_BACKLINK_TEXT.match(text) or marker_values(strip_brackets(text)))


def _links(block: HtmlElement, base_url: str | None) -> list[str]:
    addresses = (web_address(attribute(a, "href"), base_url) for a in block.iterdescendants("a"))
    return list(dict.fromkeys(address for address in addresses if address))


def _without_leading_marker(text: str, note_id: str) -> str:
    """ "[1] Text", "1. Text", "1 Text": the note's own number is not part of its text."""
    pattern = rf"^[\[(]?{re.escape(note_id)}[\])]?(?:[.:)]\s*|\s+)"
    text = re.sub(pattern, "", text, count=1)
    return _LEFTOVER_BRACKETS.sub("", text).strip()


def _add_uncited_list_items(found: _Found, base_url: str | None) -> None:
    """Items of a numbered note list that no marker links to: notes without markers.

    Only when every cited item's id is its number in the list, so the others can be named so.
    """
    parents = (
        block.getparent()
        for block in found.blocks.values()
        if block.tag == "li" and block not in found.removed
    )
    lists = [note_list for note_list in dict.fromkeys(parents) if note_list is not None]
    for note_list in lists:
        items = note_list.findall("li")
        numbered = dict(zip(list_ordinals(note_list, len(items)), items, strict=True))
        cited = {block: note_id for note_id, block in found.blocks.items()}
        if any(cited.get(item, ordinal) != ordinal for ordinal, item in numbered.items()):
            continue
        for ordinal, item in numbered.items():
            if item in cited or ordinal in found.notes:
                continue
            note = _note_from_block(item, ordinal, base_url, found.removed)
            if note is not None:
                found.add(note, item)


# --------------------------------------------------------------------------- inline notes


def _inline_notes(tags: list[HtmlElement], found: _Found, base_url: str | None) -> None:
    for span in tags:
        if span in found.removed or not _INLINE_NOTE_CLASS.search(attribute(span, "class")):
            continue
        if found.in_a_note(span):
            continue
        marker = _inline_marker(span)
        token = strip_brackets(block_text(marker)) if marker is not None else ""
        note_id = token if marker_values(token) else attribute(span, "data-mfn").strip()
        if not note_id or note_id in found.notes:
            continue
        note = _note_from_block(span, note_id, base_url, found.removed)
        if note is None:
            continue
        found.add(note, span)
        found.markers.append((marker if marker is not None else span, [note_id]))
    for anchor in tags:
        if anchor in found.removed or anchor.get("data-footnote-content") is None:
            continue
        token = strip_brackets(block_text(anchor))
        if not marker_values(token) or token in found.notes:
            continue
        note = _note_from_attribute(attribute(anchor, "data-footnote-content"), token, base_url)
        if note is not None:
            found.notes[token] = note
            found.markers.append((anchor, [token]))


def _note_from_attribute(markup: str, note_id: str, base_url: str | None) -> RawNote | None:
    """A note whose markup is held in an attribute, read as a page of its own."""
    root = parse_fragment(markup)
    if root is None or _is_backlink(root):
        return None
    return _note_from_block(root, note_id, base_url, set())


def _inline_marker(span: HtmlElement) -> HtmlElement | None:
    """The superscript just before an inline note, which shows its number."""
    siblings = span.itersiblings(preceding=True)
    previous = next((sibling for sibling in siblings if sibling.tag != REMOVED_TAG), None)
    if previous is not None and previous.tag == "sup":
        return previous
    return None


# --------------------------------------------------------------------------- the citing sentences


def _citings(found: _Found) -> list[Citing]:
    """Each marker's sentence: its block's text, markers written as numbered stand-ins.

    The tree is left as it is; notes are skipped so that a note's text is never part of the
    sentence that cites it.
    """
    stand_ins: dict[HtmlElement, str] = {}  # a marker element -> its stand-in
    ids_by_marker: list[list[str]] = []
    owners: list[HtmlElement] = []  # each marker's block
    for marker, note_ids in _merged_markers(found.markers):
        block = nearest_block(marker) if marker not in found.removed else None
        if block is None or found.in_a_note(marker):
            continue
        stand_ins[marker] = f"{MARKER_START}{len(ids_by_marker)}{MARKER_END}"
        ids_by_marker.append(note_ids)
        owners.append(block)
    by_marker: dict[int, list[Citing]] = {}
    for block in dict.fromkeys(owners):
        text = block_text(block, skip=found.block_set, stand_ins=stand_ins)
        segments = _segments(text, ids_by_marker, owners, block)
        sentences = citing_sentences(segments.parts)
        for (index, note_id), (_, sentence) in zip(segments.refs, sentences, strict=True):
            by_marker.setdefault(index, []).append(Citing(note_id, sentence))
    return [citing for index in sorted(by_marker) for citing in by_marker[index]]


def _merged_markers(
    markers: list[tuple[HtmlElement, list[str]]],
) -> list[tuple[HtmlElement, list[str]]]:
    """One entry per marker element, even when two ways of reading it both found it."""
    merged: dict[HtmlElement, tuple[HtmlElement, list[str]]] = {}
    for marker, note_ids in markers:
        _, known = merged.setdefault(marker, (marker, []))
        known.extend(note_id for note_id in note_ids if note_id not in known)
    return list(merged.values())


@dataclass
class _Segments:
    parts: list[Segment]
    refs: list[tuple[int, str]]  # (stand-in number, note id) of each MarkerRef in `parts`


def _segments(
    text: str, ids: list[list[str]], owners: list[HtmlElement], block: HtmlElement
) -> _Segments:
    """The block's text cut at its own markers; those of blocks inside it are just dropped."""
    parts: list[Segment] = []
    refs: list[tuple[int, str]] = []
    position = 0
    for match in _STAND_IN.finditer(text):
        parts.append(text[position : match.start()])
        index = int(match.group(1))
        if owners[index] is block:
            parts.extend(MarkerRef(note_id) for note_id in ids[index])
            refs.extend((index, note_id) for note_id in ids[index])
        position = match.end()
    parts.append(text[position:])
    return _Segments(parts, refs)


# --------------------------------------------------------------------------- the article


def _article(tags: list[HtmlElement]) -> Article:
    heading = next((tag for tag in tags if tag.tag == "h1"), None)
    byline = next((tag for tag in tags if "author" in attribute(tag, "rel").split()), None)
    metas = [tag for tag in tags if tag.tag == "meta"]
    page_title = next((tag for tag in tags if tag.tag == "title"), None)
    title = (
        _meta(metas, "property", "og:title")
        or (block_text(heading) if heading is not None else None)
        or (clean_text("".join(page_title.itertext())).strip() if page_title is not None else None)
    )
    author = _meta(metas, "name", "author") or (block_text(byline) if byline is not None else None)
    return Article(title=title or None, author=author or None)


def _meta(metas: list[HtmlElement], key: str, value: str) -> str | None:
    tag = next((meta for meta in metas if attribute(meta, key) == value), None)
    if tag is None:
        return None
    content = clean_text(attribute(tag, "content")).strip()
    if not content or content.lower().startswith(("http://", "https://")):
        return None
    return content
